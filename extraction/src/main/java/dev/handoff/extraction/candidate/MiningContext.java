package dev.handoff.extraction.candidate;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment being mined: the verbatim text, a masked copy (same offsets) in which blob-like tokens
 * are blanked so no pattern fires inside them, and the list the candidates go to. Evidence is always
 * the exact verbatim span with the segment's own locator.
 */
final class MiningContext {

    static final String EXTRACTOR = "candidate-miner/1";
    /** OCR text is garbled often enough that every candidate from it is worth less. */
    static final double OCR_FACTOR = 0.7;
    /**
     * Mentions are looked for in the first this-many characters of a segment only: the decision
     * needs a few mentions, not every one of a megabyte body, and hostile token-dense text costs
     * about 5-10 microseconds per character.
     */
    static final int MAX_MINED_CHARS = 256 * 1024;

    private final TextSegment segment;
    private final String text;
    private final String masked;
    private final boolean ocr;
    private final List<Candidate> out = new ArrayList<>();
    private int[] starts;

    MiningContext(final TextSegment segment) {
        this.segment = segment;
        this.text = segment.text();
        this.masked = BlobMask.mask(text);
        this.ocr = segment.is(SegmentContext.OCR) || "ocr".equals(segment.context(SegmentContext.ROLE));
    }

    TextSegment segment() {
        return segment;
    }

    /** The verbatim text; excerpts are cut from it. */
    String text() {
        return text;
    }

    /** The text with blob tokens blanked; patterns run on it so offsets match {@link #text()}. */
    String masked() {
        return masked;
    }

    /**
     * Matches of {@code pattern} in the masked text, tried only where a token starts (a change between
     * blank, letter-or-digit and other characters). Java's {@code find} tries every position, which on
     * megabyte segments costs seconds; no pattern here needs to start inside a token.
     */
    List<MatchResult> matches(final Pattern pattern) {
        final int[] at = starts();
        final List<MatchResult> found = new ArrayList<>();
        if (at.length == 0) {
            return found;
        }
        final Matcher m = pattern.matcher(masked).useTransparentBounds(true).useAnchoringBounds(false);
        int lastEnd = 0;
        for (final int start : at) {
            if (start < lastEnd) {
                continue;
            }
            m.region(start, masked.length());
            if (m.lookingAt() && m.end() > start) {
                found.add(m.toMatchResult());
                lastEnd = m.end();
            }
        }
        return found;
    }

    private int[] starts() {
        if (starts == null) {
            int[] buf = new int[64];
            int count = 0;
            int previous = 0;
            final int limit = Math.min(masked.length(), MAX_MINED_CHARS);
            for (int i = 0; i < limit; i++) {
                final char c = masked.charAt(i);
                final int kind = Character.isWhitespace(c) ? 0 : Character.isLetterOrDigit(c) ? 1 : 2;
                if (kind != 0 && kind != previous) {
                    if (count == buf.length) {
                        buf = Arrays.copyOf(buf, count * 2);
                    }
                    buf[count++] = i;
                }
                previous = kind;
            }
            starts = Arrays.copyOf(buf, count);
        }
        return starts;
    }

    boolean ocr() {
        return ocr;
    }

    List<Candidate> candidates() {
        return out;
    }

    void add(final String field, final MentionType type, final String value, final int start, final int end,
             final double confidence) {
        add(field, type, value, start, end, confidence, Map.of());
    }

    void add(final String field, final MentionType type, final String value, final int start, final int end,
             final double confidence, final Map<String, String> attributes) {
        if (value == null || value.isBlank() || start < 0 || end > text.length() || start >= end) {
            return;
        }
        final Map<String, String> attrs = new HashMap<>(attributes);
        if (ocr) {
            attrs.put(SegmentContext.OCR, "true");
        }
        if (segment.is(SegmentContext.HIDDEN)) {
            attrs.put(SegmentContext.HIDDEN, "true");
        }
        final double conf = Math.min(1.0, ocr ? confidence * OCR_FACTOR : confidence);
        final Evidence evidence = Evidence.newBuilder()
                .setArtifactId(segment.artifactId())
                .setLocator(segment.locate(start, end))
                .setExcerpt(text.substring(start, end))
                .build();
        out.add(Candidate.newBuilder()
                .setField(field)
                .setType(type)
                .setValue(value)
                .setEvidence(evidence)
                .setConfidence(Math.round(conf * 1000) / 1000.0)
                .setExtractor(EXTRACTOR)
                .setAttributes(attrs)
                .build());
    }

    /** Start of the sentence or line holding {@code pos}, never further back than {@code maxBack} chars. */
    int clauseStart(final int pos, final int maxBack) {
        final int floor = Math.max(0, pos - maxBack);
        for (int i = pos - 1; i >= floor; i--) {
            final char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == ';' || c == '!' || c == '?') {
                return i + 1;
            }
            if (c == '.' && i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        return floor;
    }
}
