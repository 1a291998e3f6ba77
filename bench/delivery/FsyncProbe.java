import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How long this disk takes to make a small write durable: N appends of 4 KiB, each followed by
 * fsync (FileChannel.force), in DIR; prints p50/p90/p99/max in ms. An outbox commit with
 * synchronous=FULL needs at least one such fsync, so its p99 bounds the delivery latency from below.
 *
 * <pre>java bench/delivery/FsyncProbe.java DIR [N]</pre>
 */
public final class FsyncProbe {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path file = Files.createTempFile(dir, "fsync-probe", ".bin");
        long[] ns = new long[n];
        ByteBuffer page = ByteBuffer.allocate(4096);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < n; i++) {
                page.clear();
                long t0 = System.nanoTime();
                ch.write(page);
                ch.force(false);
                ns[i] = System.nanoTime() - t0;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(ns);
        System.out.printf("fsync of a 4 KiB append (%d samples): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", n,
                ms(ns, 0.50), ms(ns, 0.90), ms(ns, 0.99), ns[n - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
