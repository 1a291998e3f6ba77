package io.mimamori.connector.syslog;

import io.mimamori.alert.Alert;
import io.mimamori.alert.RawPayload;
import io.mimamori.connector.syslog.internal.net.FrameListener;
import io.mimamori.connector.syslog.internal.net.SyslogServer;
import io.mimamori.connector.syslog.internal.net.Transport;
import io.mimamori.connector.syslog.internal.parse.SyslogParser;
import io.mimamori.connector.syslog.internal.rules.SyslogClassifier;
import io.mimamori.connector.syslog.internal.rules.SyslogEvent;
import io.mimamori.connector.syslog.internal.rules.SyslogRules;
import io.mimamori.pipeline.Ingest;
import io.mimamori.pipeline.SourceMetrics;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives frames, decodes and classifies them, and hands each alert to the route. A frame counts
 * as handled (and TCP reading may go on) only once its alert is committed by the pipeline.
 */
final class SyslogConsumer extends DefaultConsumer implements FrameListener {
    static final String CONNECTOR = "syslog-source";
    private static final Logger LOG = LoggerFactory.getLogger(SyslogConsumer.class);
    private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;
    static final Map<SyslogConsumer, Boolean> RUNNING = new ConcurrentHashMap<>();

    private final SyslogEndpoint endpoint;
    private final Map<String, AtomicLong> lastWarning = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder received = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder committed = new java.util.concurrent.atomic.LongAdder();
    private volatile SourceMetrics metrics;
    private volatile SyslogParser parser;
    private volatile SyslogClassifier classifier;
    private volatile SyslogServer server;

    SyslogConsumer(SyslogEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = SourceMetrics.of(endpoint.getCamelContext(), CONNECTOR, endpoint.getName());
        parser = new SyslogParser(ZoneId.of(endpoint.getRfc3164TimeZone()), Clock.systemUTC());
        SyslogRules rules = SyslogRules.load(Path.of(endpoint.getRulesDir()));
        classifier = new SyslogClassifier(rules, endpoint.thresholdSeverity(), CONNECTOR, endpoint.getName(),
                RawPayload.DEFAULT_CAP);
        SyslogServer s = new SyslogServer(endpoint.serverConfig(), this);
        s.start();
        server = s;
        RUNNING.put(this, Boolean.TRUE);
        LOG.info("syslog-source '{}' listening on {} (udp {}, tcp {}, tls {}) with {} rule(s) from {}",
                endpoint.getName(), endpoint.getBindHost(), port(s.udpPort()), port(s.tcpPort()), port(s.tlsPort()),
                rules.size(), endpoint.getRulesDir());
    }

    private static String port(int p) {
        return p < 0 ? "off" : Integer.toString(p);
    }

    @Override
    protected void doStop() throws Exception {
        RUNNING.remove(this);
        SyslogServer s = server;
        if (s != null) {
            s.close(endpoint.drainTimeout());
            LOG.info("syslog-source '{}' stopped: received {} frame(s), committed {} alert(s)",
                    endpoint.getName(), received.sum(), committed.sum());
        }
        super.doStop();
    }

    @Override
    public void onFrame(byte[] frame, InetSocketAddress peer, Transport transport, boolean truncated, Runnable done) {
        SourceMetrics m = metrics;
        m.received();
        received.increment();
        if (truncated) {
            m.malformed("oversized");
        }
        Alert alert;
        try {
            SyslogMessage message = parser.parse(frame, 0, frame.length);
            if (message.format() == SyslogMessage.Format.UNPARSED) {
                m.malformed("unparseable");
            }
            alert = classifier.classify(new SyslogEvent(message, new String(frame, StandardCharsets.UTF_8), peer,
                    Instant.now()));
        } catch (RuntimeException e) {
            m.malformed("classify_failed");
            warn("classify_failed", "cannot classify a frame from {}: {}", peer, e.toString());
            done.run();
            return;
        }
        if (alert == null) {
            m.dropped("unmatched");
            done.run();
            return;
        }
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(alert);
        getAsyncProcessor().process(exchange, doneSync -> {
            Exception failure = exchange.getException();
            if (failure != null) {
                m.dropped("commit_failed");
                warn("commit_failed", "alert from {} not committed: {}", peer, failure.toString());
            } else if (exchange.getProperty(Ingest.DROPPED_PROPERTY) == null) {
                committed.increment();
            }
            releaseExchange(exchange, false);
            done.run();
        });
    }

    @Override
    public void onError(InetSocketAddress peer, Transport transport, String reason) {
        if ("too_many_connections".equals(reason)) {
            metrics.dropped(reason);
        } else {
            metrics.malformed(reason);
        }
        warn(reason, "{} from {} over {}", reason, peer, transport);
    }

    /** At most one warning per reason every ten seconds: bad input must not flood the log. */
    private void warn(String reason, String format, Object... args) {
        long now = System.nanoTime();
        AtomicLong last = lastWarning.computeIfAbsent(reason, r -> new AtomicLong(now - WARN_INTERVAL_NANOS));
        long prev = last.get();
        if (now - prev >= WARN_INTERVAL_NANOS && last.compareAndSet(prev, now)) {
            LOG.warn("syslog-source '" + endpoint.getName() + "': " + format + " (further ones counted, not logged, for 10 s)",
                    args);
        }
    }

    Map<String, String> healthDetails() {
        SyslogServer s = server;
        Map<String, String> d = new LinkedHashMap<>();
        if (s != null) {
            d.put(endpoint.getName() + ".udp", port(s.udpPort()));
            d.put(endpoint.getName() + ".tcp", port(s.tcpPort()));
            d.put(endpoint.getName() + ".tls", port(s.tlsPort()));
            d.put(endpoint.getName() + ".connections", Integer.toString(s.openConnections()));
        }
        return d;
    }

    SourceMetrics metrics() {
        return metrics;
    }
}
