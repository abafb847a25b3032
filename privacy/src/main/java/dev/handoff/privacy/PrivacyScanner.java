package dev.handoff.privacy;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.core.TextSegment;
import java.util.List;

/**
 * Finds secrets and personal data in one artifact, offline. Never sends a value anywhere.
 * Structure-aware where the format has structure (HAR), text rules on every segment.
 */
public interface PrivacyScanner {

    /**
     * @param artifactId the artifact's file name in the packet
     * @param kind       the classified kind
     * @param bytes      the raw artifact bytes (HAR JSON is scanned structurally)
     * @param segments   the artifact's text as its reader located it
     */
    PrivacyReport scan(String artifactId, ArtifactKind kind, byte[] bytes, List<TextSegment> segments);
}
