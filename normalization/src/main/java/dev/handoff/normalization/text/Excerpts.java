package dev.handoff.normalization.text;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts evidence for a part of a candidate's text (an alias inside a whole segment) so the excerpt
 * stays verbatim and, where the locator has a {@code chars=S-E} range, the locator points at the part.
 */
public final class Excerpts {

    private static final Pattern CHARS = Pattern.compile("chars=(\\d+)-(\\d+)");

    private Excerpts() {
    }

    /** Evidence for {@code value.substring(start, end)} of the candidate; falls back to the candidate's own evidence. */
    public static Evidence part(final Candidate candidate, final int start, final int end) {
        final Evidence whole = candidate.getEvidence();
        final String value = candidate.getValue();
        if (value == null || start < 0 || end > value.length() || start >= end) {
            return whole;
        }
        final String piece = value.substring(start, end);
        final String excerpt = whole.getExcerpt();
        if (excerpt != null && excerpt.equals(value)) {
            final Matcher m = CHARS.matcher(whole.getLocator());
            if (m.find()) {
                final long base = Long.parseLong(m.group(1));
                final String locator = whole.getLocator().substring(0, m.start())
                        + "chars=" + (base + start) + "-" + (base + end) + whole.getLocator().substring(m.end());
                return new Evidence(whole.getArtifactId(), locator, piece);
            }
            return new Evidence(whole.getArtifactId(), whole.getLocator(), piece);
        }
        if (excerpt != null && excerpt.contains(piece)) {
            return new Evidence(whole.getArtifactId(), whole.getLocator(), piece);
        }
        return whole;
    }
}
