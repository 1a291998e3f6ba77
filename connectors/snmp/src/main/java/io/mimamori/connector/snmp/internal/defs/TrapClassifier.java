package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.RawPayload;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.alert.Text;
import io.mimamori.connector.snmp.internal.trap.AgentClocks;
import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns traps into alert drafts with a set of {@link TrapDefinitions}. Thread-safe; it runs for
 * every trap on the worker threads.
 *
 * <p>A trap that clears conditions becomes one resolved alert per condition; a defined trap
 * becomes one alert (resolved when its {@code resolvedWhen} holds); a held-back trap none; any
 * other trap an unknown-trap alert of the configured severity, so that none is dropped silently.
 */
public final class TrapClassifier {

    /** What became of a trap. */
    public enum Outcome {
        /** translated by a definition into an alert */
        ALERT,
        /** a clearing trap: resolved alerts for the conditions it clears */
        CLEAR,
        /** held back by a definition with {@code hold: true}: no alert */
        HELD,
        /** no definition knows it: an unknown-trap alert, or none when unknown traps do not alert */
        UNKNOWN
    }

    /**
     * @param alerts     the drafts, possibly empty
     * @param definition the deciding definition's name, or null
     * @param unlisted   true when the trap belongs in the unknown-trap list: no definition for its own OID
     */
    public record Result(Outcome outcome, List<Alert> alerts, String definition, boolean unlisted,
                         List<String> cleared) {
        public Result {
            alerts = List.copyOf(alerts);
            cleared = List.copyOf(cleared);
        }

        Result(Outcome outcome, List<Alert> alerts, String definition, boolean unlisted) {
            this(outcome, alerts, definition, unlisted, List.of());
        }
    }

    public static final String UNKNOWN_EVENT = "snmp-unknown-trap";
    private static final int MAX_DETAIL_VARBINDS = 64;
    private static final int MAX_DETAIL_VALUE = 1024;

    private final TrapDefinitions definitions;
    private final Severity unknownSeverity;
    private final String connector;
    private final String route;
    private final int rawCap;
    private final AgentClocks clocks = new AgentClocks();

    /**
     * @param unknownSeverity severity of unknown-trap alerts, or null for no such alerts
     */
    public TrapClassifier(TrapDefinitions definitions, Severity unknownSeverity, String connector, String route,
            int rawCap) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.unknownSeverity = unknownSeverity;
        this.connector = Objects.requireNonNull(connector, "connector");
        this.route = route;
        this.rawCap = rawCap;
    }

    public Result classify(Trap trap) {
        List<TrapDefinitions.ClearTarget> clears = definitions.clearedBy(trap.trapOid());
        if (!clears.isEmpty()) {
            TrapVariables vars = new TrapVariables(trap, definitions, trapName(trap, null), Map.of(), false);
            TrapVariables raw = vars.raw();
            List<TrapDefinitions.ClearTarget> applying = clears.stream()
                    .filter(t -> Definition.holds(t.clear().when(), vars, raw)).toList();
            if (!applying.isEmpty()) {
                return clear(trap, applying);
            }
            // only conditional clears, none of which holds: the trap is an event of its own
        }
        Definition d = first(trap, definitions.exact(trap.trapOid()));
        boolean exact = d != null;
        if (d == null) {
            d = first(trap, definitions.byPrefix(trap.trapOid()));
        }
        if (d == null) {
            return unknown(trap);
        }
        if (d.hold()) {
            return new Result(Outcome.HELD, List.of(), d.name(), !exact);
        }
        return new Result(Outcome.ALERT, List.of(fromDefinition(trap, d)), d.name(), false);
    }

    /** The first of {@code candidates} whose {@code when} the trap satisfies, or null. */
    private Definition first(Trap trap, List<Definition> candidates) {
        for (Definition d : candidates) {
            if (d.when().isEmpty()) {
                return d;
            }
            TrapVariables vars = new TrapVariables(trap, definitions, trapName(trap, d), decoded(trap, d), false);
            if (Definition.holds(d.when(), vars, vars.raw())) {
                return d;
            }
        }
        return null;
    }

    private Map<String, String> decoded(Trap trap, Definition d) {
        return IpmiPet.NAME.equals(d.decode()) ? IpmiPet.decode(trap) : Map.of();
    }

    private String trapName(Trap trap, Definition d) {
        if (d != null && d.oid() != null) {
            return d.name();
        }
        String mibName = definitions.nameOf(trap.trapOid());
        return mibName != null ? mibName : d != null ? d.name() : trap.trapOid();
    }

    private Alert fromDefinition(Trap trap, Definition d) {
        Map<String, String> decoded = decoded(trap, d);
        TrapVariables vars = new TrapVariables(trap, definitions, trapName(trap, d), decoded, false);
        TrapVariables raw = vars.raw();
        boolean resolved = false;
        for (Map.Entry<String, Set<String>> e : d.resolvedWhen().entrySet()) {
            String value = vars.apply(e.getKey());
            if (value != null && (e.getValue().contains(value) || e.getValue().contains(raw.apply(e.getKey())))) {
                resolved = true;
            }
        }
        Alert.Builder b = common(trap, vars, d, decoded)
                .status(resolved ? Status.RESOLVED : Status.FIRING)
                .severity(d.severity().apply(vars, raw))
                .sourceSeverity(d.severity().from() == null ? null : vars.apply(d.severity().from()))
                .layer(d.layer())
                .event(d.event())
                .resource(d.resource().render(vars))
                .summary(d.summary().render(vars))
                .dedupKey(d.dedupKey().render(vars));
        d.labels().forEach((name, t) -> {
            String v = t.render(vars);
            if (!v.isEmpty()) {
                b.label(name, v);
            }
        });
        if (d.runbook() != null) {
            b.link(d.runbook().render(vars), "runbook");
        }
        if (!resolved) {
            b.timeoutSeconds(d.timeoutSeconds());
        }
        return b.build();
    }

    private Result clear(Trap trap, List<TrapDefinitions.ClearTarget> targets) {
        List<Alert> alerts = new ArrayList<>(targets.size());
        Set<String> keys = new LinkedHashSet<>();
        List<String> cleared = new ArrayList<>();
        String first = null;
        for (TrapDefinitions.ClearTarget t : targets) {
            Definition d = t.definition();
            cleared.add(d.name());
            TrapVariables vars = new TrapVariables(trap, definitions, trapName(trap, null), Map.of(), false);
            String key = d.dedupKey().render(vars);
            if (!keys.add(key)) {
                continue; // two definitions sharing one condition: resolve it once
            }
            first = first == null ? d.name() : first;
            Alert.Builder b = common(trap, vars, d, Map.of())
                    .status(Status.RESOLVED)
                    .severity(d.severity().fixed() != null ? d.severity().fixed() : d.severity().fallback())
                    .layer(d.layer())
                    .event(d.event())
                    .resource(d.resource().render(vars))
                    .summary(t.clear().summary().render(vars))
                    .dedupKey(key);
            d.labels().forEach((name, tpl) -> {
                String v = tpl.render(vars);
                if (!v.isEmpty()) {
                    b.label(name, v);
                }
            });
            if (d.runbook() != null) {
                b.link(d.runbook().render(vars), "runbook");
            }
            alerts.add(b.build());
        }
        return new Result(Outcome.CLEAR, alerts, first, false, cleared);
    }

    private Result unknown(Trap trap) {
        if (unknownSeverity == null) {
            return new Result(Outcome.UNKNOWN, List.of(), null, true);
        }
        String name = trapName(trap, null);
        TrapVariables vars = new TrapVariables(trap, definitions, name, Map.of(), false);
        StringBuilder summary = new StringBuilder("Unknown SNMP trap ").append(name);
        if (!name.equals(trap.trapOid())) {
            summary.append(" (").append(trap.trapOid()).append(')');
        }
        summary.append(" from ").append(trap.agentAddress());
        int shown = 0;
        for (Map.Entry<String, Object> e : varbindDetails(trap).entrySet()) {
            summary.append(shown == 0 ? ": " : ", ").append(e.getKey()).append('=').append(e.getValue());
            if (++shown == 4) {
                break;
            }
        }
        Alert alert = common(trap, vars, null, Map.of())
                .status(Status.FIRING)
                .severity(unknownSeverity)
                .layer(Layer.UNKNOWN)
                .event(UNKNOWN_EVENT)
                .resource(trap.agentAddress())
                .summary(Text.truncate(summary.toString(), Alert.MAX_SUMMARY))
                .dedupKey("snmp-unknown/" + trap.agentAddress() + "/" + trap.trapOid())
                .build();
        return new Result(Outcome.UNKNOWN, List.of(alert), null, true);
    }

    private Alert.Builder common(Trap trap, TrapVariables vars, Definition d, Map<String, String> decoded) {
        String agent = trap.agentAddress();
        String peer = null;
        if (trap.peer() != null) {
            String ip = trap.peer().getAddress().getHostAddress();
            peer = (trap.peer().getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + trap.peer().getPort();
        }
        Map<String, Object> snmp = new LinkedHashMap<>();
        snmp.put("version", trap.version());
        snmp.put("pdu", trap.inform() ? "inform" : "trap");
        snmp.put("trapOid", trap.trapOid());
        snmp.put("trapName", vars.apply("trapName"));
        if (d != null) {
            snmp.put("definition", d.name());
        }
        if (trap.securityName() != null) {
            snmp.put("securityName", trap.securityName());
        }
        if (trap.uptime() >= 0) {
            snmp.put("uptime", trap.uptime());
        }
        snmp.put("agentAddress", agent);
        snmp.put("varbinds", varbindDetails(trap));
        if (!decoded.isEmpty()) {
            Map<String, String> pet = new LinkedHashMap<>();
            decoded.forEach((k, v) -> pet.put(k.substring(k.indexOf('.') + 1), v));
            snmp.put("pet", Collections.unmodifiableMap(pet));
        }
        Alert.Builder b = Alert.builder()
                .tenant(trap.tenant())
                .host(agent)
                .ip(agent)
                .source(new AlertSource(connector, route, peer, trap.receivedAt(),
                        clocks.sentAt(trap.tenant(), agent, trap.uptime(), trap.receivedAt())))
                .label("trap", vars.apply("trapName"))
                .detail("snmp", Collections.unmodifiableMap(snmp));
        if (trap.raw().length > 0) {
            b.raw(RawPayload.binary("application/snmp", trap.raw(), rawCap));
        }
        return b;
    }

    /** Variable bindings by MIB name and instance where a definition file names them, else by OID. */
    Map<String, Object> varbindDetails(Trap trap) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Varbind v : trap.varbinds()) {
            if (out.size() == MAX_DETAIL_VARBINDS) {
                out.put("truncated", trap.varbinds().size() + " variable bindings, " + MAX_DETAIL_VARBINDS + " shown");
                break;
            }
            MibObject o = definitions.objectOf(v.oid());
            String key = o == null ? v.oid() : o.name() + (v.oid().equals(o.oid()) ? "" : "." + v.instanceBelow(o.oid()));
            String value = o == null ? v.text() : o.display(v.text());
            out.put(key, Text.truncate(value, MAX_DETAIL_VALUE));
        }
        return Collections.unmodifiableMap(out);
    }
}
