package dev.handoff.privacy;

import dev.handoff.avro.PrivacyFinding;
import java.util.List;

/**
 * Findings of one artifact (only redacted excerpts and short hashes) and a {@link Redactor} that knows
 * the raw secret values, in memory only, so every other string that leaves the extractor can be
 * scrubbed of them.
 */
public record PrivacyReport(List<PrivacyFinding> findings, Redactor redactor) {

    public PrivacyReport {
        findings = List.copyOf(findings);
    }

    public boolean hasSecrets() {
        return findings.stream().anyMatch(PrivacyFinding::getSecret);
    }

    public static PrivacyReport empty() {
        return new PrivacyReport(List.of(), Redactor.none());
    }
}
