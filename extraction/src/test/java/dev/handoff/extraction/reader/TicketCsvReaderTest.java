package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TicketCsvReaderTest {

    private final TicketCsvReader reader = new TicketCsvReader();

    private ArtifactContent readMessy() {
        final byte[] bytes = GeneratedFixtures.resource("messy-tickets.csv");
        final Classification classification = ReaderTestSupport.classify("export (3).csv", bytes);
        return reader.read(new ArtifactInput("export (3).csv", null, bytes), classification, ReadLimits.defaults());
    }

    @Test
    void shouldKeepMultiLineBodyAsOneCellOfRowTwoWhenCsvHasBomCrlfAndSemicolons() {
        // Given a BOM, CRLF, ';'-separated export whose first ticket has a two-line quoted description

        // When
        final ArtifactContent content = readMessy();

        // Then
        final TextSegment body = content.segments().stream()
                .filter(s -> "csv:row=2,col=Beschreibung".equals(s.locateAll())).findFirst().orElseThrow();
        assertThat(body.text()).isEqualTo("Seit 07:50 Uhr kann sich niemand anmelden.\r\nBetrifft beide Standorte; kein Workaround.");
        assertThat(body.context(SegmentContext.FIELD)).isEqualTo("Beschreibung");
        assertThat(body.context(SegmentContext.ZONE)).isEqualTo("UTC");
        assertThat(body.context(SegmentContext.AUTHOR)).contains("jonas.berger@alpenglas.example");
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("csv:row=3,col=Ticket-Nr") && s.text().equals("4712"));
    }

    @Test
    void shouldAnchorEachRowAtItsCreationTimeWhenDatesAreEuropean() {
        // When
        final ArtifactContent content = readMessy();

        // Then dd.MM.yyyy and dd/MM/yyyy (15/11 proves day-first) are read in the header's UTC
        assertThat(content.segments()).filteredOn(s -> s.locateAll().startsWith("csv:row=2,"))
                .allMatch(s -> "2026-11-14T08:12:00Z".equals(s.context(SegmentContext.ANCHOR)));
        assertThat(content.segments()).filteredOn(s -> s.locateAll().startsWith("csv:row=3,"))
                .allMatch(s -> "2026-11-15T13:05:00Z".equals(s.context(SegmentContext.ANCHOR)));
        final Candidate created = ReaderTestSupport.ofType(content, MentionType.TIME_CLAIM).get(0);
        assertThat(created.getValue()).isEqualTo("14.11.2026 08:12");
        assertThat(created.getAttributes()).containsEntry("timeRole", "REPORT").containsEntry("zone", "UTC");
        assertThat(content.attributes()).containsEntry(SegmentContext.ANCHOR, "2026-11-14T08:12:00Z");
    }

    @Test
    void shouldEmitOrganizationRequesterImpactEnvironmentAndBridgeRequestFromColumns() {
        // When
        final ArtifactContent content = readMessy();

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.ORG_NAME))
                .extracting(c -> c.getValue(), c -> c.getEvidence().getLocator())
                .contains(org.assertj.core.groups.Tuple.tuple("Alpenglas Werke AG", "csv:row=2,col=Organisation"));
        final Candidate requester = ReaderTestSupport.ofType(content, MentionType.PERSON).get(0);
        assertThat(requester.getAttributes()).containsEntry("participation", "REQUESTER")
                .containsEntry("name", "Jonas Berger").containsEntry("email", "jonas.berger@alpenglas.example");
        assertThat(requester.getConfidence()).isEqualTo(0.9);
        assertThat(requester.getExtractor()).isEqualTo("TicketCsvReader/1");
        assertThat(ReaderTestSupport.ofType(content, MentionType.EMAIL_ADDRESS)).extracting(Candidate::getValue)
                .containsExactly("jonas.berger@alpenglas.example", "petra.lind@alpenglas.example");
        assertThat(ReaderTestSupport.ofType(content, MentionType.ITIL_IMPACT).get(0).getAttributes())
                .containsEntry("field", "Auswirkung");
        assertThat(ReaderTestSupport.ofType(content, MentionType.ENVIRONMENT_CUE)).extracting(Candidate::getValue)
                .containsExactly("Produktion", "Test");
        assertThat(ReaderTestSupport.ofType(content, MentionType.ESCALATION_REQUEST)).singleElement()
                .satisfies(c -> assertThat(c.getValue()).isEqualTo("SEV1_BRIDGE"));
    }

    @Test
    void shouldReadTabSeparatedExportWithCommaInsideCells() {
        // Given
        final String tsv = "Ticket ID\tSubject\tRequester\tCreated\n42\tSSO down, all sites\tdana@contoso.example\t2026-11-20T08:14:00+01:00\n";
        final byte[] bytes = tsv.getBytes(StandardCharsets.UTF_8);

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("t.txt", null, bytes),
                ReaderTestSupport.classify("t.txt", bytes), ReadLimits.defaults());

        // Then
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("csv:row=2,col=Subject")
                && s.text().equals("SSO down, all sites"));
        assertThat(content.attributes()).containsEntry(SegmentContext.ANCHOR, "2026-11-20T07:14:00Z");
    }

    @Test
    void shouldRefuseEmptyFileWithOneLineMessage() {
        // Given
        final Classification csv = ReaderTestSupport.classification(ArtifactKind.TICKET_EXPORT, "text/csv");

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("e.csv", null, new byte[0]), csv, ReadLimits.defaults()))
                .hasMessage("empty CSV file");
    }

    @Test
    void shouldCutTextAndNoteItWhenAboveTextLimit() {
        // Given
        final ReadLimits tiny = new ReadLimits(1_000_000, 40, 1, 1, 8, Duration.ofSeconds(5));
        final byte[] bytes = GeneratedFixtures.resource("messy-tickets.csv");

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("x.csv", null, bytes),
                ReaderTestSupport.classify("x.csv", bytes), tiny);

        // Then
        assertThat(content.segments().stream().mapToInt(s -> s.text().length()).sum()).isLessThanOrEqualTo(40);
        assertThat(content.attributes()).containsKey("textTruncated");
    }
}
