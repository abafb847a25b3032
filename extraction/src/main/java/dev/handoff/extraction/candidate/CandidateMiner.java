package dev.handoff.extraction.candidate;

import dev.handoff.avro.Candidate;
import dev.handoff.core.TextSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mines field candidates from the free text of any segment (email body, ticket cell, note line,
 * OCR line, HAR body). Every candidate cites the exact verbatim span through the segment's own
 * locator. Stateless and thread-safe; all patterns are precompiled and anchored at token
 * boundaries, and blob-like tokens are masked first, so long or hostile lines stay linear.
 */
public final class CandidateMiner {

    /** Name/version written into {@code Candidate.extractor}. */
    public static final String EXTRACTOR = MiningContext.EXTRACTOR;

    public List<Candidate> mine(final TextSegment segment) {
        if (segment == null || segment.text().isBlank()) {
            return List.of();
        }
        final MiningContext ctx = new MiningContext(segment);
        IdentifierMiner.mine(ctx);
        OrgNameMiner.mine(ctx);
        PersonMiner.mine(ctx);
        CueMiner.mine(ctx);
        TimeClaimMiner.mine(ctx);
        ImpactMiner.mine(ctx);
        return dedupe(ctx.candidates());
    }

    /** Same type, value and locator is one mention; the most confident reading stays. */
    static List<Candidate> dedupe(final List<Candidate> candidates) {
        final Map<String, Candidate> byKey = new LinkedHashMap<>();
        for (final Candidate c : candidates) {
            final String key = c.getType() + "\u0000" + c.getValue() + "\u0000" + c.getEvidence().getLocator();
            final Candidate seen = byKey.get(key);
            if (seen == null || c.getConfidence() > seen.getConfidence()) {
                byKey.put(key, c);
            }
        }
        return new ArrayList<>(byKey.values());
    }
}
