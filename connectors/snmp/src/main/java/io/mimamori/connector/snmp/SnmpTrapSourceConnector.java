package io.mimamori.connector.snmp;

import io.mimamori.config.ConfigProblem;
import io.mimamori.connector.snmp.internal.defs.TrapDefinitions;
import io.mimamori.connector.snmp.internal.net.UsmUserSpec;
import io.mimamori.spi.Health;
import io.mimamori.spi.KameletConnector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SNMP trap source as the hub sees it: kamelet {@code snmp-trap-source}. */
public final class SnmpTrapSourceConnector extends KameletConnector {
    public SnmpTrapSourceConnector() {
        super("snmp-trap-source", Kind.SOURCE);
    }

    @Override
    public Health health() {
        if (SnmpConsumer.RUNNING.isEmpty()) {
            return Health.unknown();
        }
        Map<String, String> details = new LinkedHashMap<>();
        SnmpConsumer.RUNNING.keySet().forEach(c -> details.putAll(c.healthDetails()));
        return Health.up(details);
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> p) {
        List<ConfigProblem> problems = new ArrayList<>();
        String where = "snmp-trap-source '" + p.getOrDefault("name", "snmp") + "'";
        for (String secret : List.of("communities", "users")) {
            if (!SnmpEndpoint.isReference(p.get(secret))) {
                problems.add(new ConfigProblem(where, 0, secret + " holds the secret itself, which would be logged at"
                        + " start-up: put it in an environment variable and write env:NAME, or in a file and write"
                        + " file:PATH"));
            }
        }
        try {
            UsmUserSpec.parseAll(SnmpEndpoint.secret("users", p.get("users")));
            SnmpEndpoint.secret("communities", p.get("communities"));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(where, 0, e.getMessage().startsWith("users") || e.getMessage()
                    .startsWith("communities") ? e.getMessage() : "users: " + e.getMessage()));
        }
        try {
            SnmpEndpoint.engineIdBytes(p.get("engineId"));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(where, 0, e.getMessage()));
        }
        String dir = p.get("definitionsDir");
        if (dir != null && !dir.isBlank()) {
            problems.addAll(TrapDefinitions.validate(Path.of(dir)));
        }
        return problems;
    }
}
