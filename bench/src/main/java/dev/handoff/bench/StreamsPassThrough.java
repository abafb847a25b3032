package dev.handoff.bench;

import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.common.ConsumerPositions;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsService;
import dev.handoff.common.StreamsSettings;
import dev.handoff.common.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * The cost of the plumbing alone: three Kafka Streams services chained over four topics, each copying
 * records through with the real Avro serdes and registry, exactly_once_v2 and the configured commit
 * interval, exactly as the real services are configured ({@link StreamsSettings#streams}).
 */
final class StreamsPassThrough {

    /** One pass: records in, wall time from first publish to last committed record out. */
    record Run(int records, long elapsedMillis, LatencySummary latency) {

        double recordsPerSecond() {
            return records / (elapsedMillis / 1000.0);
        }
    }

    private static final int HOPS = 3;

    private StreamsPassThrough() {
    }

    static Run run(final HandoffConfig config, final List<ArtifactNormalized> records, final Duration timeout)
            throws InterruptedException, ExecutionException {
        final String tag = UUID.randomUUID().toString().substring(0, 6);
        final AvroSerdes serdes = new AvroSerdes(config.get(HandoffConfig.REGISTRY_URL));
        final List<Topic<String, ArtifactNormalized>> topics = new ArrayList<>();
        for (int i = 0; i <= HOPS; i++) {
            topics.add(new Topic<>("bench.pass-through." + tag + ".hop" + i, Serdes.String(), serdes.value(), false));
        }
        createTopics(config, topics);
        final List<StreamsService> services = new ArrayList<>();
        try {
            for (int i = 0; i < HOPS; i++) {
                final StreamsBuilder b = new StreamsBuilder();
                IdleCommit.watch(b.stream(topics.get(i).name(), topics.get(i).consumed()),
                                IdleCommit.Policy.from(config), "commit-when-idle")
                        .mapValues(v -> v, Named.as("copy"))
                        .to(topics.get(i + 1).name(), topics.get(i + 1).produced());
                final Topology t = b.build();
                final Properties p = StreamsSettings.streams(config.with(Map.of(HandoffConfig.APPLICATION_PREFIX,
                        "bench-" + tag)), "hop" + i, "0");
                services.add(new StreamsService("pass-through-hop" + i, t, p));
            }
            for (final StreamsService s : services) {
                s.start();
            }
            for (final StreamsService s : services) {
                s.awaitRunning(timeout);
            }
            // the first records pay for schema registration and the first transactions: not measured
            measure(config, serdes, topics, records.subList(0, Math.min(50, records.size())), timeout, "warm");
            return measure(config, serdes, topics, records, timeout, "r");
        } finally {
            services.forEach(StreamsService::close);
        }
    }

    private static Run measure(final HandoffConfig config, final AvroSerdes serdes,
                               final List<Topic<String, ArtifactNormalized>> topics,
                               final List<ArtifactNormalized> records, final Duration timeout,
                               final String keyPrefix) {
        final Properties cp = CommittedTail.readCommitted(config, "bench-pass-through");
        final Properties pp = StreamsSettings.client(config);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        pp.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        final Topic<String, ArtifactNormalized> out = topics.get(HOPS);
        try (KafkaConsumer<String, ArtifactNormalized> consumer = new KafkaConsumer<>(cp,
                Serdes.String().deserializer(), serdes.<ArtifactNormalized>valueDeserializer());
             KafkaProducer<String, ArtifactNormalized> producer = new KafkaProducer<>(pp, new StringSerializer(),
                     serdes.<ArtifactNormalized>valueSerializer())) {
            ConsumerPositions.assignAtEnd(consumer, List.of(out.name()));
            final long start = System.currentTimeMillis();
            final Map<String, Long> sentAt = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                final String key = keyPrefix + i;
                sentAt.put(key, System.currentTimeMillis());
                // the key varies so records spread over the partitions like packets do
                producer.send(new ProducerRecord<>(topics.get(0).name(), key, records.get(i)));
            }
            producer.flush();
            final List<Long> latencies = new ArrayList<>();
            long last = start;
            final long deadline = start + timeout.toMillis();
            while (latencies.size() < records.size()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("pass-through timed out with " + latencies.size() + " of "
                            + records.size() + " records");
                }
                for (final ConsumerRecord<String, ArtifactNormalized> r : consumer.poll(Duration.ofMillis(100))) {
                    last = System.currentTimeMillis();
                    final Long sent = sentAt.remove(r.key());
                    if (sent != null) {
                        latencies.add(last - sent);
                    }
                }
            }
            return new Run(records.size(), Math.max(1, last - start), LatencySummary.of(latencies));
        }
    }

    private static void createTopics(final HandoffConfig config, final List<Topic<String, ArtifactNormalized>> topics)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(StreamsSettings.client(config))) {
            final List<NewTopic> create = new ArrayList<>();
            for (final Topic<String, ArtifactNormalized> t : topics) {
                create.add(new NewTopic(t.name(), config.getInt(HandoffConfig.PARTITIONS),
                        (short) config.getInt(HandoffConfig.REPLICATION))
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024))));
            }
            admin.createTopics(create).all().get();
        }
    }
}
