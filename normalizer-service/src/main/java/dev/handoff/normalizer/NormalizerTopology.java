package dev.handoff.normalizer;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.common.Topics;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.ops.HandoffMetrics;
import dev.handoff.normalization.NormalizationResult;
import dev.handoff.normalization.ReferenceView;
import java.time.Duration;
import java.util.function.BiFunction;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * artifacts-extracted, joined with the reference data (global stores over the compacted reference
 * topics) and normalized -> artifacts-normalized, keyed by packet id.
 */
public final class NormalizerTopology {

    public static final String VERSION = "normalizer/0.1.0";

    private NormalizerTopology() {
    }

    public static Topology build(final Topics topics,
                                 final BiFunction<ArtifactExtracted, ReferenceView, NormalizationResult> normalizer,
                                 final IdleCommit.Policy commits) {
        final StreamsBuilder builder = new StreamsBuilder();
        ReferenceStores.add(builder, topics);
        IdleCommit.watch(builder.stream(topics.artifactsExtracted.name(), topics.artifactsExtracted.consumed())
                .filter((k, v) -> v != null, Named.as("drop-null-artifacts")), commits, "commit-when-idle")
                .processValues(() -> new Normalize(normalizer), Named.as("normalize-with-reference"))
                .to(topics.artifactsNormalized.name(), topics.artifactsNormalized.produced());
        return builder.build();
    }

    /** Normalizes one artifact against the reference view as of now. */
    static final class Normalize implements FixedKeyProcessor<String, ArtifactExtracted, ArtifactNormalized> {
        private final BiFunction<ArtifactExtracted, ReferenceView, NormalizationResult> normalizer;
        private FixedKeyProcessorContext<String, ArtifactNormalized> context;
        private ReferenceView view;
        private final HandoffMetrics metrics = HandoffMetrics.forService(NormalizerService.NAME);

        Normalize(final BiFunction<ArtifactExtracted, ReferenceView, NormalizationResult> normalizer) {
            this.normalizer = normalizer;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, ArtifactNormalized> context) {
            this.context = context;
            this.view = new ReferenceStores.StoreView(context);
        }

        @Override
        public void process(final FixedKeyRecord<String, ArtifactExtracted> record) {
            final ArtifactExtracted in = record.value();
            final long start = System.nanoTime();
            final NormalizationResult r = normalizer.apply(in, view);
            metrics.stageLatency("normalize", Duration.ofNanos(System.nanoTime() - start));
            final java.util.List<dev.handoff.avro.Notice> warnings = new java.util.ArrayList<>(in.getWarnings());
            warnings.addAll(r.warnings());
            context.forward(record.withValue(ArtifactNormalized.newBuilder()
                    .setPacketId(in.getPacketId()).setSubmissionId(in.getSubmissionId())
                    .setArtifact(in.getArtifact()).setClassification(in.getClassification())
                    .setReadable(in.getReadable()).setSanitized(in.getSanitized())
                    .setValues(r.values()).setFindings(in.getFindings()).setWarnings(warnings)
                    .setFacts(r.facts()).setNormalizerVersion(VERSION)
                    .setPublishedAtMillis(in.getPublishedAtMillis()).build()));
        }
    }
}
