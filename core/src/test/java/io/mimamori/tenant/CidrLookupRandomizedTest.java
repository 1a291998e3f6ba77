package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Longest-prefix attribution through a loaded directory agrees with a plain linear scan over the
 * same prefixes: 500 tenants, 10,000 nested IPv4 and IPv6 prefixes, 100,000 addresses.
 */
class CidrLookupRandomizedTest {
    private static final int TENANTS = 500;
    private static final int PREFIXES = 10_000;
    private static final int ADDRESSES = 100_000;
    private static final List<String> EDGES = List.of("0.0.0.0/8", "255.255.255.0/24", "255.255.255.255/32",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "::/8");

    @TempDir
    Path dir;

    /** A prefix as the reference sees it: network and mask from the JDK's reading of the text. */
    private record Prefix(String text, int tenant, boolean v6, long hi, long lo, long maskHi, long maskLo, int length) {
        static Prefix of(String text, int tenant) throws Exception {
            String[] parts = text.split("/");
            byte[] bytes = InetAddress.getByName(parts[0]).getAddress();
            int length = Integer.parseInt(parts[1]);
            long[] v = bits(bytes);
            int from = bytes.length == 4 ? 96 : 0;
            long maskHi = mask(from + length, 0);
            long maskLo = mask(from + length, 64);
            return new Prefix(text, tenant, bytes.length == 16, v[0], v[1], maskHi, maskLo, length);
        }

        /** The address as two right-aligned 64-bit halves (IPv4 in the low 32 bits). */
        static long[] bits(byte[] a) {
            ByteBuffer b = ByteBuffer.allocate(16);
            b.position(16 - a.length);
            b.put(a);
            return new long[] {b.getLong(0), b.getLong(8)};
        }

        /** Mask of the first {@code n} of 128 bits, for the 64-bit half starting at bit {@code half}. */
        static long mask(int n, int half) {
            int inHalf = Math.max(0, Math.min(64, n - half));
            return inHalf == 0 ? 0 : inHalf == 64 ? -1L : -1L << (64 - inHalf);
        }

        boolean contains(boolean v6Address, long[] a) {
            return v6 == v6Address && (a[0] & maskHi) == (hi & maskHi) && (a[1] & maskLo) == (lo & maskLo);
        }
    }

    @Test
    void agreesWithLinearScan() throws Exception {
        Random random = new Random(20261203L);
        List<Prefix> prefixes = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String edge : EDGES) {
            taken.add(edge);
            prefixes.add(Prefix.of(edge, random.nextInt(TENANTS)));
        }
        while (prefixes.size() < PREFIXES) {
            boolean v6 = random.nextInt(10) < 4;
            int width = v6 ? 128 : 32;
            byte[] network;
            int length;
            if (prefixes.size() > 200 && random.nextInt(3) > 0) {
                // nest inside an existing prefix of the same family, so longest-prefix matters
                Prefix outer = prefixes.get(random.nextInt(prefixes.size()));
                if (outer.v6() != v6 || outer.length() >= width) {
                    continue;
                }
                network = randomInside(random, outer);
                length = outer.length() + 1 + random.nextInt(width - outer.length());
            } else {
                network = new byte[width / 8];
                random.nextBytes(network);
                if (v6) {
                    network[0] = (byte) (0x20 | network[0] & 0x0F);
                }
                length = v6 ? 16 + random.nextInt(49) : 8 + random.nextInt(17);
            }
            String text = InetAddress.getByAddress(clear(network, length)).getHostAddress() + "/" + length;
            if (taken.add(text)) {
                prefixes.add(Prefix.of(text, random.nextInt(TENANTS)));
            }
        }

        StringBuilder yaml = new StringBuilder("unknown: reject\ntenants:\n");
        for (int t = 0; t < TENANTS; t++) {
            yaml.append("  - id: t").append(t).append("\n    attribution:\n      cidrs:\n");
            for (Prefix p : prefixes) {
                if (p.tenant() == t) {
                    yaml.append("        - \"").append(p.text()).append("\"\n");
                }
            }
            yaml.append("        - 198.18.").append(t / 250).append('.').append(t % 250).append("/32\n");
        }
        TenantDirectory directory = TenantFiles.load(dir, yaml.toString());

        LinearScan reference = new LinearScan(prefixes);
        List<String> wrong = new ArrayList<>();
        int matched = 0;
        for (int i = 0; i < ADDRESSES; i++) {
            byte[] address;
            if (random.nextInt(10) < 7) {
                address = randomInside(random, prefixes.get(random.nextInt(prefixes.size())));
            } else {
                address = new byte[random.nextBoolean() ? 16 : 4];
                random.nextBytes(address);
            }
            String text = InetAddress.getByAddress(address).getHostAddress();
            if (address.length == 4 && random.nextInt(10) == 0) {
                text = "::ffff:" + text;
            }
            InetAddress jdk = InetAddress.getByName(text);
            String expected = reference.tenant(jdk.getAddress().length == 16, Prefix.bits(jdk.getAddress()));
            String actual = directory.resolve(TenantClaims.ofAddress(text, null)).tenant();
            if (!Objects.equals(actual, expected)) {
                wrong.add(text + " -> " + actual + ", linear scan: " + expected);
            }
            matched += expected == null ? 0 : 1;
        }
        assertThat(wrong.stream().limit(20).toList()).as("%d of %d addresses differ", wrong.size(), ADDRESSES)
                .isEmpty();
        assertThat(matched).as("addresses inside some prefix").isBetween(ADDRESSES / 2, ADDRESSES * 9 / 10);
    }

    /** The reference: every prefix of the address's family tried in turn, the longest containing one kept. */
    private static final class LinearScan {
        private final Prefix[] v4;
        private final Prefix[] v6;

        LinearScan(List<Prefix> prefixes) {
            v4 = prefixes.stream().filter(p -> !p.v6()).toArray(Prefix[]::new);
            v6 = prefixes.stream().filter(Prefix::v6).toArray(Prefix[]::new);
        }

        String tenant(boolean v6Address, long[] address) {
            Prefix best = null;
            for (Prefix p : v6Address ? v6 : v4) {
                if (p.contains(v6Address, address) && (best == null || p.length() > best.length())) {
                    best = p;
                }
            }
            return best == null ? null : "t" + best.tenant();
        }
    }

    /** A random address inside {@code p}. */
    private static byte[] randomInside(Random random, Prefix p) throws Exception {
        byte[] network = InetAddress.getByName(p.text().split("/")[0]).getAddress();
        byte[] a = new byte[network.length];
        random.nextBytes(a);
        for (int bit = 0; bit < p.length(); bit++) {
            int mask = 0x80 >>> (bit % 8);
            a[bit / 8] = (byte) (a[bit / 8] & ~mask | network[bit / 8] & mask);
        }
        return a;
    }

    private static byte[] clear(byte[] a, int length) {
        byte[] out = a.clone();
        for (int bit = length; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
