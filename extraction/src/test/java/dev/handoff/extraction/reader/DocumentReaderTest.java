package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    private final DocumentReader reader = new DocumentReader();

    @Test
    void shouldReadResponderTableOfBridgeDocx() throws Exception {
        // Given a DOCX: title (paragraph 1), request (2), a 3x4 table (paragraphs 3-14), closing line (15)
        final byte[] bytes = GeneratedFixtures.bridgeDocx();
        final Classification classification = ReaderTestSupport.classify("Document1.docx", bytes);

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("Document1.docx", null, bytes), classification,
                ReadLimits.defaults());

        // Then
        assertThat(classification.getKind()).isEqualTo(ArtifactKind.BRIDGE_TEMPLATE);
        assertThat(ReaderTestSupport.ofType(content, MentionType.ESCALATION_REQUEST)).singleElement().satisfies(c -> {
            assertThat(c.getValue()).isEqualTo("SEV1_BRIDGE");
            assertThat(c.getEvidence().getLocator()).isEqualTo("docx:paragraph=1,chars=0-36");
            assertThat(c.getEvidence().getExcerpt()).isEqualTo("Bridge request: Alpenglas SSO outage");
        });
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON)).hasSize(2).first().satisfies(p -> {
            assertThat(p.getValue()).isEqualTo("Jonas Berger");
            assertThat(p.getEvidence().getLocator()).isEqualTo("docx:paragraph=7,chars=0-12");
            assertThat(p.getAttributes()).containsEntry("participation", "RESPONDER")
                    .containsEntry("email", "jonas.berger@alpenglas.example")
                    .containsEntry("phone", "+43 660 555 0142").containsEntry("personRole", "IT admin");
        });
        final TextSegment closing = content.segments().get(content.segments().size() - 1);
        assertThat(closing.locate(0, 7)).isEqualTo("docx:paragraph=15,chars=0-7");
    }

    @Test
    void shouldLocatePdfTextByPageAndCharacters() throws Exception {
        // Given
        final byte[] bytes = GeneratedFixtures.pdf(List.of(List.of("Account team note"),
                List.of("Customer: Alpenglas Werke AG", "SSO down since 07:50 CET")), null);
        final Classification classification = ReaderTestSupport.classify("scan.pdf", bytes);

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("scan.pdf", null, bytes), classification,
                ReadLimits.defaults());

        // Then
        assertThat(classification.getKind()).isEqualTo(ArtifactKind.ESCALATION_NOTE);
        final TextSegment second = content.segments().get(1);
        final int at = second.text().indexOf("07:50");
        assertThat(at).isPositive();
        assertThat(second.locate(at, at + 5)).isEqualTo("pdf:page=2,chars=" + at + "-" + (at + 5));
    }

    @Test
    void shouldRefuseEncryptedPdf() {
        // Given
        final byte[] bytes = GeneratedFixtures.pdf(List.of(List.of("secret plan")), "fixture-pass");

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("locked.pdf", null, bytes),
                ReaderTestSupport.classification(ArtifactKind.OTHER, "application/pdf"), ReadLimits.defaults()))
                .hasMessageStartingWith("encrypted PDF");
    }

    @Test
    void shouldRefuseCorruptPdfWithOneLineMessage() {
        // Given
        final byte[] bytes = "%PDF-1.7\n1 0 obj <<".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("broken.pdf", null, bytes),
                ReaderTestSupport.classification(ArtifactKind.OTHER, "application/pdf"), ReadLimits.defaults()))
                .hasMessage("PDF cannot be opened (corrupt or truncated)");
    }
}
