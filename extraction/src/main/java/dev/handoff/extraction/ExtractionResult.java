package dev.handoff.extraction;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PrivacyFinding;
import java.util.List;
import java.util.Map;

/**
 * Everything the extractor learned from one artifact, already redacted: no string here holds a
 * secret value the privacy scan found.
 *
 * @param sanitized  true when the artifact holds no secret
 * @param attributes artifact context (anchor time, zone) for the normalizer
 */
public record ExtractionResult(
        Classification classification,
        boolean readable,
        boolean sanitized,
        List<Candidate> candidates,
        List<PrivacyFinding> findings,
        List<Notice> warnings,
        Map<String, String> attributes) {
}
