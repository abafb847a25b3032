package dev.handoff.privacy;

// canaries: every SECRET_* value of src/test/resources/privacy-gold.jsonl (listed in PrivacyGoldSetTest), and
//   "Hunter2!Canary" (password below)

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.core.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Excerpts and redacted text never hold a planted value; the hash standing in for a value is stable. */
class RedactionTest {

    private final DefaultPrivacyScanner scanner = new DefaultPrivacyScanner();

    @Test
    void shouldNeverShowPlantedValueWhenExcerptsAndRedactedTextAreWritten() throws IOException {
        // Given
        final List<PrivacyGoldSetTest.GoldDoc> docs = PrivacyGoldSetTest.load();

        for (final PrivacyGoldSetTest.GoldDoc doc : docs) {
            // When
            final PrivacyReport report = PrivacyGoldSetTest.scan(scanner, doc);
            final String redacted = report.redactor().redact(doc.text());

            // Then
            for (final PrivacyGoldSetTest.Span span : doc.planted()) {
                assertThat(report.findings()).extracting(PrivacyFinding::getExcerpt).as(doc.id())
                        .noneMatch(excerpt -> excerpt.contains(span.value()));
                final boolean redactable = span.code().startsWith("SECRET_")
                        || span.code().equals(PrivacyCode.PII_PAYMENT_CARD.name())
                        || span.code().equals(PrivacyCode.PII_NATIONAL_ID.name());
                if (redactable && span.value().length() >= ValueRedactor.ANYWHERE_MIN) {
                    assertThat(redacted).as(doc.id() + " " + span.code()).doesNotContain(span.value());
                }
            }
        }
    }

    @Test
    void shouldKeepNameAndReplaceValueWhenExcerptIsBuilt() {
        // Given
        final String text = "Service account password: Hunter2!Canary (rotate after)";

        // When
        final PrivacyReport report = scanner.scan("note.md", ArtifactKind.ESCALATION_NOTE,
                text.getBytes(StandardCharsets.UTF_8), List.of(DefaultPrivacyScanner.lineSegment("note.md", text)));

        // Then
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.getCode()).isEqualTo(PrivacyCode.SECRET_PASSWORD);
            assertThat(f.getExcerpt()).isEqualTo("password: [REDACTED sha256:" + Hashing.shortHash("Hunter2!Canary") + "]");
            assertThat(f.getValueHash()).isEqualTo(Hashing.shortHash("Hunter2!Canary"));
            assertThat(f.getLocator()).isEqualTo("text:line=1,chars=26-40");
            assertThat(f.getSecret()).isTrue();
        });
        assertThat(report.redactor().redact("it was Hunter2!Canary"))
                .isEqualTo("it was [REDACTED sha256:" + Hashing.shortHash("Hunter2!Canary") + "]");
    }

    @Test
    void shouldGiveSameHashWhenSameValueIsScannedTwice() throws IOException {
        // Given
        final PrivacyGoldSetTest.GoldDoc doc = PrivacyGoldSetTest.load().get(0);

        // When
        final List<String> first = PrivacyGoldSetTest.scan(scanner, doc).findings().stream()
                .map(f -> f.getLocator() + f.getValueHash() + f.getExcerpt()).toList();
        final List<String> second = PrivacyGoldSetTest.scan(new DefaultPrivacyScanner(), doc).findings().stream()
                .map(f -> f.getLocator() + f.getValueHash() + f.getExcerpt()).toList();

        // Then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldKeepWorkEmailButRedactCardWhenBoundaryIsDefault() {
        // Given
        final String text = "Contact dana.whitfield@contoso.example, card 4556 7375 8689 9855.";

        // When
        final PrivacyReport report = scanner.scan("t.txt", ArtifactKind.OTHER, text.getBytes(StandardCharsets.UTF_8),
                List.of(DefaultPrivacyScanner.lineSegment("t.txt", text)));

        // Then
        assertThat(report.findings()).extracting(PrivacyFinding::getCode)
                .containsExactlyInAnyOrder(PrivacyCode.PII_EMAIL, PrivacyCode.PII_PAYMENT_CARD);
        assertThat(report.redactor().redact(text)).contains("dana.whitfield@contoso.example")
                .doesNotContain("4556 7375 8689 9855");
        assertThat(report.hasSecrets()).isFalse();
    }
}
