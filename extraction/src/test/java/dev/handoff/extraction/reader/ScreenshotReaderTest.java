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
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ScreenshotReaderTest {

    private static final Classification SCREENSHOT = Classification.newBuilder().setKind(ArtifactKind.SCREENSHOT)
            .setMediaType("image/png").setReason("test").setConfidence(1.0).build();
    private static final Pattern BBOX = Pattern.compile("ocr:page=1,bbox=(\\d+),(\\d+),(\\d+),(\\d+)");

    private final ScreenshotReader reader = new ScreenshotReader();

    @Test
    void shouldReadRenderedErrorLineAndGuidWithBoxesInImageCoordinates() throws Exception {
        // Given
        final BufferedImage image = new BufferedImage(900, 220, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 900, 220);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        g.drawString("Sign-in failed: AADSTS50107 federation realm not found", 30, 60);
        g.drawString("Tenant ID: 0b9a6f1e-2c4d-4e8f-9a1b-3c5d7e9f1a2b", 30, 130);
        g.dispose();

        // When
        final ArtifactContent content = reader.read(new ArtifactInput("drawn.png", null, png(image)), SCREENSHOT,
                ReadLimits.defaults());

        // Then
        final TextSegment error = content.segments().stream().filter(s -> s.text().contains("AADSTS50107")).findFirst()
                .orElseThrow();
        assertThat(error.context()).containsEntry(SegmentContext.OCR, "true").containsEntry(SegmentContext.ROLE, "ocr")
                .containsKey(SegmentContext.OCR_CONFIDENCE);
        final int[] box = box(error.locateAll());
        assertThat(box[0]).isBetween(20, 40);
        assertThat(box[1]).isBetween(35, 60);
        assertThat(box[0] + box[2]).isLessThanOrEqualTo(900);
        assertThat(guids(content)).singleElement().satisfies(c -> {
            assertThat(c.getValue()).isEqualTo("0b9a6f1e-2c4d-4e8f-9a1b-3c5d7e9f1a2b");
            assertThat(c.getConfidence()).isLessThanOrEqualTo(0.6);
            assertThat(c.getAttributes()).containsEntry(SegmentContext.OCR, "true");
            assertThat(box(c.getEvidence().getLocator())[1]).isBetween(105, 135);
        });
    }

    @Test
    void shouldReadExamplePacketErrorScreenshot() throws Exception {
        // Given
        final Path file = EmlReaderTest.corpus("../../contract/examples/packets/PKT-EX-0001/error.png");

        // When
        final ArtifactContent content = read(file);

        // Then
        assertThat(content.segments()).extracting(TextSegment::text)
                .anySatisfy(t -> assertThat(t).contains("ASTR-2207").contains("audience mismatch"))
                .anySatisfy(t -> assertThat(t).contains("leonie.wachter@brightlake-ceramics.example"));
        assertThat(guids(content)).anySatisfy(c -> {
            assertThat(c.getValue()).isEqualTo("f6a75b35-ccfd-4529-8fdd-c8674de12254");
            assertThat(c.getAttributes()).containsEntry(SegmentContext.OCR, "true").containsKey(SegmentContext.ORIGINAL);
            assertThat(c.getEvidence().getLocator()).matches(BBOX);
            assertThat(c.getConfidence()).isLessThanOrEqualTo(0.6);
        });
    }

    @Test
    void shouldRefuseImageWithTooManyPixelsBeforeDecoding() throws Exception {
        // Given
        final BufferedImage image = new BufferedImage(2000, 2000, BufferedImage.TYPE_BYTE_GRAY);
        final ReadLimits tight = new ReadLimits(10_000_000L, 100_000, 1_000_000L, 5, 16, Duration.ofSeconds(10));

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("huge.png", null, png(image)), SCREENSHOT, tight))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2000x2000").hasMessageContaining("over the OCR limit");
    }

    @Test
    void shouldThrowCleanErrorForBytesThatAreNoImage() {
        // Given
        final byte[] bytes = "not an image at all".getBytes(StandardCharsets.US_ASCII);

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("x.png", null, bytes), SCREENSHOT, ReadLimits.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("not a readable image");
    }

    @Test
    void shouldOcrEveryCorpusScreenshot() throws Exception {
        // Given
        final List<Path> files;
        try (Stream<Path> s = Files.list(EmlReaderTest.corpus("screenshots"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }

        // When / Then
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (final Path file : files) {
            assertThatCode(() -> assertThat(read(file).segments()).isNotEmpty())
                    .as(file.getFileName().toString()).doesNotThrowAnyException();
        }
        final ArtifactContent unauthorized = read(EmlReaderTest.corpus("screenshots/app_unauthorized_tenant_error.png"));
        assertThat(unauthorized.segments()).extracting(TextSegment::text).contains("Unauthorized Tenant");
    }

    private ArtifactContent read(final Path file) throws Exception {
        return reader.read(new ArtifactInput(file.getFileName().toString(), null, Files.readAllBytes(file)), SCREENSHOT,
                ReadLimits.defaults());
    }

    private static List<Candidate> guids(final ArtifactContent content) {
        return content.candidates().stream().filter(c -> c.getType() == MentionType.DIRECTORY_GUID).toList();
    }

    private static int[] box(final String locator) {
        final Matcher m = BBOX.matcher(locator);
        assertThat(m.matches()).as(locator).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4))};
    }

    private static byte[] png(final BufferedImage image) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
