package dev.handoff.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.cli.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluator on a hand-made corpus of three packets and hand-made decisions.
 *
 * <p>canaries: session cookie value {@code Zq7vT1mKx0aPz4cW9sYbE2nR8uJ5hL3dFqGtV6wXyA} (planted in the gold of P3).
 */
class EvaluatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COOKIE = "Zq7vT1mKx0aPz4cW9sYbE2nR8uJ5hL3dFqGtV6wXyA";

    @TempDir
    Path corpus;

    @BeforeEach
    void writeCorpus() throws IOException {
        write("reference/tenants.jsonl", "{\"tenantId\":\"TEN-1\",\"displayName\":\"Quillon Freight\",\"aliases\":[\"quillon.example\"]}\n");
        write("reference/contacts.jsonl", "{\"contactId\":\"C-1\",\"tenantId\":\"TEN-1\",\"name\":\"Mara Quist\"}\n");
        // A quoted-printable body: the soft line break must be decoded before an excerpt can match.
        write("packets/P1/mara.eml", "From: Mara Quist <mara@quillon.example>\r\nTo: support@vendor.example\r\n"
                + "Subject: SSO down\r\nDate: Tue, 10 Nov 2026 09:31:00 +0100\r\nMessage-ID: <m1@quillon.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "since 09:05 this morning all 420 Quillon staff fail at SSO with ASTR-=\r\n2207.\r\n");
        write("packets/P1/ticket.csv", "Ticket,Organization\n1,Quillon Freight\n");
        write("packets/P2/ticket.csv", "Ticket,Organization\n2,Quillon Freight\n");
        write("packets/P3/trace.har", "{\"log\":{\"entries\":[]}}");
        write("expected/P1.json", """
                {"decision":"STAGED","reasons":[],
                 "fields":{"tenant":"TEN-1","firstObservedAt":"2026-11-10T08:05:00Z","businessImpact":"EXTENSIVE",
                           "approvedContacts":["C-1"],"responseTier":null},
                 "absentPrivacyFlags":["SECRET_COOKIE"]}""");
        write("expected/P2.json", """
                {"decision":"EXCEPTION","reasons":["TENANT_CONFLICT"],"fields":{"tenant":null},"warnings":["ARTIFACT_UNREADABLE"]}""");
        write("expected/P3.json", """
                {"decision":"EXCEPTION","reasons":["PRIVACY_SECRET"],"privacyFlags":["SECRET_COOKIE"],
                 "mustNotContain":["%s"]}""".formatted(COOKIE));
    }

    @Test
    void shouldScoreAPerfectRunAtFullMarks() throws IOException {
        // Given
        final List<JsonNode> decisions = List.of(p1(ev("mara.eml", "all 420 Quillon staff fail at SSO with ASTR-2207")), p2(), p3("[REDACTED]"));

        // When
        final EvalReport report = new Evaluator(corpus).evaluate(decisions);

        // Then
        assertThat(report.misses()).extracting(Miss::describe).isEmpty();
        assertThat(report.decisionAccuracy().value()).isEqualTo(1.0);
        assertThat(report.exceptionRecall().value()).isEqualTo(1.0);
        assertThat(report.exceptionPrecision().value()).isEqualTo(1.0);
        assertThat(report.privacyReasonRecall().value()).isEqualTo(1.0);
        assertThat(report.acceptedWithoutReconstruction().value()).isEqualTo(1.0);
        assertThat(report.provenanceCompleteness().hits()).isEqualTo(report.provenanceCompleteness().total());
        assertThat(report.fieldAccuracy()).containsOnlyKeys("approvedContacts", "businessImpact", "firstObservedAt",
                "responseTier", "tenant");
    }

    @Test
    void shouldVerifyExcerptAgainstDecodedEmailBodyWithFoldedWhitespace() throws IOException {
        // Given: the excerpt spans the quoted-printable soft break and has extra spaces
        final JsonNode ok = p1(ev("mara.eml", "fail  at SSO\n with ASTR-2207"));
        final JsonNode invented = p1(ev("mara.eml", "all 4200 staff are down"));

        // When
        final EvalReport good = new Evaluator(corpus).evaluate(List.of(ok));
        final EvalReport bad = new Evaluator(corpus).evaluate(List.of(invented));

        // Then
        assertThat(good.misses()).noneMatch(m -> m.kind() == Miss.Kind.PROVENANCE);
        assertThat(bad.misses()).filteredOn(m -> m.kind() == Miss.Kind.PROVENANCE)
                .extracting(Miss::packetId, Miss::subject).contains(org.assertj.core.groups.Tuple.tuple("P1", "tenant"));
    }

    @Test
    void shouldNotAcceptReferenceEvidenceAloneForTenant() throws IOException {
        // Given: tenant supported only by the ref record, which counts for contacts but not for tenant
        final JsonNode d = p1(ev("ref", "Quillon Freight"));

        // When
        final EvalReport report = new Evaluator(corpus).evaluate(List.of(d));

        // Then
        assertThat(report.misses()).filteredOn(m -> m.kind() == Miss.Kind.PROVENANCE).extracting(Miss::subject)
                .contains("tenant", "firstObservedAt", "businessImpact").doesNotContain("approvedContacts");
    }

    @Test
    void shouldCompareFieldsAsTheContractSays() throws IOException {
        // Given: time 50 s off (ok), impact as a level object (ok), contacts as a set (extra id: miss), tier not null (miss)
        final ObjectNode d = (ObjectNode) p1(ev("ticket.csv", "Quillon Freight"));
        field(d, "firstObservedAt", MAPPER.readTree("\"2026-11-10T08:05:50Z\""));
        field(d, "approvedContacts", MAPPER.readTree("[{\"contactId\":\"C-1\"},{\"contactId\":\"C-9\"}]"));
        field(d, "responseTier", MAPPER.readTree("\"TIER1_15MIN\""));

        // When
        final EvalReport report = new Evaluator(corpus).evaluate(List.of(d));

        // Then
        assertThat(report.misses()).filteredOn(m -> m.kind() == Miss.Kind.FIELD).extracting(Miss::subject)
                .containsExactlyInAnyOrder("approvedContacts", "responseTier");
        assertThat(report.fieldAccuracy().get("firstObservedAt").value()).isEqualTo(1.0);
        assertThat(report.fieldAccuracy().get("businessImpact").value()).isEqualTo(1.0);
        assertThat(report.acceptedWithoutReconstruction().value()).isEqualTo(0.0);
        assertThat(report.toTable()).contains("P1: field responseTier = \"TIER1_15MIN\", expected null");
    }

    @Test
    void shouldCountMissedAndFalseExceptionsAndMissingReasons() throws IOException {
        // Given: P1 (gold STAGED) routed; P2 staged; P3 routed without the privacy reason
        final ObjectNode d1 = (ObjectNode) p1(ev("mara.eml", "ASTR-2207"));
        d1.put("decision", "EXCEPTION");
        d1.putArray("reasons").addObject().put("code", "IMPACT_AMBIGUOUS");
        final ObjectNode d2 = (ObjectNode) p2();
        d2.put("decision", "STAGED");
        d2.putArray("reasons");
        final ObjectNode d3 = (ObjectNode) p3("[REDACTED]");
        ((ArrayNode) d3.get("reasons")).removeAll().addObject().put("code", "TIMING_UNCERTAIN");

        // When
        final EvalReport report = new Evaluator(corpus).evaluate(List.of(d1, d2, d3));

        // Then
        assertThat(report.decisionAccuracy().hits()).isEqualTo(1);
        assertThat(report.exceptionRecall().hits()).isEqualTo(1);
        assertThat(report.exceptionRecall().total()).isEqualTo(2);
        assertThat(report.exceptionPrecision().value()).isEqualTo(0.5);
        assertThat(report.reasonRecall().value()).isEqualTo(0.0);
        assertThat(report.privacyReasonRecall().value()).isEqualTo(0.0);
        assertThat(report.misses()).extracting(Miss::describe).contains(
                "P1: decision EXCEPTION [IMPACT_AMBIGUOUS], expected STAGED",
                "P2: missing reason TENANT_CONFLICT (got [])",
                "P3: missing reason PRIVACY_SECRET (got [TIMING_UNCERTAIN])");
    }

    @Test
    void shouldReportLeakFalseFlagMissingWarningAndNoDecision() throws IOException {
        // Given: P1 carries a cookie flag the gold says must be absent; P3's excerpt holds the planted cookie; no P2
        final ObjectNode d1 = (ObjectNode) p1(ev("mara.eml", "ASTR-2207"));
        d1.putArray("privacyFlags").addObject().put("code", "SECRET_COOKIE");
        final JsonNode d3 = p3(COOKIE);

        // When
        final EvalReport report = new Evaluator(corpus).evaluate(List.of(d1, d3));

        // Then
        assertThat(report.leaks()).isEqualTo(1);
        assertThat(report.misses()).extracting(Miss::kind).contains(Miss.Kind.FALSE_PRIVACY_FLAG, Miss.Kind.NO_DECISION,
                Miss.Kind.LEAK);
        assertThat(report.toTable()).doesNotContain(COOKIE).contains("P3: planted secret #1 found in output");
        assertThat(report.toJsonString()).doesNotContain(COOKIE);
        assertThat(report.exceptionRecall().value()).isEqualTo(0.5);
    }

    @Test
    void shouldFailClearlyWithoutExpectedDirectory(@TempDir final Path empty) {
        // Given
        final Evaluator evaluator = new Evaluator(empty);

        // When / Then
        assertThatThrownBy(() -> evaluator.evaluate(List.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining(empty.resolve("expected").toString()).hasMessageContaining("no expected/ directory");
    }

    // ---------------------------------------------------------------- fixtures

    private void write(final String rel, final String text) throws IOException {
        final Path p = corpus.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static JsonNode ev(final String artifactId, final String excerpt) {
        final ObjectNode e = MAPPER.createObjectNode();
        e.put("artifactId", artifactId);
        e.put("locator", "ref".equals(artifactId) ? "ref:tenants/TEN-1" : "eml:message=<m1@quillon.example>,body,chars=0-10");
        e.put("excerpt", excerpt);
        return e;
    }

    private static ObjectNode decision(final String id, final String decision, final String... reasons) {
        final ObjectNode d = MAPPER.createObjectNode();
        d.put("packetId", id);
        d.put("decision", decision);
        final ArrayNode rs = d.putArray("reasons");
        for (final String r : reasons) {
            rs.addObject().put("code", r).put("message", "m").putArray("fields");
        }
        d.putArray("warnings");
        d.putObject("fields");
        d.putArray("privacyFlags");
        return d;
    }

    private static void field(final ObjectNode d, final String name, final JsonNode value, final JsonNode... evidence) {
        final ObjectNode f = ((ObjectNode) d.get("fields")).putObject(name);
        f.set("value", value);
        final ArrayNode evs = f.putArray("evidence");
        for (final JsonNode e : evidence) {
            evs.add(e);
        }
    }

    private static JsonNode p1(final JsonNode evidence) throws IOException {
        final ObjectNode d = decision("P1", "STAGED");
        field(d, "tenant", MAPPER.readTree("\"TEN-1\""), evidence);
        field(d, "firstObservedAt", MAPPER.readTree("\"2026-11-10T08:05:00Z\""), evidence);
        field(d, "businessImpact", MAPPER.readTree("{\"level\":\"EXTENSIVE\",\"narrative\":\"all 420\"}"), evidence);
        field(d, "approvedContacts", MAPPER.readTree("[{\"contactId\":\"C-1\",\"name\":\"Mara Quist\"}]"),
                ev("ref", "Mara Quist"));
        field(d, "responseTier", null);
        return d;
    }

    private static JsonNode p2() {
        final ObjectNode d = decision("P2", "EXCEPTION", "TENANT_CONFLICT");
        ((ArrayNode) d.get("warnings")).addObject().put("code", "ARTIFACT_UNREADABLE");
        field(d, "tenant", null);
        return d;
    }

    private static JsonNode p3(final String cookieShown) {
        final ObjectNode d = decision("P3", "EXCEPTION", "PRIVACY_SECRET");
        ((ArrayNode) d.get("privacyFlags")).addObject().put("code", "SECRET_COOKIE")
                .put("artifactId", "trace.har").put("excerpt", "sid=" + cookieShown);
        return d;
    }
}
