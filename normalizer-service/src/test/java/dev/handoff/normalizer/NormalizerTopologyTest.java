package dev.handoff.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.Classification;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.ReferenceFacts;
import dev.handoff.avro.TenantRecord;
import dev.handoff.common.AvroSerdes;
import java.util.Map;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.Topics;
import dev.handoff.normalization.NormalizationResult;
import dev.handoff.normalization.ReferenceView;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NormalizerTopologyTest {

    /** A normalizer that reports what the reference view holds, so the test sees the join. */
    private static final BiFunction<ArtifactExtracted, ReferenceView, NormalizationResult> ECHO = (a, ref) ->
            new NormalizationResult(
                    ref.entitlements().stream().map(e -> NormalizedValue.newBuilder().setField("responseTier")
                            .setValue(e.getPlan()).setConfidence(1.0)
                            .setAttributes(java.util.Map.of("version", String.valueOf(e.getVersion()))).build()).toList(),
                    ReferenceFacts.newBuilder().setTenants(ref.tenants()).setEntitlements(ref.entitlements()).build(),
                    List.of());

    private TopologyTestDriver driver;
    private Topics topics;
    private TestInputTopic<String, ArtifactExtracted> extracted;
    private TestInputTopic<String, EntitlementRecord> entitlements;
    private TestInputTopic<String, TenantRecord> tenants;
    private TestOutputTopic<String, ArtifactNormalized> normalized;

    @BeforeEach
    void setUp() {
        topics = new Topics(new AvroSerdes("mem://normalizer-" + UUID.randomUUID()));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "normalizer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/normalizer-test-" + UUID.randomUUID());
        driver = new TopologyTestDriver(
                NormalizerTopology.build(topics, ECHO, IdleCommit.Policy.from(HandoffConfig.of(Map.of()))), props);
        extracted = driver.createInputTopic(topics.artifactsExtracted.name(), topics.artifactsExtracted.keySerde().serializer(),
                topics.artifactsExtracted.valueSerde().serializer());
        entitlements = driver.createInputTopic(topics.entitlements.name(), topics.entitlements.keySerde().serializer(),
                topics.entitlements.valueSerde().serializer());
        tenants = driver.createInputTopic(topics.tenants.name(), topics.tenants.keySerde().serializer(),
                topics.tenants.valueSerde().serializer());
        normalized = driver.createOutputTopic(topics.artifactsNormalized.name(),
                topics.artifactsNormalized.keySerde().deserializer(), topics.artifactsNormalized.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static EntitlementRecord entitlement(final String plan) {
        return EntitlementRecord.newBuilder().setEntitlementId("ENT-1").setTenantId("TEN-1").setPlan(plan)
                .setStatus("ACTIVE").setValidFrom("2026-01-01").setValidTo("2026-12-31").build();
    }

    private static ArtifactExtracted artifact(final String packetId) {
        return ArtifactExtracted.newBuilder().setPacketId(packetId).setSubmissionId("s-" + packetId)
                .setArtifact(ArtifactRef.newBuilder().setArtifactId("t.csv").setSha256("a".repeat(64)).setBytes(1)
                        .setStoreUri("sha256:" + "a".repeat(64)).build())
                .setClassification(new Classification(ArtifactKind.TICKET_EXPORT, "text/csv", "test", 1.0))
                .setReadable(true).setSanitized(true).setExtractorVersion("test").build();
    }

    @Test
    void shouldJoinArtifactsWithReferenceRecordsStampedWithTheirVersion() {
        // Given a tenant and an entitlement on the compacted reference topics
        tenants.pipeInput("TEN-1", TenantRecord.newBuilder().setTenantId("TEN-1").setDisplayName("Acme").build());
        entitlements.pipeInput("ENT-1", entitlement("Gold"));
        // When an artifact is normalized
        extracted.pipeInput("P1", artifact("P1"));
        // Then the normalizer saw the record, with the offset it was read at as its version
        final ArtifactNormalized out = normalized.readValue();
        assertThat(out.getValues()).extracting(NormalizedValue::getValue).containsExactly("Gold");
        assertThat(out.getValues().get(0).getAttributes().get("version")).isEqualTo("handoff.ref.entitlements-0@0");
        assertThat(out.getFacts().getTenants()).extracting(TenantRecord::getTenantId).containsExactly("TEN-1");
    }

    @Test
    void shouldUseReplacedRecordAndForgetTombstonedOneForLaterArtifacts() {
        // Given an entitlement that is later replaced
        entitlements.pipeInput("ENT-1", entitlement("Gold"));
        extracted.pipeInput("P1", artifact("P1"));
        entitlements.pipeInput("ENT-1", entitlement("Platinum"));
        extracted.pipeInput("P2", artifact("P2"));
        // When it is then deleted
        entitlements.pipeInput("ENT-1", (EntitlementRecord) null);
        extracted.pipeInput("P3", artifact("P3"));
        // Then each artifact saw the reference data as of its own time
        final List<ArtifactNormalized> out = normalized.readValuesToList();
        assertThat(out.get(0).getValues()).extracting(NormalizedValue::getValue).containsExactly("Gold");
        assertThat(out.get(1).getValues()).extracting(NormalizedValue::getValue).containsExactly("Platinum");
        assertThat(out.get(1).getValues().get(0).getAttributes().get("version")).isEqualTo("handoff.ref.entitlements-0@1");
        assertThat(out.get(2).getValues()).isEmpty();
    }
}
