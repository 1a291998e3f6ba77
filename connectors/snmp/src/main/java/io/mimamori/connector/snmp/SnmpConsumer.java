package io.mimamori.connector.snmp;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.RawPayload;
import io.mimamori.connector.snmp.internal.defs.TrapClassifier;
import io.mimamori.connector.snmp.internal.defs.TrapDefinitions;
import io.mimamori.connector.snmp.internal.net.TrapReceiver;
import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.unknown.UnknownTraps;
import io.mimamori.pipeline.IngestLanes;
import io.mimamori.pipeline.SourceMetrics;
import io.mimamori.tenant.TenantClaims;
import io.mimamori.tenant.TenantResolver;
import io.mimamori.pipeline.Warnings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives traps through a {@link TrapReceiver}, translates them and hands the alerts to the route.
 *
 * <p>The dispatcher threads only queue each authenticated trap on one of a few worker lanes,
 * chosen by agent, so an agent's traps keep their order while agents are handled in parallel. A
 * lane translates, and hands what it collected as one exchange whenever it runs dry (or every
 * 512 traps; see IngestLanes). An INFORM is answered when that exchange completes without error,
 * that is, once its alert is committed; on failure it stays unanswered and the agent sends it again.
 */
final class SnmpConsumer extends DefaultConsumer implements TrapReceiver.Listener {
    static final String CONNECTOR = "snmp-trap-source";
    static final String UNKNOWN_ROUTE_ID = "mimamori-api-snmp-unknown";
    static final String UNKNOWN_PATH = "/api/snmp/unknown";
    private static final Logger LOG = LoggerFactory.getLogger(SnmpConsumer.class);
    static final Map<SnmpConsumer, Boolean> RUNNING = new ConcurrentHashMap<>();

    private final SnmpEndpoint endpoint;
    private final LongAdder received = new LongAdder();
    private volatile SourceMetrics metrics;
    private volatile TenantResolver tenants;
    private volatile TrapClassifier classifier;
    private volatile TrapDefinitions definitions;
    private volatile UnknownTraps unknown;
    private volatile TrapReceiver receiver;
    private volatile IngestLanes<Pending> lanes;
    private volatile Warnings warnings;

    SnmpConsumer(SnmpEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = SourceMetrics.of(endpoint.getCamelContext(), CONNECTOR, endpoint.getName());
        tenants = endpoint.getCamelContext().getRegistry().lookupByNameAndType(TenantResolver.BEAN, TenantResolver.class);
        String dir = endpoint.getDefinitionsDir();
        definitions = dir == null || dir.isBlank() ? TrapDefinitions.empty() : TrapDefinitions.load(Path.of(dir));
        classifier = new TrapClassifier(definitions, endpoint.unknownSeverityValue(), CONNECTOR, endpoint.getName(),
                RawPayload.DEFAULT_CAP);
        unknown = new UnknownTraps(endpoint.getMaxUnknownTraps(), endpoint.getName());
        TrapReceiver.Config config = endpoint.receiverConfig();
        int count = endpoint.getWorkers();
        warnings = new Warnings(LOG, "snmp-trap-source '" + endpoint.getName() + "'");
        // an INFORM is answered only after a successful commit; a trap without alert is answered in translate
        IngestLanes<Pending> ls = new IngestLanes<>(this, "snmp-" + endpoint.getName(), count,
                endpoint.getQueueCapacity(), new IngestLanes.Work<>() {
                    @Override
                    public List<Alert> translate(Pending p) {
                        return SnmpConsumer.this.translate(p);
                    }

                    @Override
                    public Runnable completion(Pending p) {
                        return p.acknowledge();
                    }
                }, new IngestLanes.Policy(false), metrics, warnings);
        ls.start();
        lanes = ls;
        TrapReceiver r = new TrapReceiver(config, this);
        try {
            r.start();
        } catch (Exception e) {
            stopLanes();
            throw new IllegalStateException("snmp-trap-source '" + endpoint.getName() + "' cannot listen on "
                    + endpoint.getBindHost() + " udp " + endpoint.getUdpPort()
                    + (endpoint.getTcpPort() == null ? "" : " / tcp " + endpoint.getTcpPort()) + ": " + e.getMessage()
                    + " (a port below 1024 needs privileges; is another receiver on it?)", e);
        }
        receiver = r;
        RUNNING.put(this, Boolean.TRUE);
        installUnknownApi(endpoint.getCamelContext());
        if (r.udpReceiveBufferSize() >= 0 && r.udpReceiveBufferSize() < endpoint.getUdpReceiveBufferSize()) {
            LOG.warn("snmp-trap-source '{}': the kernel granted a UDP receive buffer of {} bytes instead of {}; "
                    + "raise net.core.rmem_max (sysctl -w net.core.rmem_max={}) so bursts are not dropped",
                    endpoint.getName(), r.udpReceiveBufferSize(), endpoint.getUdpReceiveBufferSize(),
                    endpoint.getUdpReceiveBufferSize());
        }
        if (config.communities().isEmpty() && config.users().isEmpty()) {
            LOG.warn("snmp-trap-source '{}' accepts no trap: no community and no SNMPv3 user is configured "
                    + "(communities / users, by default the environment variables SNMP_TRAP_COMMUNITIES and "
                    + "SNMP_TRAP_USERS); every trap is rejected and counted as bad_community or unknown_user",
                    endpoint.getName());
        }
        LOG.info("snmp-trap-source '{}' listening on {} (udp {}, tcp {}), engine ID {}, {} communit(y/ies), "
                + "{} SNMPv3 user(s) {}, {} definition(s) from {}, {} worker(s)", endpoint.getName(),
                endpoint.getBindHost(), r.udpPort(), r.tcpPort() < 0 ? "off" : r.tcpPort(),
                HexFormat.of().formatHex(r.engineId()), config.communities().size(), config.users().size(),
                config.users(), definitions.size(), dir, count);
    }

    @Override
    protected void doStop() throws Exception {
        RUNNING.remove(this);
        TrapReceiver r = receiver;
        receiver = null;
        if (r != null) {
            r.close();
        }
        stopLanes();
        if (r != null) {
            LOG.info("snmp-trap-source '{}' stopped: received {} trap(s), committed {} alert(s)", endpoint.getName(),
                    received.sum(), lanes.committed());
        }
        super.doStop();
    }

    private void stopLanes() throws InterruptedException {
        IngestLanes<Pending> ls = lanes;
        if (ls != null) {
            ls.stop();
        }
    }

    /** On a dispatcher thread: only queue; a full lane drops the trap (an INFORM stays unanswered). */
    @Override
    public void onTrap(Trap trap, Runnable acknowledge) {
        received.increment();
        SourceMetrics m = metrics;
        m.received();
        String agent = trap.agentAddress();
        if (!lanes.offer(agent, new Pending(trap, acknowledge))) {
            m.dropped("queue_full");
            warnings.warn("queue_full", "worker queue full ({} traps): dropping a trap from {}", endpoint.getQueueCapacity(),
                    agent);
        }
    }

    @Override
    public String tenantOf(Trap trap, String community) {
        TenantResolver resolver = tenants;
        if (resolver == null) {
            return null;
        }
        TenantResolver.Resolution r = resolver.resolve(TenantClaims.ofSnmp(trap.agentAddress(), community,
                trap.securityName()));
        if (r.rejected()) {
            return REJECTED;
        }
        if (!r.matched()) {
            metrics.tenantDefaulted();
        }
        return r.tenant();
    }

    @Override
    public void onRejected(String reason, String peer) {
        SourceMetrics m = metrics;
        if (m != null) {
            m.received();
            m.dropped(reason);
        }
        warnings.warn(reason, "rejected a message from {}: {}", peer == null ? "an agent" : peer, reason);
    }

    @Override
    public void onMalformed(String reason, String peer) {
        SourceMetrics m = metrics;
        if (m != null) {
            m.received();
            m.malformed(reason);
        }
        warnings.warn(reason, "malformed message from {}: {}", peer == null ? "an agent" : peer, reason);
    }

    private record Pending(Trap trap, Runnable acknowledge) {
    }

    /** Translates one trap; returns its alerts, having acknowledged and counted it if it has none. */
    private List<Alert> translate(Pending p) {
        SourceMetrics m = metrics;
        Trap trap = p.trap();
        TrapClassifier.Result result;
        try {
            result = classifier.classify(trap);
        } catch (RuntimeException e) {
            m.malformed("translate_failed");
            warnings.warn("translate_failed", "cannot translate trap {} from {}: {}", trap.trapOid(), trap.agentAddress(),
                    e.toString());
            p.acknowledge().run();
            return List.of();
        }
        if (result.unlisted()) {
            unknown.record(trap.trapOid(), result.alerts().isEmpty() ? trap.trapOid()
                    : result.alerts().get(0).labels().get("trap"), trap.agentAddress(), varbindsOf(result, trap),
                    result.outcome() == TrapClassifier.Outcome.HELD, trap.receivedAt());
        }
        if (result.alerts().isEmpty()) {
            m.dropped(result.outcome() == TrapClassifier.Outcome.HELD ? "held_back" : "unknown_trap");
            p.acknowledge().run();
        }
        return result.alerts();
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> varbindsOf(TrapClassifier.Result result, Trap trap) {
        if (!result.alerts().isEmpty() && result.alerts().get(0).details().get("snmp") instanceof Map<?, ?> snmp
                && snmp.get("varbinds") instanceof Map<?, ?> vb) {
            return (Map<String, ?>) vb;
        }
        Map<String, String> out = new LinkedHashMap<>();
        trap.varbinds().forEach(v -> out.put(v.oid(), v.text()));
        return out;
    }

    UnknownTraps unknownTraps() {
        return unknown;
    }

    int udpPort() {
        TrapReceiver r = receiver;
        return r == null ? -1 : r.udpPort();
    }

    Map<String, String> healthDetails() {
        TrapReceiver r = receiver;
        Map<String, String> d = new LinkedHashMap<>();
        if (r != null) {
            d.put(endpoint.getName() + ".udp", Integer.toString(r.udpPort()));
            d.put(endpoint.getName() + ".tcp", r.tcpPort() < 0 ? "off" : Integer.toString(r.tcpPort()));
            d.put(endpoint.getName() + ".definitions", Integer.toString(definitions.size()));
            d.put(endpoint.getName() + ".unknownTrapOids", Integer.toString(unknown.size()));
        }
        return d;
    }

    /**
     * Adds {@code GET /api/snmp/unknown} to the hub's API once per context, where platform-http
     * exists. Routes added while the context is still starting would not be started, so the route is
     * added once the context has fully started.
     */
    private static void installUnknownApi(CamelContext context) throws Exception {
        if (context.isStarted()) {
            addUnknownApiRoute(context);
            return;
        }
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // the route is added once every route has started, below
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) throws Exception {
                addUnknownApiRoute(ctx);
            }
        });
    }

    private static void addUnknownApiRoute(CamelContext context) throws Exception {
        synchronized (SnmpConsumer.class) {
            if (context.getRoute(UNKNOWN_ROUTE_ID) != null) {
                return;
            }
            if (context.getComponent("platform-http", true, false) == null) {
                LOG.debug("no platform-http component: GET {} is not served", UNKNOWN_PATH);
                return;
            }
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:" + UNKNOWN_PATH + "?httpMethodRestrict=GET").routeId(UNKNOWN_ROUTE_ID)
                            .process(exchange -> {
                                var in = exchange.getMessage();
                                in.removeHeaders("*");
                                in.setHeader(Exchange.CONTENT_TYPE, "application/json");
                                in.setBody(AlertJson.mapper().writeValueAsBytes(unknownListing(context)));
                            });
                }
            });
        }
    }

    /** The unknown traps of every running input in {@code context}, most frequent first. */
    static Map<String, Object> unknownListing(CamelContext context) {
        List<UnknownTraps.Entry> entries = new ArrayList<>();
        long forgotten = 0;
        for (SnmpConsumer c : RUNNING.keySet()) {
            if (c.getEndpoint().getCamelContext() == context && c.unknown != null) {
                entries.addAll(c.unknown.entries());
                forgotten += c.unknown.forgotten();
            }
        }
        entries.sort((a, b) -> Long.compare(b.count(), a.count()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", entries.size());
        body.put("forgotten", forgotten);
        body.put("unknown", entries);
        return body;
    }
}
