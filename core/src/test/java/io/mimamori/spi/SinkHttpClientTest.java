package io.mimamori.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared sink HTTP client against the JDK's HTTP server on loopback. */
class SinkHttpClientTest {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final SinkHttpClient client = new SinkHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", x -> {
            seen.add(x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("Content-Type") + " "
                    + x.getRequestHeaders().getFirst("X-Token") + " " + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] b = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(202, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.createContext("/busy", x -> {
            x.getResponseHeaders().add("Retry-After", "17");
            x.sendResponseHeaders(429, -1);
            x.close();
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/ok");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/slow", x -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsJsonWithHeadersAndReturnsTheAnswer() throws Exception {
        SinkHttpClient.Response r = client.postJson("API", uri("/ok"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Token", "t"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\"}");
        assertThat(seen).containsExactly("POST application/json t {\"a\":1}");
    }

    @Test
    void throttlingIsRetriedAfterWhatThePeerSaid() {
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.postJson("API", uri("/busy"), new byte[0], Map.of()));
        assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(e.status()).isEqualTo(429);
    }

    @Test
    void redirectsAreNotFollowedButRejected() {
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.postJson("API", uri("/moved"), new byte[0], Map.of()));
        assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.REJECTED);
        assertThat(e.status()).isEqualTo(302);
        assertThat(seen).as("the redirect target was never called").isEmpty();
    }

    @Test
    void aRefusedConnectionIsRetriedAndNamesOnlyTheOrigin() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/hook/path-token?key=query-token");
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.send("API", "POST", closed, "application/json", new byte[0], Map.of()));
        assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
        assertThat(e.status()).isZero();
        assertThat(e.getCause()).isInstanceOf(IOException.class);
        assertThat(e.getMessage()).startsWith("API at http://127.0.0.1:" + port + " could not be reached: ")
                .doesNotContain("path-token").doesNotContain("query-token");
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsRetried() {
        SinkHttpClient impatient = new SinkHttpClient(Duration.ofSeconds(5), Duration.ofMillis(200));
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> impatient.postJson("API", uri("/slow"), new byte[0], Map.of()));
        assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
        assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
    }
}
