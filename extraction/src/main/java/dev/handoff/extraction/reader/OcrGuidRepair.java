package dev.handoff.extraction.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds GUID-shaped runs in OCR text and undoes the usual OCR garbling (O->0, l/I/|->1, S->5,
 * B->8 in lower-case GUIDs, Z->2, G->6, spaces inside, lost hyphens), so a directory GUID shown
 * only in a screenshot can still be matched against the registry.
 */
final class OcrGuidRepair {

    private static final int GUID_HEX = 32;
    private static final int MAX_TOKENS = 8;
    private static final String LEADING_PUNCT = "([{'\"<";
    private static final String TRAILING_PUNCT = ".,;:)]}'\">";

    /**
     * One GUID found in a line.
     *
     * @param start    offset of the first character of the garbled text in the line
     * @param end      offset after its last character
     * @param original the text as OCR read it
     * @param guid     the canonical lower-case GUID
     * @param repaired true when characters had to be changed, inserted or removed
     */
    record Repair(int start, int end, String original, String guid, boolean repaired) {
    }

    private record Token(int start, int end) {
    }

    private OcrGuidRepair() {
    }

    /** All GUIDs in {@code line}, left to right, not overlapping. */
    static List<Repair> find(final String line) {
        final List<Token> tokens = tokens(line);
        final List<Repair> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Repair repair = null;
            int used = 0;
            for (int n = 1; n <= MAX_TOKENS && i + n <= tokens.size() && repair == null; n++) {
                final int start = tokens.get(i).start();
                final int end = tokens.get(i + n - 1).end();
                final Integer hexCount = hexCount(line, start, end);
                if (hexCount == null || hexCount > GUID_HEX) {
                    break;
                }
                if (hexCount == GUID_HEX) {
                    repair = attempt(line.substring(start, end), start);
                    used = n;
                }
            }
            if (repair != null) {
                found.add(repair);
                i += used;
            } else {
                i++;
            }
        }
        return found;
    }

    /** Canonical form of one garbled GUID string, or null when it is not GUID-shaped. */
    static String repair(final String text) {
        final Repair r = attempt(text.strip(), 0);
        return r == null ? null : r.guid();
    }

    private static Repair attempt(final String original, final int offset) {
        final boolean upperGuid = isUpperCaseGuid(original);
        final StringBuilder hex = new StringBuilder(GUID_HEX);
        final List<Integer> hyphensAt = new ArrayList<>();
        for (int i = 0; i < original.length(); i++) {
            final char c = original.charAt(i);
            if (isHyphen(c)) {
                hyphensAt.add(hex.length());
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            final char mapped = mapChar(c, upperGuid);
            if (mapped == 0) {
                return null;
            }
            hex.append(mapped);
        }
        if (hex.length() != GUID_HEX || !structureFits(hyphensAt) || !hasDigitsAndLetters(hex)) {
            return null;
        }
        final String guid = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        final boolean repaired = !original.toLowerCase(Locale.ROOT).equals(guid);
        return new Repair(offset, offset + original.length(), original, guid, repaired);
    }

    // Two or more hyphens, each where a GUID has one: a 32-hex hash without hyphens is not a directory id.
    private static boolean structureFits(final List<Integer> hyphensAt) {
        if (hyphensAt.size() < 2) {
            return false;
        }
        for (final int at : hyphensAt) {
            if (at != 8 && at != 12 && at != 16 && at != 20) {
                return false;
            }
        }
        return hyphensAt.stream().distinct().count() == hyphensAt.size();
    }

    private static boolean hasDigitsAndLetters(final CharSequence hex) {
        int digits = 0;
        for (int i = 0; i < hex.length(); i++) {
            if (Character.isDigit(hex.charAt(i))) {
                digits++;
            }
        }
        return digits >= 4;
    }

    // An upper-case GUID keeps B as the hex letter B; in a lower-case one an upper-case B is a misread 8.
    private static boolean isUpperCaseGuid(final String text) {
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c >= 'A' && c <= 'F' && c != 'B') {
                upper++;
            } else if (c >= 'a' && c <= 'f') {
                lower++;
            }
        }
        return upper > lower;
    }

    private static char mapChar(final char c, final boolean upperGuid) {
        if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
            return c;
        }
        if (c >= 'A' && c <= 'F' && (c != 'B' || upperGuid)) {
            return Character.toLowerCase(c);
        }
        switch (c) {
            case 'O': case 'o': case 'Q':
                return '0';
            case 'l': case 'I': case 'i': case '|': case '!': case 'L': case 'j': case 'J':
                return '1';
            case 'S': case 's': case '$':
                return '5';
            case 'B':
                return '8';
            case 'Z': case 'z':
                return '2';
            case 'G':
                return '6';
            case 'g': case 'q':
                return '9';
            case 'T':
                return '7';
            default:
                return 0;
        }
    }

    private static boolean isHyphen(final char c) {
        return c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014' || c == '_';
    }

    /** Whitespace-separated tokens with surrounding punctuation trimmed. */
    private static List<Token> tokens(final String line) {
        final List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int end = i;
            while (start < end && LEADING_PUNCT.indexOf(line.charAt(start)) >= 0) {
                start++;
            }
            while (end > start && TRAILING_PUNCT.indexOf(line.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end > start) {
                tokens.add(new Token(start, end));
            }
        }
        return tokens;
    }

    /** How many GUID characters the span would give, or null when it holds a character no GUID has. */
    private static Integer hexCount(final String line, final int start, final int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            final char c = line.charAt(i);
            if (isHyphen(c) || Character.isWhitespace(c)) {
                continue;
            }
            if (mapChar(c, true) == 0 && mapChar(c, false) == 0) {
                return null;
            }
            count++;
        }
        return count;
    }
}
