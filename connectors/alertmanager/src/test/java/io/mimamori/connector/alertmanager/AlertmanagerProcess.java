package io.mimamori.connector.alertmanager;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mimamori.alert.AlertJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus Alertmanager on loopback: the Debian package's binary, a temporary config and
 * storage, no clustering. Stopped by {@link #close()}, and by a shutdown hook should a test JVM end
 * without it.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    static final String PACKAGE_BINARY = "/usr/bin/prometheus-alertmanager";
    private final Process process;
    private final Thread killer;
    private final Path log;
    private final String baseUrl;
    private final HttpClient client;
    private final Map<String, String> headers;

    private AlertmanagerProcess(Process process, Path log, String baseUrl, HttpClient client, Map<String, String> headers) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.client = client;
        this.headers = headers;
        this.killer = new Thread(process::destroyForcibly, "stop-alertmanager-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * The binary to run: {@code MIMAMORI_ALERTMANAGER_BIN} if set, else the Debian package's. Fails
     * the test when neither exists: the integration tests are what proves this sink, so they do
     * not skip.
     */
    static Path binary() {
        String configured = System.getenv("MIMAMORI_ALERTMANAGER_BIN");
        Path bin = Path.of(configured != null && !configured.isBlank() ? configured : PACKAGE_BINARY);
        if (!Files.isExecutable(bin)) {
            throw new AssertionError("Alertmanager is not installed (no executable " + bin + "): install the Debian"
                    + " package prometheus-alertmanager (apt-get install prometheus-alertmanager; .ci/run does it on"
                    + " CI), or set MIMAMORI_ALERTMANAGER_BIN to an alertmanager binary");
        }
        return bin;
    }

    /** Plain HTTP, with {@code resolve_timeout} and a receiver that sends nowhere. */
    public static AlertmanagerProcess start(Path dir, Duration resolveTimeout) throws Exception {
        return start(dir, resolveTimeout, null, "http", HttpClient.newHttpClient(), Map.of());
    }

    /**
     * @param webConfig  contents of {@code --web.config.file} (TLS, basic auth), or null
     * @param scheme     {@code https} when {@code webConfig} sets up TLS
     * @param client     the client the test's own queries use (trusting the server's certificate)
     * @param headers    headers of the test's own queries (its credentials)
     */
    public static AlertmanagerProcess start(Path dir, Duration resolveTimeout, String webConfig, String scheme,
            HttpClient client, Map<String, String> headers) throws Exception {
        Path bin = binary();
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                global:
                  resolve_timeout: %ds
                route:
                  receiver: nowhere
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1s
                receivers:
                  - name: nowhere
                """.formatted(resolveTimeout.toSeconds()));
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(bin.toString(),
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=info"));
        if (webConfig != null) {
            cmd.add("--web.config.file=" + Files.writeString(dir.resolve("web.yml"), webConfig));
        }
        Path log = dir.resolve("alertmanager.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AlertmanagerProcess am = new AlertmanagerProcess(p, log, scheme + "://127.0.0.1:" + port, client, headers);
        try {
            await("Alertmanager ready on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("Alertmanager exited with " + p.exitValue() + ": " + am.log());
                        }
                        return am.get("/-/ready").statusCode() == 200;
                    });
        } catch (Throwable t) {
            am.close();
            throw new AssertionError("Alertmanager did not become ready: " + am.log(), t);
        }
        return am;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code GET /api/v2/alerts} filtered by label matchers such as {@code fingerprint="abc"}. */
    public JsonNode alerts(String... matchers) throws Exception {
        StringBuilder q = new StringBuilder("/api/v2/alerts");
        for (int i = 0; i < matchers.length; i++) {
            q.append(i == 0 ? '?' : '&').append("filter=").append(URLEncoder.encode(matchers[i], StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = get(q.toString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + q + " answered " + r.statusCode() + ": " + r.body());
        }
        return AlertJson.mapper().readTree(r.body());
    }

    /** {@code GET /api/v2/alerts/groups}. */
    public JsonNode groups() throws Exception {
        return AlertJson.mapper().readTree(get("/api/v2/alerts/groups").body());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

}
