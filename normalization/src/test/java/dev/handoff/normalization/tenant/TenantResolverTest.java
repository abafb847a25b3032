package dev.handoff.normalization.tenant;

import static dev.handoff.normalization.TestReference.candidate;
import static dev.handoff.normalization.TestReference.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.normalization.ReferenceUsage;
import dev.handoff.normalization.TestReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantResolverTest {

    private final TenantResolver resolver = new TenantResolver(AliasIndex.of(List.of(
            TestReference.brightlakeCeramics(), TestReference.quarryPeak(), TestReference.brightlakeLogistics())), 0.6);

    private List<NormalizedValue> resolve(final Candidate... candidates) {
        return resolver.resolve(List.of(candidates), new ReferenceUsage());
    }

    @Test
    void shouldResolveFullNameToItsTenantWhenAnotherTenantSharesAWord() {
        // Given
        final Candidate org = candidate("tenant", MentionType.ORG_NAME, "Brightlake Ceramics GmbH", "ticket.csv",
                "csv:row=2,col=Organization", "field", "Organization");

        // When
        final List<NormalizedValue> values = resolve(org);

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TEN-7001");
            assertThat(v.getConfidence()).isGreaterThanOrEqualTo(0.85);
            assertThat(v.getEvidence()).contains(new Evidence("ref", "ref:tenants/TEN-7001", "Brightlake Ceramics GmbH"));
            assertThat(v.getTrace().get(0).getStep()).isEqualTo("alias-lookup");
            assertThat(v.getTrace().get(0).getReference()).isEqualTo("ref:tenants/TEN-7001@reference-tenants-0@3");
            assertThat(v.getTrace().get(0).getLossy()).isFalse();
        });
    }

    @Test
    void shouldKeepBareSharedWordAmbiguousBetweenBothTenants() {
        // Given
        final Candidate text = candidate("text", MentionType.OTHER, "Brightlake is down since this morning",
                "note.md", "text:line=1,chars=0-37");

        // When
        final List<NormalizedValue> values = resolve(text);

        // Then
        assertThat(values).extracting(NormalizedValue::getValue).containsExactlyInAnyOrder("TEN-7001", "TEN-7003");
        assertThat(values).allSatisfy(v -> {
            assertThat(v.getConfidence()).isLessThanOrEqualTo(0.3);
            assertThat(v.getAttributes()).containsEntry("ambiguous", "true");
            assertThat(v.getEvidence().get(0)).isEqualTo(new Evidence("note.md", "text:line=1,chars=0-10", "Brightlake"));
        });
        assertThat(values.get(0).getAttributes().get("group")).isEqualTo(values.get(1).getAttributes().get("group"));
    }

    @Test
    void shouldLetLongestAliasWinInsideText() {
        // Given
        final Candidate text = candidate("text", MentionType.OTHER, "IT Lead, Brightlake Ceramics GmbH",
                "mail.eml", "eml:message=<a@b>,body,chars=100-133");

        // When
        final List<NormalizedValue> values = resolve(text);

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TEN-7001");
            assertThat(v.getEvidence().get(0).getExcerpt()).isEqualTo("Brightlake Ceramics GmbH");
            assertThat(v.getEvidence().get(0).getLocator()).isEqualTo("eml:message=<a@b>,body,chars=109-133");
        });
    }

    @Test
    void shouldFoldCaseAndLegalSuffixAndSayItDid() {
        // Given
        final Candidate org = candidate("tenant", MentionType.ORG_NAME, "BRIGHTLAKE LOGISTICS LIMITED", "crm.xlsx",
                "xlsx:Account!B2");

        // When
        final List<NormalizedValue> values = resolve(org);

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TEN-7003");
            assertThat(steps(v)).containsExactly("alias-lookup(case-punctuation-suffix-folded)");
        });
    }

    @Test
    void shouldMatchOcrRepairedGuidAtLowerConfidence() {
        // Given a GUID read from a screenshot, repaired from O/0 and l/1 confusions
        final Candidate guid = candidate("tenant", MentionType.DIRECTORY_GUID, "48a8c2db-3a08-44d1-988a-8b01f8f34a03",
                "error.png", "ocr:page=1,bbox=10,20,300,14", "ocr", "true", "ocrRepaired", "true",
                "original", "48a8c2db-3a08-44dl-988a-8bO1f8f34a03");

        // When
        final List<NormalizedValue> values = resolve(guid);

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TEN-7001");
            assertThat(v.getConfidence()).isLessThanOrEqualTo(0.6);
            assertThat(v.getAttributes()).containsEntry("ocr", "true").containsEntry("environment", "PRODUCTION");
            assertThat(steps(v)).containsExactly("ocr-repair", "alias-lookup");
        });
    }

    @Test
    void shouldMatchSubdomainOfTenantDomain() {
        // Given
        final Candidate domain = candidate("tenant", MentionType.EMAIL_DOMAIN, "mail.brightlake-ceramics.example",
                "mail.eml", "eml:message=<a@b>,header=From");

        // When
        final List<NormalizedValue> values = resolve(domain);

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TEN-7001");
            assertThat(steps(v)).containsExactly("alias-lookup(parent-domain)");
            assertThat(v.getAttributes()).containsEntry("matchedAlias", "brightlake-ceramics.example");
        });
    }

    @Test
    void shouldKeepEachMentionsOwnTenantSoMixedPacketsShow() {
        // Given
        final Candidate email = candidate("tenant", MentionType.EMAIL_ADDRESS, "dakota.whitcombe@quarrypeak.example",
                "mail.eml", "eml:message=<a@b>,header=From");
        final Candidate guid = candidate("tenant", MentionType.DIRECTORY_GUID, "48a8c2db-3a08-44d1-988a-8b01f8f34a03",
                "trace.har", "har:/log/entries/3/request/url");

        // When
        final List<NormalizedValue> values = resolve(email, guid);

        // Then
        assertThat(values).extracting(NormalizedValue::getValue).containsExactly("TEN-7002", "TEN-7001");
    }

    @Test
    void shouldMarkUnmatchedVendorDomainLowAndCustomerNameAsMention() {
        // Given
        final Candidate vendor = candidate("tenant", MentionType.EMAIL_ADDRESS, "help@aster-access.example",
                "mail.eml", "eml:message=<a@b>,header=To", "participation", "RECIPIENT");
        final Candidate org = candidate("tenant", MentionType.ORG_NAME, "Northwind Traders Ltd", "ticket.csv",
                "csv:row=2,col=Organization", "field", "Organization");

        // When
        final List<NormalizedValue> values = resolve(vendor, org);

        // Then
        assertThat(values).hasSize(2).allSatisfy(v -> {
            assertThat(v.getValue()).isNull();
            assertThat(v.getAttributes()).containsEntry("unresolved", "true").containsKey("mention");
        });
        assertThat(values.get(0).getConfidence()).isLessThan(0.3);
        assertThat(values.get(1).getConfidence()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void shouldSettleSharedWordByTheArtifactsOtherEvidence() {
        // Given a mail from the Ceramics domain that only says "Brightlake" in its body
        final Candidate from = candidate("tenant", MentionType.EMAIL_DOMAIN, "brightlake-ceramics.example",
                "mail.eml", "eml:message=<a@b>,header=From");
        final Candidate body = candidate("text", MentionType.OTHER, "all 420 Brightlake staff fail at SSO",
                "mail.eml", "eml:message=<a@b>,body,chars=0-36");

        // When
        final List<NormalizedValue> values = resolve(from, body);

        // Then
        assertThat(values).extracting(NormalizedValue::getValue).containsExactly("TEN-7001", "TEN-7001");
        assertThat(steps(values.get(1))).contains("disambiguate(same-artifact-evidence)");
    }

    @Test
    void shouldMatchOcrGuidOneCharacterOffOnlyWeakly() {
        // Given an OCR GUID with one character that repair could not guess (a -> e)
        final Candidate guid = candidate("tenant", MentionType.DIRECTORY_GUID, "48a8c2db-3a08-44d1-988e-8b01f8f34a03",
                "error.png", "ocr:page=1,bbox=10,20,300,14", "ocr", "true");

        // When
        final List<NormalizedValue> values = resolve(guid);

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TEN-7001");
            assertThat(v.getConfidence()).isLessThan(0.5);
            assertThat(steps(v)).containsExactly("alias-lookup(ocr-near-match)");
        });
    }

    @Test
    void shouldIgnoreNearGuidWhenNotReadByOcr() {
        // Given the same near GUID typed in a HAR: a different directory, not a misreading
        final Candidate guid = candidate("tenant", MentionType.DIRECTORY_GUID, "48a8c2db-3a08-44d1-988e-8b01f8f34a03",
                "trace.har", "har:/log/entries/2/request/url");

        // When
        final List<NormalizedValue> values = resolve(guid);

        // Then
        assertThat(values).isEmpty();
    }
}
