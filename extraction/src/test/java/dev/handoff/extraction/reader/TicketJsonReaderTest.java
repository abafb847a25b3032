package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.RealCorpus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TicketJsonReaderTest {

    private final TicketJsonReader reader = new TicketJsonReader();

    private ArtifactContent readCorpus(final String file) {
        final byte[] bytes = RealCorpus.bytes(RealCorpus.root().resolve("tickets").resolve(file));
        return reader.read(new ArtifactInput(file, null, bytes), ReaderTestSupport.classify(file, bytes), ReadLimits.defaults());
    }

    @Test
    void shouldKeepJiraPlusThirteenHundredOffsetsVerbatimInTimeClaims() {
        // When
        final ArtifactContent content = readCorpus("jira_issue_10002_nz_timezone.json");

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.TIME_CLAIM))
                .anyMatch(c -> c.getValue().equals("2011-12-14T10:26:06.030+1300")
                        && c.getEvidence().getLocator().equals("json:/fields/created")
                        && "REPORT".equals(c.getAttributes().get("timeRole")));
        assertThat(content.attributes()).containsEntry(SegmentContext.ZONE, "+13:00")
                .containsEntry(SegmentContext.ANCHOR, "2011-12-13T21:26:06.030Z");
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON))
                .anyMatch(c -> "REQUESTER".equals(c.getAttributes().get("participation"))
                        && "admin@example.com".equals(c.getAttributes().get("email"))
                        && c.getEvidence().getLocator().startsWith("json:/fields/reporter/"));
    }

    @Test
    void shouldReadZendeskCommentBodiesInsideRecordedBase64Responses() {
        // When
        final ArtifactContent content = readCorpus("zendesk_vcr_ticket_audits.json");

        // Then
        final TextSegment comment = content.segments().stream()
                .filter(s -> s.text().equals("This is the first comment. Feel free to delete this sample ticket."))
                .findFirst().orElseThrow();
        assertThat(comment.locateAll())
                .isEqualTo("json:/http_interactions/0/response/body/base64_string/audits/0/events/0/body");
        assertThat(comment.context(SegmentContext.ROLE)).isEqualTo("body");
        assertThat(comment.context(SegmentContext.ANCHOR)).isEqualTo("2012-09-06T20:17:09Z");
    }

    @Test
    void shouldStripHtmlAndNameCommentAuthorWhenFreshdeskConversation() {
        // When
        final ArtifactContent content = readCorpus("freshdesk_v2_conversations.json");

        // Then
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("json:/0/body")
                && s.text().equals("This is a private note"));
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON))
                .anyMatch(c -> "COMMENT_AUTHOR".equals(c.getAttributes().get("participation"))
                        && "rachel@freshdesk.com".equals(c.getAttributes().get("email")));
    }

    @Test
    void shouldEmitOrganizationAndRequesterWhenTicketNamesThem() {
        // Given
        final String json = "{\"tickets\":[{\"subject\":\"SSO down\",\"requester\":{\"name\":\"Dana Whitfield\","
                + "\"email\":\"Dana@Contoso.example\"},\"organization\":{\"name\":\"Contoso Ltd\"},"
                + "\"created_at\":\"2026-11-20T09:14:00+01:00\",\"comments\":[{\"author\":{\"name\":\"Dana Whitfield\","
                + "\"email\":\"dana@contoso.example\"},\"html_body\":\"<p>Since <b>08:05</b> nobody</p>\"}]}]}";
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("t.json", null, bytes),
                ReaderTestSupport.classify("t.json", bytes), ReadLimits.defaults());

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.ORG_NAME)).extracting(Candidate::getValue)
                .containsExactly("Contoso Ltd");
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON))
                .anyMatch(c -> c.getEvidence().getLocator().equals("json:/tickets/0/requester/name")
                        && "dana@contoso.example".equals(c.getAttributes().get("email")));
        final TextSegment body = content.segments().stream()
                .filter(s -> s.locateAll().equals("json:/tickets/0/comments/0/html_body")).findFirst().orElseThrow();
        assertThat(body.text()).isEqualTo("Since 08:05 nobody");
        assertThat(body.context(SegmentContext.AUTHOR)).isEqualTo("Dana Whitfield <dana@contoso.example>");
        assertThat(body.context(SegmentContext.ANCHOR)).isEqualTo("2026-11-20T08:14:00Z");
    }

    @Test
    void shouldRefuseTruncatedJsonWithOneLineMessage() {
        // Given
        final byte[] bytes = "{\"tickets\":[{\"subject\":\"SSO".getBytes(StandardCharsets.UTF_8);

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("t.json", null, bytes),
                ReaderTestSupport.classify("t.json", bytes), ReadLimits.defaults()))
                .hasMessageStartingWith("JSON cannot be parsed (corrupt or truncated")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldRefuseJsonNestedBeyondDepthLimit() {
        // Given
        final String deep = "{\"ticket\":" + "[".repeat(50) + "]".repeat(50) + "}";
        final ReadLimits limits = new ReadLimits(1_000_000, 10_000, 1, 1, 16, Duration.ofSeconds(5));
        final byte[] bytes = deep.getBytes(StandardCharsets.UTF_8);

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("d.json", null, bytes),
                ReaderTestSupport.classify("d.json", bytes), limits))
                .hasMessage("JSON nested deeper than 16 levels");
    }
}
