package io.mimamori.alert;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The original input, size-capped, so an operator can see exactly what the device said.
 *
 * @param contentType e.g. {@code text/plain} for syslog
 * @param encoding    {@code utf-8} when {@code data} is the text itself, {@code base64} otherwise
 * @param data        the payload, cut to the cap
 * @param truncated   true when the payload was longer than the cap
 */
public record RawPayload(String contentType, String encoding, String data, boolean truncated) {

    /** Default cap on the kept payload, in bytes. */
    public static final int DEFAULT_CAP = 8192;

    public static RawPayload text(String contentType, String text, int cap) {
        if (text.length() <= cap / 3 || text.getBytes(StandardCharsets.UTF_8).length <= cap) {
            return new RawPayload(contentType, "utf-8", text, false);
        }
        return new RawPayload(contentType, "utf-8", Text.truncateUtf8(text, cap), true);
    }

    public static RawPayload binary(String contentType, byte[] bytes, int cap) {
        boolean cut = bytes.length > cap;
        byte[] kept = cut ? java.util.Arrays.copyOf(bytes, cap) : bytes;
        return new RawPayload(contentType, "base64", Base64.getEncoder().encodeToString(kept), cut);
    }
}
