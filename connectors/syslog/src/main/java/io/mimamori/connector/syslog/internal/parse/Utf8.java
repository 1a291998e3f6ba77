package io.mimamori.connector.syslog.internal.parse;

/** UTF-8 well-formedness as RFC 3629 defines it: no overlong forms, no surrogates, at most U+10FFFF. */
final class Utf8 {

    private Utf8() {
    }

    /** Index of the first byte of the first malformed sequence in {@code [from, to)}, or -1. */
    static int firstMalformed(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            int lead = buf[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuationBytes;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuationBytes = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuationBytes = 2;
                if (lead == 0xE0) {
                    secondMin = 0xA0;
                } else if (lead == 0xED) {
                    secondMax = 0x9F;
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuationBytes = 3;
                if (lead == 0xF0) {
                    secondMin = 0x90;
                } else if (lead == 0xF4) {
                    secondMax = 0x8F;
                }
            } else {
                return i;
            }
            if (to - i <= continuationBytes) {
                return i;
            }
            int second = buf[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k <= continuationBytes; k++) {
                if ((buf[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += continuationBytes + 1;
        }
        return -1;
    }
}
