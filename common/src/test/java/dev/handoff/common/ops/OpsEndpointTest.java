package dev.handoff.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class OpsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldAnswer503OnReadinessUntilStreamsIsRunning() throws Exception {
        // Given an endpoint whose service is still rebalancing
        final HandoffMetrics metrics = HandoffMetrics.forService("test-" + UUID.randomUUID().toString().substring(0, 8));
        final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.REBALANCING);
        try (OpsEndpoint endpoint = OpsEndpoint.start("127.0.0.1", 0, metrics,
                () -> StreamsReadiness.evaluate(state.get(), 0))) {
            final String base = "http://127.0.0.1:" + endpoint.port();

            // When the probes ask before and after the service reaches RUNNING
            final HttpResponse<String> notReady = get(base + "/health/ready");
            final HttpResponse<String> live = get(base + "/health/live");
            state.set(KafkaStreams.State.RUNNING);
            final HttpResponse<String> ready = get(base + "/health/ready");

            // Then readiness follows the state and liveness holds throughout
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"state\":\"REBALANCING\"");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldServePrometheusTextOnMetrics() throws Exception {
        // Given a service that received one packet
        final HandoffMetrics metrics = HandoffMetrics.forService("test-" + UUID.randomUUID().toString().substring(0, 8));
        metrics.packetReceived();
        try (OpsEndpoint endpoint = OpsEndpoint.start("127.0.0.1", 0, metrics,
                () -> StreamsReadiness.evaluate(KafkaStreams.State.RUNNING, 0))) {

            // When Prometheus scrapes
            final HttpResponse<String> r = get("http://127.0.0.1:" + endpoint.port() + "/metrics");

            // Then it gets the text format with handoff's counter and the JVM's metrics
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(r.body()).contains("# TYPE handoff_packets_received_total counter")
                    .containsPattern("handoff_packets_received_total\\{service=\"test-[0-9a-f]+\"} 1\\.0")
                    .contains("jvm_memory_used_bytes");
        }
    }

    private static HttpResponse<String> get(final String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
