package dev.handoff.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.core.SegmentContext;
import dev.handoff.privacy.PrivacyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real classifier and readers over the contract's example packets, with a no-op privacy scanner. */
class ExamplePacketsExtractionTest {

    private static ArtifactExtractor extractor;

    @BeforeAll
    static void start() {
        extractor = ArtifactExtractor.withDefaults((id, kind, bytes, segments) -> PrivacyReport.empty());
    }

    @AfterAll
    static void stop() {
        extractor.close();
    }

    private static Path packets() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("shared/corpus"))) {
                final Path examples = dir.resolve("shared/contract/examples/packets");
                assumeTrue(Files.isDirectory(examples), "example packets not found");
                return examples;
            }
            dir = dir.getParent();
        }
        assumeTrue(false, "no folder with shared/corpus above the working directory");
        return null;
    }

    private static ExtractionResult extract(final Path file) throws IOException {
        return extractor.extract(new ArtifactInput(file.getFileName().toString(), null, Files.readAllBytes(file)));
    }

    private static List<Candidate> of(final ExtractionResult result, final MentionType type) {
        return result.candidates().stream().filter(c -> c.getType() == type).toList();
    }

    @Test
    void shouldReadStartTimeOfNoteWhenNoteSaysStartInCest() throws IOException {
        // When
        final ExtractionResult note = extract(packets().resolve("PKT-EX-0001/note.md"));

        // Then
        assertThat(of(note, MentionType.TIME_CLAIM)).anySatisfy(c -> {
            assertThat(c.getEvidence().getExcerpt()).contains("09:05 CEST");
            assertThat(c.getEvidence().getArtifactId()).isEqualTo("note.md");
            assertThat(c.getEvidence().getLocator()).startsWith("text:line=");
            assertThat(c.getAttributes()).containsEntry(SegmentContext.TIME_ROLE, "FIRST_FAILURE");
        });
        assertThat(of(note, MentionType.PLAN_CLAIM)).extracting(Candidate::getValue).contains("Signature Care", "SIGC");
    }

    @Test
    void shouldCountAffectedStaffWhenTicketCommentSaysSo() throws IOException {
        // When
        final ExtractionResult ticket = extract(packets().resolve("PKT-EX-0002/ticket-9002.csv"));

        // Then
        assertThat(of(ticket, MentionType.USERS_AFFECTED)).anySatisfy(c -> {
            assertThat(c.getValue()).isEqualTo("1150");
            assertThat(c.getEvidence().getExcerpt()).contains("1,150");
            assertThat(c.getEvidence().getLocator()).startsWith("csv:row=");
        });
        assertThat(of(ticket, MentionType.TIME_CLAIM)).anySatisfy(c -> {
            assertThat(c.getEvidence().getExcerpt()).isEqualTo("9:40 AM Mountain (MDT)");
            assertThat(c.getAttributes()).containsEntry(SegmentContext.TIME_ROLE, "FIRST_FAILURE");
        });
    }

    @Test
    void shouldExtractEveryExampleArtifactWithoutFailing() throws IOException {
        // Given
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(packets())) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("packet.json")).sorted().toList();
        }

        for (final Path file : files) {
            // When
            final ExtractionResult result = extract(file);

            // Then
            assertThat(result.readable()).as(file.toString()).isTrue();
            assertThat(result.candidates()).as(file.toString()).isNotEmpty();
            assertThat(result.candidates()).as(file.toString())
                    .allSatisfy(c -> assertThat(c.getEvidence().getArtifactId()).isEqualTo(file.getFileName().toString()));
        }
    }

    @Test
    void shouldServeRepeatedArtifactFromCache() throws IOException {
        // Given
        final Path file = packets().resolve("PKT-EX-0001/ticket-9001.csv");
        final long before = extractor.cacheStats().hits();

        // When
        final ExtractionResult first = extract(file);
        final ExtractionResult second = extract(file);

        // Then
        assertThat(second).isSameAs(first);
        assertThat(extractor.cacheStats().hits()).isGreaterThan(before);
    }
}
