package io.mimamori.tenant;

/**
 * An IPv4 or IPv6 address as a left-aligned 128-bit number ({@code hi} holds the first 64 bits),
 * read from its literal text without any name lookup. IPv4 addresses occupy the top 32 bits, so
 * one prefix arithmetic serves both families; the family keeps them apart.
 */
record IpAddress(boolean v6, long hi, long lo) {

    /** Bits in an address of this family. */
    int width() {
        return v6 ? 128 : 32;
    }

    /** This address with all bits after the first {@code length} cleared. */
    IpAddress network(int length) {
        return new IpAddress(v6, hi & hiMask(length), lo & loMask(length));
    }

    /**
     * The last address of the prefix of {@code length} bits starting here: all following bits set,
     * in the whole 128-bit frame (an IPv4 key has its low 96 bits clear, so it still sorts inside).
     */
    IpAddress last(int length) {
        return new IpAddress(v6, hi | ~hiMask(length), lo | ~loMask(length));
    }

    /** True for the greatest 128-bit value, which has no successor. */
    boolean isMax() {
        return hi == -1L && lo == -1L;
    }

    /** The next 128-bit value; not called on {@link #isMax()}. */
    IpAddress next() {
        return lo == -1L ? new IpAddress(v6, hi + 1, 0) : new IpAddress(v6, hi, lo + 1);
    }

    /** Unsigned 128-bit order. */
    int compareTo(long otherHi, long otherLo) {
        int c = Long.compareUnsigned(hi, otherHi);
        return c != 0 ? c : Long.compareUnsigned(lo, otherLo);
    }

    private static long hiMask(int length) {
        return length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
    }

    private static long loMask(int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (with {@code ::}, an embedded dotted quad, an
     * optional {@code %zone} and optional brackets). An IPv4-mapped IPv6 address
     * ({@code ::ffff:192.0.2.1}, as dual-stack sockets report IPv4 senders) becomes the IPv4 address.
     *
     * @return the address, or null when {@code text} is not an address literal
     */
    static IpAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') < 0) {
            long v4 = parseV4(s, 0, s.length());
            return v4 < 0 ? null : new IpAddress(false, v4 << 32, 0);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        IpAddress v6 = parseV6(s);
        if (v6 != null && v6.hi == 0 && (v6.lo >>> 32) == 0xFFFFL) {
            return new IpAddress(false, v6.lo << 32, 0);
        }
        return v6;
    }

    /** A dotted quad between {@code from} and {@code to} as an unsigned 32-bit value, or -1. */
    private static long parseV4(String s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int octet = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || digits > 1 && s.charAt(start) == '0') {
                return -1;
            }
            value = value << 8 | octet;
            parts++;
            if (parts < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? value : -1;
    }

    private static IpAddress parseV6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int group = 0;
            while (i < n && hex(s.charAt(i)) >= 0 && i - start < 4) {
                group = group << 4 | hex(s.charAt(i));
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                long v4 = count <= 6 ? parseV4(s, start, n) : -1;
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = group;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = hi << 16 | full[g];
            lo = lo << 16 | full[g + 4];
        }
        return new IpAddress(true, hi, lo);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** The usual text form: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as {@code ::}). */
    @Override
    public String toString() {
        if (!v6) {
            long a = hi >>> 32;
            return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i) & 0xFFFF);
            g[i + 4] = (int) (lo >>> (48 - 16 * i) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
