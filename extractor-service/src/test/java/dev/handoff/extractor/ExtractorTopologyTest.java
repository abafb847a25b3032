package dev.handoff.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PacketReceived;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.DirectoryAttachmentStore;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.Topics;
import dev.handoff.extraction.ExtractionResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extractor topology: a packet fans out to one task per artifact, each extracted from the attachment store. */
class ExtractorTopologyTest {

    @TempDir
    Path store;

    private TopologyTestDriver driver;
    private TestInputTopic<String, PacketReceived> packets;
    private TestOutputTopic<String, ArtifactExtracted> extracted;
    private DirectoryAttachmentStore attachments;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        attachments = new DirectoryAttachmentStore(store);
        final Topics topics = new Topics(new AvroSerdes("mem://extractor-" + UUID.randomUUID()));
        // A stand-in extraction that reports what it was given: the topology, not the readers, is under test.
        final ArtifactTaskHandler handler = new ArtifactTaskHandler(attachments, input -> {
            seen.add(input.artifactId() + ":" + new String(input.bytes(), StandardCharsets.UTF_8));
            return new ExtractionResult(new Classification(ArtifactKind.ESCALATION_NOTE, "text/plain", "test", 0.9),
                    true, true, List.of(), List.of(), List.of(), Map.of());
        });
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "extractor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, store.resolve("state").toString());
        driver = new TopologyTestDriver(ExtractorTopology.build(topics, handler,
                IdleCommit.Policy.from(HandoffConfig.of(Map.of()))), props);
        packets = driver.createInputTopic(topics.packets.name(), topics.packets.keySerde().serializer(),
                topics.packets.valueSerde().serializer());
        extracted = driver.createOutputTopic(topics.artifactsExtracted.name(),
                topics.artifactsExtracted.keySerde().deserializer(), topics.artifactsExtracted.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private ArtifactRef stored(final String name, final String content) throws Exception {
        final URI uri = attachments.put(content.getBytes(StandardCharsets.UTF_8));
        return ArtifactRef.newBuilder().setArtifactId(name).setSha256(uri.getSchemeSpecificPart())
                .setBytes(content.length()).setStoreUri(uri.toString()).build();
    }

    @Test
    void shouldExtractEveryArtifactOfAPacketByClaimCheckKeyedByPacketId() throws Exception {
        // Given a packet of two artifacts whose bytes are in the attachment store
        final PacketReceived p = PacketReceived.newBuilder().setPacketId("P1").setSubmissionId("s1")
                .setReceivedAt("2026-10-14T08:00:00Z")
                .setArtifacts(List.of(stored("note.md", "Start 09:05 CEST"), stored("ticket.csv", "a,b"))).build();
        // When
        packets.pipeInput("P1", p);
        // Then one extraction result per artifact, keyed by the packet id (co-partitioned for the router)
        final var out = extracted.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("P1", "P1");
        assertThat(out).extracting(kv -> kv.value.getArtifact().getArtifactId()).containsExactly("note.md", "ticket.csv");
        assertThat(seen).containsExactly("note.md:Start 09:05 CEST", "ticket.csv:a,b");
        assertThat(out.get(0).value.getSubmissionId()).isEqualTo("s1");
    }

    @Test
    void shouldTurnAMissingAttachmentIntoAWarningAndGoOnWithThePacket() throws Exception {
        // Given a packet one of whose artifacts is not in the store
        final ArtifactRef missing = ArtifactRef.newBuilder().setArtifactId("lost.png").setSha256("0".repeat(64))
                .setBytes(10).setStoreUri("sha256:" + "0".repeat(64)).build();
        final PacketReceived p = PacketReceived.newBuilder().setPacketId("P2").setSubmissionId("s2")
                .setReceivedAt("2026-10-14T08:00:00Z").setArtifacts(List.of(missing, stored("note.md", "x"))).build();
        // When
        packets.pipeInput("P2", p);
        // Then the missing one is unreadable with a one-line reason naming it, and the other is extracted
        final var out = extracted.readValuesToList();
        assertThat(out).hasSize(2);
        final ArtifactExtracted lost = out.get(0);
        assertThat(lost.getReadable()).isFalse();
        assertThat(lost.getWarnings()).extracting(Notice::getCode).containsExactly("ARTIFACT_UNREADABLE");
        assertThat(lost.getWarnings().get(0).getMessage()).contains("lost.png").doesNotContain("\n");
        assertThat(out.get(1).getReadable()).isTrue();
    }
}
