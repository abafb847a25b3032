package dev.handoff.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.avro.Decision;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.DecisionJson;
import dev.handoff.common.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The verifier: reads the staged and exception topics from the beginning with a {@code read_committed}
 * consumer (as the staging system and the duty-manager tooling do) and counts decisions per packet
 * id, submission id and decision id, so lost and duplicated decisions show as numbers. It also
 * counts what a {@code read_uncommitted} reader sees, which includes aborted transactions.
 */
final class DecisionLedger {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String bootstrap;
    private final String registryUrl;
    private final List<Decision> committed = new ArrayList<>();

    DecisionLedger(final String bootstrap, final String registryUrl) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
    }

    /** Reads committed decisions until every wanted packet has one (or the deadline passes), then to the end. */
    List<Decision> readCommitted(final Collection<String> packetIds, final Duration timeout) {
        committed.clear();
        final Set<String> missing = new HashSet<>(packetIds);
        try (KafkaConsumer<String, Decision> c = new KafkaConsumer<>(props("read_committed"), new StringDeserializer(),
                new AvroSerdes(registryUrl).<Decision>valueDeserializer())) {
            final List<TopicPartition> parts = assign(c);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, Decision> r : c.poll(Duration.ofMillis(500))) {
                    committed.add(r.value());
                    missing.remove(r.value().getPacketId());
                }
            }
            // then everything committed so far: a duplicate written later than the first copy shows too
            final Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline + 60_000_000_000L) {
                for (final ConsumerRecord<String, Decision> r : c.poll(Duration.ofMillis(500))) {
                    committed.add(r.value());
                }
            }
        }
        return List.copyOf(committed);
    }

    /** Records a read_uncommitted reader sees on the decision topics (aborted transactions included). */
    long uncommittedRecordCount() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props("read_uncommitted"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> parts = assign(c);
            final Map<TopicPartition, Long> end = c.endOffsets(parts);
            long n = 0;
            final long deadline = System.nanoTime() + 120_000_000_000L;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                n += c.poll(Duration.ofMillis(500)).count();
            }
            return n;
        }
    }

    private Properties props(final String isolation) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-verifier-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private static List<TopicPartition> assign(final KafkaConsumer<?, ?> c) {
        final List<TopicPartition> parts = new ArrayList<>();
        for (final String t : List.of(TopicNames.STAGED, TopicNames.EXCEPTIONS)) {
            for (final PartitionInfo pi : c.partitionsFor(t)) {
                parts.add(new TopicPartition(t, pi.partition()));
            }
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        return parts;
    }

    /** How many decisions each key has (packet id, submission id or decision id). */
    static Map<String, Integer> countBy(final List<Decision> decisions, final java.util.function.Function<Decision, String> key) {
        final Map<String, Integer> n = new TreeMap<>();
        decisions.forEach(d -> n.merge(key.apply(d), 1, Integer::sum));
        return n;
    }

    /** The summary {@link #summary} of each decision, by packet id (the last one wins). */
    static Map<String, String> summaries(final List<Decision> decisions) {
        final Map<String, String> out = new HashMap<>();
        decisions.forEach(d -> out.put(d.getPacketId(), summary(d)));
        return out;
    }

    /**
     * What a crash must not change: the decision, reason and warning codes, privacy flag codes, and
     * each field's value and status, from the contract JSON; time-dependent parts (decision time,
     * messages) and the packet's own id are left out so copies of one template compare equal.
     */
    static String summary(final Decision d) {
        final ObjectNode json = DecisionJson.toJson(d);
        final ObjectNode s = MAPPER.createObjectNode();
        s.put("decision", json.path("decision").asText());
        s.set("reasons", codes(json.path("reasons")));
        s.set("warnings", codes(json.path("warnings")));
        s.set("privacyFlags", codes(json.path("privacyFlags")));
        final ObjectNode fields = s.putObject("fields");
        json.path("fields").fields().forEachRemaining(e -> {
            final ObjectNode f = fields.putObject(e.getKey());
            f.set("value", e.getValue().path("value"));
            f.put("status", e.getValue().path("status").asText());
        });
        return s.toString().replace(d.getPacketId(), "<packet>");
    }

    private static ArrayNode codes(final JsonNode list) {
        final List<String> codes = new ArrayList<>();
        list.forEach(n -> codes.add(n.path("code").asText()));
        codes.sort(String::compareTo);
        final ArrayNode a = MAPPER.createArrayNode();
        codes.forEach(a::add);
        return a;
    }
}
