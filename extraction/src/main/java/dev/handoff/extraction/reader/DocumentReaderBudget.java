package dev.handoff.extraction.reader;

import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;

/**
 * The text budget of one read ({@link ReadLimits#maxTextChars()}): segments past it are cut, and the reader notes
 * the cut in the artifact attributes under {@link #TRUNCATED} so the result says that text is missing.
 */
final class DocumentReaderBudget {

    /** Artifact attribute set when text was cut: says how many characters were kept. */
    static final String TRUNCATED = "textTruncated";

    private final int max;
    private int used;
    private boolean cut;

    DocumentReaderBudget(final ReadLimits limits) {
        this.max = limits.maxTextChars();
    }

    /** The part of {@code text} that still fits; empty once the budget is spent. */
    String take(final String text) {
        final int left = max - used;
        if (text.length() <= left) {
            used += text.length();
            return text;
        }
        cut = true;
        final String kept = left <= 0 ? "" : text.substring(0, left);
        used = max;
        return kept;
    }

    boolean exhausted() {
        return used >= max;
    }

    boolean wasCut() {
        return cut;
    }

    String note() {
        return "text cut at " + max + " characters";
    }

    /** Refuses an artifact above {@link ReadLimits#maxBytes()} (or an empty one) with a one-line reason. */
    static void checkSize(final ArtifactInput input, final ReadLimits limits, final String what) {
        if (input.bytes() == null || input.bytes().length == 0) {
            throw new IllegalArgumentException("empty " + what);
        }
        if (input.bytes().length > limits.maxBytes()) {
            throw new IllegalArgumentException(what + " of " + input.bytes().length + " bytes is above the read limit of "
                    + limits.maxBytes() + " bytes");
        }
    }
}
