package dev.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.Decision;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.DecisionJson;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.ProvenanceHeaders;
import dev.handoff.common.RegistryRules;
import dev.handoff.common.StreamsSettings;
import dev.handoff.common.TopicNames;
import dev.handoff.core.ReferenceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline over a real in-process KRaft broker and a real Apicurio registry (the embedded
 * default), on the contract examples and the project's samples: exactly one contract-shaped decision
 * per packet, on the right topic, with provenance headers, and the schemas registered BACKWARD.
 */
class PipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPublishExactlyOneContractShapedDecisionPerPacketWithProvenanceHeaders() throws Exception {
        // Given the contract examples and the project's samples
        final Path shared = SharedFiles.shared().orElse(null);
        assumeThat(shared).as("shared/contract beside the repository").isNotNull();
        final Path repo = SharedFiles.repo();
        final List<PacketDirectory> packets = new ArrayList<>(Pipeline.readPackets(shared.resolve("contract/examples/packets")));
        final List<ReferenceFiles.Entry> reference = new ArrayList<>(ReferenceFiles.read(shared.resolve("contract/examples/reference")));
        packets.addAll(Pipeline.readPackets(repo.resolve("samples/packets")));
        reference.addAll(ReferenceFiles.read(repo.resolve("samples/reference")));

        try (Pipeline pipeline = new Pipeline(HandoffConfig.of(Map.of()), null, null, true)) {
            // When they are published as the ticketing platform would
            pipeline.publishReference(reference);
            final Map<String, String> submissions = pipeline.publishPackets(packets);
            final List<Decision> decisions = pipeline.awaitDecisions(submissions, Duration.ofMinutes(10));

            // Then one decision per packet, each valid contract JSON
            assertThat(decisions).hasSize(packets.size());
            for (final Decision d : decisions) {
                final JsonNode j = JSON.readTree(DecisionJson.toJsonLine(d));
                assertThat(j.path("fields").size()).isGreaterThanOrEqualTo(7);
                for (final String f : List.of("tenant", "environment", "productSurface", "firstObservedAt",
                        "businessImpact", "responseTier", "approvedContacts")) {
                    assertThat(j.path("fields").path(f).path("status").asText()).isNotEmpty();
                    assertThat(j.path("fields").path(f).has("evidence")).isTrue();
                }
                assertThat(j.path("decision").asText()).isEqualTo(j.path("reasons").isEmpty() ? "STAGED" : "EXCEPTION");
                assertThat(j.path("diagnosticArtifacts")).allSatisfy(a ->
                        assertThat(a.path("sha256").asText()).matches("[0-9a-f]{64}"));
            }
            final Map<String, String> byPacket = new HashMap<>();
            decisions.forEach(d -> byPacket.put(d.getPacketId(), d.getDecision().name()));
            assertThat(byPacket).containsEntry("PKT-EX-0001", "STAGED").containsEntry("PKT-EX-0002", "EXCEPTION")
                    .containsEntry("PKT-EX-0003", "EXCEPTION");

            // And the output topics hold exactly one committed record per packet, with provenance headers
            final List<ConsumerRecord<String, Decision>> records = readAll(pipeline.config(), decisions.size());
            assertThat(records).hasSize(decisions.size());
            assertThat(records.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(decisions.size());
            for (final ConsumerRecord<String, Decision> r : records) {
                final String type = header(r, ProvenanceHeaders.CE_TYPE);
                assertThat(type).isEqualTo(r.topic().equals(TopicNames.STAGED)
                        ? "handoff.escalation.staged.v1" : "handoff.escalation.exception.v1");
                assertThat(header(r, ProvenanceHeaders.CE_SUBJECT)).isEqualTo(r.key());
                assertThat(header(r, ProvenanceHeaders.CE_SPECVERSION)).isEqualTo("1.0");
                assertThat(header(r, ProvenanceHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
                assertThat(header(r, ProvenanceHeaders.CONTENT_HASH)).matches("[0-9a-f]{64}");
                assertThat(header(r, ProvenanceHeaders.PIPELINE_VERSION)).isNotBlank();
                assertThat(header(r, ProvenanceHeaders.DECISION)).isEqualTo(r.value().getDecision().name());
            }
            // And the registry enforces BACKWARD compatibility for the schemas handoff registered
            assertThat(RegistryRules.globalCompatibility(pipeline.config().get(HandoffConfig.REGISTRY_URL)))
                    .isEqualTo("BACKWARD");
        }
    }

    private static String header(final ConsumerRecord<?, ?> r, final String name) {
        return r.headers().lastHeader(name) == null ? null
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, Decision>> readAll(final HandoffConfig config, final int expected) {
        final Properties p = StreamsSettings.client(config);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final List<ConsumerRecord<String, Decision>> out = new ArrayList<>();
        try (KafkaConsumer<String, Decision> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroSerdes(config.get(HandoffConfig.REGISTRY_URL)).<Decision>valueDeserializer())) {
            c.subscribe(List.of(TopicNames.STAGED, TopicNames.EXCEPTIONS));
            final long deadline = System.currentTimeMillis() + 30_000;
            // keep reading a little after the expected count to catch duplicates
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() < deadline) {
                final var batch = c.poll(Duration.ofMillis(500));
                batch.forEach(out::add);
                if (!batch.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                } else if (out.size() >= expected && System.currentTimeMillis() - quietSince > 3000) {
                    break;
                }
            }
        }
        return out;
    }
}
