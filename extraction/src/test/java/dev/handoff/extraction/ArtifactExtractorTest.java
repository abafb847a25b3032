package dev.handoff.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.Codes;
import dev.handoff.core.Hashing;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.reader.ArtifactReader;
import dev.handoff.privacy.PrivacyReport;
import dev.handoff.privacy.PrivacyScanner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * canaries: {@code hx_live_7Q2mZpL9vR4sT8wKc3Nd} (a fake API key planted in a note line and a reader warning).
 */
class ArtifactExtractorTest {

    private static final String CANARY = "hx_live_7Q2mZpL9vR4sT8wKc3Nd";
    private static final ReadLimits FAST = new ReadLimits(1_000_000, 100_000, 1_000_000, 3, 16, Duration.ofSeconds(20));
    private static final ReadLimits SHORT = new ReadLimits(1_000_000, 100_000, 1_000_000, 3, 16, Duration.ofMillis(200));

    private final List<ArtifactExtractor> opened = new ArrayList<>();

    @AfterEach
    void closeExtractors() {
        opened.forEach(ArtifactExtractor::close);
    }

    /** Reads bytes as lines of a note: one segment per line with a text locator. */
    private static final class LineReader implements ArtifactReader {
        private final AtomicInteger calls = new AtomicInteger();
        private final ArtifactKind kind;
        private final List<String> warnings;
        private final List<ArtifactContent.EmbeddedArtifact> embedded;

        LineReader(final ArtifactKind kind, final List<String> warnings, final List<ArtifactContent.EmbeddedArtifact> embedded) {
            this.kind = kind;
            this.warnings = warnings;
            this.embedded = embedded;
        }

        @Override
        public boolean canRead(final Classification classification) {
            return classification.getKind() == kind;
        }

        @Override
        public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
            calls.incrementAndGet();
            final String[] lines = new String(input.bytes(), StandardCharsets.UTF_8).split("\n");
            final List<TextSegment> segments = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                final int line = i + 1;
                segments.add(new TextSegment(input.artifactId(), lines[i], (s, e) -> "text:line=" + line + ",chars=" + s + "-" + e,
                        Map.of(SegmentContext.ROLE, "note")));
            }
            final List<Notice> notices = warnings.stream().map(w -> Notice.newBuilder().setCode(Codes.LOSSY_NORMALIZATION)
                    .setMessage(w).setFields(List.of()).setEvidence(List.of()).setArtifactId(input.artifactId()).build()).toList();
            return new ArtifactContent(input.artifactId(), kind, "text/plain", true, segments, List.of(), notices, embedded,
                    Map.of(SegmentContext.ANCHOR, "2026-10-14T07:31:00Z", SegmentContext.ZONE, "+02:00"));
        }
    }

    /** Classifies by the first word of the content: "EMAIL ..." is an email, anything else a note. */
    private static Classification classify(final ArtifactInput input) {
        final String text = new String(input.bytes(), StandardCharsets.UTF_8);
        final ArtifactKind kind = text.startsWith("EMAIL") ? ArtifactKind.EMAIL
                : text.startsWith("BLOB") ? ArtifactKind.OTHER : ArtifactKind.ESCALATION_NOTE;
        return Classification.newBuilder().setKind(kind).setMediaType("text/plain").setReason("test")
                .setConfidence(kind == ArtifactKind.OTHER ? 0.3 : 0.9).build();
    }

    /** Flags the canary as an API key and redacts it, as the real scanner would. */
    private static final PrivacyScanner CANARY_SCANNER = (artifactId, kind, bytes, segments) -> {
        final boolean found = segments.stream().anyMatch(s -> s.text().contains(CANARY));
        if (!found) {
            return PrivacyReport.empty();
        }
        final PrivacyFinding finding = PrivacyFinding.newBuilder().setCode(PrivacyCode.SECRET_API_KEY).setArtifactId(artifactId)
                .setLocator("text:line=2,chars=9-37").setExcerpt("api key [REDACTED]")
                .setValueHash(Hashing.shortHash(CANARY)).setSecret(true).build();
        return new PrivacyReport(List.of(finding), text -> text.replace(CANARY, "[REDACTED sha256:" + Hashing.shortHash(CANARY) + "]"));
    };

    private ArtifactExtractor extractor(final ReadLimits limits, final PrivacyScanner scanner, final ArtifactReader... readers) {
        final ArtifactExtractor extractor = new ArtifactExtractor(limits, scanner, 100, new ReaderRegistry(List.of(readers)),
                ArtifactExtractorTest::classify);
        opened.add(extractor);
        return extractor;
    }

    private static ArtifactInput note(final String id, final String text) {
        return new ArtifactInput(id, null, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Stream<String> allStrings(final ExtractionResult result) {
        final Stream<String> candidates = result.candidates().stream().flatMap(c -> Stream.concat(
                Stream.of(c.getValue(), c.getEvidence().getExcerpt(), c.getEvidence().getLocator()),
                c.getAttributes().values().stream()));
        final Stream<String> warnings = result.warnings().stream().map(Notice::getMessage);
        return Stream.concat(Stream.concat(candidates, warnings), result.attributes().values().stream());
    }

    @Test
    void shouldRedactPlantedSecretFromCandidatesAndWarningsWhenScannerFindsIt() {
        // Given
        final LineReader reader = new LineReader(ArtifactKind.ESCALATION_NOTE,
                List.of("could not parse value " + CANARY), List.of());
        final ArtifactExtractor extractor = extractor(FAST, CANARY_SCANNER, reader);
        final String text = "Customer: Brightlake Ceramics GmbH\nAPI key " + CANARY + " was pasted here since 09:05 CEST";

        // When
        final ExtractionResult result = extractor.extract(note("note.md", text));

        // Then
        assertThat(allStrings(result)).noneMatch(s -> s.contains(CANARY));
        assertThat(result.sanitized()).isFalse();
        assertThat(result.findings()).extracting(PrivacyFinding::getCode).containsExactly(PrivacyCode.SECRET_API_KEY);
        assertThat(result.candidates()).anySatisfy(c -> assertThat(c.getEvidence().getExcerpt()).contains("[REDACTED sha256:"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w.getMessage()).contains("[REDACTED sha256:"));
    }

    @Test
    void shouldMineEverySegmentAndAddItsTextWithContext() {
        // Given
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(),
                new LineReader(ArtifactKind.ESCALATION_NOTE, List.of(), List.of()));

        // When
        final ExtractionResult result = extractor.extract(note("note.md", "Start 09:05 CEST.\nWhole company affected."));

        // Then
        assertThat(result.readable()).isTrue();
        assertThat(result.sanitized()).isTrue();
        assertThat(result.attributes()).containsEntry(SegmentContext.ANCHOR, "2026-10-14T07:31:00Z");
        assertThat(result.candidates()).filteredOn(c -> c.getType() == MentionType.OTHER)
                .extracting(Candidate::getField, Candidate::getValue, c -> c.getEvidence().getLocator())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text", "Start 09:05 CEST.", "text:line=1,chars=0-17"),
                        org.assertj.core.groups.Tuple.tuple("text", "Whole company affected.", "text:line=2,chars=0-23"));
        assertThat(result.candidates()).filteredOn(c -> c.getType() == MentionType.TIME_CLAIM).singleElement()
                .satisfies(c -> assertThat(c.getEvidence().getLocator()).isEqualTo("text:line=1,chars=6-16"));
    }

    @Test
    void shouldWarnAndReturnWhenReaderHangs() {
        // Given
        final CountDownLatch never = new CountDownLatch(1);
        final ArtifactReader hanging = new ArtifactReader() {
            @Override
            public boolean canRead(final Classification classification) {
                return true;
            }

            @Override
            public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits)
                    throws Exception {
                never.await();
                throw new IllegalStateException("unreachable");
            }
        };
        final ArtifactExtractor extractor = extractor(SHORT, (a, k, b, s) -> PrivacyReport.empty(), hanging);

        // When
        final ExtractionResult result = extractor.extract(note("huge.docx", "anything"));

        // Then
        assertThat(result.readable()).isFalse();
        assertThat(result.warnings()).filteredOn(w -> w.getCode().equals(Codes.ARTIFACT_UNREADABLE)).singleElement()
                .satisfies(w -> assertThat(w.getMessage()).startsWith("huge.docx: reading took longer than"));
    }

    @Test
    void shouldKeepReadingOtherArtifactsWhenHostileReadersIgnoreInterrupts() throws InterruptedException {
        // Given
        final CountDownLatch release = new CountDownLatch(1);
        final LineReader notes = new LineReader(ArtifactKind.ESCALATION_NOTE, List.of(), List.of());
        final ArtifactReader stubborn = new ArtifactReader() {
            @Override
            public boolean canRead(final Classification classification) {
                return classification.getKind() == ArtifactKind.EMAIL;
            }

            @Override
            public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (final InterruptedException ignored) {
                        // A hostile parser swallows the interrupt and carries on.
                    }
                }
                throw new IllegalStateException("released");
            }
        };
        final ArtifactExtractor extractor = extractor(SHORT, (a, k, b, s) -> PrivacyReport.empty(), stubborn, notes);
        final int stuck = Math.max(2, Runtime.getRuntime().availableProcessors());

        // When
        for (int i = 0; i < stuck; i++) {
            extractor.extract(note("hostile-" + i + ".eml", "EMAIL " + i));
        }
        final ExtractionResult healthy = extractor.extract(note("note.md", "Start 09:05 CEST."));
        release.countDown();

        // Then
        assertThat(healthy.readable()).isTrue();
        assertThat(healthy.warnings()).isEmpty();
        assertThat(healthy.candidates()).extracting(Candidate::getType).contains(MentionType.TIME_CLAIM);
    }

    @Test
    void shouldWarnWithoutQuotingContentWhenReaderThrows() {
        // Given
        final ArtifactReader throwing = new ArtifactReader() {
            @Override
            public boolean canRead(final Classification classification) {
                return true;
            }

            @Override
            public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
                throw new IllegalArgumentException("bad token near 'password=hunter2'");
            }
        };
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(), throwing);

        // When
        final ExtractionResult result = extractor.extract(note("ticket.csv", "password=hunter2"));

        // Then
        assertThat(result.candidates()).isEmpty();
        assertThat(result.warnings()).filteredOn(w -> w.getCode().equals(Codes.ARTIFACT_UNREADABLE)).singleElement()
                .satisfies(w -> assertThat(w.getMessage()).contains("ticket.csv").contains("IllegalArgumentException")
                        .doesNotContain("hunter2").doesNotContain("\n"));
    }

    @Test
    void shouldWarnWhenReaderOverflowsStack() {
        // Given
        final ArtifactReader recursive = new ArtifactReader() {
            @Override
            public boolean canRead(final Classification classification) {
                return true;
            }

            @Override
            public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
                throw new StackOverflowError();
            }
        };
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(), recursive);

        // When
        final ExtractionResult result = extractor.extract(note("deep.xml", "<a><a><a>"));

        // Then
        assertThat(result.warnings()).extracting(Notice::getMessage)
                .anySatisfy(m -> assertThat(m).startsWith("deep.xml: nested too deeply to read (ArtifactExtractorTest$"));
    }

    @Test
    void shouldNotParseTwiceWhenBytesAreIdentical() {
        // Given
        final LineReader reader = new LineReader(ArtifactKind.ESCALATION_NOTE, List.of(), List.of());
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(), reader);
        final ArtifactInput input = note("note.md", "Start 09:05 CEST.");

        // When
        final ExtractionResult first = extractor.extract(input);
        final ExtractionResult second = extractor.extract(note("note.md", "Start 09:05 CEST."));

        // Then
        assertThat(reader.calls.get()).isEqualTo(1);
        assertThat(second).isEqualTo(first);
        assertThat(extractor.cacheStats().hits()).isEqualTo(1);
        assertThat(extractor.cacheStats().misses()).isEqualTo(1);
    }

    @Test
    void shouldMergeEmbeddedCandidatesUnderParentArtifact() {
        // Given
        final byte[] attachment = "Contacts: Leonie Wachter, Matthias Ebner.".getBytes(StandardCharsets.UTF_8);
        final LineReader email = new LineReader(ArtifactKind.EMAIL, List.of(),
                List.of(new ArtifactContent.EmbeddedArtifact("contacts.txt", "text/plain", attachment)));
        final LineReader notes = new LineReader(ArtifactKind.ESCALATION_NOTE, List.of(), List.of());
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(), email, notes);

        // When
        final ExtractionResult result = extractor.extract(note("leonie.eml", "EMAIL body: all 420 staff fail"));

        // Then
        assertThat(result.candidates()).filteredOn(c -> c.getType() == MentionType.PERSON)
                .extracting(Candidate::getValue).containsExactly("Leonie Wachter", "Matthias Ebner");
        assertThat(result.candidates()).filteredOn(c -> c.getType() == MentionType.PERSON)
                .allSatisfy(c -> {
                    assertThat(c.getEvidence().getArtifactId()).isEqualTo("leonie.eml");
                    assertThat(c.getAttributes()).containsEntry(ArtifactExtractor.EMBEDDED, "contacts.txt");
                });
        assertThat(result.candidates()).filteredOn(c -> c.getType() == MentionType.USERS_AFFECTED)
                .extracting(Candidate::getValue).containsExactly("420");
    }

    @Test
    void shouldStopFollowingAttachmentsWhenEmbeddedLimitIsReached() {
        // Given
        final byte[] inner = "EMAIL again".getBytes(StandardCharsets.UTF_8);
        final List<ArtifactContent.EmbeddedArtifact> many = List.of(
                new ArtifactContent.EmbeddedArtifact("a.eml", "message/rfc822", inner),
                new ArtifactContent.EmbeddedArtifact("b.eml", "message/rfc822", inner));
        final LineReader email = new LineReader(ArtifactKind.EMAIL, List.of(), many);
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(), email);

        // When
        final ExtractionResult result = extractor.extract(note("loop.eml", "EMAIL outer"));

        // Then
        assertThat(email.calls.get()).isEqualTo(1 + FAST.maxEmbedded());
        assertThat(result.warnings()).extracting(Notice::getMessage).anyMatch(m -> m.contains("not read (limit of 3"));
    }

    @Test
    void shouldNotParseWhenBytesExceedLimit() {
        // Given
        final LineReader reader = new LineReader(ArtifactKind.ESCALATION_NOTE, List.of(), List.of());
        final ReadLimits tiny = new ReadLimits(10, 100, 100, 1, 4, Duration.ofSeconds(5));
        final ArtifactExtractor extractor = extractor(tiny, (a, k, b, s) -> PrivacyReport.empty(), reader);

        // When
        final ExtractionResult result = extractor.extract(note("big.md", "more than ten bytes of text"));

        // Then
        assertThat(reader.calls.get()).isZero();
        assertThat(result.readable()).isFalse();
        assertThat(result.warnings()).extracting(Notice::getMessage)
                .containsExactly("big.md: 27 bytes is over the 10-byte limit; not parsed");
    }

    @Test
    void shouldWarnUnclassifiedWhenClassifierIsUnsure() {
        // Given
        final LineReader other = new LineReader(ArtifactKind.OTHER, List.of(), List.of());
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(), other);

        // When
        final ExtractionResult result = extractor.extract(note("mystery.bin", "BLOB 0x00"));

        // Then
        assertThat(result.warnings()).extracting(Notice::getCode).contains(Codes.ARTIFACT_UNCLASSIFIED);
    }

    @Test
    void shouldDropAllTextWhenPrivacyScanFails() {
        // Given
        final PrivacyScanner broken = (a, k, b, s) -> {
            throw new IllegalStateException("scanner bug");
        };
        final ArtifactExtractor extractor = extractor(FAST, broken,
                new LineReader(ArtifactKind.ESCALATION_NOTE, List.of(), List.of()));

        // When
        final ExtractionResult result = extractor.extract(note("note.md", "token " + CANARY));

        // Then
        assertThat(result.candidates()).isEmpty();
        assertThat(result.sanitized()).isFalse();
        assertThat(result.warnings()).extracting(Notice::getMessage).contains("note.md: privacy scan failed; no text of it is used");
    }

    @Test
    void shouldCollapseIdenticalMentionsWhenReaderRepeatsThem() {
        // Given
        final Function<ArtifactInput, ArtifactContent> twice = input -> {
            final TextSegment s = new TextSegment(input.artifactId(), "Production down", (a, b) -> "csv:row=2,col=Environment", Map.of());
            return new ArtifactContent(input.artifactId(), ArtifactKind.TICKET_EXPORT, "text/csv", true, List.of(s, s), List.of(),
                    List.of(), List.of(), Map.of());
        };
        final ArtifactReader reader = new ArtifactReader() {
            @Override
            public boolean canRead(final Classification classification) {
                return true;
            }

            @Override
            public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
                return twice.apply(input);
            }
        };
        final ArtifactExtractor extractor = extractor(FAST, (a, k, b, s) -> PrivacyReport.empty(), reader);

        // When
        final ExtractionResult result = extractor.extract(note("t.csv", "x"));

        // Then
        assertThat(result.candidates()).filteredOn(c -> c.getType() == MentionType.ENVIRONMENT_CUE).hasSize(1);
        assertThat(result.candidates()).filteredOn(c -> c.getType() == MentionType.OTHER).hasSize(1);
    }
}
