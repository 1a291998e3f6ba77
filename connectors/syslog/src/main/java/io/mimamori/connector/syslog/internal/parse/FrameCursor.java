package io.mimamori.connector.syslog.internal.parse;

import java.nio.charset.StandardCharsets;

/**
 * A read position in one frame, with the byte-level helpers both grammars share.
 *
 * <p>Errors report offsets relative to the frame's first byte, so they mean the same thing
 * whatever buffer the frame sits in.
 */
final class FrameCursor {

    private static final int PRI_MAX = 191;

    final byte[] buf;
    /** Index of the frame's first byte. */
    final int start;
    /** Index after the frame's last byte, trailing LF, CR and NUL excluded. */
    final int end;
    int pos;
    /** The PRI value once it has been read, else -1. */
    int pri = -1;

    FrameCursor(byte[] buf, int off, int len) {
        int last = off + len;
        while (last > off && isTerminator(buf[last - 1])) {
            last--;
        }
        this.buf = buf;
        this.start = off;
        this.end = last;
        this.pos = off;
    }

    private static boolean isTerminator(byte b) {
        return b == '\n' || b == '\r' || b == 0;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The byte at the position as 0..255, or -1 at the end of the frame. */
    int peek() {
        return byteAt(pos);
    }

    /** The byte at {@code index} as 0..255, or -1 when {@code index} is past the frame. */
    int byteAt(int index) {
        return index < end ? buf[index] & 0xFF : -1;
    }

    boolean isDigitAt(int index) {
        return index < end && isDigit(buf[index]);
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** PRINTUSASCII of RFC 5424: %d33-126. */
    static boolean isPrintableAscii(int b) {
        return b >= 33 && b <= 126;
    }

    /** Index of the first SP at or after {@code from}, or {@link #end}. */
    int nextSpace(int from) {
        int i = from;
        while (i < end && buf[i] != ' ') {
            i++;
        }
        return i;
    }

    /**
     * Reads {@code <PRI>}: 1 to 3 digits, 0..191, no leading zero except in {@code <0>}. The rules
     * are the same in RFC 5424 §6.2.1 and RFC 3164 §4.1.1.
     */
    void readPri() throws SyslogParseException {
        if (peek() != '<') {
            throw error("frame does not start with '<' (no PRI), found " + describe(peek()));
        }
        pos++;
        int digitsStart = pos;
        int value = 0;
        while (isDigitAt(pos)) {
            if (pos - digitsStart == 3) {
                throw errorAt("PRI has more than 3 digits", digitsStart);
            }
            value = value * 10 + (buf[pos] - '0');
            pos++;
        }
        if (pos == digitsStart) {
            throw error("PRI has no digits, found " + describe(peek()));
        }
        if (peek() != '>') {
            throw error("PRI must end with '>', found " + describe(peek()));
        }
        if (buf[digitsStart] == '0' && pos - digitsStart > 1) {
            throw errorAt("PRI " + ascii(digitsStart, pos) + " has a leading zero", digitsStart);
        }
        if (value > PRI_MAX) {
            throw errorAt("PRI " + value + " is out of range 0..191", digitsStart);
        }
        pos++;
        pri = value;
    }

    /** Consumes {@code c} or fails naming what was expected where. */
    void expect(char c, String where) throws SyslogParseException {
        if (peek() != c) {
            throw error("expected " + describe(c) + " " + where + ", found " + describe(peek()));
        }
        pos++;
    }

    /** Reads exactly {@code count} decimal digits. */
    int readDigits(int count, String what) throws SyslogParseException {
        int value = 0;
        for (int i = 0; i < count; i++) {
            if (!isDigitAt(pos)) {
                throw error("expected " + count + "-digit " + what + ", found " + describe(peek()));
            }
            value = value * 10 + (buf[pos] - '0');
            pos++;
        }
        return value;
    }

    /** Decodes bytes already checked to be US-ASCII; ISO-8859-1 decoding of them is a plain copy. */
    String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Decodes UTF-8, replacing malformed sequences with U+FFFD. */
    String utf8(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    /** Decodes the rest of the frame as a message, dropping a leading UTF-8 BOM. */
    String restAsMessage() {
        int from = pos;
        if (end - from >= 3
                && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB && buf[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        return utf8(from, end);
    }

    SyslogParseException error(String problem) {
        return errorAt(problem, pos);
    }

    SyslogParseException errorAt(String problem, int index) {
        return new SyslogParseException(problem, index - start);
    }

    /** A byte as it should appear in an error message. */
    static String describe(int b) {
        if (b < 0) {
            return "end of frame";
        }
        if (b == ' ') {
            return "SP";
        }
        if (isPrintableAscii(b)) {
            return "'" + (char) b + "'";
        }
        return String.format("byte 0x%02X", b);
    }
}
