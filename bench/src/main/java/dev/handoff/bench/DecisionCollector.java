package dev.handoff.bench;

import dev.handoff.avro.Decision;
import dev.handoff.common.ConsumerPositions;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsSettings;
import dev.handoff.common.TopicNames;
import dev.handoff.common.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads both decision topics (read_committed, as the staging system would) on its own thread and
 * notes when each decision arrived, so publish-to-decision latency is the consumer's receive time
 * minus {@code Decision.publishedAtMillis}.
 */
final class DecisionCollector implements AutoCloseable {

    /** One decision as received. */
    record Received(String submissionId, long publishedAtMillis, long receivedAtMillis, boolean staged) {

        long latencyMillis() {
            return receivedAtMillis - publishedAtMillis;
        }
    }

    private final KafkaConsumer<String, Decision> consumer;
    private final Map<String, Received> received = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    DecisionCollector(final HandoffConfig config, final Topics topics) {
        final Properties p = StreamsSettings.client(config);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "handoff-bench-" + UUID.randomUUID());
        // fetch as soon as anything is there: the latency figure must not include consumer batching
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), topics.serdes().<Decision>valueDeserializer());
        ConsumerPositions.assignAtEnd(consumer, List.of(TopicNames.STAGED, TopicNames.EXCEPTIONS));
        thread = new Thread(this::poll, "bench-decision-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (final ConsumerRecord<String, Decision> r : consumer.poll(Duration.ofMillis(100))) {
                    final long now = System.currentTimeMillis();
                    final Decision d = r.value();
                    if (d != null) {
                        synchronized (this) {
                            received.put(d.getSubmissionId(), new Received(d.getSubmissionId(),
                                    d.getPublishedAtMillis(), now, TopicNames.STAGED.equals(r.topic())));
                            notifyAll();
                        }
                    }
                }
            }
        } catch (final WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Waits until every submission has its decision; throws with the count when the timeout passes. */
    synchronized List<Received> await(final Collection<String> submissions, final Duration timeout)
            throws InterruptedException {
        final long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            final List<Received> out = new ArrayList<>();
            for (final String s : submissions) {
                final Received r = received.get(s);
                if (r != null) {
                    out.add(r);
                }
            }
            if (out.size() == submissions.size()) {
                submissions.forEach(received::remove);
                return out;
            }
            final long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s with " + out.size()
                        + " of " + submissions.size() + " decisions");
            }
            wait(Math.min(left, 1000));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
