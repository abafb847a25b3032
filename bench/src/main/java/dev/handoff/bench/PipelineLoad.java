package dev.handoff.bench;

import dev.handoff.avro.PacketReceived;
import dev.handoff.cli.Pipeline;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsService;
import dev.handoff.common.StreamsSettings;
import dev.handoff.common.TopicNames;
import dev.handoff.common.Topics;
import dev.handoff.core.ReferenceFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole pipeline under load: the CLI's {@link Pipeline} (topics, the three services, reference
 * data) on a given cluster, packets published as the ticketing platform would, decisions timed by a
 * {@link DecisionCollector}.
 */
final class PipelineLoad implements AutoCloseable {

    /** One load run: packets, wall time from first publish to last decision, latencies. */
    record Run(int packets, int artifacts, long elapsedMillis, LatencySummary latency, int staged,
               Map<String, Long> hopMedians, long commits) {

        double packetsPerSecond() {
            return packets / (elapsedMillis / 1000.0);
        }

        double artifactsPerSecond() {
            return artifacts / (elapsedMillis / 1000.0);
        }
    }

    private final Pipeline pipeline;
    private final KafkaProducer<String, PacketReceived> producer;
    private final DecisionCollector collector;
    private final Duration timeout;
    private final Topics topics;

    PipelineLoad(final HandoffConfig config, final String bootstrap, final String registry,
                 final List<ReferenceFiles.Entry> reference, final Duration timeout)
            throws IOException, InterruptedException {
        this.pipeline = new Pipeline(config, bootstrap, registry, true);
        this.timeout = timeout;
        pipeline.publishReference(reference);
        this.topics = new Topics(new AvroSerdes(registry));
        final Properties p = StreamsSettings.client(pipeline.config());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        final Serializer<PacketReceived> value = topics.serdes().valueSerializer();
        this.producer = new KafkaProducer<>(p, new StringSerializer(), value);
        this.collector = new DecisionCollector(pipeline.config(), topics);
    }

    HandoffConfig config() {
        return pipeline.config();
    }

    /** Publishes every packet at once and waits for all decisions: saturated throughput. */
    Run burst(final List<BenchPacket> packets) throws InterruptedException {
        final long commits = commits();
        final long start = System.currentTimeMillis();
        final List<String> submissions = new ArrayList<>();
        for (final BenchPacket b : packets) {
            submissions.add(send(b));
        }
        producer.flush();
        return finish(packets, submissions, start, null, commits);
    }

    /** Publishes one packet every {@code intervalMillis}: latency at light load, broken down by hop. */
    Run paced(final List<BenchPacket> packets, final long intervalMillis) throws InterruptedException {
        try (HopTracer tracer = new HopTracer(pipeline.config(), topics)) {
            final long commits = commits();
            final long start = System.currentTimeMillis();
            final List<String> submissions = new ArrayList<>();
            for (int i = 0; i < packets.size(); i++) {
                final long due = start + i * intervalMillis;
                final long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    TimeUnit.MILLISECONDS.sleep(wait);
                }
                submissions.add(send(packets.get(i)));
                producer.flush();
            }
            return finish(packets, submissions, start, tracer, commits);
        }
    }

    private String send(final BenchPacket b) {
        final PacketReceived event = PacketReceived.newBuilder(b.event())
                .setPublishedAtMillis(System.currentTimeMillis()).build();
        producer.send(new ProducerRecord<>(TopicNames.PACKETS, event.getPacketId(), event));
        return event.getSubmissionId();
    }

    private Run finish(final List<BenchPacket> packets, final List<String> submissions, final long start,
                       final HopTracer tracer, final long commitsBefore) throws InterruptedException {
        final List<DecisionCollector.Received> got = collector.await(submissions, timeout);
        final long end = got.stream().mapToLong(DecisionCollector.Received::receivedAtMillis).max().orElse(start);
        final int artifacts = packets.stream().mapToInt(BenchPacket::artifactCount).sum();
        return new Run(packets.size(), artifacts, Math.max(1, end - start),
                LatencySummary.of(got.stream().map(DecisionCollector.Received::latencyMillis).toList()),
                (int) got.stream().filter(DecisionCollector.Received::staged).count(),
                tracer == null ? Map.of() : tracer.medianHops(got), commits() - commitsBefore);
    }

    /** Transactions committed so far by the three services' stream threads (Kafka Streams' commit-total). */
    private long commits() {
        long total = 0;
        for (final StreamsService s : pipeline.services()) {
            for (final Map.Entry<MetricName, ? extends Metric> e : s.streams().metrics().entrySet()) {
                if ("commit-total".equals(e.getKey().name()) && "stream-thread-metrics".equals(e.getKey().group())) {
                    total += ((Number) e.getValue().metricValue()).longValue();
                }
            }
        }
        return total;
    }

    @Override
    public void close() {
        collector.close();
        producer.close(Duration.ofSeconds(5));
        pipeline.close();
    }
}
