package dev.handoff.extraction.candidate;

import java.util.ArrayList;
import java.util.List;

/** One line of a segment with its offsets, so line-shaped rules (signatures, labels) keep exact spans. */
record TextLine(int start, int end, String text) {

    boolean blank() {
        return text.isBlank();
    }

    /** Start of the line's text after leading blanks. */
    int contentStart() {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return start + i;
    }

    /** End of the line's text before trailing blanks. */
    int contentEnd() {
        int i = text.length();
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return start + i;
    }

    String content() {
        return text.strip();
    }

    static List<TextLine> split(final String text) {
        final List<TextLine> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\n') {
                final int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(new TextLine(start, end, text.substring(start, end)));
                start = i + 1;
            }
        }
        lines.add(new TextLine(start, text.length(), text.substring(start)));
        return lines;
    }
}
