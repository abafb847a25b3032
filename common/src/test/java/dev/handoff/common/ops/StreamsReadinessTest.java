package dev.handoff.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsReadinessTest {

    @Test
    void shouldBeReadyOnlyWhenRunningWithNothingRestoring() {
        // Given / When / Then: every Streams state against the probes
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.RUNNING, 0).ready()).isTrue();
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.RUNNING, 2).ready()).isFalse();
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.REBALANCING, 0).ready()).isFalse();
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.CREATED, 0).ready()).isFalse();
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.REBALANCING, 0).live()).isTrue();
    }

    @Test
    void shouldBeDeadWhenStreamsFailedOrStopped() {
        // Given / When / Then
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.ERROR, 0).live()).isFalse();
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.PENDING_ERROR, 0).live()).isFalse();
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.NOT_RUNNING, 0).live()).isFalse();
        assertThat(StreamsReadiness.evaluate(KafkaStreams.State.ERROR, 0).ready()).isFalse();
    }

    @Test
    void shouldTurnReadyWhenEveryRestoringPartitionFinished() {
        // Given a changelog partition restoring while the client is already RUNNING
        final StreamsReadiness readiness = new StreamsReadiness();
        final TopicPartition changelog = new TopicPartition("handoff-router-router-aggregates-changelog", 0);
        final TopicPartition moved = new TopicPartition("handoff-router-router-history-changelog", 1);
        readiness.onRestoreStart(changelog, "router-aggregates", 0, 100);
        readiness.onRestoreStart(moved, "router-history", 0, 100);
        assertThat(readiness.health(KafkaStreams.State.RUNNING).ready()).isFalse();

        // When one finishes and the other moves to another instance
        readiness.onRestoreEnd(changelog, "router-aggregates", 100);
        readiness.onRestoreSuspended(moved, "router-history", 40);

        // Then the instance is ready
        assertThat(readiness.health(KafkaStreams.State.RUNNING).ready()).isTrue();
        assertThat(readiness.restoringPartitions()).isZero();
    }
}
