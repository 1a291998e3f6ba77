package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.alert.Alert;
import io.mimamori.alert.RawPayload;
import io.mimamori.config.YamlTree;
import io.mimamori.connector.syslog.internal.parse.SyslogParser;
import io.mimamori.spi.RuleTestDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Rule test cases with {@code input:} (a raw syslog frame, optionally {@code peer: ip:port}),
 * classified by the syslog rules of a directory as the syslog source would, with the threshold
 * for unmatched messages off so that no alert means "no rule matched". Expects may also name the
 * deciding {@code rule}.
 */
public final class SyslogRuleTestDecoder implements RuleTestDecoder {
    /** RFC 3164 lines carry no year: they are read as of this day, when the shipped cases were written. */
    private static final Clock YEAR_OF_LINES = Clock.fixed(Instant.parse("2025-11-25T00:00:00Z"), ZoneOffset.UTC);

    @Override
    public String inputKey() {
        return "input";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("peer");
    }

    @Override
    public List<String> fields() {
        return List.of("rule");
    }

    @Override
    public Rules load(Path rulesDir) {
        SyslogClassifier classifier = new SyslogClassifier(SyslogRules.load(rulesDir), -1, "syslog", "rule-tests",
                RawPayload.DEFAULT_CAP);
        SyslogParser parser = new SyslogParser(ZoneOffset.UTC, YEAR_OF_LINES);
        return (holder, receivedAt) -> {
            String input = holder.text("input");
            if (input == null) {
                throw new IllegalArgumentException("input: expected a raw syslog frame, e.g. '<3>Nov 24 05:10:00 db1 kernel: ...'");
            }
            InetSocketAddress peer = SyslogRuleTests.peer(holder.text("peer"));
            if (peer == null) {
                throw new IllegalArgumentException("peer '" + holder.text("peer") + "' is not ip:port, e.g. 192.0.2.10:514");
            }
            byte[] frame = input.getBytes(StandardCharsets.UTF_8);
            SyslogEvent event = new SyslogEvent(parser.parse(frame, 0, frame.length), input, peer, receivedAt);
            Alert alert = classifier.classify(event);
            Entry entry = classifier.matchedEntry(event);
            if (alert == null) {
                return new Decoded(List.of(), "no rule matched", Map.of());
            }
            Object rule = alert.details().get("syslog") instanceof Map<?, ?> syslog ? syslog.get("rule") : null;
            return new Decoded(List.of(alert), entry == null ? "no rule" : entry.describe(),
                    rule == null ? Map.of() : Map.of("rule", rule.toString()));
        };
    }
}
