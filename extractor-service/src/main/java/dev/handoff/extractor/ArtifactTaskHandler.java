package dev.handoff.extractor;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactTask;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Notice;
import dev.handoff.common.AttachmentStore;
import dev.handoff.common.ops.HandoffMetrics;
import dev.handoff.core.Codes;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ExtractionCache;
import dev.handoff.extraction.ExtractionResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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
    private final HandoffMetrics metrics = HandoffMetrics.forService(ExtractorService.NAME);

    public ArtifactTaskHandler(final AttachmentStore store, final Function<ArtifactInput, ExtractionResult> extraction) {
        this.store = store;
        this.extraction = extraction;
    }

    /** With the extraction cache's counters, exported as {@code handoff_extraction_cache_hit_ratio}. */
    public ArtifactTaskHandler(final AttachmentStore store, final Function<ArtifactInput, ExtractionResult> extraction,
                               final Supplier<ExtractionCache.Stats> cacheStats) {
        this(store, extraction);
        metrics.gauge(HandoffMetrics.CACHE_HIT_RATIO, "Share of artifacts served from the content-hash cache", () -> {
            final ExtractionCache.Stats s = cacheStats.get();
            final long lookups = s.hits() + s.misses();
            return lookups == 0 ? 0.0 : (double) s.hits() / lookups;
        });
    }

    @Override
    public ArtifactExtracted apply(final ArtifactTask task) {
        final long start = System.nanoTime();
        final String artifactId = task.getArtifact().getArtifactId();
        // ids as log keys (JSON logs carry the MDC), never content
        MDC.put("packetId", task.getPacketId());
        MDC.put("artifactId", artifactId);
        ExtractionResult result;
        HandoffMetrics.ArtifactOutcome outcome;
        try {
            final byte[] bytes = store.get(URI.create(task.getArtifact().getStoreUri()));
            result = extraction.apply(new ArtifactInput(artifactId, task.getArtifact().getKindHint(), bytes));
            outcome = result.readable() ? HandoffMetrics.ArtifactOutcome.READ : HandoffMetrics.ArtifactOutcome.UNREADABLE;
        } catch (final Exception | StackOverflowError e) {
            // The reason names the artifact and the error class only: messages may quote content.
            LOGGER.warn("packetId={} artifactId={} extraction failed: {}", task.getPacketId(), artifactId,
                    e.getClass().getSimpleName());
            result = unreadable(task, e.getClass().getSimpleName());
            outcome = HandoffMetrics.ArtifactOutcome.FAILED;
        } finally {
            MDC.remove("packetId");
            MDC.remove("artifactId");
        }
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        final ArtifactKind kind = result.classification().getKind();
        metrics.artifact(kind.name(), outcome);
        metrics.stageLatency("extract", elapsed);
        if (kind == ArtifactKind.SCREENSHOT && outcome != HandoffMetrics.ArtifactOutcome.FAILED) {
            metrics.ocr(elapsed);
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
