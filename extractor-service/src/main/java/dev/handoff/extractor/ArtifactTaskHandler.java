package dev.handoff.extractor;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactTask;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Notice;
import dev.handoff.common.AttachmentStore;
import dev.handoff.core.Codes;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ExtractionResult;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one artifact task into what the extractor publishes: fetches the bytes from the attachment
 * store by claim check, extracts, and never throws: a missing or unreadable artifact becomes an
 * ARTIFACT_UNREADABLE warning on the packet, so a bad artifact never stops its packet.
 */
public final class ArtifactTaskHandler implements Function<ArtifactTask, ArtifactExtracted> {

    private static final Logger LOGGER = LoggerFactory.getLogger(ArtifactTaskHandler.class);
    public static final String VERSION = "extractor/0.1.0";

    private final AttachmentStore store;
    private final Function<ArtifactInput, ExtractionResult> extraction;

    public ArtifactTaskHandler(final AttachmentStore store, final Function<ArtifactInput, ExtractionResult> extraction) {
        this.store = store;
        this.extraction = extraction;
    }

    @Override
    public ArtifactExtracted apply(final ArtifactTask task) {
        final long start = System.nanoTime();
        final String artifactId = task.getArtifact().getArtifactId();
        ExtractionResult result;
        try {
            final byte[] bytes = store.get(URI.create(task.getArtifact().getStoreUri()));
            result = extraction.apply(new ArtifactInput(artifactId, task.getArtifact().getKindHint(), bytes));
        } catch (final Exception | StackOverflowError e) {
            // The reason names the artifact and the error class only: messages may quote content.
            LOGGER.warn("packetId={} artifactId={} extraction failed: {}", task.getPacketId(), artifactId,
                    e.getClass().getSimpleName());
            result = unreadable(task, e.getClass().getSimpleName());
        }
        return ArtifactExtracted.newBuilder()
                .setPacketId(task.getPacketId()).setSubmissionId(task.getSubmissionId())
                .setArtifact(task.getArtifact()).setClassification(result.classification())
                .setReadable(result.readable()).setSanitized(result.sanitized())
                .setCandidates(result.candidates()).setFindings(result.findings()).setWarnings(result.warnings())
                .setAttributes(result.attributes()).setExtractorVersion(VERSION)
                .setExtractMillis((System.nanoTime() - start) / 1_000_000)
                .setPublishedAtMillis(task.getPublishedAtMillis()).build();
    }

    private static ExtractionResult unreadable(final ArtifactTask task, final String reason) {
        final String id = task.getArtifact().getArtifactId();
        final ArtifactKind kind = task.getArtifact().getKindHint() == null ? ArtifactKind.OTHER : task.getArtifact().getKindHint();
        return new ExtractionResult(new Classification(kind, "application/octet-stream", "not read: " + reason, 0.0),
                false, true, List.of(), List.of(),
                List.of(Notice.newBuilder().setCode(Codes.ARTIFACT_UNREADABLE).setArtifactId(id)
                        .setMessage(id + ": could not be read (" + reason + ")").build()),
                Map.of());
    }
}
