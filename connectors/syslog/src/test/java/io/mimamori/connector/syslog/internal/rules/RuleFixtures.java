package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.SyslogMessage.Format;
import io.mimamori.connector.syslog.SyslogMessage.SdElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Messages, events and rule directories for the rule engine's tests. */
final class RuleFixtures {
    static final Instant RECEIVED_AT = Instant.parse("2025-11-24T05:10:01Z");
    static final OffsetDateTime SENT_AT = OffsetDateTime.parse("2025-11-24T05:10:00Z");
    static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 40514);

    static final int KERN = 0;
    static final int DAEMON = 3;
    static final int AUTHPRIV = 10;
    static final int LOCAL0 = 16;
    static final int CRIT = 2;
    static final int ERR = 3;
    static final int WARNING = 4;
    static final int NOTICE = 5;
    static final int INFO = 6;

    private RuleFixtures() {
    }

    /** An RFC 3164 message as the parser makes it. */
    static SyslogMessage bsd(int facility, int severity, String host, String appName, String procId, String text) {
        return new SyslogMessage(Format.RFC3164, facility, severity, SENT_AT, host, appName, procId, null, List.of(),
                text, null);
    }

    static SyslogMessage rfc5424(int facility, int severity, String host, String appName, String msgId,
            List<SdElement> sd, String text) {
        return new SyslogMessage(Format.RFC5424, facility, severity, SENT_AT, host, appName, "77", msgId, sd, text,
                null);
    }

    /** A frame that followed neither RFC: no PRI, no header, the whole text as message. */
    static SyslogMessage unparsed(String text) {
        return new SyslogMessage(Format.UNPARSED, -1, -1, null, null, null, null, null, List.of(), text,
                "frame does not start with '<' (no PRI), found 'x' at offset 0");
    }

    static SyslogEvent event(SyslogMessage m) {
        return new SyslogEvent(m, "<raw>" + m.message(), PEER, RECEIVED_AT);
    }

    /** Writes {@code files} (name, YAML, name, YAML, ...) into a fresh directory under {@code parent}. */
    static Path ruleDir(Path parent, String... namesAndContents) {
        try {
            Path dir = Files.createTempDirectory(parent, "rules");
            for (int i = 0; i < namesAndContents.length; i += 2) {
                Files.writeString(dir.resolve(namesAndContents[i]), namesAndContents[i + 1]);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SyslogRules rules(Path parent, String yaml) {
        return SyslogRules.load(ruleDir(parent, "rules.yaml", yaml));
    }

    static SyslogClassifier classifier(SyslogRules rules) {
        return new SyslogClassifier(rules, -1, "syslog-source", "syslog-in", 8192);
    }
}
