package dev.handoff.cli.integration;

import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every topic on the broker (handoff's, the Streams changelogs and repartition topics, the DLQ and
 * Kafka's own) from the beginning as raw bytes, read_uncommitted so aborted transactions are seen too, and
 * finds byte patterns in record keys, values and headers without decoding anything.
 */
final class RawTopicScanner {

    /** What was read: records per topic, and every pattern hit as "label in topic-partition@offset part". */
    record Scan(Map<String, Long> recordsByTopic, List<String> hits) {
    }

    private RawTopicScanner() {
    }

    static Set<String> topics(final HandoffConfig config) throws Exception {
        try (Admin admin = Admin.create(StreamsSettings.client(config))) {
            return new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        }
    }

    static Scan scan(final HandoffConfig config, final Set<String> topics, final Map<String, String> needles)
            throws Exception {
        final Map<byte[], String> patterns = new LinkedHashMap<>();
        needles.forEach((k, v) -> patterns.put(k.getBytes(StandardCharsets.UTF_8), v));
        final List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(StreamsSettings.client(config))) {
            for (final TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                for (final TopicPartitionInfo p : d.partitions()) {
                    partitions.add(new TopicPartition(d.name(), p.partition()));
                }
            }
        }
        final Properties p = StreamsSettings.client(config);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "canary-scan-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        final Map<String, Long> counts = new TreeMap<>();
        topics.forEach(t -> counts.put(t, 0L));
        final List<String> hits = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(partitions);
            c.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = c.endOffsets(partitions);
            // A bound on waiting, not an assertion on time: everything to read is already on the broker.
            final long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!atEnd(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every topic to its end: " + end);
                }
                for (final ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    counts.merge(r.topic(), 1L, Long::sum);
                    final String where = r.topic() + "-" + r.partition() + "@" + r.offset();
                    find(r.key(), patterns, where + " key", hits);
                    find(r.value(), patterns, where + " value", hits);
                    for (final Header h : r.headers()) {
                        find(h.key().getBytes(StandardCharsets.UTF_8), patterns, where + " header name", hits);
                        find(h.value(), patterns, where + " header " + h.key(), hits);
                    }
                }
            }
        }
        return new Scan(counts, hits);
    }

    private static boolean atEnd(final KafkaConsumer<byte[], byte[]> c, final Map<TopicPartition, Long> end) {
        for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void find(final byte[] data, final Map<byte[], String> patterns, final String where,
                             final List<String> hits) {
        if (data == null) {
            return;
        }
        for (final Map.Entry<byte[], String> p : patterns.entrySet()) {
            if (indexOf(data, p.getKey()) >= 0) {
                hits.add(p.getValue() + " in " + where);
            }
        }
    }

    static int indexOf(final byte[] data, final byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
