package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.core.ArtifactContent;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import org.junit.jupiter.api.Test;

class OtherReaderTest {

    private final OtherReader reader = new OtherReader();

    @Test
    void shouldReadCalendarLinesAsText() {
        // Given
        final byte[] bytes = GeneratedFixtures.resource("meeting.ics");

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("invite", null, bytes),
                ReaderTestSupport.classify("invite", bytes), ReadLimits.defaults());

        // Then
        assertThat(content.readable()).isTrue();
        assertThat(content.segments()).anyMatch(s -> s.text().equals("SUMMARY:SSO outage review")
                && s.locateAll().equals("text:line=7,chars=0-25"));
    }

    @Test
    void shouldMarkBinaryUnreadableWithoutWarnings() {
        // Given
        final byte[] bytes = GeneratedFixtures.resource("blob.bin");

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("blob", null, bytes),
                ReaderTestSupport.classification(ArtifactKind.OTHER, "application/octet-stream"), ReadLimits.defaults());

        // Then
        assertThat(content.readable()).isFalse();
        assertThat(content.segments()).isEmpty();
        assertThat(content.warnings()).isEmpty();
    }
}
