package io.mimamori.connector.cloudwatch;

import io.mimamori.connector.cloudwatch.internal.sqs.SqsClients;
import java.nio.file.Path;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;

/** One SQS queue of CloudWatch alarm notifications. Parameters are those of the kamelet. */
public final class CloudWatchSqsEndpoint extends AlarmMappingEndpoint {
    private final String name;
    private String queue;
    private String region;
    private String endpointOverride;
    private String profile;
    private String accessKey;
    private String secretKey;
    private int waitTimeSeconds = 20;
    private int maxMessagesPerPoll = 10;
    private int concurrentConsumers = 1;
    private int visibilityTimeout = 60;
    private boolean extendVisibility = true;
    private String quarantineDir;
    private int maxQuarantineFiles = 10_000;

    CloudWatchSqsEndpoint(String uri, CloudWatchSqsComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("cloudwatch-sqs-source only receives; send alerts to direct:ingest instead");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CloudWatchSqsConsumer consumer = new CloudWatchSqsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Checks the values the kamelet's schema cannot, naming the parameter and what to write. */
    void validate() {
        String where = "cloudwatch-sqs-source '" + name + "': ";
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException(where + "queue is required: the queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME) or its name");
        }
        if (waitTimeSeconds < 0 || waitTimeSeconds > 20) {
            throw new IllegalArgumentException(where + "waitTimeSeconds " + waitTimeSeconds + " must be 0 to 20 (SQS long polling)");
        }
        if (maxMessagesPerPoll < 1 || maxMessagesPerPoll > 10) {
            throw new IllegalArgumentException(where + "maxMessagesPerPoll " + maxMessagesPerPoll + " must be 1 to 10 (the SQS limit)");
        }
        if (visibilityTimeout < 2 || visibilityTimeout > 43_200) {
            throw new IllegalArgumentException(where + "visibilityTimeout " + visibilityTimeout + " must be 2 to 43200 seconds");
        }
        if (concurrentConsumers < 1 || concurrentConsumers > 64) {
            throw new IllegalArgumentException(where + "concurrentConsumers " + concurrentConsumers + " must be 1 to 64");
        }
        try {
            mappingSettings();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    SqsClients.Access access() {
        return new SqsClients.Access(queue, region, endpointOverride, profile, accessKey, secretKey,
                concurrentConsumers + 2, waitTimeSeconds);
    }

    Path quarantinePath() {
        String dir = quarantineDir == null || quarantineDir.isBlank() ? "data/quarantine/cloudwatch-sqs" : quarantineDir;
        return Path.of(dir).resolve(name);
    }

    public String getName() { return name; }
    public String getQueue() { return queue; }
    public void setQueue(String v) { queue = v; }
    public String getRegion() { return region; }
    public void setRegion(String v) { region = v; }
    public String getEndpointOverride() { return endpointOverride; }
    public void setEndpointOverride(String v) { endpointOverride = v; }
    public String getProfile() { return profile; }
    public void setProfile(String v) { profile = v; }
    public String getAccessKey() { return accessKey; }
    public void setAccessKey(String v) { accessKey = v; }
    public String getSecretKey() { return secretKey; }
    public void setSecretKey(String v) { secretKey = v; }
    public int getWaitTimeSeconds() { return waitTimeSeconds; }
    public void setWaitTimeSeconds(int v) { waitTimeSeconds = v; }
    public int getMaxMessagesPerPoll() { return maxMessagesPerPoll; }
    public void setMaxMessagesPerPoll(int v) { maxMessagesPerPoll = v; }
    public int getConcurrentConsumers() { return concurrentConsumers; }
    public void setConcurrentConsumers(int v) { concurrentConsumers = v; }
    public int getVisibilityTimeout() { return visibilityTimeout; }
    public void setVisibilityTimeout(int v) { visibilityTimeout = v; }
    public boolean isExtendVisibility() { return extendVisibility; }
    public void setExtendVisibility(boolean v) { extendVisibility = v; }
    public String getQuarantineDir() { return quarantineDir; }
    public void setQuarantineDir(String v) { quarantineDir = v; }
    public int getMaxQuarantineFiles() { return maxQuarantineFiles; }
    public void setMaxQuarantineFiles(int v) { maxQuarantineFiles = v; }
}
