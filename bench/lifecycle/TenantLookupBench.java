import io.mimamori.tenant.TenantClaims;
import io.mimamori.tenant.TenantDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Tenant attribution by sender address: lookups per second through {@link TenantDirectory} against
 * a linear scan over the same prefixes, and the heap the loaded directory retains.
 *
 * <p>Data: TENANTS tenants (default 500) sharing PREFIXES IPv4 and IPv6 prefixes (default 10,000;
 * 60 % IPv4, about two thirds nested inside another prefix), written to a tenants.yaml and loaded
 * as the hub loads it. Addresses: 70 % inside some prefix, 30 % random, as text.
 *
 * <p>The directory resolves address text (parsing included); the linear scan gets the addresses
 * already parsed, so the ratio understates the directory's advantage. Each figure is the median of
 * ROUNDS timed rounds after two warm-up rounds.
 *
 * <pre>java -cp CLASSPATH bench/lifecycle/TenantLookupBench.java [TENANTS PREFIXES ROUNDS]</pre>
 */
public final class TenantLookupBench {
    private static final int ADDRESSES = 1 << 20;
    private static final int SCAN_ADDRESSES = 20_000;

    /** A prefix as the linear scan holds it: 128-bit network and mask, IPv4 in the low 32 bits. */
    private record Prefix(String text, int tenant, boolean v6, long hi, long lo, long maskHi, long maskLo,
                          int length) {
    }

    public static void main(String[] args) throws Exception {
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int prefixCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Random random = new Random(42);
        List<Prefix> prefixes = prefixes(random, prefixCount, tenants);

        Path dir = Files.createTempDirectory("tenant-bench");
        Files.writeString(dir.resolve("tenants.yaml"), yaml(prefixes, tenants));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeapAfterGc(memory);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        TenantDirectory directory = TenantDirectory.load(dir);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        double loadCpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        long retained = usedHeapAfterGc(memory) - heapBefore;

        String[] texts = new String[ADDRESSES];
        long[][] parsed = new long[ADDRESSES][];
        boolean[] v6 = new boolean[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            byte[] a = random.nextInt(10) < 7 ? inside(random, prefixes.get(random.nextInt(prefixes.size())))
                    : randomAddress(random);
            InetAddress inet = InetAddress.getByAddress(a);
            texts[i] = inet.getHostAddress();
            parsed[i] = bits(inet.getAddress());
            v6[i] = inet.getAddress().length == 16;
        }
        TenantClaims[] claims = Arrays.stream(texts).map(t -> TenantClaims.ofAddress(t, null))
                .toArray(TenantClaims[]::new);

        Prefix[] scanV4 = prefixes.stream().filter(p -> !p.v6()).toArray(Prefix[]::new);
        Prefix[] scanV6 = prefixes.stream().filter(Prefix::v6).toArray(Prefix[]::new);
        int disagreements = 0;
        for (int i = 0; i < SCAN_ADDRESSES; i++) {
            int expected = linearScan(v6[i] ? scanV6 : scanV4, v6[i], parsed[i]);
            String actual = directory.resolve(claims[i]).tenant();
            if (!(expected < 0 ? "unmatched" : "t" + expected).equals(actual)) {
                disagreements++;
            }
        }

        double[] directoryRates = new double[rounds];
        double[] scanRates = new double[rounds];
        long sink = 0;
        for (int r = -2; r < rounds; r++) {
            long start = System.nanoTime();
            for (TenantClaims c : claims) {
                sink += directory.resolve(c).tenant().length();
            }
            double directoryRate = ADDRESSES / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (int i = 0; i < SCAN_ADDRESSES; i++) {
                sink += linearScan(v6[i] ? scanV6 : scanV4, v6[i], parsed[i]);
            }
            double scanRate = SCAN_ADDRESSES / ((System.nanoTime() - start) / 1e9);
            if (r >= 0) {
                directoryRates[r] = directoryRate;
                scanRates[r] = scanRate;
            }
        }
        double directoryMedian = median(directoryRates);
        double scanMedian = median(scanRates);

        System.out.printf("tenants %d, prefixes %d (IPv4 %d, IPv6 %d), Java %s, %d CPUs, load average %.1f%n",
                tenants, prefixes.size(), scanV4.length, scanV6.length, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage);
        System.out.printf("load tenants.yaml (cold JVM):  %.0f ms, %.0f ms CPU%n", loadMs, loadCpuMs);
        System.out.printf("directory lookups/s (text):    %,.0f  (rounds: %s)%n", directoryMedian, rates(directoryRates));
        System.out.printf("linear scan lookups/s (parsed): %,.0f  (rounds: %s)%n", scanMedian, rates(scanRates));
        System.out.printf("ratio directory/linear:        %.0fx%n", directoryMedian / scanMedian);
        System.out.printf("answers differing from linear scan: %d of %d%n", disagreements, SCAN_ADDRESSES);
        System.out.printf("retained heap (MemoryMXBean, after GC): %.1f MiB%n", retained / 1048576.0);
        Long jol = jolTotalSize(directory);
        if (jol != null) {
            System.out.printf("retained heap (JOL GraphLayout):       %.1f MiB%n", jol / 1048576.0);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static List<Prefix> prefixes(Random random, int count, int tenants) throws Exception {
        List<Prefix> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        while (out.size() < count) {
            boolean v6 = random.nextInt(10) < 4;
            int width = v6 ? 128 : 32;
            byte[] network;
            int length;
            if (out.size() > 200 && random.nextInt(3) > 0) {
                Prefix outer = out.get(random.nextInt(out.size()));
                if (outer.v6() != v6 || outer.length() >= width) {
                    continue;
                }
                network = inside(random, outer);
                length = outer.length() + 1 + random.nextInt(width - outer.length());
            } else {
                network = new byte[width / 8];
                random.nextBytes(network);
                if (v6) {
                    network[0] = (byte) (0x20 | network[0] & 0x0F);
                }
                length = v6 ? 16 + random.nextInt(49) : 8 + random.nextInt(17);
            }
            for (int bit = length; bit < width; bit++) {
                network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            String text = InetAddress.getByAddress(network).getHostAddress() + "/" + length;
            if (taken.add(text)) {
                long[] v = bits(network);
                int from = v6 ? 0 : 96;
                out.add(new Prefix(text, random.nextInt(tenants), v6, v[0], v[1], mask(from + length, 0),
                        mask(from + length, 64), length));
            }
        }
        return out;
    }

    private static String yaml(List<Prefix> prefixes, int tenants) {
        List<List<String>> byTenant = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            byTenant.add(new ArrayList<>());
        }
        prefixes.forEach(p -> byTenant.get(p.tenant()).add(p.text()));
        StringBuilder y = new StringBuilder("defaultTenant: unmatched\ntenants:\n  - id: unmatched\n");
        for (int t = 0; t < tenants; t++) {
            y.append("  - id: t").append(t).append("\n    timezone: Asia/Tokyo\n    attribution:\n")
                    .append("      hostnames: [\"*.t").append(t).append(".example\"]\n");
            if (!byTenant.get(t).isEmpty()) {
                y.append("      cidrs:\n");
                byTenant.get(t).forEach(c -> y.append("        - \"").append(c).append("\"\n"));
            }
        }
        return y.toString();
    }

    private static int linearScan(Prefix[] prefixes, boolean v6, long[] a) {
        Prefix best = null;
        for (Prefix p : prefixes) {
            if (p.v6() == v6 && (a[0] & p.maskHi()) == p.hi() && (a[1] & p.maskLo()) == p.lo()
                    && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? -1 : best.tenant();
    }

    private static long[] bits(byte[] a) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.position(16 - a.length);
        b.put(a);
        return new long[] {b.getLong(0), b.getLong(8)};
    }

    private static long mask(int n, int half) {
        int inHalf = Math.max(0, Math.min(64, n - half));
        return inHalf == 0 ? 0 : inHalf == 64 ? -1L : -1L << (64 - inHalf);
    }

    private static byte[] inside(Random random, Prefix p) throws Exception {
        byte[] network = InetAddress.getByName(p.text().split("/")[0]).getAddress();
        byte[] a = new byte[network.length];
        random.nextBytes(a);
        for (int bit = 0; bit < p.length(); bit++) {
            int m = 0x80 >>> (bit % 8);
            a[bit / 8] = (byte) (a[bit / 8] & ~m | network[bit / 8] & m);
        }
        return a;
    }

    private static byte[] randomAddress(Random random) {
        byte[] a = new byte[random.nextBoolean() ? 16 : 4];
        random.nextBytes(a);
        return a;
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** JOL's deep size of the directory when jol-core is on the class path, else null. */
    private static Long jolTotalSize(Object root) {
        try {
            Class<?> layout = Class.forName("org.openjdk.jol.info.GraphLayout");
            Object graph = layout.getMethod("parseInstance", Object[].class).invoke(null, (Object) new Object[] {root});
            return (Long) layout.getMethod("totalSize").invoke(graph);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String rates(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%,.0f", v));
        }
        return sb.toString();
    }
}
