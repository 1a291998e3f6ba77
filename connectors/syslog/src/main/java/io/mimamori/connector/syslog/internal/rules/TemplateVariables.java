package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.connector.syslog.SyslogMessage;
import java.util.Locale;
import java.util.function.Function;

/**
 * The values of template variables for one matched message. A named group of the matching
 * regex comes first, so a rule can take, say, the host out of a relayed message's text.
 */
final class TemplateVariables implements Function<String, String> {
    private final SyslogMessage message;
    private final String host;
    private final String ip;
    private final Captures captures;

    TemplateVariables(SyslogMessage message, String host, String ip, Captures captures) {
        this.message = message;
        this.host = host;
        this.ip = ip;
        this.captures = captures;
    }

    @Override
    public String apply(String name) {
        String captured = captures.get(name);
        if (captured != null) {
            return captured;
        }
        return switch (name) {
            case "host" -> host;
            case "ip" -> ip;
            case "appName" -> message.appName();
            case "procId" -> message.procId();
            case "msgId" -> message.msgId();
            case "facility" -> SyslogNames.facility(message.facility());
            case "severity" -> SyslogNames.severity(message.severity());
            case "message" -> message.message();
            case "format" -> formatName(message.format());
            default -> structuredData(name);
        };
    }

    static String formatName(SyslogMessage.Format format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    private String structuredData(String name) {
        if (!RuleFileReader.isSdVariable(name)) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return message.sdValue(name.substring(3, dot), name.substring(dot + 1));
    }
}
