package dev.handoff.normalization.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A text folded for matching (lower case, diacritics and punctuation removed, single spaces) that
 * remembers where each folded character came from, so a match can be cut verbatim from the original.
 */
public final class FoldedText {

    /** A match of a phrase: the range in the original text (end exclusive). */
    public record Span(int start, int end) {
    }

    private final String original;
    private final String folded;
    private final int[] origin;

    private FoldedText(final String original, final String folded, final int[] origin) {
        this.original = original;
        this.folded = folded;
        this.origin = origin;
    }

    /** Folds {@code text} keeping a map from folded characters to original positions. */
    public static FoldedText of(final String text) {
        final String source = text == null ? "" : text;
        final StringBuilder out = new StringBuilder(source.length());
        int[] map = new int[source.length() + 1];
        int mapped = 0;
        boolean pendingSpace = false;
        int i = 0;
        while (i < source.length()) {
            final int cp = source.codePointAt(i);
            final int width = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                // ASCII letters and digits have no decomposition: skip the Normalizer for them
                final String lower = cp < 0x80 ? null
                        : Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD)
                                .toLowerCase(Locale.ROOT);
                final int n = lower == null ? 1 : lower.length();
                for (int k = 0; k < n; k++) {
                    final char c = lower == null ? Character.toLowerCase((char) cp) : lower.charAt(k);
                    if (Character.getType(c) == Character.NON_SPACING_MARK) {
                        continue;
                    }
                    if (mapped + 2 > map.length) {
                        map = Arrays.copyOf(map, map.length * 2 + 2);
                    }
                    if (pendingSpace && out.length() > 0) {
                        out.append(' ');
                        map[mapped++] = i;
                    }
                    pendingSpace = false;
                    out.append(c);
                    map[mapped++] = i;
                }
            } else {
                pendingSpace = true;
            }
            i += width;
        }
        return new FoldedText(source, out.toString(), Arrays.copyOf(map, mapped));
    }

    /** The folded form of a phrase: {@code "Brightlake Ceramics GmbH"} becomes {@code "brightlake ceramics gmbh"}. */
    public static String fold(final String text) {
        return of(text).folded();
    }

    public String original() {
        return original;
    }

    public String folded() {
        return folded;
    }

    /** Whole-word occurrences of an already folded phrase, as ranges of the original text. */
    public List<Span> find(final String foldedPhrase) {
        return find(foldedPhrase, Set.of());
    }

    /**
     * Whole-word occurrences of a folded phrase, each extended over directly following words of
     * {@code trailing} (legal suffixes such as "GmbH", so the excerpt shows the name as written).
     */
    public List<Span> find(final String foldedPhrase, final Set<String> trailing) {
        final List<Span> out = new ArrayList<>();
        if (foldedPhrase == null || foldedPhrase.isEmpty()) {
            return out;
        }
        int from = 0;
        while (true) {
            final int at = folded.indexOf(foldedPhrase, from);
            if (at < 0) {
                return out;
            }
            final int end = at + foldedPhrase.length();
            final boolean startsWord = at == 0 || folded.charAt(at - 1) == ' ';
            final boolean endsWord = end == folded.length() || folded.charAt(end) == ' ';
            if (startsWord && endsWord) {
                int last = end;
                while (last < folded.length()) {
                    final int next = folded.indexOf(' ', last + 1);
                    final int wordEnd = next < 0 ? folded.length() : next;
                    if (!trailing.contains(folded.substring(last + 1, wordEnd))) {
                        break;
                    }
                    last = wordEnd;
                }
                out.add(new Span(origin[at], originalEnd(last - 1)));
            }
            from = at + 1;
        }
    }

    /** True when the folded phrase occurs as whole words. */
    public boolean contains(final String foldedPhrase) {
        return !find(foldedPhrase).isEmpty();
    }

    private int originalEnd(final int lastFolded) {
        final int start = origin[lastFolded];
        return start + Character.charCount(original.codePointAt(start));
    }
}
