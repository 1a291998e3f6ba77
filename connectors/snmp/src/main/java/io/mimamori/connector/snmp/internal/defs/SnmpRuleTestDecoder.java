package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.alert.Alert;
import io.mimamori.alert.RawPayload;
import io.mimamori.alert.Severity;
import io.mimamori.config.Suggestions;
import io.mimamori.config.YamlTree;
import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.ruletest.RuleTestRunner;
import io.mimamori.spi.RuleTestDecoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rule test cases with {@code trap:} (an SNMP trap as OID and varbinds, written as
 * {@link TrapDefinitionTests} describes), translated by the trap definitions of a directory as the
 * SNMP source would. Expects may also name the deciding {@code definition} and whether the trap
 * was {@code unknown}.
 */
public final class SnmpRuleTestDecoder implements RuleTestDecoder {

    @Override
    public String inputKey() {
        return "trap";
    }

    @Override
    public List<String> fields() {
        return List.of("definition", "unknown");
    }

    @Override
    public Rules load(Path rulesDir) {
        TrapDefinitions defs = TrapDefinitions.load(rulesDir);
        TrapClassifier classifier = new TrapClassifier(defs, Severity.WARNING, "snmp-trap-source", "rule-tests",
                RawPayload.DEFAULT_CAP);
        return (holder, receivedAt) -> {
            YamlTree.Node node = holder.get("trap");
            if (node == null || !node.isMap()) {
                throw new IllegalArgumentException("trap: expected a map, e.g. { oid: linkDown, varbinds: { ifIndex.7: 7 } }");
            }
            for (String key : node.entries().keySet()) {
                if (!TrapDefinitionTests.TRAP_KEYS.contains(key)) {
                    String hint = Suggestions.closest(key, TrapDefinitionTests.TRAP_KEYS);
                    throw new IllegalArgumentException("unknown key '" + key + "' in trap at line " + node.keyLine(key)
                            + "; known: " + String.join(", ", TrapDefinitionTests.TRAP_KEYS)
                            + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
                }
            }
            // the agent's clock runs with the simulated one unless the case sets sysUpTime.0
            long ran = Math.max(0, receivedAt.toEpochMilli() - RuleTestRunner.START.toEpochMilli()) / 10;
            Trap t = TrapDefinitionTests.trap(node, defs, TrapDefinitionTests.DEFAULT_UPTIME + ran);
            Trap trap = new Trap(t.version(), t.inform(), t.trapOid(), t.uptime(), t.varbinds(), t.agentAddress(),
                    t.peer(), t.securityName(), receivedAt, t.raw());
            TrapClassifier.Result r = classifier.classify(trap);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("unknown", Boolean.toString(r.outcome() == TrapClassifier.Outcome.UNKNOWN));
            if (!r.alerts().isEmpty() && r.alerts().get(0).details().get("snmp") instanceof Map<?, ?> snmp
                    && snmp.get("definition") != null) {
                fields.put("definition", snmp.get("definition").toString());
            }
            return new Decoded(r.alerts(), decidedBy(r), fields);
        };
    }

    private static String decidedBy(TrapClassifier.Result r) {
        String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
        return r.definition() == null ? outcome : outcome + " by definition '" + r.definition() + "'";
    }
}
