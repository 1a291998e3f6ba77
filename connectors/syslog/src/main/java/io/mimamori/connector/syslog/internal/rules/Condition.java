package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.connector.syslog.SyslogMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiled {@code match:} of a rule or of a clear. All given conditions must hold; cheap
 * ones are tested first and the message regexes last, as they cost the most.
 */
final class Condition {

    /** One {@code sd:} condition: the value of SD-PARAM {@code param} in SD-ELEMENT {@code sdId}. */
    record SdCondition(String sdId, String param, Pattern[] values) {
    }

    /** Bit n set: facility n is accepted; 0 accepts any facility. */
    private final int facilityMask;
    /** Highest (least urgent) accepted severity number, or -1 to accept any. */
    private final int maxSeverity;
    /** The APP-NAMEs accepted verbatim, or null when appName is a regex or absent. */
    private final String[] appNameLiterals;
    private final Pattern[] appNames;
    private final Pattern[] hosts;
    private final Pattern[] msgIds;
    private final SdCondition[] sd;
    private final MessagePattern[] messages;

    Condition(int facilityMask, int maxSeverity, String[] appNameLiterals, Pattern[] appNames, Pattern[] hosts,
            Pattern[] msgIds, SdCondition[] sd, MessagePattern[] messages) {
        this.facilityMask = facilityMask;
        this.maxSeverity = maxSeverity;
        this.appNameLiterals = appNameLiterals;
        this.appNames = appNames;
        this.hosts = hosts;
        this.msgIds = msgIds;
        this.sd = sd;
        this.messages = messages;
    }

    /** The APP-NAMEs this condition accepts verbatim, or null when it is not limited to a fixed set. */
    String[] appNameLiterals() {
        return appNameLiterals == null ? null : appNameLiterals.clone();
    }

    /**
     * Tests {@code m}, whose host (HOSTNAME or else the peer address) is {@code host}.
     *
     * @return the named groups of the message regex that matched, or null when a condition fails
     */
    Captures test(SyslogMessage m, String host) {
        if (facilityMask != 0 && (m.facility() < 0 || (facilityMask & (1 << m.facility())) == 0)) {
            return null;
        }
        if (maxSeverity >= 0 && (m.severity() < 0 || m.severity() > maxSeverity)) {
            return null;
        }
        if (appNameLiterals != null && !isOneOf(m.appName(), appNameLiterals)) {
            return null;
        }
        if (!matchesWhole(appNames, m.appName()) || !matchesWhole(msgIds, m.msgId())
                || !matchesWhole(hosts, host)) {
            return null;
        }
        for (SdCondition c : sd) {
            if (!matchesWhole(c.values(), m.sdValue(c.sdId(), c.param()))) {
                return null;
            }
        }
        if (messages.length == 0) {
            return Captures.NONE;
        }
        String text = m.message();
        for (MessagePattern p : messages) {
            if (p.requiredText() != null && !text.contains(p.requiredText())) {
                continue;
            }
            Matcher matcher = p.pattern().matcher(text);
            if (matcher.find()) {
                return Captures.of(p.groups(), matcher);
            }
        }
        return null;
    }

    private static boolean isOneOf(String value, String[] literals) {
        if (value == null) {
            return false;
        }
        for (String literal : literals) {
            if (literal.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** True when there is no condition, or {@code value} is present and one regex matches all of it. */
    private static boolean matchesWhole(Pattern[] patterns, String value) {
        if (patterns.length == 0) {
            return true;
        }
        if (value == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }
}
