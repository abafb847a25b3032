package dev.handoff.router;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.Classification;
import dev.handoff.avro.ContactMatch;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.Impact;
import dev.handoff.avro.ImpactLevel;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.PacketReceived;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.avro.ReferenceFacts;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for router inputs: what the normalizer would publish for small, readable packets. */
final class Fixtures {

    static final String TENANT = "TEN-1";
    static final String OTHER_TENANT = "TEN-2";

    private Fixtures() {
    }

    static PacketReceived packet(final String packetId, final String submissionId, final String... artifactIds) {
        final List<ArtifactRef> refs = new ArrayList<>();
        for (final String a : artifactIds) {
            refs.add(ref(a));
        }
        return PacketReceived.newBuilder().setPacketId(packetId).setSubmissionId(submissionId)
                .setReceivedAt("2026-10-14T08:00:00Z").setArtifacts(refs).build();
    }

    static ArtifactRef ref(final String artifactId) {
        return ArtifactRef.newBuilder().setArtifactId(artifactId).setSha256("a".repeat(64)).setBytes(100)
                .setStoreUri("sha256:" + "a".repeat(64)).build();
    }

    static ReferenceFacts facts() {
        return ReferenceFacts.newBuilder()
                .setTenants(List.of(TenantRecord.newBuilder().setTenantId(TENANT).setDisplayName("Acme GmbH")
                        .setVersion("handoff.ref.tenants-0@1").build()))
                .setEntitlements(List.of(EntitlementRecord.newBuilder().setEntitlementId("ENT-1").setTenantId(TENANT)
                        .setPlan("Gold").setStatus("ACTIVE").setValidFrom("2026-01-01").setValidTo("2026-12-31")
                        .setVersion("handoff.ref.entitlements-0@3").build()))
                .setPlans(List.of(SupportPlanRecord.newBuilder().setPlan("Gold").setAliases(List.of("GLD"))
                        .setResponseTier("TIER1_15MIN").setSev1BridgeEligible(true).setVersion("p@1").build(),
                        SupportPlanRecord.newBuilder().setPlan("Basic").setResponseTier("TIER3_8H")
                                .setSev1BridgeEligible(false).setVersion("p@2").build()))
                .setContacts(List.of(ContactRecord.newBuilder().setContactId("C-1").setTenantId(TENANT)
                        .setName("Dana Fox").setEmail("dana@acme.example").setApprovedForEscalation(true)
                        .setVersion("c@1").build(),
                        ContactRecord.newBuilder().setContactId("C-2").setTenantId(TENANT).setName("Sam Lee")
                                .setEmail("sam@acme.example").setApprovedForEscalation(false).setVersion("c@2").build()))
                .build();
    }

    static NormalizedValue value(final String field, final String value, final double confidence, final String artifactId,
                                 final String excerpt, final Map<String, String> attributes) {
        return NormalizedValue.newBuilder().setField(field).setValue(value).setConfidence(confidence)
                .setEvidence(List.of(new Evidence(artifactId, "text:line=1,chars=0-" + excerpt.length(), excerpt)))
                .setAttributes(new HashMap<>(attributes)).build();
    }

    static NormalizedValue impact(final ImpactLevel level, final double confidence, final String artifactId,
                                  final String narrative) {
        return NormalizedValue.newBuilder().setField("businessImpact").setConfidence(confidence)
                .setImpact(Impact.newBuilder().setLevel(level).setNarrative(narrative).build())
                .setEvidence(List.of(new Evidence(artifactId, "text:line=2,chars=0-5", narrative)))
                .build();
    }

    static NormalizedValue contact(final String contactId, final String email, final String participation,
                                   final boolean approved, final String artifactId) {
        return NormalizedValue.newBuilder().setField("approvedContacts").setValue(contactId).setConfidence(0.9)
                .setContact(ContactMatch.newBuilder().setEmail(email).setName(email).setParticipation(participation)
                        .setSide("CUSTOMER").setContactId(contactId).setTenantId(contactId == null ? null : TENANT)
                        .setApproved(approved).setMatchedBy(contactId == null ? null : "EMAIL").build())
                .setEvidence(List.of(new Evidence(artifactId, "eml:message=<m1>,header=From", email))).build();
    }

    static ArtifactNormalized artifact(final String packetId, final String submissionId, final String artifactId,
                                       final List<NormalizedValue> values, final List<PrivacyFinding> findings) {
        return ArtifactNormalized.newBuilder().setPacketId(packetId).setSubmissionId(submissionId)
                .setArtifact(ref(artifactId))
                .setClassification(new Classification(ArtifactKind.TICKET_EXPORT, "text/csv", "test", 0.9))
                .setReadable(true).setSanitized(findings.stream().noneMatch(PrivacyFinding::getSecret))
                .setValues(values).setFindings(findings).setFacts(facts()).setNormalizerVersion("test").build();
    }

    static PrivacyFinding cookie(final String artifactId) {
        return PrivacyFinding.newBuilder().setCode(PrivacyCode.SECRET_COOKIE).setArtifactId(artifactId)
                .setLocator("har:/log/entries/1/request/cookies/0").setExcerpt("sid=[REDACTED sha256:1a2b3c4d]")
                .setValueHash("1a2b3c4d").setSecret(true).build();
    }

    /** A complete, clean set of values: everything a staged record needs. */
    static List<NormalizedValue> cleanValues(final String artifactId) {
        return List.of(
                value("tenant", TENANT, 0.9, artifactId, "Acme GmbH", Map.of()),
                value("environment", "PRODUCTION", 0.9, artifactId, "Production", Map.of()),
                value("productSurface", "sso", 0.8, artifactId, "SSO", Map.of()),
                value("firstObservedAt", "2026-10-14T07:05:00Z", 0.8, artifactId, "09:05 CEST",
                        Map.of("timeRole", "FIRST_FAILURE", "group", "g1", "original", "09:05 CEST")),
                impact(ImpactLevel.EXTENSIVE, 0.9, artifactId, "nobody can sign in"),
                contact("C-1", "dana@acme.example", "SENDER", true, artifactId));
    }
}
