package dev.handoff.extraction;

import dev.handoff.avro.ArtifactKind;

/**
 * One artifact to read.
 *
 * @param artifactId the file name in the packet
 * @param kindHint   the manifest's kind, or null; a hint only: content decides
 * @param bytes      the artifact's bytes from the attachment store
 */
public record ArtifactInput(String artifactId, ArtifactKind kindHint, byte[] bytes) {
}
