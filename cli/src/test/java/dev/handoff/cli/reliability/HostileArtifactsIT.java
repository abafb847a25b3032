package dev.handoff.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.Decision;
import dev.handoff.avro.Notice;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.TopicNames;
import dev.handoff.core.Codes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile artifacts at volume: a generated set (compression-bomb DOCX, a 1 GB zip entry, billion
 * laughs, deeply nested XML and JSON, a 30000x30000 PNG, an encrypted PDF, truncated and random
 * files) added to copies of good packets, with the extractor in its own JVM at {@code -Xmx512m}.
 * Every packet is decided as its clean template is, every hostile file becomes an unreadable or
 * unclassified warning within the extraction time bound, and the extractor neither runs out of
 * heap nor dies. CI size: 40 packets; full size: {@code -Dhandoff.reliability.hostile.packets=200}.
 */
@Tag("reliability")
class HostileArtifactsIT {

    private static final long EXTRACT_TIMEOUT_MS = 20_000;
    private static final int HEAP_MB = 512;

    private final int packets = Integer.getInteger("handoff.reliability.hostile.packets", 40);

    @Test
    void shouldTurnEveryHostileArtifactIntoAWarningWithinBoundsAndDecideEveryPacket() throws Exception {
        final long t0 = System.nanoTime();
        final Path repo = PacketCopies.repositoryRoot();
        final PacketCopies copies = new PacketCopies(repo.resolve("samples").resolve("packets"));
        final Map<String, String> settings = new HashMap<>();
        settings.put(HandoffConfig.EXTRACT_TIMEOUT_MS, String.valueOf(EXTRACT_TIMEOUT_MS));
        settings.put(HandoffConfig.ROUTER_GRACE_MS, "3600000");
        try (ReliabilityCluster cluster = new ReliabilityCluster(settings)) {
            // Given: the extractor alone in a 512 MB heap, a crash-free baseline, and the hostile set
            final ServiceProcess extractor = cluster.startService("extractor", ReliabilityCluster.EXTRACTOR, HEAP_MB + "m");
            final List<ServiceProcess> services = List.of(extractor,
                    cluster.startService("normalizer", ReliabilityCluster.NORMALIZER, "512m"),
                    cluster.startService("router", ReliabilityCluster.ROUTER, "512m"));
            for (final ServiceProcess s : services) {
                s.awaitRunning(1, Duration.ofMinutes(3));
            }
            cluster.publishReference(repo.resolve("samples").resolve("reference"));
            final Path work = cluster.root().resolve("packets");
            final Map<String, String> baseTemplate = copies.write(work.resolve("base"), "BASE", copies.templates().size());
            cluster.publishPackets(PacketCopies.dirs(work.resolve("base"), baseTemplate.keySet()));
            final DecisionLedger ledger = new DecisionLedger(cluster.bootstrapServers(), cluster.registryUrl());
            final Map<String, String> baseline = new HashMap<>();
            for (final Decision d : ledger.readCommitted(baseTemplate.keySet(), Duration.ofMinutes(5))) {
                baseline.put(baseTemplate.get(d.getPacketId()), withoutWarnings(d));
            }
            final Map<String, Path> hostile = new HostileFiles(7L).writeAll(cluster.root().resolve("hostile"));
            final List<String> hostileNames = new ArrayList<>(hostile.keySet());
            final Map<String, String> templateOf = copies.write(work.resolve("hostile"), "HOSTILE", packets);
            final Map<String, String> hostileOf = new LinkedHashMap<>();
            int i = 0;
            for (final String id : templateOf.keySet()) {
                // every other packet carries one hostile artifact, rotating through the set
                if (i % 2 == 0) {
                    final String name = hostileNames.get((i / 2) % hostileNames.size());
                    Files.copy(hostile.get(name), work.resolve("hostile").resolve(id).resolve(name));
                    hostileOf.put(id, name);
                }
                i++;
            }

            // When: the packets are published
            cluster.publishPackets(PacketCopies.dirs(work.resolve("hostile"), templateOf.keySet()));
            final List<Decision> decisions = ledger.readCommitted(templateOf.keySet(), Duration.ofMinutes(10)).stream()
                    .filter(d -> templateOf.containsKey(d.getPacketId())).toList();
            final Map<String, Long> extractMillis = extractMillis(cluster, hostileOf);
            final boolean extractorAlive = extractor.isHealthy();
            final long maxHeapMb = extractor.maxHeapUsedMb();
            final long heapCapacityMb = extractor.maxHeapCapacityMb();
            final boolean oom = extractor.logMentions("OutOfMemoryError");
            cluster.stopServices();

            // Then: each packet decided like its template, each hostile artifact a warning within bounds
            final Map<String, String> wrongDecision = new TreeMap<>();
            final Map<String, String> noWarning = new TreeMap<>();
            final Map<String, String> recovered = new TreeMap<>();
            for (final Decision d : decisions) {
                if (!withoutWarnings(d).equals(baseline.get(templateOf.get(d.getPacketId())))) {
                    wrongDecision.put(d.getPacketId(), hostileOf.getOrDefault(d.getPacketId(), "(none)"));
                }
                final String h = hostileOf.get(d.getPacketId());
                if (h != null && !hasUnreadableWarning(d, h)) {
                    // a truncated file whose reader recovered its content is read, not hostile; the
                    // decision check above still requires the clean template's decision
                    if (h.startsWith("truncated")) {
                        recovered.put(d.getPacketId(), h);
                    } else {
                        noWarning.put(d.getPacketId(), h);
                    }
                }
            }
            final long slowest = extractMillis.values().stream().mapToLong(Long::longValue).max().orElse(0);
            final Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("packets", packets);
            figures.put("hostileArtifacts", hostileOf.size());
            figures.put("hostileKinds", hostileNames.size());
            figures.put("decided", decisions.size());
            figures.put("decidedDifferently", wrongDecision.size());
            figures.put("hostileWithoutWarning", noWarning.size());
            figures.put("truncatedButRecovered", recovered.size());
            figures.put("slowestHostileExtractMs", slowest);
            figures.put("extractorMaxHeapUsedMb", maxHeapMb);
            figures.put("extractorHeapMaxMb", HEAP_MB);
            figures.put("outOfMemory", oom);
            figures.put("seconds", (System.nanoTime() - t0) / 1_000_000_000L);
            ReliabilityFigures.record("HostileArtifactsIT", figures);
            assertThat(decisions).extracting(Decision::getPacketId).containsExactlyInAnyOrderElementsOf(templateOf.keySet());
            assertThat(wrongDecision).as("packets decided differently from their clean template").isEmpty();
            assertThat(noWarning).as("hostile artifacts without an ARTIFACT_UNREADABLE/UNCLASSIFIED warning").isEmpty();
            assertThat(extractMillis).as("extraction time of each hostile artifact")
                    .allSatisfy((k, v) -> assertThat(v).isLessThanOrEqualTo(EXTRACT_TIMEOUT_MS + 5_000));
            assertThat(extractorAlive).as("extractor process alive").isTrue();
            assertThat(oom).as("OutOfMemoryError in the extractor log").isFalse();
            assertThat(heapCapacityMb).isLessThanOrEqualTo(HEAP_MB);
            assertThat(maxHeapMb).isLessThanOrEqualTo(HEAP_MB);
        }
    }

    private static String withoutWarnings(final Decision d) {
        return DecisionLedger.summary(d).replaceAll("\"warnings\":\\[[^\\]]*\\],", "");
    }

    private static boolean hasUnreadableWarning(final Decision d, final String artifactId) {
        final Set<String> codes = Set.of(Codes.ARTIFACT_UNREADABLE, Codes.ARTIFACT_UNCLASSIFIED);
        for (final Notice n : d.getWarnings()) {
            if (codes.contains(n.getCode()) && artifactId.equals(n.getArtifactId())) {
                return true;
            }
        }
        return false;
    }

    /** The extractor's own measure of each hostile artifact's extraction time, from artifacts-extracted. */
    private static Map<String, Long> extractMillis(final ReliabilityCluster cluster, final Map<String, String> hostileOf) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-extracted-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final Map<String, Long> out = new TreeMap<>();
        try (KafkaConsumer<String, ArtifactExtracted> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroSerdes(cluster.registryUrl()).<ArtifactExtracted>valueDeserializer())) {
            final List<TopicPartition> parts = new ArrayList<>();
            for (final PartitionInfo pi : c.partitionsFor(TopicNames.ARTIFACTS_EXTRACTED)) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            final Map<TopicPartition, Long> end = c.endOffsets(parts);
            final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, ArtifactExtracted> r : c.poll(Duration.ofMillis(500))) {
                    final String h = hostileOf.get(r.value().getPacketId());
                    if (h != null && h.equals(r.value().getArtifact().getArtifactId())) {
                        out.put(r.value().getPacketId() + "/" + h, r.value().getExtractMillis());
                    }
                }
            }
        }
        return out;
    }
}
