package dev.handoff.extraction.classify;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes artifact bytes to text the way a person's editor would: a UTF-8 (or UTF-16) byte-order mark is
 * dropped, UTF-8 is tried first and Latin-1 is the fallback, so every byte maps to some character.
 */
public final class TextDecoder {

    private TextDecoder() {
    }

    /** Decoded text and whether it looks like text at all (few control characters, no NULs). */
    public record Decoded(String text, String charset, boolean looksLikeText) {
    }

    /** Decodes at most {@code maxBytes} bytes from the start of {@code bytes}. */
    public static Decoded decode(final byte[] bytes, final int maxBytes) {
        final int length = Math.min(bytes.length, Math.max(0, maxBytes));
        int start = 0;
        String charsetName = "UTF-8";
        String text;
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            text = new String(bytes, 2, length - 2, StandardCharsets.UTF_16BE);
            charsetName = "UTF-16BE";
        } else if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            text = new String(bytes, 2, length - 2, StandardCharsets.UTF_16LE);
            charsetName = "UTF-16LE";
        } else {
            if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
                start = 3;
            }
            text = strictUtf8(bytes, start, length - start, length < bytes.length);
            if (text == null) {
                text = new String(bytes, start, length - start, StandardCharsets.ISO_8859_1);
                charsetName = "ISO-8859-1";
            }
        }
        return new Decoded(text, charsetName, looksLikeText(text));
    }

    /** Decodes all bytes (see {@link #decode(byte[], int)}). */
    public static Decoded decode(final byte[] bytes) {
        return decode(bytes, bytes.length);
    }

    private static String strictUtf8(final byte[] bytes, final int offset, final int length, final boolean cut) {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int usable = length;
        if (cut) {
            // A sniffing window may end inside a multi-byte sequence: drop the partial character.
            int back = 0;
            while (back < 3 && usable > 0 && (bytes[offset + usable - 1] & 0xC0) == 0x80) {
                usable--;
                back++;
            }
            if (usable > 0 && (bytes[offset + usable - 1] & 0xC0) == 0xC0) {
                usable--;
            } else if (back > 0) {
                usable += back;
            }
        }
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, offset, usable)).toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }

    private static boolean looksLikeText(final String text) {
        if (text.isEmpty()) {
            return true;
        }
        int control = 0;
        final int n = Math.min(text.length(), 65_536);
        for (int i = 0; i < n; i++) {
            final char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
            if (c == '\uFFFD') {
                control++;
            }
        }
        return control * 50 < n;
    }
}
