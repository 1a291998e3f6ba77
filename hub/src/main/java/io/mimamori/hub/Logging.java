package io.mimamori.hub;

/**
 * Chooses the log layout before the first logger exists: {@code mimamori.log.format=json} gives one
 * JSON object per line (for log shippers), {@code text} a human layout.
 */
final class Logging {
    private Logging() {
    }

    static void configure(HubSettings settings) {
        String format = settings.get("mimamori.log.format");
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile",
                    "json".equalsIgnoreCase(format) ? "log4j2-json.xml" : "log4j2.xml");
        }
        String level = settings.get("mimamori.log.level");
        if (level != null) {
            System.setProperty("mimamori.log.level", level);
        }
    }
}
