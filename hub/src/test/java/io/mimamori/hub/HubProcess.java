package io.mimamori.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.mimamori.alert.AlertJson;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The built distribution ({@code target/mimamori/bin/mimamori}) run as an operator runs it, on free
 * loopback ports, for integration tests.
 */
final class HubProcess implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("mimamori.dist", "target/mimamori")).toAbsolutePath();
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /**
     * Copies the repository's default deployment into {@code config} and {@code routes}: the whole
     * config directory and the source routes (syslog, SNMP), without delivery routes, which each
     * test writes itself.
     */
    static void copyDefaultDeployment(Path config, Path routes) throws IOException {
        Path from = REPO.resolve("config");
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = config.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.createDirectories(routes);
        Files.copy(REPO.resolve("routes/syslog.yaml"), routes.resolve("syslog.yaml"));
        Files.copy(REPO.resolve("routes/snmp.yaml"), routes.resolve("snmp.yaml"));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path dataDir;
    final Path log;
    final int syslogPort;
    final int apiPort;
    final int managementPort;
    private final Process process;

    private HubProcess(Path dataDir, Path log, int syslogPort, int apiPort, int managementPort, Process process) {
        this.dataDir = dataDir;
        this.log = log;
        this.syslogPort = syslogPort;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
        this.process = process;
    }

    /** Starts the hub on {@code config} and {@code routes}; waits until health is UP. */
    static HubProcess start(Path config, Path routes, Path dataDir, String... extraArgs) throws Exception {
        return start(config, routes, dataDir, Map.of(), extraArgs);
    }

    /** Like {@link #start(Path, Path, Path, String...)}, with {@code env} added to the hub's environment. */
    static HubProcess start(Path config, Path routes, Path dataDir, Map<String, String> env, String... extraArgs)
            throws Exception {
        int syslog = freePort();
        int api = freePort();
        int mgmt = freePort();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("hub.log");
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/mimamori").toString(), "run",
                "--config", config.toString(), "--routes", routes.toString(), "--data-dir", dataDir.toString(),
                "--set", "mimamori.syslog.port=" + syslog,
                "--set", "mimamori.snmp.port=" + freePort(),
                "--set", "camel.server.port=" + api,
                "--set", "camel.management.port=" + mgmt));
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC");
        pb.environment().putAll(env);
        HubProcess hub = new HubProcess(dataDir, log, syslog, api, mgmt, pb.start());
        try {
            Awaitility.await("hub health UP (log: " + log + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!hub.process.isAlive()) {
                            throw new IllegalStateException("hub exited with " + hub.process.exitValue() + ":\n"
                                    + Files.readString(log));
                        }
                        return hub.healthUp();
                    });
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    /** The repository's default deployment: config/ and routes/ exactly as shipped. */
    static HubProcess startDefault(Path dataDir, String... extraArgs) throws Exception {
        return start(REPO.resolve("config"), REPO.resolve("routes"), dataDir, extraArgs);
    }

    /** A port free for both TCP and UDP on loopback (syslog uses one number for both). */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = s.getLocalPort();
                try (DatagramSocket d = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException busy) {
                    // taken for UDP: try another
                }
            }
        }
        throw new IOException("no free port for both TCP and UDP");
    }

    boolean healthUp() {
        try {
            return get("http://127.0.0.1:" + managementPort + "/observe/health").contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    static String get(String url) throws IOException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** GET /api/alerts?query; the response must be 200. */
    JsonNode alerts(String query) throws IOException {
        String r = get("http://127.0.0.1:" + apiPort + "/api/alerts" + (query.isEmpty() ? "" : "?" + query));
        if (!r.startsWith("200 ")) {
            throw new IOException("GET /api/alerts?" + query + " answered " + r);
        }
        return AlertJson.mapper().readTree(r.substring(4));
    }

    /** The lines of alerts.jsonl, parsed. */
    List<JsonNode> jsonl() throws IOException {
        Path f = dataDir.resolve("alerts.jsonl");
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                out.add(AlertJson.mapper().readTree(line));
            }
        }
        return out;
    }

    /** Sum of a Prometheus counter over the series whose labels include all of {@code labels}. */
    double metric(String name, Map<String, String> labels) throws IOException {
        String body = get("http://127.0.0.1:" + managementPort + "/observe/metrics");
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(body);
        double sum = 0;
        while (m.find()) {
            String l = m.group(1);
            if (labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then wait; returns the exit code. */
    int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("hub did not stop within " + wait + " after SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no drain, no flush. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Runs a command (logger, the CLI) and returns its exit code and output. */
    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int exitCode, String output) {
    }
}
