package dev.handoff.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.handoff.avro.Decision;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PrivacyFlag;
import dev.handoff.cli.PacketDirectory;
import dev.handoff.cli.Pipeline;
import dev.handoff.cli.embedded.ApicurioRegistryServer;
import dev.handoff.cli.embedded.EmbeddedCluster;
import dev.handoff.cli.embedded.EmbeddedKafkaBroker;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsService;
import dev.handoff.common.ops.OpsEndpoint;
import dev.handoff.core.ReferenceFiles;
import dev.handoff.extractor.ExtractorService;
import dev.handoff.normalizer.NormalizerService;
import dev.handoff.router.RouterService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services on a real in-process broker and registry, each with its metrics endpoint on an
 * ephemeral port: after the contract examples run, each service's {@code /metrics} shows the business
 * metrics with the counts of what was actually published, and {@code /health/ready} answers 200.
 * Counters are compared before and after the run, since other tests in this JVM may have counted too.
 */
class MetricsEndpointIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldExposeBusinessMetricsWithTheCountsOfTheRun(@TempDir final Path tmp) throws Exception {
        // Given the contract examples (3 packets) and the three services with metrics on ephemeral ports
        final Path examples = OpsFiles.contractExamples().orElse(null);
        assumeThat(examples).as("shared/contract/examples beside the repository").isNotNull();
        final List<PacketDirectory> packets = Pipeline.readPackets(examples.resolve("packets"));
        final List<ReferenceFiles.Entry> reference = ReferenceFiles.read(examples.resolve("reference"));
        final int artifacts = packets.stream().mapToInt(p -> p.artifacts().size()).sum();
        final HandoffConfig base = HandoffConfig.of(Map.of(HandoffConfig.ATTACHMENTS_DIR, tmp.resolve("attachments").toString(),
                HandoffConfig.METRICS_PORT, "0", OpsEndpoint.HOST_CONFIG, "127.0.0.1"));
        final List<StreamsService> services = new ArrayList<>();
        try (EmbeddedCluster cluster = EmbeddedCluster.start(EmbeddedKafkaBroker.builder(),
                ApicurioRegistryServer.builder().readyTimeout(Duration.ofMinutes(3)));
             Pipeline pipeline = new Pipeline(base, cluster.bootstrapServers(), cluster.registryUrl(), false)) {
            try {
                services.add(ExtractorService.create(pipeline.config()));
                services.add(NormalizerService.create(pipeline.config()));
                services.add(RouterService.create(pipeline.config()));
                for (final StreamsService s : services) {
                    s.start();
                }
                for (final StreamsService s : services) {
                    s.awaitRunning(Duration.ofMinutes(3));
                }
                final Map<String, PrometheusText> before = scrapeAll(services);

                // When the reference data and the packets are published and every decision is out
                pipeline.publishReference(reference);
                final Map<String, String> submissions = pipeline.publishPackets(packets);
                final List<Decision> decisions = pipeline.awaitDecisions(submissions, Duration.ofMinutes(10));
                final Map<String, PrometheusText> after = scrapeAll(services);

                // Then every service is ready and serves its metrics
                for (final StreamsService s : services) {
                    assertThat(get(s.metricsPort(), "/health/ready").statusCode()).as(s.name() + " ready").isEqualTo(200);
                    assertThat(get(s.metricsPort(), "/health/live").statusCode()).as(s.name() + " live").isEqualTo(200);
                }
                final Delta router = new Delta(before.get(RouterService.NAME), after.get(RouterService.NAME));
                final Delta extractor = new Delta(before.get(ExtractorService.NAME), after.get(ExtractorService.NAME));
                final Delta normalizer = new Delta(before.get(NormalizerService.NAME), after.get(NormalizerService.NAME));

                // And the router counted the packets and the decisions the contract expects
                assertThat(router.of("handoff_packets_received_total")).isEqualTo(3);
                assertThat(router.of("handoff_decisions_total", Map.of("outcome", "STAGED"))).isEqualTo(1);
                assertThat(router.of("handoff_decisions_total", Map.of("outcome", "EXCEPTION"))).isEqualTo(2);
                assertThat(router.of("handoff_decision_reasons_total", Map.of("code", "TENANT_CONFLICT"))).isEqualTo(1);
                assertThat(router.of("handoff_decision_reasons_total", Map.of("code", "PRIVACY_SECRET"))).isEqualTo(1);
                assertThat(router.of("handoff_end_to_end_latency_seconds_count")).isEqualTo(3);
                assertThat(router.of("handoff_stage_latency_seconds_count", Map.of("stage", "decide"))).isEqualTo(3);
                assertThat(after.get(RouterService.NAME).value("handoff_router_open_packets"))
                        .isEqualTo(before.get(RouterService.NAME).value("handoff_router_open_packets"));
                // And every warning and privacy code on the published decisions is counted once per decision
                codesPerDecision(decisions, true).forEach((code, n) ->
                        assertThat(router.of("handoff_warnings_total", Map.of("code", code))).as(code).isEqualTo(n.doubleValue()));
                codesPerDecision(decisions, false).forEach((code, n) ->
                        assertThat(router.of("handoff_privacy_flags_total", Map.of("code", code))).as(code).isEqualTo(n.doubleValue()));
                assertThat(router.of("handoff_privacy_flags_total")).isGreaterThanOrEqualTo(1);

                // And the extractor and normalizer counted every artifact once
                assertThat(extractor.of("handoff_artifacts_total")).isEqualTo(artifacts);
                assertThat(extractor.of("handoff_stage_latency_seconds_count", Map.of("stage", "extract"))).isEqualTo(artifacts);
                assertThat(extractor.of("handoff_ocr_seconds_count"))
                        .isEqualTo(extractor.of("handoff_artifacts_total", Map.of("kind", "SCREENSHOT", "outcome", "read"))
                                + extractor.of("handoff_artifacts_total", Map.of("kind", "SCREENSHOT", "outcome", "unreadable")));
                assertThat(normalizer.of("handoff_stage_latency_seconds_count", Map.of("stage", "normalize"))).isEqualTo(artifacts);

                // And Kafka Streams' own metrics (incl. consumer lag) are bound next to handoff's (re-read every 10 s)
                Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    final Map<String, PrometheusText> now = scrapeAll(services);
                    assertThat(now.get(RouterService.NAME).samples()).anySatisfy(s ->
                            assertThat(s.name()).startsWith("kafka_stream_"));
                    assertThat(now.get(ExtractorService.NAME).samples()).anySatisfy(s ->
                            assertThat(s.name()).contains("records_lag"));
                });

                // And no label value anywhere carries a packet id
                final List<String> ids = packets.stream().map(PacketDirectory::packetId).toList();
                for (final PrometheusText text : after.values()) {
                    for (final PrometheusText.Sample s : text.samples()) {
                        if (s.name().startsWith("handoff_")) {
                            assertThat(s.labels().values()).noneMatch(v -> ids.stream().anyMatch(v::contains));
                        }
                    }
                }
                System.out.printf("metrics figures: packets=%d artifacts=%d staged=%.0f exception=%.0f "
                                + "TENANT_CONFLICT=%.0f PRIVACY_SECRET=%.0f privacyFlags=%.0f warnings=%.0f ocr=%.0f%n",
                        packets.size(), artifacts, router.of("handoff_decisions_total", Map.of("outcome", "STAGED")),
                        router.of("handoff_decisions_total", Map.of("outcome", "EXCEPTION")),
                        router.of("handoff_decision_reasons_total", Map.of("code", "TENANT_CONFLICT")),
                        router.of("handoff_decision_reasons_total", Map.of("code", "PRIVACY_SECRET")),
                        router.of("handoff_privacy_flags_total"), router.of("handoff_warnings_total"),
                        extractor.of("handoff_ocr_seconds_count"));
            } finally {
                services.forEach(StreamsService::close);
            }
        }
    }

    /** Each code counted once per decision carrying it, as the router records it. */
    private static Map<String, Integer> codesPerDecision(final List<Decision> decisions, final boolean warnings) {
        final Map<String, Integer> out = new TreeMap<>();
        for (final Decision d : decisions) {
            final TreeSet<String> codes = new TreeSet<>();
            if (warnings) {
                d.getWarnings().stream().map(Notice::getCode).forEach(codes::add);
            } else {
                d.getPrivacyFlags().stream().map(PrivacyFlag::getCode).map(Enum::name).forEach(codes::add);
            }
            codes.forEach(c -> out.merge(c, 1, Integer::sum));
        }
        return out;
    }

    private static Map<String, PrometheusText> scrapeAll(final List<StreamsService> services) throws Exception {
        final Map<String, PrometheusText> out = new LinkedHashMap<>();
        for (final StreamsService s : services) {
            final HttpResponse<String> r = get(s.metricsPort(), "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            out.put(s.name(), PrometheusText.parse(r.body()));
        }
        return out;
    }

    private static HttpResponse<String> get(final int port, final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Counter change between two scrapes. */
    private record Delta(PrometheusText before, PrometheusText after) {
        double of(final String name) {
            return of(name, Map.of());
        }

        double of(final String name, final Map<String, String> labels) {
            return after.value(name, labels) - before.value(name, labels);
        }
    }
}
