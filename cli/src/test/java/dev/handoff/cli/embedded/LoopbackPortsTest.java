package dev.handoff.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/** Checks port choice and the recognition of a port taken by someone else. */
class LoopbackPortsTest {

    @Test
    void shouldPickDistinctFreePortsWhenAskedForSeveral() {
        // When
        final List<Integer> ports = LoopbackPorts.pick(3);

        // Then
        assertThat(Set.copyOf(ports)).hasSize(3);
        assertThat(ports).allSatisfy(port -> assertThat(LoopbackPorts.isFree(port)).isTrue());
    }

    @Test
    void shouldReportPortBusyWhenSomethingListens() throws IOException {
        // Given
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // When / Then
            assertThat(LoopbackPorts.isFree(socket.getLocalPort())).isFalse();
        }
    }

    @Test
    void shouldTreatWrappedBindExceptionAsRetryableWhenKafkaCannotBind() {
        // Given the shape Kafka's socket server throws
        final KafkaException failure = new KafkaException("Socket server failed to bind to 127.0.0.1:9092",
            new BindException("Address already in use"));

        // When / Then
        assertThat(LoopbackPorts.isBindFailure(failure)).isTrue();
        assertThat(LoopbackPorts.isBindFailure(new KafkaException("Invalid value -1 for num.partitions"))).isFalse();
    }
}
