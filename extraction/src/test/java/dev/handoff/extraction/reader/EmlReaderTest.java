package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EmlReaderTest {

    private static final Classification EMAIL = Classification.newBuilder().setKind(ArtifactKind.EMAIL)
            .setMediaType("message/rfc822").setReason("test").setConfidence(1.0).build();
    private static final Pattern BODY_LOCATOR = Pattern.compile("eml:message=(<[^>]+>),body,chars=(\\d+)-(\\d+)");

    private final EmlReader reader = new EmlReader();

    @Test
    void shouldReadQuotedPrintablePlainAlternativeWithEncodedHeadersAndOriginalOffset() throws Exception {
        // Given
        final ArtifactContent content = read("alternative_qp_forward.eml");

        // When
        final TextSegment subject = segment(content, "subject");
        final Candidate date = candidates(content, MentionType.TIME_CLAIM).get(0);

        // Then
        assertThat(subject.text()).isEqualTo("Fwd: SSO-Störung in Graz");
        assertThat(subject.locateAll()).isEqualTo("eml:message=<fwd-0001@fabrikam-holz.example>,header=Subject");
        assertThat(date.getValue()).isEqualTo("Wed, 14 Oct 2026 00:20:31 -0700 (PDT)");
        assertThat(date.getEvidence().getLocator()).isEqualTo("eml:message=<fwd-0001@fabrikam-holz.example>,header=Date");
        assertThat(date.getAttributes()).containsEntry(SegmentContext.ZONE, "-07:00")
                .containsEntry(SegmentContext.ANCHOR, "2026-10-14T07:20:31Z").containsEntry(SegmentContext.TIME_ROLE, "REPORT");
        assertThat(content.attributes()).containsEntry(SegmentContext.ZONE, "-07:00");
        assertThat(segment(content, "body").text()).startsWith("Hi team,").contains("Users in Graz cannot sign in")
                .doesNotContain("<p>");
        assertThat(candidates(content, MentionType.PERSON)).anySatisfy(p -> {
            assertThat(p.getValue()).isEqualTo("Mara Köhler");
            assertThat(p.getAttributes()).containsEntry(SegmentContext.PARTICIPATION, "CC")
                    .containsEntry(SegmentContext.EMAIL, "mara.koehler@fabrikam-holz.example");
        });
    }

    @Test
    void shouldSplitInlineForwardWithItsOwnSenderAndDate() throws Exception {
        // Given
        final byte[] bytes = fixture("alternative_qp_forward.eml");

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("fwd.eml", null, bytes), EMAIL, ReadLimits.defaults());

        // Then
        final TextSegment forwarded = segment(content, "forwarded");
        assertThat(forwarded.text()).contains("Seit 07:50 bekommen alle in Graz den Fehler AADSTS50107");
        assertThat(forwarded.context()).containsEntry(SegmentContext.AUTHOR, "Mara Köhler <mara.koehler@fabrikam-holz.example>")
                .containsEntry(SegmentContext.ZONE, "+02:00").containsEntry(SegmentContext.ANCHOR, "2026-10-14T06:12:09Z")
                .containsEntry(SegmentContext.MESSAGE_ID, "<fwd-0001@fabrikam-holz.example>");
        assertThat(candidates(content, MentionType.TIME_CLAIM)).anySatisfy(t -> {
            assertThat(t.getValue()).isEqualTo("Wed, 14 Oct 2026 08:12:09 +0200");
            assertThat(t.getEvidence().getLocator()).startsWith("eml:message=<fwd-0001@fabrikam-holz.example>,body,chars=");
            assertThat(t.getAttributes()).containsEntry(SegmentContext.ZONE, "+02:00");
        });
        assertThat(candidates(content, MentionType.PERSON)).anySatisfy(p -> {
            assertThat(p.getAttributes()).containsEntry(SegmentContext.PARTICIPATION, "SENDER")
                    .containsEntry(SegmentContext.EMAIL, "mara.koehler@fabrikam-holz.example");
            assertThat(p.getEvidence().getLocator()).contains(",body,chars=");
        });
        assertEveryBodyLocatorIsVerbatim(content);
    }

    @Test
    void shouldMarkSignatureAndDisclaimer() throws Exception {
        // Given
        final ArtifactContent content = read("alternative_qp_forward.eml");

        // When
        final TextSegment signature = segment(content, "signature");
        final TextSegment disclaimer = segment(content, "disclaimer");

        // Then
        assertThat(signature.text()).startsWith("-- ").contains("Service Desk Lead, Fabrikam Holz AG");
        assertThat(disclaimer.text()).startsWith("This e-mail and any attachments are confidential");
        assertThat(segment(content, "body").text()).doesNotContain("confidential").doesNotContain("Service Desk Lead");
    }

    @Test
    void shouldConvertHtmlOnlyBodyAndGiveStableSyntheticIdWhenMessageIdMissing() throws Exception {
        // Given
        final byte[] bytes = fixture("html_only_no_message_id.eml");

        // When
        final ArtifactContent first = reader.read(new ArtifactInput("a.eml", null, bytes), EMAIL, ReadLimits.defaults());
        final ArtifactContent second = reader.read(new ArtifactInput("a.eml", null, bytes), EMAIL, ReadLimits.defaults());

        // Then
        final TextSegment body = segment(first, "body");
        assertThat(body.text()).contains("our SAML login fails for everyone at Northwind since 10:15 CET.")
                .doesNotContain("<b>").doesNotContain("color: red");
        assertThat(body.context(SegmentContext.MESSAGE_ID)).matches("<[0-9a-f]{16}@handoff>");
        assertThat(second.attributes().get(SegmentContext.MESSAGE_ID)).isEqualTo(body.context(SegmentContext.MESSAGE_ID));
        assertThat(segment(first, "signature").text()).startsWith("Priya Raman");
    }

    @Test
    void shouldSplitQuotedRepliesWithAttributionSenderAndDate() throws Exception {
        // Given
        final ArtifactContent content = read("base64_quoted_reply.eml");

        // When
        final List<TextSegment> quoted = content.segments().stream().filter(s -> "quoted".equals(s.context(SegmentContext.ROLE))).toList();

        // Then
        assertThat(segment(content, "body").text()).startsWith("Thanks, we are still blocked.");
        assertThat(quoted).hasSize(2);
        assertThat(quoted.get(0).text()).contains("> Could you send us a HAR file");
        assertThat(quoted.get(0).context(SegmentContext.AUTHOR)).isEqualTo("Aster Support <support@aster-access.example>");
        assertThat(quoted.get(1).text()).contains("> Bei uns schlägt SSO seit 16:05 fehl.");
        assertThat(quoted.get(1).context(SegmentContext.AUTHOR)).isEqualTo("Dana Whitfield <dana.whitfield@contoso.example>");
        assertThat(candidates(content, MentionType.TIME_CLAIM)).extracting(Candidate::getValue)
                .contains("Tue, 13 Oct 2026 at 17:02", "13.10.2026 um 16:40");
        assertThat(segment(content, "signature").text()).isEqualTo("Dana Whitfield\nIT Admin, Contoso Ltd");
        assertEveryBodyLocatorIsVerbatim(content);
    }

    @Test
    void shouldReadGermanRfc822ForwardAsItsOwnMessage() throws Exception {
        // Given
        final Path file = corpus("email/mime4j_fwd_german_rfc822.eml");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(content.attributes()).containsEntry(SegmentContext.ZONE, "+02:00")
                .containsEntry(SegmentContext.ANCHOR, "1996-06-20T06:35:17Z");
        assertThat(candidates(content, MentionType.PERSON)).anySatisfy(p -> {
            assertThat(p.getValue()).isEqualTo("Guenter Deuschle");
            assertThat(p.getAttributes()).containsEntry(SegmentContext.PARTICIPATION, "SENDER")
                    .containsEntry(SegmentContext.EMAIL, "deuschle@mnh.telekom.de");
            assertThat(p.getEvidence().getLocator())
                    .isEqualTo("eml:message=<199606191814.SAA30680@ULM02.mnh.telekom.de>,header=From");
        });
        assertThat(candidates(content, MentionType.TIME_CLAIM)).anySatisfy(t -> {
            assertThat(t.getValue()).isEqualTo("Wed, 19 Jun 1996 18:12:02 +0200");
            assertThat(t.getAttributes()).containsEntry(SegmentContext.ZONE, "+02:00")
                    .containsEntry(SegmentContext.ANCHOR, "1996-06-19T16:12:02Z");
        });
        assertThat(content.segments()).anySatisfy(s -> {
            assertThat(s.text()).startsWith("Hallo Herr Specht,").contains("zur Verfügung!");
            assertThat(s.context(SegmentContext.AUTHOR)).isEqualTo("Guenter Deuschle <deuschle@mnh.telekom.de>");
        });
        assertThat(content.embedded()).anySatisfy(e -> assertThat(e.mediaType()).isEqualTo("message/rfc822"));
    }

    @Test
    void shouldAnchorObsoleteTwoDigitYearAndKeepRawText() throws Exception {
        // Given
        final Path file = corpus("email/mikel_rfc2822_obsolete_2digit_year_gmt.eml");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(candidates(content, MentionType.TIME_CLAIM)).singleElement().satisfies(t -> {
            assertThat(t.getValue()).isEqualTo("21 Nov 97 09:55:06 GMT");
            assertThat(t.getAttributes()).containsEntry(SegmentContext.ANCHOR, "1997-11-21T09:55:06Z")
                    .containsEntry(SegmentContext.ZONE, "Z");
        });
    }

    @Test
    void shouldKeepBadDateAsRawTextWithoutAnchor() throws Exception {
        // Given
        final Path file = corpus("email/mikel_bad_date_polish.eml");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(candidates(content, MentionType.TIME_CLAIM)).singleElement().satisfies(t -> {
            assertThat(t.getValue()).isEqualTo("Pn, 29 paX 2007 21:13:00 +0100");
            assertThat(t.getAttributes()).doesNotContainKey(SegmentContext.ANCHOR);
        });
        assertThat(content.attributes()).doesNotContainKey(SegmentContext.ANCHOR);
    }

    @Test
    void shouldReadRawUtf8HeadersWhole() throws Exception {
        // Given
        final Path file = corpus("email/mikel_rfc6532_raw_utf8_headers.eml");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(segment(content, "subject").text()).isEqualTo("Säying Hello");
        assertThat(candidates(content, MentionType.PERSON)).anySatisfy(p -> {
            assertThat(p.getValue()).isEqualTo("Jöhn Doe");
            assertThat(p.getAttributes()).containsEntry(SegmentContext.EMAIL, "jdöe@mächine.example");
        });
    }

    @Test
    void shouldNotSplitMboxAtUnquotedFromInBody() throws Exception {
        // Given
        final Path file = corpus("email/cpython_mailbox_01_unquoted_from.mbox");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(segment(content, "body").text()).contains("From time to time");
        assertThat(segment(content, "subject").text()).isEqualTo("unquoted From in body; extra info on From line");
    }

    @Test
    void shouldReadEveryCorpusEmailWithoutEscapingException() throws Exception {
        // Given
        final Path dir = corpus("email");
        final List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }

        // When / Then
        assertThat(files).hasSizeGreaterThanOrEqualTo(17);
        for (final Path file : files) {
            assertThatCode(() -> {
                final ArtifactContent content = read(file);
                assertThat(content.segments()).as(file.getFileName().toString()).isNotEmpty();
                assertEveryBodyLocatorIsVerbatim(content);
            }).as(file.getFileName().toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldReadExamplePacketEmailWithSenderAndOffset() throws Exception {
        // Given
        final Path file = corpus("../../contract/examples/packets/PKT-EX-0001/leonie.eml");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(content.attributes()).containsEntry(SegmentContext.ZONE, "+02:00")
                .containsEntry(SegmentContext.ANCHOR, "2026-10-14T07:31:00Z");
        assertThat(segment(content, "body").text()).contains("since 09:05 this morning all 420 Brightlake staff fail at SSO");
        assertThat(candidates(content, MentionType.EMAIL_ADDRESS)).extracting(Candidate::getValue)
                .contains("leonie.wachter@brightlake-ceramics.example", "matthias.ebner@brightlake-ceramics.example");
    }

    /** Every body locator must cut exactly the segment's text out of that message's decoded body. */
    private static void assertEveryBodyLocatorIsVerbatim(final ArtifactContent content) {
        for (final TextSegment s : content.segments()) {
            final Matcher m = BODY_LOCATOR.matcher(s.locateAll());
            if (m.matches()) {
                final int start = Integer.parseInt(m.group(2));
                final int end = Integer.parseInt(m.group(3));
                assertThat(end - start).isEqualTo(s.text().length());
                final String inner = s.locate(1, Math.min(3, s.text().length()));
                assertThat(inner).endsWith("chars=" + (start + 1) + "-" + (start + Math.min(3, s.text().length())));
            }
        }
    }

    private ArtifactContent read(final String fixture) throws Exception {
        return reader.read(new ArtifactInput(fixture, null, fixture(fixture)), EMAIL, ReadLimits.defaults());
    }

    private ArtifactContent read(final Path file) throws Exception {
        return reader.read(new ArtifactInput(file.getFileName().toString(), null, Files.readAllBytes(file)), EMAIL,
                ReadLimits.defaults());
    }

    private static TextSegment segment(final ArtifactContent content, final String role) {
        return content.segments().stream().filter(s -> role.equals(s.context(SegmentContext.ROLE))).findFirst()
                .orElseThrow(() -> new AssertionError("no segment with role " + role));
    }

    private static List<Candidate> candidates(final ArtifactContent content, final MentionType type) {
        return content.candidates().stream().filter(c -> c.getType() == type).toList();
    }

    private static byte[] fixture(final String name) throws IOException {
        try (InputStream in = EmlReaderTest.class.getResourceAsStream("/h2/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    /** A file under shared/corpus/real, found by walking up from the working directory; skips when absent. */
    static Path corpus(final String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("shared/corpus"))) {
            dir = dir.getParent();
        }
        assumeThat(dir).as("shared/corpus not found above the working directory").isNotNull();
        final Path file = dir.resolve("shared/corpus/real").resolve(relative).normalize();
        assumeThat(Files.exists(file)).as(file + " exists").isTrue();
        return file;
    }
}
