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
import org.junit.jupiter.api.Test;

class TicketXmlReaderTest {

    private final TicketXmlReader reader = new TicketXmlReader();

    private ArtifactContent read(final String name) throws Exception {
        final byte[] bytes = GeneratedFixtures.resource(name);
        return reader.read(new ArtifactInput("incident.xml", null, bytes), ReaderTestSupport.classify("x", bytes),
                ReadLimits.defaults());
    }

    @Test
    void shouldLocateIncidentFieldsWithXPathWhenServiceNowUnload() throws Exception {
        // When
        final ArtifactContent content = read("servicenow-incident.xml");

        // Then
        final TextSegment description = content.segments().stream()
                .filter(s -> s.locateAll().equals("xml:/unload/incident[1]/description")).findFirst().orElseThrow();
        assertThat(description.text()).isEqualTo("Since 08:05 CET nobody can sign in via SAML.");
        assertThat(description.context(SegmentContext.ZONE)).isEqualTo("UTC");
        assertThat(description.context(SegmentContext.ANCHOR)).isEqualTo("2026-11-20T08:14:00Z");
        assertThat(ReaderTestSupport.ofType(content, MentionType.ORG_NAME)).extracting(Candidate::getValue)
                .containsExactly("Nordlicht Logistik GmbH");
        assertThat(ReaderTestSupport.ofType(content, MentionType.ITIL_IMPACT)).extracting(Candidate::getValue)
                .containsExactly("1 - High");
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON))
                .anyMatch(c -> c.getValue().equals("Mara Jensen") && "REQUESTER".equals(c.getAttributes().get("participation")));
    }

    @Test
    void shouldAttributeJournalEntriesToTheirAuthors() throws Exception {
        // When
        final ArtifactContent content = read("servicenow-incident.xml");

        // Then
        final TextSegment comment = content.segments().stream()
                .filter(s -> s.locateAll().equals("xml:/unload/sys_journal_field[1]/value")).findFirst().orElseThrow();
        assertThat(comment.text()).isEqualTo("Still failing for the whole warehouse staff.");
        assertThat(comment.context(SegmentContext.AUTHOR)).isEqualTo("mara.jensen@nordlicht.example");
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("xml:/unload/sys_journal_field[2]/value"));
        assertThat(ReaderTestSupport.ofType(content, MentionType.TIME_CLAIM))
                .anyMatch(c -> c.getValue().equals("2026-11-20 08:14:00") && "REPORT".equals(c.getAttributes().get("timeRole")))
                .anyMatch(c -> c.getValue().equals("2026-11-20 08:20:00") && "OTHER".equals(c.getAttributes().get("timeRole")));
    }

    @Test
    void shouldRefuseBillionLaughsWithClearMessage() {
        // Given an XML whose DOCTYPE defines nested entities expanding to 10^9 "lol"s

        // When / Then
        assertThatThrownBy(() -> read("billion-laughs.xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCTYPE is refused");
    }

    @Test
    void shouldNameTruncationWithoutQuotingContentWhenXmlIsCut() {
        // Given
        final byte[] whole = GeneratedFixtures.resource("servicenow-incident.xml");
        final byte[] cut = java.util.Arrays.copyOf(whole, 300);

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("cut.xml", null, cut), ReaderTestSupport.classify("x", cut),
                ReadLimits.defaults()))
                .hasMessageStartingWith("XML cannot be parsed (corrupt or truncated")
                .hasMessageNotContaining("SSO");
    }
}
