package dev.handoff.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Decision;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Poison pills: records that cannot be read (random bytes, an unknown schema id, truncated Avro, a
 * valid record of another topic's type) on the input topic and every reference topic, interleaved with
 * good packets. Each lands in the dead-letter topic with its origin and error class, the good packets
 * are all decided, and no dead letter repeats payload bytes: every poison carries a canary string
 * that must appear nowhere in the dead-letter topic.
 *
 * <p>canaries: {@code poison-canary-7Qx2Lm9} (a marker string, not a secret)
 */
@Tag("reliability")
class PoisonPillIT {

    private static final String CANARY = "poison-canary-7Qx2Lm9";

    private final int poisonCount = Integer.getInteger("handoff.reliability.poison", 1000);
    private final int goodPackets = Integer.getInteger("handoff.reliability.poison.packets", 40);

    @Test
    void shouldDeadLetterEveryPoisonPillWithItsOriginAndDecideEveryGoodPacket() throws Exception {
        final long t0 = System.nanoTime();
        final Path repo = PacketCopies.repositoryRoot();
        final PacketCopies copies = new PacketCopies(repo.resolve("samples").resolve("packets"));
        // the router's grace must not decide a packet whose artifacts a dead service never delivers
        try (ReliabilityCluster cluster = new ReliabilityCluster(Map.of(HandoffConfig.ROUTER_GRACE_MS, "3600000"))) {
            // Given: the three services as processes, reference data, and a poison generator
            final List<ServiceProcess> services = List.of(
                    cluster.startService("extractor", ReliabilityCluster.EXTRACTOR, "768m"),
                    cluster.startService("normalizer", ReliabilityCluster.NORMALIZER, "512m"),
                    cluster.startService("router", ReliabilityCluster.ROUTER, "512m"));
            for (final ServiceProcess s : services) {
                s.awaitRunning(1, Duration.ofMinutes(3));
            }
            cluster.publishReference(repo.resolve("samples").resolve("reference"));
            final DecisionLedger ledger = new DecisionLedger(cluster.bootstrapServers(), cluster.registryUrl());
            final Map<String, String> baseTemplate = copies.write(cluster.root().resolve("base"), "BASE", copies.templates().size());
            cluster.publishPackets(PacketCopies.dirs(cluster.root().resolve("base"), baseTemplate.keySet()));
            final Map<String, String> baseline = new HashMap<>();
            for (final Decision d : ledger.readCommitted(baseTemplate.keySet(), Duration.ofMinutes(5))) {
                baseline.put(baseTemplate.get(d.getPacketId()), DecisionLedger.summary(d));
            }
            final PoisonRecords poison = new PoisonRecords(cluster.registryUrl(), CANARY, 42L);
            final Map<String, String> templateOf = copies.write(cluster.root().resolve("packets"), "GOOD", goodPackets);
            final List<String> ids = new ArrayList<>(templateOf.keySet());
            final List<String> topics = new ArrayList<>();
            topics.add(TopicNames.PACKETS);
            topics.addAll(TopicNames.REFERENCE);

            // When: good packets and poison pills are published interleaved, half the poison on the input topic
            final Map<String, PoisonRecords.Kind> origins = new LinkedHashMap<>();
            final int rounds = 10;
            try (KafkaProducer<String, byte[]> raw = rawProducer(cluster.bootstrapServers())) {
                for (int round = 0; round < rounds; round++) {
                    final List<String> batch = ids.subList(round * ids.size() / rounds, (round + 1) * ids.size() / rounds);
                    cluster.publishPackets(PacketCopies.dirs(cluster.root().resolve("packets"), batch));
                    for (int i = round * poisonCount / rounds; i < (round + 1) * poisonCount / rounds; i++) {
                        final String topic = i % 2 == 0 ? TopicNames.PACKETS : topics.get(1 + (i / 2) % TopicNames.REFERENCE.size());
                        // every topic gets every kind: kinds rotate over each half separately
                        final PoisonRecords.Kind kind = PoisonRecords.Kind.values()[(i / 2) % PoisonRecords.Kind.values().length];
                        final PoisonRecords.Poison p = poison.next(kind, i, topic);
                        final RecordMetadata m = raw.send(new ProducerRecord<>(p.topic(), p.key(), p.value())).get();
                        origins.put(m.topic() + "-" + m.partition() + "@" + m.offset(), p.kind());
                    }
                    raw.flush();
                }
            }
            final List<Decision> decisions = ledger.readCommitted(ids, Duration.ofMinutes(6));
            final boolean allAlive = ServiceProcess.allHealthy(services);
            cluster.stopServices();
            final List<DeadLetterReader.Entry> letters = DeadLetterReader.readAll(cluster.bootstrapServers(), cluster.registryUrl());

            // Then: every poison pill is dead-lettered with origin and error class, and no payload byte leaks
            final Map<String, Set<String>> servicesByOrigin = new HashMap<>();
            final Map<String, Integer> errorClasses = new TreeMap<>();
            int leaks = 0;
            for (final DeadLetterReader.Entry e : letters) {
                final String origin = e.letter().getSourceTopic() + "-" + e.letter().getPartition() + "@" + e.letter().getOffset();
                servicesByOrigin.computeIfAbsent(origin, o -> new HashSet<>()).add(e.letter().getService());
                errorClasses.merge(e.letter().getErrorClass(), 1, Integer::sum);
                leaks += containsCanary(e) ? 1 : 0;
            }
            final List<String> notDeadLettered = origins.keySet().stream().filter(o -> !servicesByOrigin.containsKey(o)).toList();
            final List<String> inputNotSeenByBoth = origins.keySet().stream()
                    .filter(o -> o.startsWith(TopicNames.PACKETS + "-"))
                    .filter(o -> !servicesByOrigin.getOrDefault(o, Set.of()).containsAll(Set.of("extractor", "router")))
                    .toList();
            final List<String> notPoison = servicesByOrigin.keySet().stream().filter(o -> !origins.containsKey(o)).toList();
            final Set<String> decided = new HashSet<>();
            decisions.forEach(d -> decided.add(d.getPacketId()));
            final long undecided = ids.stream().filter(id -> !decided.contains(id)).count();
            final long mismatched = decisions.stream().filter(d -> templateOf.containsKey(d.getPacketId()))
                    .filter(d -> !DecisionLedger.summary(d).equals(baseline.get(templateOf.get(d.getPacketId())))).count();
            long logLeaks = 0;
            for (final ServiceProcess s : services) {
                logLeaks += s.logMentions(CANARY) ? 1 : 0;
            }
            final Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("poisonRecords", origins.size());
            figures.put("goodPackets", ids.size());
            figures.put("deadLetters", letters.size());
            figures.put("poisonNotDeadLettered", notDeadLettered.size());
            figures.put("deadLettersForGoodRecords", notPoison.size());
            figures.put("canaryLeaks", leaks);
            figures.put("serviceLogsQuotingCanary", logLeaks);
            figures.put("undecidedGoodPackets", undecided);
            figures.put("decidedDifferently", mismatched);
            figures.put("errorClasses", errorClasses);
            figures.put("seconds", (System.nanoTime() - t0) / 1_000_000_000L);
            ReliabilityFigures.record("PoisonPillIT", figures);
            assertThat(allAlive).as("every service survived the poison").isTrue();
            assertThat(notDeadLettered).as("poison records without a dead letter").isEmpty();
            assertThat(inputNotSeenByBoth).as("input-topic poison dead-lettered by both readers (extractor, router)").isEmpty();
            assertThat(notPoison).as("dead letters for records that were not poison").isEmpty();
            assertThat(letters).allSatisfy(e -> assertThat(e.letter().getErrorClass()).isNotBlank());
            assertThat(leaks).as("dead letters quoting the canary planted in the payloads").isZero();
            assertThat(logLeaks).as("service logs quoting the canary").isZero();
            assertThat(undecided).as("good packets without a decision").isZero();
            assertThat(mismatched).as("good packets decided differently from a run without poison").isZero();
        }
    }

    private static boolean containsCanary(final DeadLetterReader.Entry e) {
        final String needle = CANARY;
        if (contains(e.rawKey(), needle) || contains(e.rawValue(), needle)) {
            return true;
        }
        return e.rawHeaders().stream().anyMatch(h -> contains(h, needle));
    }

    private static boolean contains(final byte[] bytes, final String needle) {
        return bytes != null && new String(bytes, StandardCharsets.ISO_8859_1).contains(needle);
    }

    static KafkaProducer<String, byte[]> rawProducer(final String bootstrap) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

}
