package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainTextReaderTest {

    private final PlainTextReader reader = new PlainTextReader();

    @Test
    void shouldRequestBridgeAtTitleLineAndReadResponderTable() {
        // Given
        final byte[] bytes = GeneratedFixtures.resource("bridge-request.md");
        final Classification classification = ReaderTestSupport.classify("untitled.md", bytes);

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("untitled.md", null, bytes), classification,
                ReadLimits.defaults());

        // Then
        assertThat(classification.getKind()).isEqualTo(ArtifactKind.BRIDGE_TEMPLATE);
        assertThat(ReaderTestSupport.ofType(content, MentionType.ESCALATION_REQUEST)).singleElement().satisfies(c -> {
            assertThat(c.getValue()).isEqualTo("SEV1_BRIDGE");
            assertThat(c.getEvidence().getLocator()).isEqualTo("text:line=1,chars=0-43");
        });
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON)).hasSize(2).first().satisfies(p -> {
            assertThat(p.getEvidence().getLocator()).isEqualTo("text:line=9,chars=2-14");
            assertThat(p.getEvidence().getExcerpt()).isEqualTo("Jonas Berger");
            assertThat(p.getAttributes()).containsEntry("participation", "RESPONDER")
                    .containsEntry("email", "jonas.berger@alpenglas.example").containsEntry("personRole", "IT admin");
        });
    }

    @Test
    void shouldLocateCharactersWithinLineWhenPlainTextNote() {
        // Given
        final byte[] bytes = GeneratedFixtures.resource("account-note.txt");
        final Classification classification = ReaderTestSupport.classify("note", bytes);

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("note", null, bytes), classification,
                ReadLimits.defaults());

        // Then
        assertThat(classification.getKind()).isEqualTo(ArtifactKind.ESCALATION_NOTE);
        final TextSegment third = content.segments().get(1);
        final int at = third.text().indexOf("Premier Support");
        assertThat(third.locate(at, at + 15)).isEqualTo("text:line=3,chars=" + at + "-" + (at + 15));
        assertThat(ReaderTestSupport.ofType(content, MentionType.ESCALATION_REQUEST)).isEmpty();
    }

    @Test
    void shouldTreatBulletResponderUnderHeadingWhenPlainMarkdown() {
        // Given
        final String md = "# Bridge\n\n## Responders\n- Dana Whitfield (IT admin), dana@contoso.example, +1 555 0100 200\n";
        final byte[] bytes = md.getBytes(StandardCharsets.UTF_8);

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("b.md", null, bytes),
                ReaderTestSupport.classification(ArtifactKind.BRIDGE_TEMPLATE, "text/markdown"), ReadLimits.defaults());

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON)).singleElement().satisfies(p -> {
            assertThat(p.getValue()).isEqualTo("Dana Whitfield");
            assertThat(p.getEvidence().getLocator()).isEqualTo("text:line=4,chars=2-16");
            assertThat(p.getAttributes()).containsEntry("personRole", "IT admin").containsEntry("phone", "+1 555 0100 200");
        });
    }
}
