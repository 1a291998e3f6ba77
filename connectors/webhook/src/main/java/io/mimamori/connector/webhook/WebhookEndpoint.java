package io.mimamori.connector.webhook;

import io.mimamori.spi.HttpSinkEndpoint;
import io.mimamori.spi.SinkParameters;
import io.mimamori.connector.webhook.internal.WebhookProducer;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Producer;

/** One webhook target. Parameters are those of the {@code webhook-sink} kamelet. */
public final class WebhookEndpoint extends HttpSinkEndpoint {
    /** Headers the sink sets itself; {@code headers} and {@code secretHeaders} may not replace them. */
    public static final Set<String> RESERVED_HEADERS = Set.of("Content-Type", "Content-Length", "Host", "Connection",
            "Expect", "Upgrade", "Transfer-Encoding", "X-Mimamori-Alert-Id", "X-Mimamori-Delivery-Attempt");
    public static final String DEFAULT_SIGNATURE_HEADER = "X-Mimamori-Signature";

    private String url;
    private String hmacSecret;
    private String signatureHeader = DEFAULT_SIGNATURE_HEADER;
    private String headers;
    private String secretHeaders;
    private String format = "alert";
    private String cloudEventsSource;

    private URI target;
    private Map<String, String> plainHeaders;
    private Map<String, String> hiddenHeaders;

    WebhookEndpoint(String uri, WebhookComponent component, String name) {
        super(uri, component, "webhook-sink", name);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        target = SinkParameters.httpUrl("url", url);
        if (!format.equals("alert") && !format.equals("cloudevents")) {
            throw new IllegalArgumentException("webhook-sink parameter 'format' is '" + format + "'; use alert or cloudevents");
        }
        plainHeaders = SinkParameters.headers("headers", headers, reserved(), false);
        hiddenHeaders = SinkParameters.headers("secretHeaders", secretHeaders, reserved(), true);
        if (hmacSecret != null && hmacSecret.isBlank()) {
            hmacSecret = null;
        }
    }

    /** Headers the operator may not set: the sink's own and the signature header. */
    public Set<String> reserved() {
        List<String> r = new ArrayList<>(RESERVED_HEADERS);
        r.add(signatureHeader);
        return Set.copyOf(r.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList());
    }

    @Override
    public Producer createProducer() {
        return new WebhookProducer(this);
    }

    /** The parsed target URL (after start). */
    public URI target() {
        return target;
    }

    public Map<String, String> plainHeaders() {
        return Collections.unmodifiableMap(plainHeaders);
    }

    public Map<String, String> hiddenHeaders() {
        return Collections.unmodifiableMap(hiddenHeaders);
    }

    /** Every secret this endpoint holds, for scrubbing messages. */
    public List<String> secrets() {
        List<String> s = new ArrayList<>(hiddenHeaders.values());
        if (hmacSecret != null) {
            s.add(hmacSecret);
        }
        return s;
    }

    public String getUrl() { return url; }
    public void setUrl(String v) { url = v; }
    public String getHmacSecret() { return hmacSecret; }
    public void setHmacSecret(String v) { hmacSecret = v; }
    public String getSignatureHeader() { return signatureHeader; }
    public void setSignatureHeader(String v) { signatureHeader = v; }
    public String getHeaders() { return headers; }
    public void setHeaders(String v) { headers = v; }
    public String getSecretHeaders() { return secretHeaders; }
    public void setSecretHeaders(String v) { secretHeaders = v; }
    public String getFormat() { return format; }
    public void setFormat(String v) { format = v; }
    public String getCloudEventsSource() { return cloudEventsSource; }
    public void setCloudEventsSource(String v) { cloudEventsSource = v; }

    /** Never prints parameters: some are secrets. */
    @Override
    public String toString() {
        return "webhook-sink[" + getName() + (target == null ? "" : " -> " + SinkParameters.origin(target)) + "]";
    }
}
