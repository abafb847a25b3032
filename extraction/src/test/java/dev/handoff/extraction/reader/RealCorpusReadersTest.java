package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.RealCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real ticket, spreadsheet, document and reference file goes through the classifier and its reader. */
class RealCorpusReadersTest {

    private static final List<ArtifactReader> READERS = List.of(new TicketCsvReader(), new TicketJsonReader(),
            new TicketXmlReader(), new SpreadsheetReader(), new DocumentReader(), new PlainTextReader(), new OtherReader());

    static Stream<Path> corpusFiles() {
        final List<Path> files = new ArrayList<>();
        for (final String folder : List.of("tickets", "spreadsheets", "documents", "reference")) {
            files.addAll(RealCorpus.files(folder));
        }
        files.add(RealCorpus.root().resolve("time/phpspreadsheet_mixed_date_formats.ods"));
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void shouldReadEveryRealFileIntoLocatedSegments(final Path file) throws Exception {
        // Given
        final byte[] bytes = RealCorpus.bytes(file);
        final Classification classification = ReaderTestSupport.classify("artifact", bytes);
        final ArtifactReader reader = READERS.stream().filter(r -> r.canRead(classification)).findFirst().orElseThrow();

        // When
        final ArtifactContent content = reader.read(new ArtifactInput(file.getFileName().toString(), null, bytes),
                classification, ReadLimits.defaults());

        // Then every segment is non-empty text with a contract locator, and evidence excerpts are file text
        assertThat(content.readable()).as(file.getFileName().toString()).isTrue();
        assertThat(content.segments()).as(file.getFileName().toString()).isNotEmpty();
        for (final TextSegment segment : content.segments()) {
            assertThat(segment.locateAll()).matches("(csv|json|xml|xlsx|docx|pdf|text):.+");
        }
        content.candidates().stream().filter(c -> c.getType() != MentionType.ESCALATION_REQUEST)
                .forEach(c -> assertThat(c.getEvidence().getExcerpt()).isNotBlank());
    }
}
