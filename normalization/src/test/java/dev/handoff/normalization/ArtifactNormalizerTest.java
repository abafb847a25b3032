package dev.handoff.normalization;

import static dev.handoff.normalization.TestReference.candidate;
import static dev.handoff.normalization.TestReference.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import dev.handoff.core.ReferenceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ArtifactNormalizerTest {

    private final ArtifactNormalizer normalizer = new ArtifactNormalizer(NormalizationConfig.defaults());

    private static List<Candidate> ticketRow() {
        final String comment = "Since 09:05 Vienna time (CEST) nobody can open any app via SSO.\nAll 420 staff, both plants.";
        return List.of(
                candidate("tenant", MentionType.ORG_NAME, "Brightlake Ceramics GmbH", "ticket-9001.csv",
                        "csv:row=2,col=Organization", "field", "Organization"),
                candidate("businessImpact", MentionType.ITIL_IMPACT, "1 - Extensive/Widespread", "ticket-9001.csv",
                        "csv:row=2,col=Impact", "field", "Impact"),
                candidate("environment", MentionType.ENVIRONMENT_CUE, "Production", "ticket-9001.csv",
                        "csv:row=2,col=Environment", "field", "Environment"),
                candidate("firstObservedAt", MentionType.TIME_CLAIM, "Since 09:05 Vienna time (CEST)", "ticket-9001.csv",
                        "csv:row=2,col=Comment", "timeRole", "FIRST_FAILURE", "anchor", "2026-10-14T07:22:10Z",
                        "zone", "UTC"),
                candidate("text", MentionType.OTHER, comment, "ticket-9001.csv", "csv:row=2,col=Comment"),
                candidate("responseTier", MentionType.PLAN_CLAIM, "SIGC", "ticket-9001.csv", "csv:row=2,col=Plan"),
                candidate("approvedContacts", MentionType.PERSON, "leonie.wachter@brightlake-ceramics.example",
                        "ticket-9001.csv", "csv:row=2,col=Requester", "participation", "REQUESTER",
                        "email", "leonie.wachter@brightlake-ceramics.example"),
                candidate("requestedEscalation", MentionType.ESCALATION_REQUEST, "SEV1_BRIDGE", "ticket-9001.csv",
                        "csv:row=2,col=Subject"));
    }

    @Test
    void shouldNormalizeEveryFieldOfATicketRow() {
        // Given
        final List<Candidate> candidates = ticketRow();

        // When
        final NormalizationResult result = normalizer.normalize(TestReference.artifact("ticket-9001.csv", candidates),
                TestReference.view());

        // Then
        assertThat(field(result.values(), "tenant")).extracting(NormalizedValue::getValue).containsOnly("TEN-7001");
        assertThat(field(result.values(), "environment")).extracting(NormalizedValue::getValue).containsOnly("PRODUCTION");
        assertThat(field(result.values(), "firstObservedAt")).extracting(NormalizedValue::getValue)
                .containsExactly("2026-10-14T07:05:00Z");
        assertThat(field(result.values(), "businessImpact")).extracting(NormalizedValue::getValue)
                .containsOnly("EXTENSIVE");
        assertThat(field(result.values(), "responseTier")).extracting(NormalizedValue::getValue)
                .containsExactly("TIER1_15MIN");
        assertThat(field(result.values(), "approvedContacts")).extracting(NormalizedValue::getValue)
                .containsExactly("C-7001-1");
        assertThat(field(result.values(), "requestedEscalation")).extracting(NormalizedValue::getValue)
                .containsExactly("SEV1_BRIDGE");
        final NormalizedValue surface = field(result.values(), "productSurface").get(0);
        assertThat(surface.getValue()).isEqualTo("sso-federation");
        assertThat(surface.getEvidence()).contains(new Evidence("ref", "ref:product-surfaces/sso-federation", "SSO"));
    }

    @Test
    void shouldListResolvedTenantsEntitlementsPlansAndRosterAsFacts() {
        // Given
        final List<Candidate> candidates = ticketRow();

        // When
        final NormalizationResult result = normalizer.normalize(TestReference.artifact("ticket-9001.csv", candidates),
                TestReference.view());

        // Then
        assertThat(result.facts().getTenants()).extracting(TenantRecord::getTenantId).containsExactly("TEN-7001");
        assertThat(result.facts().getEntitlements()).extracting(EntitlementRecord::getEntitlementId)
                .containsExactly("ENT-7001-A");
        assertThat(result.facts().getPlans()).extracting(SupportPlanRecord::getPlan).containsExactly("Signature Care");
        assertThat(result.facts().getContacts()).extracting(ContactRecord::getContactId)
                .containsExactlyInAnyOrder("C-7001-1", "C-7001-2", "C-7001-3");
        assertThat(result.facts().getTenants().get(0).getVersion()).isEqualTo("reference-tenants-0@3");
    }

    @Test
    void shouldGrowSurfaceConfidenceWithDistinctKeywords() {
        // Given
        final Candidate one = candidate("text", MentionType.OTHER, "SSO fails", "a.md", "text:line=1,chars=0-9");
        final Candidate two = candidate("text", MentionType.OTHER, "SSO fails: the SAML assertion is rejected", "b.md",
                "text:line=1,chars=0-41");

        // When
        final double oneKeyword = field(normalizer.normalize(TestReference.artifact("a.md", List.of(one)),
                TestReference.view()).values(), "productSurface").get(0).getConfidence();
        final double threeKeywords = field(normalizer.normalize(TestReference.artifact("b.md", List.of(two)),
                TestReference.view()).values(), "productSurface").get(0).getConfidence();

        // Then
        assertThat(threeKeywords).isGreaterThan(oneKeyword);
    }

    @Test
    void shouldResolveExampleNoteAgainstThePublishedExampleReference() {
        // Given the public example reference, read as the reference topics would be
        final Path dir = findUp("shared/contract/examples/reference");
        Assumptions.assumeTrue(dir != null, "example reference not found");
        final ReferenceView view = viewOf(ReferenceFiles.read(dir));
        final List<Candidate> note = List.of(
                candidate("text", MentionType.OTHER, "Brightlake Ceramics, Signature Care (SIGC). Start 09:05 CEST = 07:05"
                        + " UTC. Whole company affected. Contacts: Leonie Wachter, Matthias Ebner.", "note.md",
                        "text:line=3,chars=0-131"),
                candidate("firstObservedAt", MentionType.TIME_CLAIM, "Start 09:05 CEST = 07:05 UTC", "note.md",
                        "text:line=3,chars=43-71", "timeRole", "FIRST_FAILURE", "anchor", "2026-10-14T08:00:00Z"),
                candidate("businessImpact", MentionType.IMPACT_STATEMENT, "Whole company affected.", "note.md",
                        "text:line=3,chars=73-96"),
                candidate("approvedContacts", MentionType.PERSON, "Matthias Ebner", "note.md", "text:line=3,chars=123-137",
                        "participation", "MENTION", "name", "Matthias Ebner"));

        // When
        final NormalizationResult result = normalizer.normalize(TestReference.artifact("note.md", note), view);

        // Then
        assertThat(field(result.values(), "tenant")).extracting(NormalizedValue::getValue).containsOnly("TEN-7001");
        assertThat(field(result.values(), "firstObservedAt")).extracting(NormalizedValue::getValue)
                .containsExactly("2026-10-14T07:05:00Z");
        assertThat(field(result.values(), "businessImpact")).extracting(NormalizedValue::getValue)
                .containsExactly("EXTENSIVE");
        assertThat(field(result.values(), "approvedContacts")).extracting(NormalizedValue::getValue)
                .containsExactly("C-7001-2");
        assertThat(field(result.values(), "productSurface")).isEmpty();
    }

    /** Latest line per key wins; a tombstone removes the key (contract section 2). */
    private static ReferenceView viewOf(final List<ReferenceFiles.Entry> entries) {
        final Map<String, SpecificRecord> latest = new LinkedHashMap<>();
        for (final ReferenceFiles.Entry e : entries) {
            final String key = e.kind() + "/" + e.key();
            if (e.tombstone()) {
                latest.remove(key);
            } else {
                latest.put(key, e.value());
            }
        }
        final List<TenantRecord> tenants = new ArrayList<>();
        final List<EntitlementRecord> entitlements = new ArrayList<>();
        final List<SupportPlanRecord> plans = new ArrayList<>();
        final List<ContactRecord> contacts = new ArrayList<>();
        final List<ProductSurfaceRecord> surfaces = new ArrayList<>();
        for (final SpecificRecord r : latest.values()) {
            if (r instanceof TenantRecord t) {
                tenants.add(t);
            } else if (r instanceof EntitlementRecord en) {
                entitlements.add(en);
            } else if (r instanceof SupportPlanRecord p) {
                plans.add(p);
            } else if (r instanceof ContactRecord c) {
                contacts.add(c);
            } else if (r instanceof ProductSurfaceRecord s) {
                surfaces.add(s);
            }
        }
        return ReferenceView.of(tenants, entitlements, plans, contacts, surfaces);
    }

    private static Path findUp(final String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve(relative);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            final Path sibling = dir.resolve("..").resolve(relative).normalize();
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
            dir = dir.getParent();
        }
        return null;
    }
}
