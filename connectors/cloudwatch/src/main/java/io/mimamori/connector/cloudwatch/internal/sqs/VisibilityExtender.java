package io.mimamori.connector.cloudwatch.internal.sqs;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Keeps messages invisible to other readers while they are being handled: every half visibility
 * timeout it sets their visibility timeout again, so a slow commit does not let a second reader
 * pick them up. Handling that ends (committed or failed) stops the extension; a failed message
 * then becomes visible again once its last timeout runs out.
 */
public final class VisibilityExtender implements AutoCloseable {
    private final SqsClient sqs;
    private final int timeoutSeconds;
    private final Consumer<String> onError;
    private final ScheduledExecutorService timer;

    /** @param onError told what failed (a message that reappears early is handled twice, not lost) */
    public VisibilityExtender(SqsClient sqs, int timeoutSeconds, String threadName, Consumer<String> onError) {
        this.sqs = sqs;
        this.timeoutSeconds = timeoutSeconds;
        this.onError = onError;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts extending the messages' visibility; run the returned action when handling ends. */
    public Runnable watch(String queueUrl, List<Message> messages) {
        long every = Math.max(1, timeoutSeconds / 2);
        ScheduledFuture<?> f = timer.scheduleAtFixedRate(() -> extend(queueUrl, messages), every, every, TimeUnit.SECONDS);
        return () -> f.cancel(false);
    }

    private void extend(String queueUrl, List<Message> messages) {
        try {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = messages.stream().map(m ->
                    ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(timeoutSeconds).build()).toList();
            var r = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (r.hasFailed() && !r.failed().isEmpty()) {
                onError.accept("cannot extend the visibility of " + r.failed().size() + " message(s): "
                        + r.failed().get(0).message());
            }
        } catch (RuntimeException e) {
            onError.accept("cannot extend message visibility: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
