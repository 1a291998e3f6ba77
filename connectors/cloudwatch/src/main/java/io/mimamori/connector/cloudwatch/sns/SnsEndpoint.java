package io.mimamori.connector.cloudwatch.sns;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One SNS HTTPS push input: its URL path on the hub's HTTP server and what it trusts. Parameters are those of the kamelet. */
public final class SnsEndpoint extends DefaultEndpoint {
    private final String name;
    private String path;
    private String allowedTopicArns;
    private String signingCertHostPattern = SnsUrlPolicy.DEFAULT_HOSTS;
    private String signingCertName = SigningCertNames.AWS;
    private String trustedCaFile;
    private long maxMessageAgeSeconds = 3600;
    private long maxBodySize = 256 * 1024;
    private long certCacheSize = 32;
    private long fetchTimeoutSeconds = 10;

    SnsEndpoint(String uri, SnsComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("cloudwatch-sns-source only receives; send alerts to direct:ingest instead");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SnsConsumer consumer = new SnsConsumer(this, processor, settings());
        configureConsumer(consumer);
        return consumer;
    }

    /** @throws IllegalArgumentException naming the parameter that is wrong */
    SnsSettings settings() {
        return SnsSettings.of(name, path, allowedTopicArns, signingCertHostPattern, signingCertName, trustedCaFile,
                maxMessageAgeSeconds, maxBodySize, certCacheSize, fetchTimeoutSeconds);
    }

    public String getName() { return name; }
    public String getPath() { return path; }
    public void setPath(String v) { path = v; }
    public String getAllowedTopicArns() { return allowedTopicArns; }
    public void setAllowedTopicArns(String v) { allowedTopicArns = v; }
    public String getSigningCertHostPattern() { return signingCertHostPattern; }
    public void setSigningCertHostPattern(String v) { signingCertHostPattern = v; }
    public String getSigningCertName() { return signingCertName; }
    public void setSigningCertName(String v) { signingCertName = v; }
    public String getTrustedCaFile() { return trustedCaFile; }
    public void setTrustedCaFile(String v) { trustedCaFile = v; }
    public long getMaxMessageAgeSeconds() { return maxMessageAgeSeconds; }
    public void setMaxMessageAgeSeconds(long v) { maxMessageAgeSeconds = v; }
    public long getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(long v) { maxBodySize = v; }
    public long getCertCacheSize() { return certCacheSize; }
    public void setCertCacheSize(long v) { certCacheSize = v; }
    public long getFetchTimeoutSeconds() { return fetchTimeoutSeconds; }
    public void setFetchTimeoutSeconds(long v) { fetchTimeoutSeconds = v; }
}
