package io.mimamori.alert;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/** Length caps that never split a character. */
public final class Text {
    private static final char ELLIPSIS = '\u2026';

    private Text() {
    }

    /** Cuts {@code s} to at most {@code max} chars, ending in an ellipsis when cut; null stays null. */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + ELLIPSIS;
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding fits in {@code maxBytes}. */
    public static String truncateUtf8(String s, int maxBytes) {
        CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder();
        ByteBuffer out = ByteBuffer.allocate(maxBytes);
        CharBuffer in = CharBuffer.wrap(s);
        enc.encode(in, out, true);
        return s.substring(0, in.position());
    }
}
