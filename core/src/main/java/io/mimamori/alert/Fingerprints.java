package io.mimamori.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a condition: SHA-256 over tenant and dedup key, first 128 bits in hex.
 * It depends on nothing else, so it is stable across restarts, hosts and routing changes.
 */
public final class Fingerprints {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private Fingerprints() {
    }

    public static String of(String tenant, String dedupKey) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(tenant.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(dedupKey.getBytes(StandardCharsets.UTF_8));
        byte[] d = md.digest();
        return HexFormat.of().formatHex(d, 0, 16);
    }
}
