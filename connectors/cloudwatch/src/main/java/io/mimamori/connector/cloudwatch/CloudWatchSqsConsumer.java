package io.mimamori.connector.cloudwatch;

import io.mimamori.alert.Alert;
import io.mimamori.connector.cloudwatch.internal.quarantine.Quarantine;
import io.mimamori.connector.cloudwatch.internal.sqs.SqsClients;
import io.mimamori.connector.cloudwatch.internal.sqs.VisibilityExtender;
import io.mimamori.pipeline.Ingest;
import io.mimamori.pipeline.Pipeline;
import io.mimamori.pipeline.SourceMetrics;
import io.mimamori.pipeline.Warnings;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Polls one queue with long polling from {@code concurrentConsumers} threads. Each batch received
 * becomes one exchange of all its alerts; a message is deleted only when that exchange completed
 * without exception, that is, once its alerts are committed to the outbox (or deliberately not
 * written, see {@link Ingest#COMMITTED_PROPERTY}). On failure nothing of the batch is deleted and
 * SQS delivers it again after the visibility timeout. A message that is not an alarm is written to
 * the quarantine directory first and deleted after; one that is well formed but makes no alert
 * (its tenant rejected, a control message) is deleted and counted as dropped. Each alarm gets its
 * tenant, and that tenant's severity convention, from {@link AlarmTenancy}.
 */
final class CloudWatchSqsConsumer extends DefaultConsumer {
    static final String CONNECTOR = "cloudwatch-sqs-source";
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchSqsConsumer.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    static final Map<CloudWatchSqsConsumer, Boolean> RUNNING = new ConcurrentHashMap<>();

    private final CloudWatchSqsEndpoint endpoint;
    private final LongAdder received = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private volatile boolean running;
    private volatile String lastError;
    private volatile String queueUrl;
    private SourceMetrics metrics;
    private Warnings warnings;
    private CloudWatchAlarmMapper mapper;
    private AlarmTenancy tenancy;
    private Quarantine quarantine;
    private SqsClient sqs;
    private VisibilityExtender extender;
    private final List<Thread> pollers = new ArrayList<>();

    CloudWatchSqsConsumer(CloudWatchSqsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        endpoint.validate();
        String input = CONNECTOR + " '" + endpoint.getName() + "'";
        metrics = SourceMetrics.of(endpoint.getCamelContext(), CONNECTOR, endpoint.getName());
        warnings = new Warnings(LOG, input);
        mapper = new CloudWatchAlarmMapper(endpoint.mappingSettings());
        tenancy = AlarmTenancy.of(endpoint.getCamelContext());
        try {
            quarantine = new Quarantine(endpoint.quarantinePath(), endpoint.getMaxQuarantineFiles());
        } catch (IOException e) {
            throw new IllegalStateException(input + ": cannot create the quarantine directory "
                    + endpoint.quarantinePath() + ": " + e + "; make it writable by the hub or set quarantineDir", e);
        }
        sqs = SqsClients.build(endpoint.access());
        if (endpoint.isExtendVisibility()) {
            extender = new VisibilityExtender(sqs, endpoint.getVisibilityTimeout(), "cw-sqs-" + endpoint.getName()
                    + "-visibility", msg -> warnings.warn("visibility", "{}", msg));
        }
        queueUrl = SqsClients.isUrl(endpoint.getQueue()) ? endpoint.getQueue().trim() : null;
        running = true;
        for (int i = 0; i < endpoint.getConcurrentConsumers(); i++) {
            Thread t = new Thread(this::pollLoop, "cw-sqs-" + endpoint.getName() + "-" + i);
            t.setDaemon(true);
            pollers.add(t);
            t.start();
        }
        RUNNING.put(this, Boolean.TRUE);
        LOG.info("{} reading {} ({} poller(s), up to {} message(s) per poll, wait {} s, visibility {} s{}), "
                + "quarantine in {}", input, endpoint.getQueue(), endpoint.getConcurrentConsumers(),
                endpoint.getMaxMessagesPerPoll(), endpoint.getWaitTimeSeconds(), endpoint.getVisibilityTimeout(),
                endpoint.isExtendVisibility() ? ", extended while handling" : "", quarantine.dir());
    }

    @Override
    protected void doStop() throws Exception {
        RUNNING.remove(this);
        running = false;
        for (Thread t : pollers) {
            t.join((endpoint.getWaitTimeSeconds() + 5L) * 1000);
        }
        pollers.clear();
        if (extender != null) {
            extender.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        LOG.info("{} '{}' stopped: received {} message(s), deleted {}", CONNECTOR, endpoint.getName(),
                received.sum(), deleted.sum());
        super.doStop();
    }

    private void pollLoop() {
        long backoff = 0;
        while (running) {
            try {
                String url = queueUrl();
                ReceiveMessageResponse r = sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(endpoint.getMaxMessagesPerPoll())
                        .waitTimeSeconds(endpoint.getWaitTimeSeconds())
                        .visibilityTimeout(endpoint.getVisibilityTimeout())
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
                backoff = 0;
                lastError = null;
                polled();
                if (r.hasMessages() && !r.messages().isEmpty()) {
                    handle(url, r.messages());
                }
            } catch (SdkException | IllegalStateException e) {
                lastError = e.getMessage();
                backoff = backoff == 0 ? 1000 : Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                warnings.warn("poll_failed", "cannot read {}: {} (retrying in {} ms; check the queue, region, "
                        + "endpoint and the sqs:ReceiveMessage permission)", endpoint.getQueue(), e.getMessage(), backoff);
                sleep(backoff);
            } catch (RuntimeException e) {
                lastError = e.toString();
                warnings.warn("handle_failed", "unexpected failure handling a batch: {}", e.toString());
                sleep(1000);
            }
        }
    }

    /**
     * Tells the pipeline, at most every 10 s, that this queue is being read even when it is empty,
     * so a silentAfter limit on this route means "not polled" rather than "no alarms".
     */
    private void polled() {
        long now = System.nanoTime();
        if (now - lastActivityNanos < ACTIVITY_EVERY_NANOS) {
            return;
        }
        lastActivityNanos = now;
        Pipeline pipeline = endpoint.getCamelContext().getRegistry().lookupByNameAndType(Ingest.PIPELINE_BEAN,
                Pipeline.class);
        String tenant = tenancy.tenantOf(endpoint.getQueue());
        if (pipeline != null) {
            pipeline.sourceActive(tenant != null ? tenant : pipeline.tenants().defaultTenant(), CONNECTOR,
                    endpoint.getName());
        }
    }

    private static final long ACTIVITY_EVERY_NANOS = 10_000_000_000L;
    private volatile long lastActivityNanos = System.nanoTime() - ACTIVITY_EVERY_NANOS;

    private String queueUrl() {
        String url = queueUrl;
        if (url == null) {
            url = sqs.getQueueUrl(b -> b.queueName(endpoint.getQueue().trim())).queueUrl();
            queueUrl = url;
        }
        return url;
    }

    /** One received batch: translate, commit, then delete what is done. */
    void handle(String url, List<Message> messages) {
        Instant now = Instant.now();
        CloudWatchAlarmMapper.Origin origin = new CloudWatchAlarmMapper.Origin(CONNECTOR, endpoint.getName(),
                endpoint.getQueue(), now);
        List<Message> done = new ArrayList<>(messages.size());
        List<Message> awaitingCommit = new ArrayList<>(messages.size());
        List<Alert> alerts = new ArrayList<>();
        Runnable stopExtending = extender == null ? () -> { } : extender.watch(url, messages);
        try {
            for (Message m : messages) {
                received.increment();
                metrics.received();
                translate(m, origin, done, awaitingCommit, alerts);
            }
            if (!alerts.isEmpty() && commit(alerts, awaitingCommit.size())) {
                done.addAll(awaitingCommit);
            }
        } finally {
            stopExtending.run();
        }
        delete(url, done);
    }

    private void translate(Message m, CloudWatchAlarmMapper.Origin origin, List<Message> done,
                           List<Message> awaitingCommit, List<Alert> alerts) {
        MappedAlarm mapped;
        try {
            mapped = mapOrFail(m.body(), origin);
        } catch (AlarmParseException e) {
            metrics.malformed(e.reason());
            warnings.warn("quarantined", "message {} quarantined in {}: {}", m.messageId(), quarantine.dir(), e.getMessage());
            if (quarantined(m, origin.receivedAt(), e)) {
                done.add(m);
            }
            return;
        }
        if (mapped.ignoredReason() != null) {
            metrics.dropped(mapped.ignoredReason());
            warnings.warn(mapped.ignoredReason(), "message {} makes no alert: {}", m.messageId(), mapped.ignoredWhy());
            done.add(m);
            return;
        }
        alerts.addAll(mapped.alerts());
        awaitingCommit.add(m);
    }

    /** The mapping; a failure of the mapper itself quarantines the message instead of blocking the queue. */
    private MappedAlarm mapOrFail(String body, CloudWatchAlarmMapper.Origin origin) throws AlarmParseException {
        try {
            return mapper.map(body, origin, tenancy);
        } catch (RuntimeException e) {
            throw new AlarmParseException("translate_failed", "cannot translate the message: " + e);
        }
    }

    /** True once the message is in the quarantine, or the quarantine is full (then it is counted as dropped). */
    private boolean quarantined(Message m, Instant receivedAt, AlarmParseException e) {
        try {
            Quarantine.Outcome o = quarantine.keep(new Quarantine.Entry(endpoint.getQueue(), m.messageId(), receivedAt,
                    e.reason(), e.getMessage(), m.body()));
            if (o == Quarantine.Outcome.FULL) {
                metrics.dropped("quarantine_full");
                warnings.warn("quarantine_full", "quarantine {} holds maxQuarantineFiles ({}) files: message {} is "
                        + "deleted without a copy; clear the directory", quarantine.dir(),
                        endpoint.getMaxQuarantineFiles(), m.messageId());
            }
            return true;
        } catch (IOException io) {
            warnings.warn("quarantine_failed", "cannot write message {} to {}: {}; it stays in the queue",
                    m.messageId(), quarantine.dir(), io.toString());
            return false;
        }
    }

    /** Routes the alerts as one exchange to the pipeline; true when they are committed. */
    private boolean commit(List<Alert> alerts, int messageCount) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(List.copyOf(alerts));
            getProcessor().process(exchange);
            Exception failure = exchange.getException();
            if (failure != null) {
                warnings.warn("commit_failed", "{} alert(s) of {} message(s) not committed, the messages stay in the "
                        + "queue and come back after {} s: {}", alerts.size() - exchange.getProperty(
                                Ingest.COMMITTED_PROPERTY, 0, Integer.class), messageCount,
                        endpoint.getVisibilityTimeout(), failure.toString());
                return false;
            }
            return true;
        } catch (Exception e) {
            warnings.warn("commit_failed", "cannot route {} alert(s): {}", alerts.size(), e.toString());
            return false;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void delete(String url, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (Message m : messages) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
        }
        try {
            DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
            deleted.add(r.hasSuccessful() ? r.successful().size() : 0);
            if (r.hasFailed() && !r.failed().isEmpty()) {
                warnings.warn("delete_failed", "cannot delete {} handled message(s), they will be handled again: {}",
                        r.failed().size(), r.failed().get(0).message());
            }
        } catch (SdkException e) {
            warnings.warn("delete_failed", "cannot delete {} handled message(s), they will be handled again "
                    + "(check the sqs:DeleteMessage permission): {}", messages.size(), e.getMessage());
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    Map<String, String> healthDetails() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(endpoint.getName() + ".queue", endpoint.getQueue());
        d.put(endpoint.getName() + ".received", Long.toString(received.sum()));
        d.put(endpoint.getName() + ".deleted", Long.toString(deleted.sum()));
        String e = lastError;
        if (e != null) {
            d.put(endpoint.getName() + ".error", e);
        }
        return d;
    }

    boolean failing() {
        return lastError != null;
    }
}
