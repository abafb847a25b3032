package dev.handoff.extraction.candidate;

/**
 * Blanks tokens that look like encoded data (base64, hashes, tokens, very long runs) so that no
 * miner pattern fires inside them and no pattern has to scan them; offsets stay unchanged.
 */
final class BlobMask {

    /** A run this long of token characters is data, whatever its mix. */
    private static final int ALWAYS_BLOB = 200;
    /** A mixed-case run with digits this long is almost surely encoded data (real ids are shorter). */
    private static final int MIXED_BLOB = 32;

    private BlobMask() {
    }

    static String mask(final String text) {
        char[] chars = null;
        final int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            final int start = i;
            boolean upper = false;
            boolean lower = false;
            boolean digit = false;
            while (i < n && isTokenChar(text.charAt(i))) {
                final char c = text.charAt(i);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
                i++;
            }
            final int len = i - start;
            if (len >= ALWAYS_BLOB || len >= MIXED_BLOB && upper && lower && digit && !guidShaped(text, start, i)) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                for (int k = start; k < i; k++) {
                    chars[k] = ' ';
                }
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** A GUID written with OCR garbling (mixed case) must survive for the GUID repair. */
    private static boolean guidShaped(final String text, final int start, final int end) {
        if (end - start != 36) {
            return false;
        }
        for (int k = 0; k < 36; k++) {
            final boolean hyphen = text.charAt(start + k) == '-';
            if (hyphen != (k == 8 || k == 13 || k == 18 || k == 23)) {
                return false;
            }
        }
        return true;
    }

    /** Base64 and base64url alphabet; dots end a token so host names and JWT parts stay apart. */
    private static boolean isTokenChar(final char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '+' || c == '/' || c == '=' || c == '_' || c == '-';
    }
}
