import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.lifecycle.Lifecycle;
import io.mimamori.lifecycle.LifecycleSettings;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.lifecycle.Outcome;
import io.mimamori.outbox.Outbox;
import io.mimamori.outbox.OutboxSettings;
import io.mimamori.pipeline.AlertCompleter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dedup cost with many active conditions: occurrences per second through the pipeline's real
 * commit path (the lifecycle on the outbox writer thread, SQLite condition table, fsync as the
 * hub does it), in three phases:
 * <ol>
 * <li><b>new</b>: FINGERPRINTS distinct firing conditions (each one notified and recorded);</li>
 * <li><b>repeat-cold</b>: as many repeats spread uniformly over all of them (each one a duplicate:
 * recorded, not notified; most are not in the in-memory cache and are read from the table);</li>
 * <li><b>repeat-hot</b>: as many repeats of the 10,000 most recent conditions (cache hits).</li>
 * </ol>
 * Reports each phase's rate, the ratio of the repeat phases to the new phase, how many were
 * notified (must be FINGERPRINTS, i.e. no repeat got through), heap after a full GC, RSS and the
 * outbox file size.
 *
 * <pre>java -cp CLASSPATH bench/lifecycle/DedupBench.java [FINGERPRINTS] [FSYNC true|false]</pre>
 */
public final class DedupBench {
    private static final int BATCH = 500;
    private static final int IN_FLIGHT = 16;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean fsync = args.length <= 1 || Boolean.parseBoolean(args[1]);
        Path dir = Files.createTempDirectory("mimamori-dedup-bench");
        Clock clock = Clock.systemUTC();
        AlertCompleter completer = new AlertCompleter("acme", "bench", clock);
        LifecycleSettings settings = LifecycleSettings.defaults();
        AtomicLong notified = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        Outbox outbox = Outbox.open(dir, new OutboxSettings(fsync, 1 << 20, Duration.ofHours(24), Duration.ofDays(1),
                        Duration.ofHours(1)), clock, settings,
                store -> new Lifecycle(settings, store, MaintenanceGate.NONE, completer::complete, clock),
                outcomes -> {
                    for (Outcome o : outcomes) {
                        if (o.notified()) {
                            notified.incrementAndGet();
                        } else if (Outcome.DUPLICATE.equals(o.reason())) {
                            duplicates.incrementAndGet();
                        }
                    }
                });
        System.out.printf("dedup bench: %,d fingerprints, fsync=%s, cached conditions %,d, outbox in %s%n", n, fsync,
                settings.cachedConditions(), dir);
        Random random = new Random(42);
        double newRate = phase("new", outbox, completer, n, i -> i);
        double cold = phase("repeat-cold", outbox, completer, n, i -> random.nextInt(n));
        int hot = Math.min(n, 10_000);
        double hotRate = phase("repeat-hot", outbox, completer, n, i -> n - 1 - random.nextInt(hot));
        outbox.close();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("notified %,d (expected %,d), duplicates %,d (expected %,d)%n", notified.get(), n,
                duplicates.get(), 2L * n);
        System.out.printf("ratio repeat-cold/new %.2f, repeat-hot/new %.2f%n", cold / newRate, hotRate / newRate);
        System.out.printf("heap after GC %.1f MiB, RSS %s, outbox %.0f MiB%n", heap / 1048576.0, rss(),
                Files.size(dir.resolve(Outbox.FILE_NAME)) / 1048576.0);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        if (notified.get() != n || duplicates.get() != 2L * n) {
            System.out.println("FAILED: the lifecycle let a repeat through or lost a condition");
            System.exit(1);
        }
    }

    private interface Pick {
        int fingerprint(int i);
    }

    private static double phase(String name, Outbox outbox, AlertCompleter completer, int n, Pick pick)
            throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i += BATCH) {
            List<Alert> batch = new ArrayList<>(BATCH);
            for (int k = i; k < Math.min(n, i + BATCH); k++) {
                int fp = pick.fingerprint(k);
                batch.add(completer.complete(Alert.builder().status(Status.FIRING).severity(Severity.MAJOR)
                        .layer(Layer.HARDWARE).event("fan-failure").resource("server" + fp + "/fan1")
                        .host("server" + fp).summary("Fan 1 failed on server" + fp).dedupKey("fan/server" + fp + "/1")
                        .source(new AlertSource("bench", "bench", "192.0.2.1:162", Instant.now(), null)).build()));
            }
            inFlight.acquire();
            while (!outbox.commit(batch, e -> inFlight.release())) {
                Thread.sleep(1);
            }
        }
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (cpu() - cpu0) / 1e9;
        double rate = n / secs;
        System.out.printf("%-12s %,10d occurrences in %6.1f s = %,9.0f /s, process CPU %.1f µs each%n", name, n, secs,
                rate, cpuSecs * 1e6 / n);
        return rate;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }
}
