package dev.handoff.bench;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.ArtifactTask;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.Decision;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PacketReceived;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import dev.handoff.common.AttachmentStore;
import dev.handoff.common.HandoffConfig;
import dev.handoff.core.ReferenceFiles;
import dev.handoff.extraction.ArtifactExtractor;
import dev.handoff.extractor.ArtifactTaskHandler;
import dev.handoff.extractor.ExtractorService;
import dev.handoff.normalization.ArtifactNormalizer;
import dev.handoff.normalization.NormalizationResult;
import dev.handoff.normalization.ReferenceView;
import dev.handoff.normalizer.NormalizerTopology;
import dev.handoff.router.policy.PacketDecider;
import dev.handoff.router.policy.RoutingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The limit: the services' own domain code (claim-check fetch, extraction with its cache, normalization
 * against a fixed reference view, the packet decider) called in a plain loop on one thread, no Kafka.
 */
final class BareExtraction implements AutoCloseable {

    /** Per-packet wall time of one pass, in nanoseconds, and the decisions made. */
    record Pass(long[] packetNanos, long totalNanos, List<Decision> decisions) {

        double packetsPerSecond() {
            return packetNanos.length / (totalNanos / 1e9);
        }

        double meanMillis() {
            return totalNanos / 1e6 / packetNanos.length;
        }
    }

    private final ArtifactExtractor extractor;
    private final ArtifactTaskHandler handler;
    private final ArtifactNormalizer normalizer = new ArtifactNormalizer();
    private final PacketDecider decider;
    private final ReferenceView view;

    BareExtraction(final HandoffConfig config, final AttachmentStore store,
                   final List<ReferenceFiles.Entry> reference) {
        this.extractor = ExtractorService.extractor(config);
        this.handler = new ArtifactTaskHandler(store, extractor::extract);
        this.decider = new PacketDecider(RoutingConfig.from(config));
        this.view = fixedView(reference);
    }

    Pass run(final List<BenchPacket> packets) {
        final long[] nanos = new long[packets.size()];
        final List<Decision> decisions = new ArrayList<>(packets.size());
        final long start = System.nanoTime();
        for (int i = 0; i < packets.size(); i++) {
            final long t0 = System.nanoTime();
            decisions.add(decide(packets.get(i).event()));
            nanos[i] = System.nanoTime() - t0;
        }
        return new Pass(nanos, System.nanoTime() - start, decisions);
    }

    /** One packet the way the three services treat it, minus the topics in between. */
    Decision decide(final PacketReceived packet) {
        return decider.decide(packet, normalize(packet), PacketDecider.Revision.first(), System.currentTimeMillis());
    }

    /** Every artifact of a packet extracted and normalized, as the router would receive them. */
    List<ArtifactNormalized> normalize(final PacketReceived packet) {
        final List<ArtifactNormalized> normalized = new ArrayList<>();
        for (final ArtifactRef ref : packet.getArtifacts()) {
            final ArtifactTask task = ArtifactTask.newBuilder().setPacketId(packet.getPacketId())
                    .setSubmissionId(packet.getSubmissionId()).setReceivedAt(packet.getReceivedAt())
                    .setArtifactCount(packet.getArtifacts().size()).setArtifact(ref)
                    .setPublishedAtMillis(packet.getPublishedAtMillis()).build();
            final ArtifactExtracted in = handler.apply(task);
            final NormalizationResult r = normalizer.normalize(in, view);
            final List<Notice> warnings = new ArrayList<>(in.getWarnings());
            warnings.addAll(r.warnings());
            normalized.add(ArtifactNormalized.newBuilder()
                    .setPacketId(in.getPacketId()).setSubmissionId(in.getSubmissionId())
                    .setArtifact(in.getArtifact()).setClassification(in.getClassification())
                    .setReadable(in.getReadable()).setSanitized(in.getSanitized())
                    .setValues(r.values()).setFindings(in.getFindings()).setWarnings(warnings)
                    .setFacts(r.facts()).setNormalizerVersion(NormalizerTopology.VERSION)
                    .setPublishedAtMillis(in.getPublishedAtMillis()).build());
        }
        return normalized;
    }

    /** Wall time of one artifact's extraction alone (for the OCR and cache figures). */
    long extractNanos(final PacketReceived packet, final ArtifactRef ref) {
        final ArtifactTask task = ArtifactTask.newBuilder().setPacketId(packet.getPacketId())
                .setSubmissionId(packet.getSubmissionId()).setReceivedAt(packet.getReceivedAt())
                .setArtifactCount(packet.getArtifacts().size()).setArtifact(ref).setPublishedAtMillis(0L).build();
        final long t0 = System.nanoTime();
        handler.apply(task);
        return System.nanoTime() - t0;
    }

    long cacheHits() {
        return extractor.cacheStats().hits();
    }

    long cacheEntries() {
        return extractor.cacheStats().entries();
    }

    @Override
    public void close() {
        extractor.close();
    }

    /** The reference directory as the global stores would hold it: later lines replace, tombstones delete. */
    static ReferenceView fixedView(final List<ReferenceFiles.Entry> entries) {
        final Map<ReferenceFiles.Kind, Map<String, Object>> byKind = new LinkedHashMap<>();
        for (final ReferenceFiles.Entry e : entries) {
            final Map<String, Object> m = byKind.computeIfAbsent(e.kind(), k -> new LinkedHashMap<>());
            if (e.tombstone()) {
                m.remove(e.key());
            } else {
                m.put(e.key(), e.value());
            }
        }
        return ReferenceView.of(values(byKind, ReferenceFiles.Kind.TENANTS, TenantRecord.class),
                values(byKind, ReferenceFiles.Kind.ENTITLEMENTS, EntitlementRecord.class),
                values(byKind, ReferenceFiles.Kind.SUPPORT_PLANS, SupportPlanRecord.class),
                values(byKind, ReferenceFiles.Kind.CONTACTS, ContactRecord.class),
                values(byKind, ReferenceFiles.Kind.PRODUCT_SURFACES, ProductSurfaceRecord.class));
    }

    private static <T> List<T> values(final Map<ReferenceFiles.Kind, Map<String, Object>> byKind,
                                      final ReferenceFiles.Kind kind, final Class<T> type) {
        return byKind.getOrDefault(kind, Map.of()).values().stream().map(type::cast).toList();
    }
}
