package dev.handoff.normalization;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.EnvironmentRecord;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reference set in code, shaped like the public example reference plus a second tenant whose
 * name shares a word with the first ("Brightlake Logistics"), and helpers to build candidates.
 */
public final class TestReference {

    private TestReference() {
    }

    public static TenantRecord brightlakeCeramics() {
        return TenantRecord.newBuilder().setTenantId("TEN-7001").setDisplayName("Brightlake Ceramics GmbH")
                .setAliases(List.of("Brightlake Ceramics", "Brightlake Ceramics GmbH", "brightlake-ceramics.example",
                        "48a8c2db-3a08-44d1-988a-8b01f8f34a03", "9ec5d99a-9aaa-481f-b5dc-466e77cf911c",
                        "0017Q00000BrC4m", "brightlake"))
                .setEnvironments(List.of(
                        new EnvironmentRecord("PRODUCTION", List.of("48a8c2db-3a08-44d1-988a-8b01f8f34a03",
                                "id.brightlake-ceramics.example", "brightlake.aster-access.example")),
                        new EnvironmentRecord("TEST", List.of("9ec5d99a-9aaa-481f-b5dc-466e77cf911c",
                                "id-sandbox.brightlake-ceramics.example", "brightlake-sandbox.aster-access.example"))))
                .setRegions(List.of("EU")).setVersion("reference-tenants-0@3").build();
    }

    public static TenantRecord brightlakeLogistics() {
        return TenantRecord.newBuilder().setTenantId("TEN-7003").setDisplayName("Brightlake Logistics Ltd")
                .setAliases(List.of("Brightlake Logistics", "brightlake-logistics.example",
                        "5b0c7e1a-2f4d-4c8e-9a6b-3d2e1f0a9b8c"))
                .setEnvironments(List.of(new EnvironmentRecord("PRODUCTION",
                        List.of("5b0c7e1a-2f4d-4c8e-9a6b-3d2e1f0a9b8c", "brightlake-logistics.aster-access.example"))))
                .setRegions(List.of("UK")).setVersion("reference-tenants-0@7").build();
    }

    public static TenantRecord quarryPeak() {
        return TenantRecord.newBuilder().setTenantId("TEN-7002").setDisplayName("Quarry Peak Outfitters Inc.")
                .setAliases(List.of("Quarry Peak Outfitters", "Quarry Peak", "quarrypeak.example",
                        "afbbae93-d9d9-47e8-9923-9eb10d07015c", "0017Q00000QpK9z", "quarry-peak"))
                .setEnvironments(List.of(new EnvironmentRecord("PRODUCTION", List.of(
                        "afbbae93-d9d9-47e8-9923-9eb10d07015c", "id.quarrypeak.example", "quarry-peak.aster-access.example"))))
                .setRegions(List.of("US")).setVersion("reference-tenants-0@4").build();
    }

    public static List<ContactRecord> contacts() {
        return List.of(
                contact("C-7001-1", "TEN-7001", "Leonie Wachter", "leonie.wachter@brightlake-ceramics.example",
                        "+43 1 5550 4410", "IT Lead", true),
                contact("C-7001-2", "TEN-7001", "Matthias Ebner", "matthias.ebner@brightlake-ceramics.example",
                        "+43 1 5550 4422", "Systems Engineer", true),
                contact("C-7001-3", "TEN-7001", "Petra Holzinger", "petra.holzinger@brightlake-ceramics.example",
                        "+43 1 5550 4400", "Purchasing", false),
                contact("C-7002-1", "TEN-7002", "Dakota Whitcombe", "dakota.whitcombe@quarrypeak.example",
                        "+1 303 555 0162", "Director of IT", true));
    }

    public static ContactRecord contact(final String id, final String tenant, final String name, final String email,
                                        final String phone, final String role, final boolean approved) {
        return ContactRecord.newBuilder().setContactId(id).setTenantId(tenant).setName(name).setEmail(email)
                .setPhone(phone).setRole(role).setApprovedForEscalation(approved).setVersion("reference-contacts-0@1")
                .build();
    }

    public static List<SupportPlanRecord> plans() {
        return List.of(
                SupportPlanRecord.newBuilder().setPlan("Signature Care").setAliases(List.of("SIGC", "Signature"))
                        .setResponseTier("TIER1_15MIN").setSev1BridgeEligible(true).setVersion("reference-plans-0@1").build(),
                SupportPlanRecord.newBuilder().setPlan("Foundation Care").setAliases(List.of("FNDC", "Foundation"))
                        .setResponseTier("TIER3_8H").setSev1BridgeEligible(false).setVersion("reference-plans-0@2").build());
    }

    public static List<EntitlementRecord> entitlements() {
        return List.of(
                EntitlementRecord.newBuilder().setEntitlementId("ENT-7001-A").setTenantId("TEN-7001")
                        .setPlan("Signature Care").setStatus("ACTIVE").setValidFrom("2026-01-01").setValidTo("2026-12-31")
                        .setVersion("reference-entitlements-0@1").build(),
                EntitlementRecord.newBuilder().setEntitlementId("ENT-7002-A").setTenantId("TEN-7002")
                        .setPlan("Signature Care").setStatus("ACTIVE").setValidFrom("2026-05-01").setValidTo("2027-04-30")
                        .setVersion("reference-entitlements-0@2").build());
    }

    public static List<ProductSurfaceRecord> surfaces() {
        return List.of(
                ProductSurfaceRecord.newBuilder().setSurfaceId("sso-federation").setName("Single sign-on")
                        .setKeywords(List.of("single sign-on", "SSO", "SAML", "assertion", "identity provider"))
                        .setVersion("reference-surfaces-0@1").build(),
                ProductSurfaceRecord.newBuilder().setSurfaceId("mfa").setName("Step-up verification")
                        .setKeywords(List.of("MFA", "push", "passcode", "verification")).build());
    }

    public static ReferenceView view() {
        return ReferenceView.of(List.of(brightlakeCeramics(), quarryPeak(), brightlakeLogistics()), entitlements(),
                plans(), contacts(), surfaces());
    }

    public static Candidate candidate(final String field, final MentionType type, final String value,
                                      final String artifactId, final String locator, final String... attributes) {
        final Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            attrs.put(attributes[i], attributes[i + 1]);
        }
        return Candidate.newBuilder().setField(field).setType(type).setValue(value)
                .setEvidence(new Evidence(artifactId, locator, value)).setConfidence(0.9).setExtractor("test/1")
                .setAttributes(attrs).build();
    }

    public static ArtifactExtracted artifact(final String artifactId, final List<Candidate> candidates) {
        return ArtifactExtracted.newBuilder().setPacketId("PKT-T-1").setSubmissionId("sub-1")
                .setArtifact(ArtifactRef.newBuilder().setArtifactId(artifactId).setSha256("00").setBytes(1)
                        .setStoreUri("mem:" + artifactId).build())
                .setClassification(new Classification(ArtifactKind.OTHER, "text/plain", "test", 1.0))
                .setReadable(true).setSanitized(true).setCandidates(new ArrayList<>(candidates))
                // set explicitly: Avro 1.12 refuses to instantiate record-array defaults of untrusted packages
                .setFindings(new ArrayList<>()).setWarnings(new ArrayList<>()).setAttributes(new LinkedHashMap<>())
                .setExtractorVersion("test").build();
    }

    public static List<NormalizedValue> field(final List<NormalizedValue> values, final String field) {
        return values.stream().filter(v -> v.getField().equals(field)).toList();
    }

    public static List<String> steps(final NormalizedValue v) {
        return v.getTrace().stream().map(dev.handoff.avro.TraceStep::getStep).toList();
    }
}
