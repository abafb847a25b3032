package dev.handoff.core;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Notice;
import java.util.List;
import java.util.Map;

/**
 * What a reader made of one artifact: its text as located segments, the candidates its structure
 * gives directly (an email's From header, a ticket's Organization column), warnings, and embedded
 * artifacts (email attachments) to be read in turn.
 *
 * @param attributes artifact-wide context such as {@link SegmentContext#ANCHOR} and {@link SegmentContext#ZONE}
 */
public record ArtifactContent(
        String artifactId,
        ArtifactKind kind,
        String mediaType,
        boolean readable,
        List<TextSegment> segments,
        List<Candidate> candidates,
        List<Notice> warnings,
        List<EmbeddedArtifact> embedded,
        Map<String, String> attributes) {

    public ArtifactContent {
        segments = List.copyOf(segments);
        candidates = List.copyOf(candidates);
        warnings = List.copyOf(warnings);
        embedded = List.copyOf(embedded);
        attributes = Map.copyOf(attributes);
    }

    /** An artifact found inside another (an email attachment, a forwarded message). */
    public record EmbeddedArtifact(String name, String mediaType, byte[] bytes) {
    }
}
