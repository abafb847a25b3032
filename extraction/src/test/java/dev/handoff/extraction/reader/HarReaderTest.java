package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.SegmentContext;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * canaries: ESTSAUTH=0.AVYAexample-fake-session-cookie (request_only.har), the SAMLRequest value in request_only.har.
 */
class HarReaderTest {

    private static final Classification HAR = Classification.newBuilder().setKind(ArtifactKind.HAR_SUMMARY)
            .setMediaType("application/json").setReason("test").setConfidence(1.0).build();

    private final HarReader reader = new HarReader();

    @Test
    void shouldRecordRedirectChainOfPlaywrightCapture() throws Exception {
        // Given
        final Path file = EmlReaderTest.corpus("har/playwright_redirect_chain.har");

        // When
        final ArtifactContent content = read(file);

        // Then
        final String chain = "https://theverge.com/ -> http://www.theverge.com/ -> https://www.theverge.com/";
        assertThat(content.attributes()).containsEntry(HarReader.REDIRECT_CHAIN, chain)
                .containsEntry(SegmentContext.ANCHOR, "2022-06-16T21:41:23.951Z").containsEntry(SegmentContext.ZONE, "Z");
        assertThat(candidates(content, MentionType.TIME_CLAIM)).first().satisfies(t -> {
            assertThat(t.getValue()).isEqualTo("2022-06-16T21:41:23.951Z");
            assertThat(t.getEvidence().getLocator()).isEqualTo("har:/log/entries/0/startedDateTime");
            assertThat(t.getAttributes()).containsEntry(SegmentContext.TIME_ROLE, "MACHINE").containsEntry("status", "301")
                    .containsEntry(HarReader.REDIRECT_CHAIN, chain);
        });
        assertThat(candidates(content, MentionType.HOSTNAME)).extracting(Candidate::getValue)
                .containsExactly("theverge.com", "www.theverge.com");
    }

    @Test
    void shouldReadRequestOnlyEntriesOfGrafanaHar() throws Exception {
        // Given
        final Path file = EmlReaderTest.corpus("har/grafana_har-to-k6_full_request_only.har");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(content.segments()).anySatisfy(s -> {
            assertThat(s.text()).isEqualTo("https://httpbin.org/get?page=Home");
            assertThat(s.locateAll()).isEqualTo("har:/log/entries/1/request/url");
            assertThat(s.context(SegmentContext.ROLE)).isEqualTo("har-url");
        });
        assertThat(content.segments()).noneMatch(s -> s.locateAll().contains("/response/"));
        assertThat(candidates(content, MentionType.HOSTNAME)).extracting(Candidate::getValue).contains("httpbin.org");
    }

    @Test
    void shouldReadRequestOnlyFixtureWithHeadersAndSsoCuesButNoTokenInExcerpts() throws Exception {
        // Given
        final byte[] bytes = fixture("request_only.har");

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("request_only.har", null, bytes), HAR, ReadLimits.defaults());

        // Then
        assertThat(content.segments()).anySatisfy(s -> {
            assertThat(s.locateAll()).isEqualTo("har:/log/entries/0/request/headers/0");
            assertThat(s.context(SegmentContext.ROLE)).isEqualTo("har-header");
            assertThat(s.text()).startsWith("Cookie: ESTSAUTH=");
        });
        assertThat(candidates(content, MentionType.SURFACE_CUE)).extracting(Candidate::getValue)
                .contains("saml2", "SAMLRequest", "oauth2", "/token");
        assertThat(content.candidates()).allSatisfy(c ->
                assertThat(c.getEvidence().getExcerpt()).doesNotContain("fZJNT8MwDIb").doesNotContain("ESTSAUTH"));
    }

    @Test
    void shouldParseHarWithByteOrderMark() throws Exception {
        // Given
        final Path file = EmlReaderTest.corpus("har/mitmproxy_with_bom.har");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(candidates(content, MentionType.TIME_CLAIM)).singleElement()
                .satisfies(t -> assertThat(t.getValue()).isEqualTo("2023-07-15T13:37:26.093Z"));
        assertThat(read("bom.har").segments()).anySatisfy(s -> assertThat(s.text()).isEqualTo("https://sso.fabrikam.example/"));
    }

    @Test
    void shouldKeepCompleteEntriesOfTruncatedHarAndWarn() throws Exception {
        // Given
        final byte[] bytes = fixture("truncated.har");

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("truncated.har", null, bytes), HAR, ReadLimits.defaults());

        // Then
        assertThat(content.warnings()).singleElement().satisfies(w -> assertThat(w.getCode()).isEqualTo("ARTIFACT_TRUNCATED"));
        assertThat(candidates(content, MentionType.TIME_CLAIM)).extracting(Candidate::getValue)
                .containsExactly("2026-10-14T07:40:00.000Z", "2026-10-14T07:40:01.000Z");
        assertThat(candidates(content, MentionType.TIME_CLAIM).get(1).getAttributes())
                .containsEntry("status", "500").containsEntry("failure", "true");
        assertThat(content.attributes().get(HarReader.REDIRECT_CHAIN))
                .isEqualTo("https://app.fabrikam.example/ -> https://login.fabrikam.example/adfs/ls/");
        assertThat(content.segments()).anySatisfy(s -> {
            assertThat(s.text()).contains("MSIS7012");
            assertThat(s.locateAll()).isEqualTo("har:/log/entries/1/response/content/text");
        });
    }

    @Test
    void shouldFlagFailedEntriesOfErrorLog() throws Exception {
        // Given
        final Path file = EmlReaderTest.corpus("har/mitmproxy_error_log.har");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(candidates(content, MentionType.TIME_CLAIM)).first().satisfies(t ->
                assertThat(t.getAttributes()).containsEntry("status", "0").containsEntry("failure", "true"));
        assertThat(content.segments()).anySatisfy(s -> {
            assertThat(s.text()).contains("Connect call failed");
            assertThat(s.context(SegmentContext.ROLE)).isEqualTo("har-error");
        });
    }

    @Test
    void shouldThrowOneLineErrorForBrokenHar() {
        // Given
        final Path file = EmlReaderTest.corpus("har/mitmproxy_brokenfile_corrupt.har");

        // When / Then
        assertThatThrownBy(() -> read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("not a readable HAR")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldReadEveryCorpusHarOrThrowCleanly() throws Exception {
        // Given
        final List<Path> files;
        try (Stream<Path> s = Files.list(EmlReaderTest.corpus("har"))) {
            files = s.filter(p -> p.toString().endsWith(".har")).sorted().toList();
        }

        // When / Then
        assertThat(files).hasSizeGreaterThanOrEqualTo(16);
        for (final Path file : files) {
            if (file.getFileName().toString().contains("brokenfile")) {
                assertThatThrownBy(() -> read(file)).isInstanceOf(IOException.class);
                continue;
            }
            assertThatCode(() -> assertThat(read(file).segments()).isNotEmpty())
                    .as(file.getFileName().toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldSkipBase64BinaryBodiesOfSafariHar() throws Exception {
        // Given
        final Path file = EmlReaderTest.corpus("har/mitmproxy_safari.har");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(content.segments()).noneMatch(s -> s.locateAll().equals("har:/log/entries/2/response/content/text"));
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("har:/log/entries/0/response/content/text"));
    }

    private ArtifactContent read(final Path file) throws Exception {
        return reader.read(new ArtifactInput(file.getFileName().toString(), null, Files.readAllBytes(file)), HAR,
                ReadLimits.defaults());
    }

    private ArtifactContent read(final String fixture) throws Exception {
        return reader.read(new ArtifactInput(fixture, null, fixture(fixture)), HAR, ReadLimits.defaults());
    }

    private static List<Candidate> candidates(final ArtifactContent content, final MentionType type) {
        return content.candidates().stream().filter(c -> c.getType() == type).toList();
    }

    private static byte[] fixture(final String name) throws IOException {
        try (InputStream in = HarReaderTest.class.getResourceAsStream("/h2/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
