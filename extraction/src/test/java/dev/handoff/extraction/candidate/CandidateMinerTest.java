package dev.handoff.extraction.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CandidateMinerTest {

    private static final Logger LOGGER = LoggerFactory.getLogger(CandidateMinerTest.class);
    private final CandidateMiner miner = new CandidateMiner();

    private static TextSegment note(final String text) {
        return note(text, Map.of());
    }

    private static TextSegment note(final String text, final Map<String, String> context) {
        return new TextSegment("note.md", text, (s, e) -> "text:line=1,chars=" + s + "-" + e, context);
    }

    private List<Candidate> mine(final String text, final MentionType type) {
        return miner.mine(note(text)).stream().filter(c -> c.getType() == type).toList();
    }

    private static Candidate only(final List<Candidate> candidates) {
        assertThat(candidates).hasSize(1);
        return candidates.get(0);
    }

    @Test
    void shouldCiteExactSpanWhenNoteGivesStartTimeWithZone() {
        // Given
        final String text = "Brightlake Ceramics, Signature Care (SIGC). Start 09:05 CEST = 07:05 UTC. Whole company affected.";

        // When
        final List<Candidate> times = mine(text, MentionType.TIME_CLAIM);

        // Then
        assertThat(times).extracting(c -> c.getEvidence().getExcerpt()).containsExactly("09:05 CEST", "07:05 UTC");
        final Candidate first = times.get(0);
        assertThat(first.getValue()).isEqualTo("09:05 CEST");
        assertThat(first.getEvidence().getArtifactId()).isEqualTo("note.md");
        final int start = text.indexOf("09:05 CEST");
        assertThat(first.getEvidence().getLocator()).isEqualTo("text:line=1,chars=" + start + "-" + (start + 10));
        assertThat(first.getAttributes()).containsEntry(SegmentContext.TIME_ROLE, "FIRST_FAILURE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Since 09:05 Vienna time (CEST) nobody can sign in.|09:05 Vienna time (CEST)|FIRST_FAILURE",
        "From 9:40 AM Mountain (MDT) every store fails SSO.|9:40 AM Mountain (MDT)|FIRST_FAILURE",
        "since 09:05 this morning all staff fail.|09:05 this morning|FIRST_FAILURE",
        "It started around 9 IST this morning.|9 IST this morning|FIRST_FAILURE",
        "First noticed Nov 20, 9:14 AM PST by the desk.|Nov 20, 9:14 AM PST|FIRST_FAILURE",
        "The outage began 20/11/2026 09:14 for everyone.|20/11/2026 09:14|FIRST_FAILURE",
        "Seit 20.11.2026 09:14 geht nichts.|20.11.2026 09:14|FIRST_FAILURE",
        "SSO went down yesterday at 17:30 again.|yesterday at 17:30|FIRST_FAILURE",
        "Reported 2026-11-20 09:14:03Z by phone.|2026-11-20 09:14:03Z|REPORT",
        "Sent: Wed, 14 Oct 2026 09:31:00 +0200 (CEST)|Wed, 14 Oct 2026 09:31:00 +0200 (CEST)|REPORT",
        "Ticket created 2026-10-14T07:40:00.000Z.|2026-10-14T07:40:00.000Z|REPORT",
        "Next check-in at 2026-11-20T10:00:00+01:00 please.|2026-11-20T10:00:00+01:00|OTHER",
    })
    void shouldMineEveryTimeFormWithItsZoneWordsAndRole(final String text, final String excerpt, final String role) {
        // When
        final Candidate time = only(mine(text, MentionType.TIME_CLAIM));

        // Then
        assertThat(time.getEvidence().getExcerpt()).isEqualTo(excerpt);
        assertThat(time.getValue()).isEqualTo(excerpt);
        final int start = text.indexOf(excerpt);
        assertThat(time.getEvidence().getLocator()).isEqualTo("text:line=1,chars=" + start + "-" + (start + excerpt.length()));
        assertThat(time.getAttributes()).containsEntry(SegmentContext.TIME_ROLE, role);
    }

    @Test
    void shouldNotReadTimeWhenNumbersCannotBeDatesOrClocks() {
        // When
        final List<Candidate> times = mine("Stand Mai 96, version 2.6.13, ratio 16:9, build 10.0.0.1:8080", MentionType.TIME_CLAIM);

        // Then
        assertThat(times).isEmpty();
    }

    @Test
    void shouldCopyAnchorAndZoneWhenSegmentCarriesThem() {
        // Given
        final TextSegment body = note("since 09:05 this morning nothing works",
                Map.of(SegmentContext.ANCHOR, "2026-10-14T07:31:00Z", SegmentContext.ZONE, "+02:00"));

        // When
        final Candidate time = only(miner.mine(body).stream().filter(c -> c.getType() == MentionType.TIME_CLAIM).toList());

        // Then
        assertThat(time.getAttributes()).containsEntry(SegmentContext.ANCHOR, "2026-10-14T07:31:00Z")
                .containsEntry(SegmentContext.ZONE, "+02:00");
    }

    @Test
    void shouldRepairGarbledGuidWhenSegmentIsOcr() {
        // Given
        final String garbled = "6fle2a4c-Ob9a -4c1e-8d2f-3a5b7c9dle0f";
        final TextSegment ocr = new TextSegment("error.png", "Directory " + garbled + " rejected the request",
                (s, e) -> "ocr:page=1,bbox=10,20,300,14", Map.of(SegmentContext.OCR, "true"));

        // When
        final Candidate guid = only(miner.mine(ocr).stream().filter(c -> c.getType() == MentionType.DIRECTORY_GUID).toList());

        // Then
        assertThat(guid.getValue()).isEqualTo("6f1e2a4c-0b9a-4c1e-8d2f-3a5b7c9d1e0f");
        assertThat(guid.getEvidence().getExcerpt()).isEqualTo(garbled);
        assertThat(guid.getAttributes()).containsEntry(SegmentContext.OCR_REPAIRED, "true")
                .containsEntry(SegmentContext.ORIGINAL, garbled).containsEntry(SegmentContext.OCR, "true");
        assertThat(guid.getConfidence()).isLessThanOrEqualTo(0.6);
    }

    @Test
    void shouldLowerCaseGuidAndLeaveItUnrepairedWhenTextIsTyped() {
        // When
        final Candidate guid = only(mine("Tenant ID 6F1E2A4C-0B9A-4C1E-8D2F-3A5B7C9D1E0F fails", MentionType.DIRECTORY_GUID));

        // Then
        assertThat(guid.getValue()).isEqualTo("6f1e2a4c-0b9a-4c1e-8d2f-3a5b7c9d1e0f");
        assertThat(guid.getAttributes()).doesNotContainKey(SegmentContext.OCR_REPAIRED);
    }

    @Test
    void shouldNameOrganizationsWhenPhraseEndsInLegalSuffix() {
        // Given
        final String text = "Users at Müller Logistik AG and Acme Pty Ltd fail. We are Quarry Peak Outfitters Inc.\n"
                + "Contract with Widget S.A. and Foo Holdings BV, plus Contoso, Inc. and Northwind Traders GmbH.";

        // When
        final List<Candidate> orgs = mine(text, MentionType.ORG_NAME);

        // Then
        assertThat(orgs).extracting(Candidate::getValue).containsExactlyInAnyOrder("Müller Logistik AG", "Acme Pty Ltd",
                "Quarry Peak Outfitters Inc.", "Widget S.A.", "Foo Holdings BV", "Contoso, Inc.", "Northwind Traders GmbH");
        assertThat(orgs).allSatisfy(c -> assertThat(c.getEvidence().getExcerpt()).isEqualTo(c.getValue()));
    }

    @Test
    void shouldNameOrganizationWhenLabelledOrInSignatureLine() {
        // Given
        final String text = "Customer: Brightlake Ceramics\n\nThanks,\nLeonie Wachter\nIT Lead, Fjordline Energy\n";

        // When
        final List<Candidate> orgs = mine(text, MentionType.ORG_NAME);

        // Then
        assertThat(orgs).extracting(Candidate::getValue).containsExactlyInAnyOrder("Brightlake Ceramics", "Fjordline Energy");
        assertThat(orgs).filteredOn(c -> c.getValue().equals("Brightlake Ceramics"))
                .extracting(Candidate::getConfidence).containsExactly(0.8);
    }

    @Test
    void shouldLowerCaseEmailAndGiveItsDomain() {
        // When
        final List<Candidate> all = miner.mine(note("Write to Leonie.Wachter@Brightlake-Ceramics.example today"));

        // Then
        assertThat(all).filteredOn(c -> c.getType() == MentionType.EMAIL_ADDRESS).extracting(Candidate::getValue)
                .containsExactly("leonie.wachter@brightlake-ceramics.example");
        assertThat(all).filteredOn(c -> c.getType() == MentionType.EMAIL_DOMAIN)
                .extracting(Candidate::getValue, c -> c.getEvidence().getExcerpt())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("brightlake-ceramics.example", "Brightlake-Ceramics.example"));
        assertThat(all).filteredOn(c -> c.getType() == MentionType.HOSTNAME).isEmpty();
    }

    @Test
    void shouldMineHostsAndTheirEnvironmentWhenUrlsAndBareNamesAppear() {
        // Given
        final String text = "Redirect to https://idp-test.contoso.com/saml/sso fails, login.contoso.example works; see note.md";

        // When
        final List<Candidate> all = miner.mine(note(text));

        // Then
        assertThat(all).filteredOn(c -> c.getType() == MentionType.HOSTNAME).extracting(Candidate::getValue)
                .containsExactlyInAnyOrder("idp-test.contoso.com", "login.contoso.example");
        assertThat(all).filteredOn(c -> c.getType() == MentionType.ENVIRONMENT_CUE).extracting(Candidate::getValue)
                .containsExactly("-test");
    }

    @Test
    void shouldMineCrmAccountIdsWhenSalesforceShapedOrLabelled() {
        // When
        final List<Candidate> ids = mine("SFDC 001Dn00000AbCdEfGH and Account ID: ACC-99812; phone 0012345678901234, not 001Dn00000AbCdEfGH2",
                MentionType.CRM_ACCOUNT_ID);

        // Then
        assertThat(ids).extracting(Candidate::getValue).containsExactlyInAnyOrder("001Dn00000AbCdEfGH", "ACC-99812");
    }

    @Test
    void shouldMineErrorCodesAndHttpStatusButNotTicketNumbers() {
        // When
        final List<Candidate> codes = mine("AADSTS50107 then ASTR-2207, HTTP 503 from the IdP; ticket INC004512", MentionType.ERROR_CODE);

        // Then
        assertThat(codes).extracting(Candidate::getValue).containsExactly("AADSTS50107", "ASTR-2207", "HTTP 503");
    }

    @Test
    void shouldMineEnvironmentAndSurfaceCues() {
        // When
        final List<Candidate> all = miner.mine(note("Production SSO is down; the sandbox and our test tenant work. SAML assertion rejected, MFA push never arrives at sign-in."));

        // Then
        assertThat(all).filteredOn(c -> c.getType() == MentionType.ENVIRONMENT_CUE).extracting(Candidate::getValue)
                .containsExactly("Production", "sandbox", "test");
        assertThat(all).filteredOn(c -> c.getType() == MentionType.SURFACE_CUE).extracting(Candidate::getValue)
                .contains("SSO", "SAML", "assertion", "MFA", "push", "sign-in");
    }

    @Test
    void shouldMineImpactStatementsCountsRegionsAndWorkaround() {
        // Given
        final String text = "Since 09:05 nobody can open any app via SSO.\nAll 420 staff, both plants. No workaround. ~1,150 staff in EU and APAC.";

        // When
        final List<Candidate> all = miner.mine(note(text));

        // Then
        assertThat(all).filteredOn(c -> c.getType() == MentionType.IMPACT_STATEMENT).extracting(Candidate::getValue)
                .contains("Since 09:05 nobody can open any app via SSO.", "All 420 staff, both plants.");
        assertThat(all).filteredOn(c -> c.getType() == MentionType.USERS_AFFECTED)
                .extracting(Candidate::getValue, c -> c.getEvidence().getExcerpt())
                .contains(org.assertj.core.groups.Tuple.tuple("420", "420 staff"),
                        org.assertj.core.groups.Tuple.tuple("1150", "~1,150 staff"),
                        org.assertj.core.groups.Tuple.tuple("nobody", "nobody"));
        assertThat(all).filteredOn(c -> c.getType() == MentionType.REGION).extracting(Candidate::getValue)
                .containsExactly("both plants", "EU", "APAC");
        assertThat(all).filteredOn(c -> c.getType() == MentionType.WORKAROUND)
                .extracting(Candidate::getValue, c -> c.getEvidence().getExcerpt())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("false", "No workaround"));
    }

    @Test
    void shouldSayWorkaroundExistsWhenUsersCanUseSomethingElse() {
        // When
        final Candidate workaround = only(mine("Agents can use the backup password login instead. Please hurry.", MentionType.WORKAROUND));

        // Then
        assertThat(workaround.getValue()).isEqualTo("true");
        assertThat(workaround.getEvidence().getExcerpt()).isEqualTo("can use the backup password login instead");
    }

    @Test
    void shouldMinePlanClaimsOnlyWhenPlanWordsSurroundThem() {
        // When
        final List<Candidate> plans = mine("Brightlake, Signature Care (SIGC). They are on the Premier plan. Support plan: Gold 24x7. Premier people rock.", MentionType.PLAN_CLAIM);

        // Then
        assertThat(plans).extracting(Candidate::getValue)
                .containsExactlyInAnyOrder("Signature Care", "SIGC", "Premier", "Gold 24x7");
    }

    @Test
    void shouldMapSeverityAndBridgeWordsToRequestedEscalation() {
        // When
        final List<Candidate> requests = mine("Please open a Sev1 conference bridge. Later a P2, then severity 3.", MentionType.ESCALATION_REQUEST);

        // Then
        assertThat(requests).extracting(Candidate::getValue).containsExactly("SEV1_BRIDGE", "SEV1_BRIDGE", "SEV2", "SEV3");
    }

    @Test
    void shouldMinePeopleOnlyWhereStructureSaysSo() {
        // Given
        final String text = "Contacts: Leonie Wachter, Matthias Ebner (network).\ncc: Ann Lee <ann.lee@contoso.example>\n"
                + "Matthias said hello.\n\nBest regards,\nDana Whitfield\nDirector of IT\n";

        // When
        final List<Candidate> people = mine(text, MentionType.PERSON);

        // Then
        assertThat(people).extracting(Candidate::getValue)
                .containsExactlyInAnyOrder("Leonie Wachter", "Matthias Ebner", "Ann Lee", "Dana Whitfield");
        assertThat(people).filteredOn(c -> c.getValue().equals("Ann Lee")).singleElement()
                .satisfies(c -> assertThat(c.getAttributes()).containsEntry(SegmentContext.EMAIL, "ann.lee@contoso.example"));
        assertThat(people).filteredOn(c -> c.getValue().equals("Dana Whitfield")).singleElement()
                .satisfies(c -> assertThat(c.getAttributes()).containsEntry(SegmentContext.PARTICIPATION, "SIGNATURE")
                        .containsEntry(SegmentContext.PERSON_ROLE, "Director of IT"));
        assertThat(people).filteredOn(c -> c.getValue().equals("Matthias Ebner")).singleElement()
                .satisfies(c -> assertThat(c.getAttributes()).containsEntry(SegmentContext.PARTICIPATION, "MENTION")
                        .containsEntry(SegmentContext.PERSON_ROLE, "network"));
    }

    @Test
    void shouldFindNothingWhenTextIsBase64Blob() {
        // Given
        final byte[] random = new byte[3000];
        new Random(7).nextBytes(random);
        final String blob = Base64.getMimeEncoder().encodeToString(random);

        // When
        final List<Candidate> all = miner.mine(note("payload " + blob.replace("\r\n", "") + "\n" + blob));

        // Then
        assertThat(all).isEmpty();
    }

    @Test
    void shouldFinishHostileLongLinesWhenMined() {
        // Given
        final Map<String, String> lines = Map.of(
                "letters", "a".repeat(2_000_000),
                "digits", "7".repeat(2_000_000),
                "spaced letters", "a ".repeat(1_000_000),
                "spaced digits", "1 ".repeat(1_000_000),
                "clock-like", "1:1".repeat(700_000),
                "dotted", "a.".repeat(1_000_000),
                "at-signs", "a@".repeat(1_000_000),
                "capitals", "Ab ".repeat(700_000));

        lines.forEach((name, line) -> {
            // When
            final long t0 = System.nanoTime();
            final List<Candidate> all = miner.mine(note(line));
            final long ms = (System.nanoTime() - t0) / 1_000_000;
            LOGGER.info("mined hostile line kind={} chars={} candidates={} ms={}", name, line.length(), all.size(), ms);

            // Then
            assertThat(all).allSatisfy(c -> assertThat(c.getType()).isNotIn(MentionType.TIME_CLAIM, MentionType.ORG_NAME));
        });
    }
}
