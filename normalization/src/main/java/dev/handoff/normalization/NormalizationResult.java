package dev.handoff.normalization;

import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.Notice;
import dev.handoff.avro.ReferenceFacts;
import java.util.List;

/**
 * One artifact's candidates normalized: a value per interpretation (each with evidence and trace),
 * the reference records used (so the router can pick the covering entitlement and the roster without
 * joins of its own), and warnings such as LOSSY_NORMALIZATION.
 */
public record NormalizationResult(List<NormalizedValue> values, ReferenceFacts facts, List<Notice> warnings) {
}
