package dev.handoff.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.Decision;
import dev.handoff.avro.DecisionKind;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.ImpactLevel;
import dev.handoff.avro.Notice;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.PacketReceived;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every reason code of CONTRACT.md section 3, alone and in combination, through the router topology. */
class ReasonCodesTopologyTest {

    private RouterHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<String, PacketReceived> packets;
    private TestInputTopic<String, ArtifactNormalized> artifacts;
    private TestOutputTopic<String, Decision> staged;
    private TestOutputTopic<String, Decision> exceptions;
    private int seq;

    @BeforeEach
    void setUp() {
        harness = new RouterHarness("reasons-test");
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

    /** Runs one single-artifact packet (clean values with some replaced or added) and returns its decision. */
    private Decision decide(final List<NormalizedValue> values, final List<PrivacyFinding> findings) {
        return decide(null, values, findings);
    }

    private Decision decide(final String requested, final List<NormalizedValue> values, final List<PrivacyFinding> findings) {
        final String id = "R" + (++seq);
        final PacketReceived p = Fixtures.packet(id, "s" + id, "a.txt");
        p.setRequestedEscalation(requested);
        packets.pipeInput(id, p);
        artifacts.pipeInput(id, Fixtures.artifact(id, "s" + id, "a.txt", values, findings));
        final List<Decision> out = new ArrayList<>(staged.readValuesToList());
        out.addAll(exceptions.readValuesToList());
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static List<NormalizedValue> cleanExcept(final String field, final NormalizedValue... replacements) {
        final List<NormalizedValue> out = new ArrayList<>(Fixtures.cleanValues("a.txt").stream()
                .filter(v -> !v.getField().equals(field)).toList());
        out.addAll(List.of(replacements));
        return out;
    }

    private static List<String> codes(final Decision d) {
        return d.getReasons().stream().map(Notice::getCode).toList();
    }

    private static NormalizedValue time(final String iso, final String role, final String group, final String original) {
        return Fixtures.value("firstObservedAt", iso, 0.8, "a.txt", original,
                Map.of("timeRole", role, "group", group, "original", original));
    }

    @Test
    void shouldStageWhenNothingIsWrong() {
        final Decision d = decide(Fixtures.cleanValues("a.txt"), List.of());
        assertThat(d.getDecision()).isEqualTo(DecisionKind.STAGED);
        assertThat(d.getReasons()).isEmpty();
    }

    @Test
    void shouldRouteTenantUnresolvedWhenNoMentionMatchesRegistry() {
        final Decision d = decide(cleanExcept("tenant", NormalizedValue.newBuilder().setField("tenant").setValue(null)
                .setConfidence(0.6).setAttributes(Map.of("mention", "Unknown Corp")).build()), List.of());
        assertThat(codes(d)).contains("TENANT_UNRESOLVED", "MANDATORY_FIELD_MISSING");
        assertThat(d.getFields().getTenant().getStatus()).isEqualTo(FieldStatus.MISSING);
    }

    @Test
    void shouldNotConflictOnAnOcrOnlyMentionOfAnotherTenant() {
        final Decision d = decide(cleanExcept("none", Fixtures.value("tenant", Fixtures.OTHER_TENANT, 0.5, "a.txt",
                "other", Map.of("ocr", "true"))), List.of());
        assertThat(codes(d)).doesNotContain("TENANT_CONFLICT");
        assertThat(d.getFields().getTenant().getValue()).isEqualTo(Fixtures.TENANT);
        assertThat(d.getFields().getTenant().getAlternatives()).isNotEmpty();
    }

    @Test
    void shouldRouteEnvironmentUnclearWhenProductionAndTestAreBothAsserted() {
        final Decision d = decide(cleanExcept("none", Fixtures.value("environment", "TEST", 0.9, "a.txt", "sandbox",
                Map.of())), List.of());
        assertThat(codes(d)).containsExactly("ENVIRONMENT_UNCLEAR");
        assertThat(d.getFields().getEnvironment().getStatus()).isEqualTo(FieldStatus.CONFLICT);
    }

    @Test
    void shouldRouteEntitlementMissingWhenNoEntitlementCoversTheDate() {
        final Decision d = decide(cleanExcept("firstObservedAt",
                time("2027-02-01T09:00:00Z", "FIRST_FAILURE", "g9", "1 Feb 2027 09:00 UTC")), List.of());
        assertThat(codes(d)).contains("ENTITLEMENT_MISSING", "MANDATORY_FIELD_MISSING");
        assertThat(d.getFields().getResponseTier().getValue()).isNull();
    }

    @Test
    void shouldRouteEntitlementMismatchWhenCrmSnapshotClaimsAnotherTier() {
        final Decision d = decide(cleanExcept("none", Fixtures.value("responseTier", "TIER3_8H", 0.8, "a.txt", "Basic",
                Map.of("source", "CRM_CLAIM", "plan", "Basic"))), List.of());
        assertThat(codes(d)).containsExactly("ENTITLEMENT_MISMATCH");
        assertThat(d.getFields().getResponseTier().getValue()).isEqualTo("TIER1_15MIN");
        assertThat(d.getFields().getResponseTier().getAlternatives()).extracting(a -> a.getValue()).contains("TIER3_8H");
    }

    @Test
    void shouldIgnoreHiddenSheetClaimsAsArchivedData() {
        final Decision d = decide(cleanExcept("none", Fixtures.value("responseTier", "TIER3_8H", 0.2, "a.txt", "Basic",
                Map.of("source", "CRM_CLAIM", "hidden", "true"))), List.of());
        assertThat(d.getDecision()).isEqualTo(DecisionKind.STAGED);
    }

    @Test
    void shouldRouteContactMismatchWhenRequesterIsNotApproved() {
        final Decision d = decide(cleanExcept("none", Fixtures.contact("C-2", "sam@acme.example", "CC", false, "a.txt")),
                List.of());
        assertThat(codes(d)).containsExactly("CONTACT_MISMATCH");
        assertThat(d.getFields().getApprovedContacts().getValue()).asList().hasSize(1);
    }

    @Test
    void shouldRouteContactMismatchWhenRequesterIsNotOnTheRoster() {
        final Decision d = decide(cleanExcept("none", Fixtures.contact(null, "new.admin@acme.example", "REQUESTER", false,
                "a.txt")), List.of());
        assertThat(codes(d)).containsExactly("CONTACT_MISMATCH");
    }

    @Test
    void shouldIgnorePeopleMentionedInPassing() {
        final Decision d = decide(cleanExcept("none", Fixtures.contact(null, "someone@acme.example", "MENTION", false,
                "a.txt")), List.of());
        assertThat(d.getDecision()).isEqualTo(DecisionKind.STAGED);
    }

    @Test
    void shouldRouteImpactAmbiguousWhenStatementsContradict() {
        final Decision d = decide(cleanExcept("none", Fixtures.impact(ImpactLevel.MINOR, 0.8, "a.txt", "only one user")),
                List.of());
        assertThat(codes(d)).containsExactly("IMPACT_AMBIGUOUS");
        assertThat(d.getFields().getBusinessImpact().getAlternatives()).hasSize(1);
    }

    @Test
    void shouldRouteTimingUncertainWhenZoneIsAmbiguousAndNothingSettlesIt() {
        final Decision d = decide(cleanExcept("firstObservedAt",
                time("2026-10-14T03:30:00Z", "FIRST_FAILURE", "ist", "9 IST"),
                time("2026-10-14T07:00:00Z", "FIRST_FAILURE", "ist", "9 IST"),
                time("2026-10-14T08:00:00Z", "FIRST_FAILURE", "ist", "9 IST")), List.of());
        // the packet arrived 08:00Z, so only 03:30Z and 07:00Z remain possible: still ambiguous
        assertThat(codes(d)).contains("TIMING_UNCERTAIN");
        assertThat(d.getFields().getFirstObservedAt().getAlternatives()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldSettleAmbiguousZoneWhenAMachineTimestampFollowsOneReading() {
        final Decision d = decide(cleanExcept("firstObservedAt",
                time("2026-10-14T03:30:00Z", "FIRST_FAILURE", "ist", "9 IST"),
                time("2026-10-14T07:00:00Z", "FIRST_FAILURE", "ist", "9 IST"),
                time("2026-10-14T03:41:00Z", "MACHINE", "har1", "2026-10-14T03:41:00Z")), List.of());
        assertThat(d.getDecision()).isEqualTo(DecisionKind.STAGED);
        assertThat(d.getFields().getFirstObservedAt().getValue()).isEqualTo("2026-10-14T03:30:00Z");
        assertThat(d.getFields().getFirstObservedAt().getTrace()).extracting(s -> s.getStep())
                .anyMatch(s -> s.startsWith("settle-ambiguity"));
    }

    @Test
    void shouldRouteTimingUncertainWhenFirstFailureClaimsAreMoreThanThirtyMinutesApart() {
        final Decision d = decide(cleanExcept("none",
                time("2026-10-14T06:00:00Z", "FIRST_FAILURE", "g2", "08:00 CEST")), List.of());
        assertThat(codes(d)).containsExactly("TIMING_UNCERTAIN");
        assertThat(d.getFields().getFirstObservedAt().getValue()).isEqualTo("2026-10-14T06:00:00Z");
        assertThat(d.getFields().getFirstObservedAt().getStatus()).isEqualTo(FieldStatus.CONFLICT);
    }

    @Test
    void shouldRoutePrivacyPersonalDataForCardNumbersButOnlyFlagWorkEmails() {
        final PrivacyFinding card = PrivacyFinding.newBuilder().setCode(PrivacyCode.PII_PAYMENT_CARD).setArtifactId("a.txt")
                .setLocator("text:line=3,chars=0-19").setExcerpt("[REDACTED sha256:0badf00d]").setValueHash("0badf00d")
                .setSecret(false).build();
        final PrivacyFinding email = PrivacyFinding.newBuilder(card).setCode(PrivacyCode.PII_EMAIL)
                .setExcerpt("dana@acme.example").build();
        final Decision withCard = decide(Fixtures.cleanValues("a.txt"), List.of(card, email));
        final Decision withEmail = decide(Fixtures.cleanValues("a.txt"), List.of(email));
        assertThat(codes(withCard)).containsExactly("PRIVACY_PERSONAL_DATA");
        assertThat(withEmail.getDecision()).isEqualTo(DecisionKind.STAGED);
        assertThat(withEmail.getPrivacyFlags()).hasSize(1);
    }

    @Test
    void shouldRouteEntitlementMismatchWhenBridgeIsRequestedButPlanExcludesIt() {
        final Decision d = decide("SEV1_BRIDGE", cleanExcept("none"), List.of());
        assertThat(d.getDecision()).isEqualTo(DecisionKind.STAGED); // Gold includes the bridge
        final Decision basic = decideWithPlan("Basic", "SEV1_BRIDGE");
        assertThat(codes(basic)).containsExactly("ENTITLEMENT_MISMATCH");
    }

    private Decision decideWithPlan(final String plan, final String requested) {
        final String id = "R" + (++seq);
        final PacketReceived p = Fixtures.packet(id, "s" + id, "a.txt");
        p.setRequestedEscalation(requested);
        final ArtifactNormalized a = Fixtures.artifact(id, "s" + id, "a.txt", Fixtures.cleanValues("a.txt"), List.of());
        a.getFacts().getEntitlements().get(0).setPlan(plan);
        packets.pipeInput(id, p);
        artifacts.pipeInput(id, a);
        return exceptions.readValue();
    }

    @Test
    void shouldReportEveryReasonThatHoldsAtOnce() {
        // a tenant conflict, a session cookie, contradictory impact and a non-approved requester together
        final Decision d = decide(cleanExcept("none",
                Fixtures.value("tenant", Fixtures.OTHER_TENANT, 0.9, "a.txt", "other-corp.example", Map.of()),
                Fixtures.impact(ImpactLevel.MINOR, 0.8, "a.txt", "one user"),
                Fixtures.contact("C-2", "sam@acme.example", "SENDER", false, "a.txt")),
                List.of(Fixtures.cookie("a.txt")));
        assertThat(codes(d)).containsExactlyInAnyOrder("TENANT_CONFLICT", "PRIVACY_SECRET", "IMPACT_AMBIGUOUS",
                "CONTACT_MISMATCH");
        assertThat(d.getReasons()).allSatisfy(r -> assertThat(r.getMessage()).isNotBlank());
    }
}
