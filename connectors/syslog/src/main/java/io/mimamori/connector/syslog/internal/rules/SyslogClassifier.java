package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.RawPayload;
import io.mimamori.alert.Status;
import io.mimamori.config.Template;
import io.mimamori.connector.syslog.SyslogMessage;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns received syslog frames into alert drafts with a {@link SyslogRules} set. Thread-safe and
 * allocation-light: it runs for every received message on the I/O threads.
 */
public final class SyslogClassifier {

    /** The {@code rule} label of an alert made by the severity threshold rather than a rule. */
    public static final String THRESHOLD_RULE = "unmatched-threshold";

    private static final Template DEFAULT_SUMMARY = Template.compile(RuleFileReader.DEFAULT_SUMMARY);
    private static final int DEDUP_MESSAGE_MAX = 120;

    private final SyslogRules rules;
    private final int alwaysAlertAtOrAbove;
    private final String connectorName;
    private final String routeName;
    private final int rawCap;

    /**
     * @param alwaysAlertAtOrAbove syslog severity 0..7: an unmatched message whose severity number is
     *                             at most this still becomes an alert (2 = emerg, alert and crit);
     *                             -1 disables that
     * @param connectorName        the connector's name, for {@link AlertSource#connector()}
     * @param routeName            the input's name in the route files, for {@link AlertSource#route()}
     * @param rawCap               bytes of the raw frame kept in the alert
     */
    public SyslogClassifier(SyslogRules rules, int alwaysAlertAtOrAbove, String connectorName, String routeName,
            int rawCap) {
        if (alwaysAlertAtOrAbove < -1 || alwaysAlertAtOrAbove > 7) {
            throw new IllegalArgumentException("alwaysAlertAtOrAbove must be a syslog severity 0..7 or -1 (off), not "
                    + alwaysAlertAtOrAbove);
        }
        if (rawCap < 0) {
            throw new IllegalArgumentException("rawCap must not be negative: " + rawCap);
        }
        this.rules = Objects.requireNonNull(rules, "rules");
        this.alwaysAlertAtOrAbove = alwaysAlertAtOrAbove;
        this.connectorName = Objects.requireNonNull(connectorName, "connectorName");
        this.routeName = routeName;
        this.rawCap = rawCap;
    }

    /**
     * The alert draft for {@code event}, with tenant, site, fingerprint and id left for the core to
     * fill; or null when no rule matched and the message is less urgent than the threshold.
     */
    public Alert classify(SyslogEvent event) {
        SyslogMessage m = event.message();
        String host = hostOf(event);
        SyslogRules.Hit hit = rules.find(m, host);
        if (hit != null) {
            return fromRule(event, hit, host, ipOf(event.peer()));
        }
        if (m.severity() >= 0 && m.severity() <= alwaysAlertAtOrAbove) {
            return fromThreshold(event, host, ipOf(event.peer()));
        }
        return null;
    }

    /** The rule entry that decides {@code event}, or null when none matches; for rule tests' coverage. */
    Entry matchedEntry(SyslogEvent event) {
        SyslogRules.Hit hit = rules.find(event.message(), hostOf(event));
        return hit == null ? null : hit.entry();
    }

    /** HOSTNAME, or the peer address when the frame has none; the address is formatted only then. */
    private static String hostOf(SyslogEvent event) {
        String hostname = event.message().hostname();
        return hostname != null ? hostname : ipOf(event.peer());
    }

    private Alert fromRule(SyslogEvent event, SyslogRules.Hit hit, String host, String ip) {
        Entry entry = hit.entry();
        Rule rule = entry.rule();
        SyslogMessage m = event.message();
        TemplateVariables variables = new TemplateVariables(m, host, ip, hit.captures());
        Alert.Builder b = common(event, variables.apply("host"), ip)
                .status(entry.isClear() ? Status.RESOLVED : Status.FIRING)
                .severity(rule.severity() != null ? rule.severity() : SyslogNames.alertSeverity(m.severity()))
                .layer(rule.layer())
                .event(rule.event())
                .resource(rule.resource().render(variables))
                .summary(entry.summary().render(variables))
                .dedupKey(rule.dedupKey().render(variables))
                .detail("syslog", details(m, rule.id()));
        rule.labels().forEach((name, template) -> {
            String value = template.render(variables);
            if (!value.isEmpty()) {
                b.label(name, value);
            }
        });
        if (rule.runbook() != null) {
            String href = rule.runbook().render(variables);
            if (!href.isEmpty()) {
                b.link(href, "runbook");
            }
        }
        if (!entry.isClear()) {
            b.timeoutSeconds(rule.timeoutSeconds());
        }
        return b.build();
    }

    private Alert fromThreshold(SyslogEvent event, String host, String ip) {
        SyslogMessage m = event.message();
        TemplateVariables variables = new TemplateVariables(m, host, ip, Captures.NONE);
        String appName = m.appName() != null ? m.appName() : "-";
        return common(event, host, ip)
                .status(Status.FIRING)
                .severity(SyslogNames.alertSeverity(m.severity()))
                .layer(m.facility() == 0 ? Layer.OS : Layer.UNKNOWN)
                .event("syslog-" + SyslogNames.severity(m.severity()))
                .resource(host)
                .summary(DEFAULT_SUMMARY.render(variables))
                .dedupKey("syslog/" + (host != null ? host : "-") + "/" + appName + "/" + dedupText(m.message()))
                .label("rule", THRESHOLD_RULE)
                .detail("syslog", details(m, null))
                .build();
    }

    private Alert.Builder common(SyslogEvent event, String host, String ip) {
        SyslogMessage m = event.message();
        InetSocketAddress peer = event.peer();
        String peerText = peer == null ? null
                : (peer.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + peer.getPort();
        return Alert.builder()
                .host(host)
                .ip(ip)
                .sourceSeverity(SyslogNames.severity(m.severity()))
                .source(new AlertSource(connectorName, routeName, peerText, event.receivedAt(),
                        m.timestamp() == null ? null : m.timestamp().toInstant()))
                .raw(event.rawText() == null ? null : RawPayload.text("text/plain", event.rawText(), rawCap));
    }

    /**
     * The message as a dedup key part: every run of digits becomes '#', so repeats of one line that
     * differ only in counters, pids or addresses share a key.
     */
    private static String dedupText(String message) {
        StringBuilder sb = new StringBuilder(Math.min(message.length(), DEDUP_MESSAGE_MAX));
        boolean inDigits = false;
        for (int i = 0; i < message.length() && sb.length() < DEDUP_MESSAGE_MAX; i++) {
            char c = message.charAt(i);
            if (c >= '0' && c <= '9') {
                if (!inDigits) {
                    sb.append('#');
                }
                inDigits = true;
            } else {
                sb.append(c);
                inDigits = false;
            }
        }
        if (sb.length() == DEDUP_MESSAGE_MAX && Character.isHighSurrogate(sb.charAt(DEDUP_MESSAGE_MAX - 1))) {
            sb.setLength(DEDUP_MESSAGE_MAX - 1);
        }
        return sb.toString();
    }

    private static Map<String, Object> details(SyslogMessage m, String ruleId) {
        Map<String, Object> syslog = new LinkedHashMap<>();
        putIfPresent(syslog, "facility", SyslogNames.facility(m.facility()));
        putIfPresent(syslog, "severity", SyslogNames.severity(m.severity()));
        putIfPresent(syslog, "appName", m.appName());
        putIfPresent(syslog, "procId", m.procId());
        putIfPresent(syslog, "msgId", m.msgId());
        syslog.put("format", TemplateVariables.formatName(m.format()));
        if (!m.structuredData().isEmpty()) {
            syslog.put("structuredData", structuredData(m.structuredData()));
        }
        putIfPresent(syslog, "rule", ruleId);
        putIfPresent(syslog, "parseError", m.parseError());
        return Collections.unmodifiableMap(syslog);
    }

    /** {@code {sdId: {param: value}}}; a parameter given more than once keeps all values as a list. */
    private static Map<String, Map<String, Object>> structuredData(List<SyslogMessage.SdElement> elements) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (SyslogMessage.SdElement element : elements) {
            Map<String, Object> params = out.computeIfAbsent(element.id(), k -> new LinkedHashMap<>());
            for (SyslogMessage.SdParam p : element.params()) {
                params.merge(p.name(), p.value(), SyslogClassifier::appendValue);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object appendValue(Object earlier, Object value) {
        List<Object> values;
        if (earlier instanceof List<?>) {
            values = (List<Object>) earlier;
        } else {
            values = new ArrayList<>();
            values.add(earlier);
        }
        values.add(value);
        return values;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String ipOf(InetSocketAddress peer) {
        if (peer == null) {
            return null;
        }
        InetAddress address = peer.getAddress();
        return address != null ? address.getHostAddress() : peer.getHostString();
    }
}
