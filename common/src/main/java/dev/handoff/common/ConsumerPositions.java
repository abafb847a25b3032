package dev.handoff.common;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Positions a consumer that only wants what is written from now on (collectors, verifiers, benchmarks). */
public final class ConsumerPositions {

    private ConsumerPositions() {
    }

    /**
     * Assigns every partition of the topics and moves to their current end; the positions are resolved
     * eagerly, so a record produced right after this call is not skipped by a lazy seek.
     */
    public static List<TopicPartition> assignAtEnd(final Consumer<?, ?> consumer, final List<String> topics) {
        final List<TopicPartition> parts = new ArrayList<>();
        for (final String t : topics) {
            for (final PartitionInfo pi : consumer.partitionsFor(t)) {
                parts.add(new TopicPartition(t, pi.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        return parts;
    }
}
