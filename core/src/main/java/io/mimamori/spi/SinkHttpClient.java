package io.mimamori.spi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The HTTP client every HTTP sink shares: bounded connect and request timeouts, no redirects
 * (a redirect from an incident API is a misconfiguration, rejected for good), and one
 * classification of outcomes ({@link HttpVerdicts}). Network failures are {@code RETRY}.
 */
public final class SinkHttpClient {
    private final HttpClient client;
    private final Duration requestTimeout;

    /** What came back: status, body (bounded by the caller's needs) and {@code Retry-After}, if any. */
    public record Response(int status, String body, String retryAfter) {
    }

    public SinkHttpClient(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /**
     * Sends {@code body} with {@code method} and returns the response, whatever its status.
     *
     * @throws DeliveryException {@code RETRY} when no response came (refused, reset, timed out)
     */
    public Response send(String what, String method, URI uri, String contentType, byte[] body, Map<String, String> headers)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw DeliveryException.retry(what + " at " + uri.getScheme() + "://" + uri.getAuthority()
                    + " could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    /** {@link #send} a JSON body by POST and returns normally only if it was accepted (2xx). */
    public Response postJson(String what, URI uri, byte[] json, Map<String, String> headers) throws InterruptedException {
        Response r = send(what, "POST", uri, "application/json", json, headers);
        HttpVerdicts.check(what, r.status(), r.retryAfter(), r.body(), Instant.now());
        return r;
    }
}
