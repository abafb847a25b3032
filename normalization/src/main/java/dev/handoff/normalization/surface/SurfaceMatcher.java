package dev.handoff.normalization.surface;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.TraceStep;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.normalization.text.Excerpts;
import dev.handoff.normalization.text.FoldedText;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the keywords of each product-surfaces record (whole words, any case) in an artifact's
 * surface cues, error codes and texts: one value per surface, carrying every match as evidence;
 * the more distinct keywords, the more confidence.
 */
public final class SurfaceMatcher {

    private static final String STEM = "product-surfaces";
    /** Enough evidence for a reviewer; more only repeats the same words. */
    private static final int MAX_EVIDENCE = 12;

    private final double ocrCap;

    public SurfaceMatcher(final double ocrCap) {
        this.ocrCap = ocrCap;
    }

    public List<NormalizedValue> match(final List<Candidate> candidates, final List<ProductSurfaceRecord> surfaces) {
        final List<NormalizedValue> out = new ArrayList<>();
        // Fold each candidate once, not once per surface: folding is the costly part of matching.
        final List<Candidate> fed = new ArrayList<>();
        final List<FoldedText> texts = new ArrayList<>();
        for (final Candidate c : candidates) {
            if (feeds(c)) {
                fed.add(c);
                texts.add(FoldedText.of(c.getValue()));
            }
        }
        for (final ProductSurfaceRecord s : surfaces) {
            final Set<String> keywords = new LinkedHashSet<>();
            final List<Evidence> evidence = new ArrayList<>();
            boolean onlyOcr = true;
            final List<String> keys = new ArrayList<>();
            for (final String keyword : s.getKeywords()) {
                keys.add(FoldedText.fold(keyword));
            }
            for (int ci = 0; ci < fed.size(); ci++) {
                final Candidate c = fed.get(ci);
                final FoldedText text = texts.get(ci);
                for (int ki = 0; ki < keys.size(); ki++) {
                    final String keyword = s.getKeywords().get(ki);
                    final String key = keys.get(ki);
                    List<FoldedText.Span> spans = text.find(key);
                    if (spans.isEmpty() && c.getType() == MentionType.ERROR_CODE && key.length() >= 4
                            && text.folded().startsWith(key)) {
                        // an error-code prefix keyword (AADSTS) matches AADSTS50107
                        spans = List.of(new FoldedText.Span(0, c.getValue().length()));
                    }
                    if (spans.isEmpty()) {
                        continue;
                    }
                    keywords.add(keyword);
                    onlyOcr &= "true".equals(c.getAttributes().get(SegmentContext.OCR));
                    if (evidence.size() < MAX_EVIDENCE) {
                        final FoldedText.Span span = spans.get(0);
                        final Evidence ev = c.getType() == MentionType.OTHER
                                ? Excerpts.part(c, span.start(), span.end()) : c.getEvidence();
                        if (!evidence.contains(ev)) {
                            evidence.add(ev);
                        }
                    }
                }
            }
            if (keywords.isEmpty()) {
                continue;
            }
            for (final String keyword : keywords) {
                evidence.add(TraceBuilder.refEvidence(STEM, s.getSurfaceId(), keyword));
            }
            double conf = Math.min(0.95, 0.45 + 0.15 * keywords.size());
            if (onlyOcr) {
                conf = Math.min(conf, ocrCap);
            }
            final Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("keywords", String.join("|", keywords));
            attrs.put("keywordCount", Integer.toString(keywords.size()));
            final List<TraceStep> trace = TraceBuilder.start()
                    .step("keyword-match", String.join("|", keywords), s.getSurfaceId(), false,
                            TraceBuilder.reference(STEM, s.getSurfaceId(), s.getVersion())).build();
            out.add(NormalizedValues.of(FieldNames.PRODUCT_SURFACE, s.getSurfaceId(), conf, evidence, trace, attrs)
                    .build());
        }
        return out;
    }

    private static boolean feeds(final Candidate c) {
        return (c.getType() == MentionType.SURFACE_CUE || c.getType() == MentionType.ERROR_CODE
                || c.getType() == MentionType.OTHER) && c.getValue() != null
                && !"true".equals(c.getAttributes().get(SegmentContext.HIDDEN));
    }
}
