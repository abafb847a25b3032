package dev.handoff.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: content addresses of artifacts and the short hashes that stand in for redacted values. */
public final class Hashing {

    private Hashing() {
    }

    public static String sha256Hex(final byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    public static String sha256Hex(final String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** First 8 hex characters of sha256: enough to correlate, useless to recover the value. */
    public static String shortHash(final String text) {
        return sha256Hex(text).substring(0, 8);
    }

    private static byte[] digest(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
