package dev.handoff.extraction.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Classification;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.reader.GeneratedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactClassifierTest {

    private final ArtifactClassifier classifier = new ArtifactClassifier();

    private Classification classify(final byte[] bytes, final ArtifactKind hint) {
        // Uninformative names on purpose: content decides.
        return classifier.classify(new ArtifactInput("export (3)", hint, bytes));
    }

    static Stream<Arguments> realFiles() {
        final List<Arguments> out = new ArrayList<>();
        RealCorpus.files("tickets").forEach(p -> out.add(Arguments.of(p, ArtifactKind.TICKET_EXPORT)));
        RealCorpus.files("spreadsheets").forEach(p -> out.add(Arguments.of(p, ArtifactKind.CRM_SNAPSHOT)));
        RealCorpus.files("email").forEach(p -> out.add(Arguments.of(p, ArtifactKind.EMAIL)));
        RealCorpus.files("screenshots").forEach(p -> out.add(Arguments.of(p, ArtifactKind.SCREENSHOT)));
        RealCorpus.files("har").stream().filter(p -> !p.getFileName().toString().contains("corrupt"))
                .forEach(p -> out.add(Arguments.of(p, ArtifactKind.HAR_SUMMARY)));
        // Reference catalogues and public runbooks/postmortems are neither notes nor bridge requests.
        RealCorpus.files("reference").forEach(p -> out.add(Arguments.of(p, ArtifactKind.OTHER)));
        RealCorpus.files("documents").forEach(p -> out.add(Arguments.of(p, ArtifactKind.OTHER)));
        out.add(Arguments.of(RealCorpus.root().resolve("time/phpspreadsheet_mixed_date_formats.ods"), ArtifactKind.CRM_SNAPSHOT));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("realFiles")
    void shouldClassifyRealFileByContentWhenNameSaysNothing(final Path file, final ArtifactKind expected) {
        // When
        final Classification c = classify(RealCorpus.bytes(file), null);

        // Then
        assertThat(c.getKind()).as(file.getFileName() + ": " + c.getReason()).isEqualTo(expected);
        assertThat(c.getReason()).isNotBlank();
    }

    @Test
    void shouldClassifyOwnFixturesWithTheirMediaTypes() {
        // Then
        assertThat(classify(GeneratedFixtures.resource("messy-tickets.csv"), null))
                .extracting(Classification::getKind, Classification::getMediaType)
                .containsExactly(ArtifactKind.TICKET_EXPORT, "text/csv");
        assertThat(classify(GeneratedFixtures.resource("servicenow-incident.xml"), null).getKind())
                .isEqualTo(ArtifactKind.TICKET_EXPORT);
        assertThat(classify(GeneratedFixtures.resource("bridge-request.md"), null))
                .extracting(Classification::getKind, Classification::getMediaType)
                .containsExactly(ArtifactKind.BRIDGE_TEMPLATE, "text/markdown");
        assertThat(classify(GeneratedFixtures.resource("account-note.txt"), null).getKind())
                .isEqualTo(ArtifactKind.ESCALATION_NOTE);
        assertThat(classify(GeneratedFixtures.resource("meeting.ics"), null))
                .extracting(Classification::getKind, Classification::getMediaType)
                .containsExactly(ArtifactKind.OTHER, "text/calendar");
        final Classification xlsx = classify(GeneratedFixtures.crmWorkbook(), null);
        assertThat(xlsx.getKind()).isEqualTo(ArtifactKind.CRM_SNAPSHOT);
        assertThat(xlsx.getReason()).contains("xl/workbook.xml");
        final Classification docx = classify(GeneratedFixtures.bridgeDocx(), null);
        assertThat(docx.getKind()).isEqualTo(ArtifactKind.BRIDGE_TEMPLATE);
        assertThat(docx.getMediaType()).isEqualTo(ArtifactClassifier.MEDIA_DOCX);
    }

    @Test
    void shouldOverrideManifestHintAndSayWhyWhenContentIsTicketCsv() {
        // When
        final Classification c = classify(GeneratedFixtures.resource("messy-tickets.csv"), ArtifactKind.EMAIL);

        // Then
        assertThat(c.getKind()).isEqualTo(ArtifactKind.TICKET_EXPORT);
        assertThat(c.getReason()).startsWith("manifest said EMAIL but content is CSV");
        assertThat(c.getConfidence()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void shouldFollowHintWhenTextIsAmbiguous() {
        // Given prose with no bridge or account-team wording
        final byte[] bytes = "Customer called about sign-in problems.\nWill follow up.\n".getBytes(StandardCharsets.UTF_8);

        // When
        final Classification c = classify(bytes, ArtifactKind.ESCALATION_NOTE);

        // Then
        assertThat(c.getKind()).isEqualTo(ArtifactKind.ESCALATION_NOTE);
        assertThat(c.getReason()).contains("kind taken from the manifest");
    }

    @Test
    void shouldGiveLowConfidenceOtherForUnknownBinary() {
        // When
        final Classification c = classify(GeneratedFixtures.resource("blob.bin"), null);

        // Then
        assertThat(c.getKind()).isEqualTo(ArtifactKind.OTHER);
        assertThat(c.getConfidence()).isEqualTo(0.3);
    }

    @Test
    void shouldClassifyContactsCsvAsCrmSnapshot() {
        // Given
        final byte[] bytes = "Name;E-Mail;Telefon\nJonas Berger;jonas.berger@alpenglas.example;+43 660 555 0142\n"
                .getBytes(StandardCharsets.UTF_8);

        // When
        final Classification c = classify(bytes, null);

        // Then
        assertThat(c.getKind()).isEqualTo(ArtifactKind.CRM_SNAPSHOT);
        assertThat(c.getMediaType()).isEqualTo("text/csv");
    }
}
