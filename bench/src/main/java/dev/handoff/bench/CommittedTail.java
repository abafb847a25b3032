package dev.handoff.bench;

import dev.handoff.common.ConsumerPositions;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their current end, read_committed, on a daemon thread, and hands each record to
 * {@link #onRecord} with the time it arrived. Subclasses call {@link #start()} once their own fields
 * are ready.
 */
abstract class CommittedTail<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    CommittedTail(final HandoffConfig config, final Deserializer<V> values, final List<String> topics,
                  final String name) {
        consumer = new KafkaConsumer<>(readCommitted(config, name), new StringDeserializer(), values);
        ConsumerPositions.assignAtEnd(consumer, topics);
        thread = new Thread(this::poll, name);
        thread.setDaemon(true);
    }

    /** Consumer settings for timing what committed transactions make visible. */
    static Properties readCommitted(final HandoffConfig config, final String groupPrefix) {
        final Properties p = StreamsSettings.client(config);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + UUID.randomUUID());
        // fetch as soon as anything is there: the latency figure must not include consumer batching
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return p;
    }

    final void start() {
        thread.start();
    }

    /** Called on the reading thread for every record, {@code receivedAtMillis} when its poll returned. */
    abstract void onRecord(ConsumerRecord<String, V> record, long receivedAtMillis);

    private void poll() {
        try {
            while (running) {
                for (final ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(50))) {
                    onRecord(r, System.currentTimeMillis());
                }
            }
        } catch (final WakeupException e) {
            // closing
        } finally {
            consumer.close();
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
