import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local incident-system stand-in for the delivery benchmark: accepts POSTed alerts (202) and
 * records, per alert, the time from the hub's receipt of the input (source.receivedAt) to this
 * request. GET /stats prints requests, distinct ids, p50/p90/p99/max in ms; GET /reset clears them.
 *
 *   java Receiver.java PORT [DELAY_MS]
 */
public final class Receiver {
    private static final Pattern RECEIVED = Pattern.compile("\"receivedAt\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\\{\"schema\":\"mimamori\\.alert/v1\",\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Set<String> ids = Collections.synchronizedSet(new HashSet<>());
        int[] posts = {0};
        int[] alerts = {0};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.createContext("/alerts", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.currentTimeMillis();
            // one alert, or a JSON array of them (a batch)
            Matcher r = RECEIVED.matcher(body);
            while (r.find()) {
                latencies.add((double) (now - Instant.parse(r.group(1)).toEpochMilli()));
            }
            Matcher id = ID.matcher(body);
            while (id.find()) {
                ids.add(id.group(1));
                synchronized (posts) {
                    alerts[0]++;
                }
            }
            synchronized (posts) {
                posts[0]++;
            }
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        server.createContext("/reset", ex -> {
            latencies.clear();
            ids.clear();
            synchronized (posts) {
                posts[0] = 0;
                alerts[0] = 0;
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/stats", ex -> {
            List<Double> l;
            synchronized (latencies) {
                l = new ArrayList<>(latencies);
            }
            Collections.sort(l);
            String out = String.format("posts=%d alerts=%d distinct=%d p50_ms=%.0f p90_ms=%.0f p99_ms=%.0f max_ms=%.0f%n",
                    posts[0], alerts[0], ids.size(), pct(l, 50), pct(l, 90), pct(l, 99), l.isEmpty() ? 0 : l.get(l.size() - 1));
            byte[] b = out.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("receiver listening on 127.0.0.1:" + port);
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
