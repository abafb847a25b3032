package dev.handoff.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.core.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A PEM key in a note read line by line (one segment per line) is still one secret, and no line of it leaks. */
class MultiLineSecretTest {

    @Test
    void shouldFlagAndRedactPrivateKeySplitOverLineSegments() {
        // Given a Markdown note whose reader made one segment per line (canaries: the generated key lines)
        final Random random = new Random(42);
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        final List<String> lines = new ArrayList<>();
        lines.add("Test key for the IdP (do not share):");
        lines.add("-----BEGIN PRIVATE KEY-----");
        final List<String> body = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            final StringBuilder b = new StringBuilder();
            for (int j = 0; j < 64; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            body.add(b.toString());
        }
        lines.addAll(body);
        lines.add("-----END PRIVATE KEY-----");
        final List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final int n = i + 1;
            segments.add(new TextSegment("note.md", lines.get(i),
                    (s, e) -> "text:line=" + n + ",chars=" + s + "-" + e, Map.of("role", "note")));
        }
        // When
        final PrivacyReport report = new DefaultPrivacyScanner().scan("note.md", ArtifactKind.ESCALATION_NOTE,
                String.join("\n", lines).getBytes(), segments);
        // Then one private-key finding located at the key's first line, and every key line is redacted
        assertThat(report.findings()).extracting(PrivacyFinding::getCode).contains(PrivacyCode.SECRET_PRIVATE_KEY);
        assertThat(report.hasSecrets()).isTrue();
        for (final String line : body) {
            assertThat(report.redactor().redact(line)).doesNotContain(line);
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.getExcerpt()).doesNotContain(line));
        }
    }
}
