package io.mimamori.connector.alertmanager;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * One Alertmanager to deliver to. Parameters are those of the kamelet; they are checked by
 * {@link AlertmanagerSinkConfig} when the producer is created, so a bad one stops the route from
 * starting with the same message {@code mimamori validate} gives. Credentials have setters only.
 */
public final class AlertmanagerEndpoint extends DefaultEndpoint {
    private final String name;
    private String url;
    private String username;
    private String password;
    private String bearerToken;
    private String headers;
    private int endsAtAfterSeconds = AlertmanagerSinkConfig.DEFAULT_ENDS_AT_AFTER_SECONDS;
    private int connectTimeoutSeconds = AlertmanagerSinkConfig.DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int requestTimeoutSeconds = AlertmanagerSinkConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS;

    AlertmanagerEndpoint(String uri, AlertmanagerComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        return new AlertmanagerProducer(this, config());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("alertmanager-sink only sends; it cannot be the start of a route");
    }

    AlertmanagerSinkConfig config() {
        Map<String, String> p = new HashMap<>();
        p.put("name", name);
        p.put("url", url);
        p.put("username", username);
        p.put("password", password);
        p.put("bearerToken", bearerToken);
        p.put("headers", headers);
        p.put("endsAtAfterSeconds", Integer.toString(endsAtAfterSeconds));
        p.put("connectTimeoutSeconds", Integer.toString(connectTimeoutSeconds));
        p.put("requestTimeoutSeconds", Integer.toString(requestTimeoutSeconds));
        return AlertmanagerSinkConfig.of(p);
    }

    public String getName() { return name; }
    public String getUrl() { return url; }
    public void setUrl(String v) { url = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public void setPassword(String v) { password = v; }
    public void setBearerToken(String v) { bearerToken = v; }
    public String getHeaders() { return headers; }
    public void setHeaders(String v) { headers = v; }
    public int getEndsAtAfterSeconds() { return endsAtAfterSeconds; }
    public void setEndsAtAfterSeconds(int v) { endsAtAfterSeconds = v; }
    public int getConnectTimeoutSeconds() { return connectTimeoutSeconds; }
    public void setConnectTimeoutSeconds(int v) { connectTimeoutSeconds = v; }
    public int getRequestTimeoutSeconds() { return requestTimeoutSeconds; }
    public void setRequestTimeoutSeconds(int v) { requestTimeoutSeconds = v; }
}
