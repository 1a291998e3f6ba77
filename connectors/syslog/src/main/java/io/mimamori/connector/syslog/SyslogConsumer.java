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
import io.mimamori.pipeline.IngestLanes;
import io.mimamori.pipeline.SourceMetrics;
import io.mimamori.pipeline.Warnings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives frames, decodes and classifies them, and hands the alerts to the route.
 *
 * <p>The I/O threads only queue each frame on one of a few worker lanes, chosen by sender, so a
 * sender's frames keep their order while senders are decoded in parallel, and a UDP socket is
 * drained at once even while a lane works or the JVM collects garbage. A lane hands on what it
 * collected as one exchange whenever it runs dry (or every 512 alerts; see IngestLanes). A frame
 * counts as handled, and TCP reading may go on, only once its alert is committed by the pipeline.
 */
final class SyslogConsumer extends DefaultConsumer implements FrameListener {
    static final String CONNECTOR = "syslog-source";
    private static final Logger LOG = LoggerFactory.getLogger(SyslogConsumer.class);
    static final Map<SyslogConsumer, Boolean> RUNNING = new ConcurrentHashMap<>();

    private final SyslogEndpoint endpoint;
    private final LongAdder received = new LongAdder();
    private volatile SourceMetrics metrics;
    private volatile SyslogParser parser;
    private volatile SyslogClassifier classifier;
    private volatile SyslogServer server;
    private volatile IngestLanes<Frame> lanes;
    private volatile Warnings warnings;

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
        int count = endpoint.getWorkers();
        warnings = new Warnings(LOG, "syslog-source '" + endpoint.getName() + "'");
        IngestLanes<Frame> ls = new IngestLanes<>(this, "syslog-" + endpoint.getName(), count,
                endpoint.getQueueCapacity(), new IngestLanes.Work<>() {
                    @Override
                    public List<Alert> translate(Frame f) {
                        Alert a = decode(f);
                        return a == null ? List.of() : List.of(a);
                    }

                    @Override
                    public Runnable completion(Frame f) {
                        return f.done();
                    }
                }, new IngestLanes.Policy(true), metrics, warnings);
        ls.start();
        lanes = ls;
        SyslogServer s = new SyslogServer(endpoint.serverConfig(), this);
        try {
            s.start();
        } catch (Exception e) {
            stopLanes();
            throw e;
        }
        server = s;
        RUNNING.put(this, Boolean.TRUE);
        LOG.info("syslog-source '{}' listening on {} (udp {}, tcp {}, tls {}) with {} rule(s) from {}, {} worker(s)",
                endpoint.getName(), endpoint.getBindHost(), port(s.udpPort()), port(s.tcpPort()), port(s.tlsPort()),
                rules.size(), endpoint.getRulesDir(), count);
    }

    private static String port(int p) {
        return p < 0 ? "off" : Integer.toString(p);
    }

    @Override
    protected void doStop() throws Exception {
        RUNNING.remove(this);
        SyslogServer s = server;
        if (s != null) {
            // the lanes keep working while the server waits for every frame it handed out
            s.close(endpoint.drainTimeout());
            LOG.info("syslog-source '{}' stopped: received {} frame(s), committed {} alert(s)",
                    endpoint.getName(), received.sum(), lanes.committed());
        }
        stopLanes();
        super.doStop();
    }

    private void stopLanes() throws InterruptedException {
        IngestLanes<Frame> ls = lanes;
        if (ls != null) {
            ls.stop();
        }
    }

    /** On an I/O thread: only queue the frame; UDP can only drop when its lane is full, TCP waits. */
    @Override
    public void onFrame(byte[] frame, InetSocketAddress peer, Transport transport, boolean truncated, Runnable done) {
        received.increment();
        SourceMetrics m = metrics;
        m.received();
        if (truncated) {
            m.malformed("oversized");
        }
        Frame f = new Frame(frame, peer, transport, Instant.now(), done);
        if (lanes.offer(peer, f)) {
            return;
        }
        if (transport == Transport.UDP) {
            m.dropped("queue_full");
            warnings.warn("queue_full", "worker queue full ({} frames): dropping UDP input from {}",
                    endpoint.getQueueCapacity(), peer);
            done.run();
            return;
        }
        try {
            // a TCP sender is pushed back instead: this I/O thread reads nothing more until there is room
            lanes.put(peer, f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.dropped("shutdown");
            done.run();
        }
    }

    private record Frame(byte[] bytes, InetSocketAddress peer, Transport transport, Instant receivedAt, Runnable done) {
    }

    /** Decodes and classifies one frame; null when it becomes no alert (the frame is then done). */
    private Alert decode(Frame f) {
        SourceMetrics m = metrics;
        try {
            byte[] b = f.bytes();
            int start = f.transport() == Transport.UDP ? octetCountPrefix(b) : 0;
            SyslogMessage message = parser.parse(b, start, b.length - start);
            if (message.format() == SyslogMessage.Format.UNPARSED) {
                m.malformed("unparseable");
            }
            Alert alert = classifier.classify(new SyslogEvent(message, new String(b, StandardCharsets.UTF_8),
                    f.peer(), f.receivedAt()));
            if (alert == null) {
                m.dropped("unmatched");
            }
            return alert;
        } catch (RuntimeException e) {
            m.malformed("classify_failed");
            warnings.warn("classify_failed", "cannot classify a frame from {}: {}", f.peer(), e.toString());
            return null;
        }
    }

    /**
     * Length of an RFC 6587 octet count in front of a datagram ("300 <38>1 ..."), which some senders
     * (loggen -P, some relays) keep over UDP although RFC 5426 has none; 0 when there is none.
     */
    static int octetCountPrefix(byte[] frame) {
        int i = 0;
        long declared = 0;
        while (i < frame.length && i < 10 && frame[i] >= '0' && frame[i] <= '9') {
            declared = declared * 10 + (frame[i] - '0');
            i++;
        }
        boolean prefixed = i > 0 && i + 1 < frame.length && frame[i] == ' ' && frame[i + 1] == '<'
                && declared == frame.length - i - 1;
        return prefixed ? i + 1 : 0;
    }

    @Override
    public void onError(InetSocketAddress peer, Transport transport, String reason) {
        if ("too_many_connections".equals(reason)) {
            metrics.dropped(reason);
        } else {
            metrics.malformed(reason);
        }
        warnings.warn(reason, "{} from {} over {}", reason, peer, transport);
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
}
