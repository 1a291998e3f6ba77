package io.mimamori.connector.snmp.internal.net;

/**
 * Keeps a received message fit to store: the community of a v1/v2c message is a secret, so its
 * bytes are overwritten with '*' (same length, so the BER stays well-formed).
 */
public final class RawMessages {
    private RawMessages() {
    }

    /**
     * A copy of {@code message} with the community octets of an SNMPv1/v2c message starred out;
     * a v3 message (whose secrets are keyed digests and ciphertext) is returned as a copy unchanged.
     * Anything that does not parse as far as the community is returned fully starred: no secret can
     * leak through a malformed header.
     */
    public static byte[] withoutCommunity(byte[] message) {
        byte[] out = message.clone();
        int[] pos = {0};
        try {
            expect(out, pos, 0x30);
            length(out, pos);
            expect(out, pos, 0x02);
            int versionLength = length(out, pos);
            if (versionLength < 1 || versionLength > 4) {
                throw new IllegalArgumentException();
            }
            long version = 0;
            for (int i = 0; i < versionLength; i++) {
                version = (version << 8) | (out[pos[0] + i] & 0xff);
            }
            pos[0] += versionLength;
            if (version == 3) {
                return out;
            }
            expect(out, pos, 0x04);
            int communityLength = length(out, pos);
            if (pos[0] + communityLength > out.length) {
                throw new IllegalArgumentException();
            }
            java.util.Arrays.fill(out, pos[0], pos[0] + communityLength, (byte) '*');
            return out;
        } catch (RuntimeException e) {
            java.util.Arrays.fill(out, (byte) '*');
            return out;
        }
    }

    private static void expect(byte[] b, int[] pos, int tag) {
        if (pos[0] >= b.length || (b[pos[0]] & 0xff) != tag) {
            throw new IllegalArgumentException();
        }
        pos[0]++;
    }

    private static int length(byte[] b, int[] pos) {
        int first = b[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        if (n == 0 || n > 3) {
            throw new IllegalArgumentException();
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (b[pos[0]++] & 0xff);
        }
        return len;
    }
}
