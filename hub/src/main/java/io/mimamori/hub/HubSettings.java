package io.mimamori.hub;

import io.mimamori.config.ConfigProblem;
import io.mimamori.outbox.OutboxSettings;
import io.mimamori.pipeline.PipelineSettings;
import io.mimamori.lifecycle.LifecycleSettings;
import java.time.Duration;
import org.apache.camel.util.TimeUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The hub's effective settings: directories and properties, merged from (lowest first) the
 * built-in defaults, {@code CONFIG/application.properties}, environment variables and the
 * command line. Every property can be set from the environment under its upper-case name with
 * dots as underscores ({@code mimamori.api.maxAlerts} from {@code MIMAMORI_API_MAXALERTS}).
 */
public final class HubSettings {
    public static final String CONFIG_DIR = "mimamori.config.dir";
    public static final String ROUTES_DIR = "mimamori.routes.dir";
    public static final String PROPERTIES_FILE = "application.properties";

    private final Path configDir;
    private final Path routesDir;
    private final Path dataDir;
    private final Map<String, String> properties;
    private final List<ConfigProblem> problems;

    private HubSettings(Path configDir, Path routesDir, Path dataDir, Map<String, String> properties,
                        List<ConfigProblem> problems) {
        this.configDir = configDir;
        this.routesDir = routesDir;
        this.dataDir = dataDir;
        this.properties = properties;
        this.problems = problems;
    }

    /**
     * @param configDir   --config, or null for the environment's MIMAMORI_CONFIG_DIR or ./config
     * @param routesDir   --routes, or null likewise (MIMAMORI_ROUTES_DIR, ./routes)
     * @param dataDir     --data-dir, or null likewise (MIMAMORI_DATA_DIR, ./data)
     * @param commandLine --set key=value pairs
     * @param env         the process environment
     */
    public static HubSettings resolve(Path configDir, Path routesDir, Path dataDir, Map<String, String> commandLine,
                                      Map<String, String> env) {
        List<ConfigProblem> problems = new ArrayList<>();
        Path config = dir(configDir, env.get("MIMAMORI_CONFIG_DIR"), "config");
        Path routes = dir(routesDir, env.get("MIMAMORI_ROUTES_DIR"), "routes");
        Path data = dir(dataDir, env.get("MIMAMORI_DATA_DIR"), "data");

        Map<String, String> props = new TreeMap<>();
        loadDefaults(props);
        Path file = config.resolve(PROPERTIES_FILE);
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(new ConfigProblem(file.toString(), 0, "cannot read: " + e.getMessage()));
            }
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).trim()));
        } else if (!Files.isDirectory(config)) {
            problems.add(new ConfigProblem(config.toString(), 0,
                    "config directory does not exist: create it or point --config at the right one"));
        }
        for (String key : List.copyOf(props.keySet())) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                props.put(key, fromEnv);
            }
        }
        props.putAll(commandLine);
        props.put(CONFIG_DIR, config.toString());
        props.put(ROUTES_DIR, routes.toString());
        props.put(PipelineSettings.DATA_DIR, data.toString());
        if (props.getOrDefault(PipelineSettings.SITE, "").isBlank()) {
            props.put(PipelineSettings.SITE, localHostName());
        }
        return new HubSettings(config, routes, data, props, problems);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Path dir(Path option, String fromEnv, String fallback) {
        Path p = option != null ? option : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of(fallback);
        return p.toAbsolutePath().normalize();
    }

    private static void loadDefaults(Map<String, String> props) {
        try (InputStream in = HubSettings.class.getResourceAsStream("/mimamori-defaults.properties")) {
            Properties p = new Properties();
            p.load(in);
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).trim()));
        } catch (IOException e) {
            throw new IllegalStateException("the hub jar lacks mimamori-defaults.properties", e);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public Path configDir() {
        return configDir;
    }

    public Path routesDir() {
        return routesDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Every effective property, sorted by key. */
    public Map<String, String> properties() {
        return properties;
    }

    public String get(String key) {
        return properties.get(key);
    }

    /** Problems found while reading the settings themselves (unreadable file, missing directory). */
    public List<ConfigProblem> problems() {
        return problems;
    }

    public PipelineSettings pipeline() {
        return new PipelineSettings(get(PipelineSettings.DEFAULT_TENANT), get(PipelineSettings.SITE), dataDir,
                Integer.parseInt(get(PipelineSettings.STORE_CAPACITY)),
                new OutboxSettings(Boolean.parseBoolean(get(OutboxSettings.FSYNC)),
                        Integer.parseInt(get(OutboxSettings.QUEUE_CAPACITY)),
                        TimeUtils.toDuration(get(OutboxSettings.RETENTION)),
                        TimeUtils.toDuration(get(OutboxSettings.DEAD_LETTER_RETENTION)),
                        Duration.ofMinutes(1)),
                lifecycle());
    }

    /**
     * The lifecycle settings; {@code mimamori.lifecycle.renotifyEvery.ROUTE} and
     * {@code mimamori.lifecycle.silentAfter.ROUTE} give per-route values.
     *
     * @throws IllegalArgumentException naming the offending key first
     */
    public LifecycleSettings lifecycle() {
        return new LifecycleSettings(duration(LifecycleSettings.RENOTIFY_EVERY),
                perRoute(LifecycleSettings.RENOTIFY_EVERY + "."), duration(LifecycleSettings.EARLY_CLEAR_GRACE),
                integer(LifecycleSettings.FLAP_CHANGES), duration(LifecycleSettings.FLAP_WINDOW),
                duration(LifecycleSettings.FLAP_STABLE_FOR), perRoute(LifecycleSettings.SILENT_AFTER + "."),
                integer(LifecycleSettings.CACHED_CONDITIONS));
    }

    private Duration duration(String key) {
        String v = get(key);
        try {
            return "0".equals(v.trim()) ? Duration.ZERO : TimeUtils.toDuration(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " is '" + v + "'; use a duration such as 30s, 5m, 4h or 0");
        }
    }

    private int integer(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
        }
    }

    private Map<String, Duration> perRoute(String prefix) {
        Map<String, Duration> out = new java.util.LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), duration(k));
            }
        });
        return out;
    }
}
