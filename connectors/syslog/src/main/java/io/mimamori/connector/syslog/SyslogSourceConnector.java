package io.mimamori.connector.syslog;

import io.mimamori.config.ConfigProblem;
import io.mimamori.connector.syslog.internal.rules.SyslogRules;
import io.mimamori.spi.Health;
import io.mimamori.spi.KameletConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The syslog source as the hub sees it: kamelet {@code syslog-source}. */
public final class SyslogSourceConnector extends KameletConnector {
    public SyslogSourceConnector() {
        super("syslog-source", Kind.SOURCE);
    }

    @Override
    public Health health() {
        if (SyslogConsumer.RUNNING.isEmpty()) {
            return Health.unknown();
        }
        Map<String, String> details = new LinkedHashMap<>();
        SyslogConsumer.RUNNING.keySet().forEach(c -> details.putAll(c.healthDetails()));
        return Health.up(details);
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> p) {
        List<ConfigProblem> problems = new ArrayList<>();
        String where = "syslog-source '" + p.getOrDefault("name", "syslog") + "'";
        if (!p.containsKey("udpPort") && !p.containsKey("tcpPort") && !p.containsKey("tlsPort")) {
            problems.add(new ConfigProblem(where, 0, "no listener: give at least one of udpPort, tcpPort, tlsPort"));
        }
        if (p.containsKey("tlsPort")) {
            for (String key : List.of("tlsCertFile", "tlsKeyFile")) {
                String file = p.get(key);
                if (file == null) {
                    problems.add(new ConfigProblem(where, 0, "tlsPort is set but " + key + " is not: give the PEM file"));
                } else if (!Files.isReadable(Path.of(file))) {
                    problems.add(new ConfigProblem(file, 0, key + " of " + where + " is not a readable file"));
                }
            }
        }
        String rulesDir = p.get("rulesDir");
        if (rulesDir != null) {
            problems.addAll(SyslogRules.validate(Path.of(rulesDir)));
        }
        return problems;
    }
}
