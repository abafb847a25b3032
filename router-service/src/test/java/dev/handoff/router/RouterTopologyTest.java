package dev.handoff.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.Decision;
import dev.handoff.avro.DecisionKind;
import dev.handoff.avro.ImpactLevel;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PacketReceived;
import dev.handoff.common.ProvenanceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterTopologyTest {

    private RouterHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<String, PacketReceived> packets;
    private TestInputTopic<String, ArtifactNormalized> artifacts;
    private TestOutputTopic<String, Decision> staged;
    private TestOutputTopic<String, Decision> exceptions;

    @BeforeEach
    void setUp() {
        harness = new RouterHarness("router-test");
        driver = harness.driver;
        packets = harness.packets;
        artifacts = harness.artifacts;
        staged = harness.staged;
        exceptions = harness.exceptions;
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static List<String> codes(final Decision d) {
        return d.getReasons().stream().map(Notice::getCode).toList();
    }

    @Test
    void shouldStageCleanPacketOnceEveryArtifactHasReported() {
        // Given a packet of two artifacts
        packets.pipeInput("P1", Fixtures.packet("P1", "s1", "ticket.csv", "mail.eml"));
        artifacts.pipeInput("P1", Fixtures.artifact("P1", "s1", "ticket.csv", Fixtures.cleanValues("ticket.csv"), List.of()));
        // When only one has reported
        // Then nothing is decided yet
        assertThat(staged.isEmpty()).isTrue();
        assertThat(exceptions.isEmpty()).isTrue();
        // When the second reports
        artifacts.pipeInput("P1", Fixtures.artifact("P1", "s1", "mail.eml", Fixtures.cleanValues("mail.eml"), List.of()));
        // Then exactly one staged record, with the entitled tier and the approved contact
        final List<TestRecord<String, Decision>> out = staged.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(exceptions.isEmpty()).isTrue();
        final Decision d = out.get(0).value();
        assertThat(d.getDecision()).isEqualTo(DecisionKind.STAGED);
        assertThat(d.getFields().getResponseTier().getValue()).isEqualTo("TIER1_15MIN");
        assertThat(d.getFields().getFirstObservedAt().getValue()).isEqualTo("2026-10-14T07:05:00Z");
        assertThat(d.getDiagnosticArtifacts()).hasSize(2);
        final String ceType = new String(out.get(0).headers().lastHeader(ProvenanceHeaders.CE_TYPE).value(),
                StandardCharsets.UTF_8);
        assertThat(ceType).isEqualTo("handoff.escalation.staged.v1");
        assertThat(out.get(0).headers().lastHeader(ProvenanceHeaders.CONTENT_HASH)).isNotNull();
        assertThat(new String(out.get(0).headers().lastHeader(ProvenanceHeaders.SOURCE_ARTIFACTS).value(),
                StandardCharsets.UTF_8)).isEqualTo("mail.eml,ticket.csv");
    }

    @Test
    void shouldRouteToExceptionsWhenTenantsConflictAndCookieLeaks() {
        // Given a ticket naming one tenant and a HAR with a session cookie captured in another tenant's directory
        packets.pipeInput("P2", Fixtures.packet("P2", "s2", "ticket.csv", "trace.har"));
        artifacts.pipeInput("P2", Fixtures.artifact("P2", "s2", "ticket.csv", Fixtures.cleanValues("ticket.csv"), List.of()));
        artifacts.pipeInput("P2", Fixtures.artifact("P2", "s2", "trace.har",
                List.of(Fixtures.value("tenant", Fixtures.OTHER_TENANT, 0.9, "trace.har", "other.idp.example", Map.of())),
                List.of(Fixtures.cookie("trace.har"))));
        // Then one exception carrying both reasons
        final Decision d = exceptions.readValue();
        assertThat(codes(d)).contains("TENANT_CONFLICT", "PRIVACY_SECRET");
        assertThat(d.getPrivacyFlags()).extracting(f -> f.getCode().name()).containsExactly("SECRET_COOKIE");
        assertThat(d.getFields().getTenant().getAlternatives()).extracting(a -> a.getValue())
                .contains(Fixtures.OTHER_TENANT);
        assertThat(staged.isEmpty()).isTrue();
    }

    @Test
    void shouldDecideWithWarningWhenArtifactNeverArrivesWithinGrace() {
        // Given a packet whose second artifact never reports
        packets.pipeInput("P3", Fixtures.packet("P3", "s3", "ticket.csv", "lost.png"));
        artifacts.pipeInput("P3", Fixtures.artifact("P3", "s3", "ticket.csv", Fixtures.cleanValues("ticket.csv"), List.of()));
        // When the grace period passes
        driver.advanceWallClockTime(Duration.ofSeconds(31));
        // Then it is decided anyway, the missing artifact is a warning, not a reason
        final Decision d = staged.readValue();
        assertThat(d.getWarnings()).extracting(Notice::getCode).contains("ARTIFACT_UNREADABLE");
        assertThat(d.getDiagnosticArtifacts()).extracting(a -> a.getArtifactId() + ":" + a.getReadable())
                .contains("lost.png:false");
    }

    @Test
    void shouldMarkResentPacketAsRevisionOfEarlierDecision() {
        // Given a packet decided once
        packets.pipeInput("P4", Fixtures.packet("P4", "s4a", "ticket.csv"));
        artifacts.pipeInput("P4", Fixtures.artifact("P4", "s4a", "ticket.csv", Fixtures.cleanValues("ticket.csv"), List.of()));
        final Decision first = staged.readValue();
        // When the same packet id is sent again
        packets.pipeInput("P4", Fixtures.packet("P4", "s4b", "ticket.csv"));
        artifacts.pipeInput("P4", Fixtures.artifact("P4", "s4b", "ticket.csv", Fixtures.cleanValues("ticket.csv"), List.of()));
        // Then the new decision is revision 2 of the first
        final Decision second = staged.readValue();
        assertThat(first.getRevision()).isEqualTo(1);
        assertThat(second.getRevision()).isEqualTo(2);
        assertThat(second.getRevisionOf()).isEqualTo(first.getDecisionId());
    }

    @Test
    void shouldReportEveryMissingMandatoryFieldAndUnresolvedTenant() {
        // Given a packet with nothing but an impact statement
        packets.pipeInput("P5", Fixtures.packet("P5", "s5", "note.md"));
        artifacts.pipeInput("P5", Fixtures.artifact("P5", "s5", "note.md",
                List.of(Fixtures.impact(ImpactLevel.EXTENSIVE, 0.8, "note.md", "everyone is locked out")), List.of()));
        // Then
        final Decision d = exceptions.readValue();
        assertThat(codes(d)).contains("TENANT_UNRESOLVED", "TIMING_UNCERTAIN", "ENVIRONMENT_UNCLEAR",
                "MANDATORY_FIELD_MISSING");
        final Notice missing = d.getReasons().stream().filter(n -> n.getCode().equals("MANDATORY_FIELD_MISSING"))
                .findFirst().orElseThrow();
        assertThat(missing.getFields()).contains("tenant", "firstObservedAt", "responseTier", "approvedContacts")
                .doesNotContain("businessImpact");
    }

    @Test
    void shouldKeepStateBoundedByDeletingDecidedPackets() {
        // Given many decided packets
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            final String id = "B" + i;
            ids.add(id);
            packets.pipeInput(id, Fixtures.packet(id, "sb" + i, "ticket.csv"));
            artifacts.pipeInput(id, Fixtures.artifact(id, "sb" + i, "ticket.csv", Fixtures.cleanValues("ticket.csv"), List.of()));
        }
        // Then no aggregate is left in the store
        assertThat(staged.readValuesToList()).hasSize(ids.size());
        final org.apache.kafka.streams.state.KeyValueStore<String, ?> store = driver.getKeyValueStore(RouterTopology.AGGREGATES);
        try (var it = store.all()) {
            assertThat(it.hasNext()).isFalse();
        }
    }
}
