package io.mimamori.spi;

import io.mimamori.alert.Alert;
import io.mimamori.config.YamlTree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns the input of a rule test case into the draft alerts a source connector's rules make of
 * it, for {@code mimamori test-rules}. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.mimamori.spi.RuleTestDecoder}), so the hub runs a connector's rule
 * tests without knowing the connector.
 *
 * <p>A decoder owns one case key: {@code input} (a raw syslog frame), {@code trap} (an SNMP trap
 * as OID and varbinds), and so on. A case or time step holding that key is decoded by it.
 */
public interface RuleTestDecoder {

    /** The case key holding this connector's input, e.g. {@code input} or {@code trap}. */
    String inputKey();

    /** Keys this decoder also reads beside {@link #inputKey()} in a case or step, e.g. {@code peer}. */
    default List<String> inputOptions() {
        return List.of();
    }

    /** Fields a case may expect beyond the alert's own, answered in {@link Decoded#fields()}, e.g. {@code rule}. */
    default List<String> fields() {
        return List.of();
    }

    /**
     * Loads the rules of {@code rulesDir} as the connector would at start-up.
     *
     * @throws io.mimamori.config.ConfigException naming file:line of each problem in the rules
     */
    Rules load(Path rulesDir);

    /** Rules loaded once and used for every case of a run. */
    interface Rules {
        /**
         * What the rules make of the input in {@code holder} (the case or step that holds
         * {@link #inputKey()}) received at {@code receivedAt}.
         *
         * @throws IllegalArgumentException when the input is not well described; the message says what to change
         */
        Decoded decode(YamlTree.Node holder, Instant receivedAt);
    }

    /**
     * The rules' answer to one input.
     *
     * @param alerts    the draft alerts, as the source hands them to the pipeline; empty when none
     * @param decidedBy which rule decided, or why nothing did (e.g. {@code no rule matched}), shown in failures
     * @param fields    the values of {@link #fields()} for this input; a field without a value is absent
     */
    record Decoded(List<Alert> alerts, String decidedBy, Map<String, String> fields) {
        public Decoded {
            alerts = List.copyOf(alerts);
            fields = Map.copyOf(fields);
        }
    }
}
