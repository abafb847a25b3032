package dev.handoff.cli.reliability;

import dev.handoff.avro.DeadLetter;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads every committed record of the dead-letter topic: the decoded dead letter and its raw bytes. */
final class DeadLetterReader {

    /** One dead-letter record: decoded, plus every byte it carried (key, value, headers). */
    record Entry(DeadLetter letter, byte[] rawKey, byte[] rawValue, List<byte[]> rawHeaders) {
    }

    private DeadLetterReader() {
    }

    static List<Entry> readAll(final String bootstrap, final String registryUrl) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-dlq-" + UUID.randomUUID());
        final Deserializer<DeadLetter> values = new AvroSerdes(registryUrl).valueDeserializer();
        final List<Entry> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> parts = new ArrayList<>();
            for (final PartitionInfo pi : c.partitionsFor(TopicNames.DEAD_LETTERS)) {
                parts.add(new TopicPartition(TopicNames.DEAD_LETTERS, pi.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            final Map<TopicPartition, Long> end = c.endOffsets(parts);
            final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    final List<byte[]> headers = new ArrayList<>();
                    for (final Header h : r.headers()) {
                        headers.add(h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        headers.add(h.value() == null ? new byte[0] : h.value());
                    }
                    out.add(new Entry(values.deserialize(TopicNames.DEAD_LETTERS, r.value()), r.key(), r.value(), headers));
                }
            }
        }
        return out;
    }
}
