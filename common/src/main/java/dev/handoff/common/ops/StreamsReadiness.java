package dev.handoff.common.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Liveness and readiness from the Kafka Streams state: live unless the client died; ready only when
 * RUNNING with no state store still restoring (with the state updater, Streams restores in the
 * background while already RUNNING, so the state alone would report ready too early).
 */
public final class StreamsReadiness implements StateRestoreListener {

    private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();

    /** What the health endpoints report. */
    public record Health(boolean live, boolean ready, String state, int restoringPartitions) {
    }

    public Health health(final KafkaStreams.State state) {
        return evaluate(state, restoring.size());
    }

    /** Pure rule, for tests: ERROR, PENDING_ERROR and NOT_RUNNING are dead; only RUNNING and restored is ready. */
    public static Health evaluate(final KafkaStreams.State state, final int restoringPartitions) {
        final boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING;
        final boolean ready = state == KafkaStreams.State.RUNNING && restoringPartitions == 0;
        return new Health(live, ready, state.name(), restoringPartitions);
    }

    public int restoringPartitions() {
        return restoring.size();
    }

    @Override
    public void onRestoreStart(final TopicPartition partition, final String storeName, final long startingOffset,
                               final long endingOffset) {
        restoring.add(partition);
    }

    @Override
    public void onBatchRestored(final TopicPartition partition, final String storeName, final long batchEndOffset,
                                final long numRestored) {
        // progress only: readiness changes at start and end
    }

    @Override
    public void onRestoreEnd(final TopicPartition partition, final String storeName, final long totalRestored) {
        restoring.remove(partition);
    }

    @Override
    public void onRestoreSuspended(final TopicPartition partition, final String storeName, final long totalRestored) {
        // the task moved elsewhere mid-restore: this instance no longer waits for it
        restoring.remove(partition);
    }
}
