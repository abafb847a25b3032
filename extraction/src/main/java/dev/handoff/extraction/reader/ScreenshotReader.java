package dev.handoff.extraction.reader;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads screenshots (PNG, JPEG, TIFF, GIF, BMP) by OCR: one segment per recognized text line with
 * {@code ocr:page=1,bbox=x,y,w,h} locators in original image coordinates, and repaired directory
 * GUIDs as candidates whose confidence says they came from OCR.
 */
public final class ScreenshotReader implements ArtifactReader {

    public static final String EXTRACTOR = "ScreenshotReader/1";

    private static final Logger LOGGER = LoggerFactory.getLogger(ScreenshotReader.class);
    /** OCR identifiers are less certain than typed text: even a perfect read stays below this. */
    private static final double MAX_GUID_CONFIDENCE = 0.6;
    private static final int DEFAULT_SCALE = 2;
    private static final int BASE_DPI = 96;

    private final int scale;

    public ScreenshotReader() {
        this(DEFAULT_SCALE);
    }

    /** @param scale grey upscale factor before OCR (2 reads small UI text and GUIDs far better than 1) */
    ScreenshotReader(final int scale) {
        this.scale = Math.max(1, scale);
    }

    @Override
    public boolean canRead(final Classification classification) {
        return classification != null && classification.getKind() == ArtifactKind.SCREENSHOT;
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits)
            throws IOException {
        final byte[] bytes = input.bytes();
        if (bytes.length > limits.maxBytes()) {
            throw new IOException("image has " + bytes.length + " bytes, over the limit of " + limits.maxBytes());
        }
        final BufferedImage image = decodeWithinLimit(bytes, limits.maxPixels());
        final int useScale = (long) image.getWidth() * image.getHeight() * scale * scale <= limits.maxPixels() ? scale : 1;
        final BufferedImage grey = toGrey(image, useScale);
        final byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        final long start = System.nanoTime();
        final List<OcrEngine.OcrWord> words = OcrEngine.shared()
                .recognize(pixels, grey.getWidth(), grey.getHeight(), BASE_DPI * useScale);
        LOGGER.debug("ocr done artifact={} width={} height={} scale={} words={} millis={}", input.artifactId(),
                image.getWidth(), image.getHeight(), useScale, words.size(), (System.nanoTime() - start) / 1_000_000);

        final Map<Integer, List<OcrEngine.OcrWord>> lines = new TreeMap<>();
        for (final OcrEngine.OcrWord w : words) {
            lines.computeIfAbsent(w.line(), k -> new ArrayList<>()).add(toOriginal(w, useScale));
        }
        final List<TextSegment> segments = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        for (final List<OcrEngine.OcrWord> line : lines.values()) {
            final OcrLine ocrLine = OcrLine.of(line);
            final Map<String, String> context = new LinkedHashMap<>();
            context.put(SegmentContext.OCR, "true");
            context.put(SegmentContext.ROLE, "ocr");
            context.put(SegmentContext.OCR_CONFIDENCE, String.format(Locale.ROOT, "%.1f", ocrLine.meanConfidence()));
            final TextSegment segment = new TextSegment(input.artifactId(), ocrLine.text(), ocrLine::locate, context);
            segments.add(segment);
            for (final OcrGuidRepair.Repair repair : OcrGuidRepair.find(ocrLine.text())) {
                candidates.add(guidCandidate(input.artifactId(), segment, ocrLine, repair));
            }
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("width", Integer.toString(image.getWidth()));
        attributes.put("height", Integer.toString(image.getHeight()));
        final String mediaType = classification == null ? "image" : classification.getMediaType();
        return new ArtifactContent(input.artifactId(), ArtifactKind.SCREENSHOT, mediaType, true, segments, candidates,
                List.of(), List.of(), attributes);
    }

    private static Candidate guidCandidate(final String artifactId, final TextSegment segment, final OcrLine line,
                                           final OcrGuidRepair.Repair repair) {
        final double wordConfidence = line.confidence(repair.start(), repair.end()) / 100.0;
        final double confidence = Math.max(0.05, Math.min(MAX_GUID_CONFIDENCE,
                MAX_GUID_CONFIDENCE * wordConfidence * (repair.repaired() ? 0.85 : 1.0)));
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SegmentContext.OCR, "true");
        attributes.put(SegmentContext.OCR_REPAIRED, Boolean.toString(repair.repaired()));
        attributes.put(SegmentContext.ORIGINAL, repair.original());
        attributes.put(SegmentContext.OCR_CONFIDENCE, String.format(Locale.ROOT, "%.1f", wordConfidence * 100));
        return Candidate.newBuilder()
                .setField(FieldNames.TENANT)
                .setType(MentionType.DIRECTORY_GUID)
                .setValue(repair.guid())
                .setEvidence(Evidence.newBuilder().setArtifactId(artifactId)
                        .setLocator(segment.locate(repair.start(), repair.end()))
                        .setExcerpt(repair.original()).build())
                .setConfidence(confidence)
                .setExtractor(EXTRACTOR)
                .setAttributes(attributes)
                .build();
    }

    /** Reads the header for the size, refuses oversized images before any pixel is decoded, then decodes. */
    static BufferedImage decodeWithinLimit(final byte[] bytes, final long maxPixels) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            if (in == null) {
                throw new IOException("no image stream available");
            }
            final Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a readable image (no decoder for its format)");
            }
            final ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                final int width = reader.getWidth(0);
                final int height = reader.getHeight(0);
                final long pixels = (long) width * height;
                if (pixels > maxPixels) {
                    throw new IOException("image is " + width + "x" + height + " (" + pixels
                            + " pixels), over the OCR limit of " + maxPixels + " pixels");
                }
                final BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new IOException("image could not be decoded");
                }
                return image;
            } catch (final IOException | RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().contains("OCR limit")) {
                    throw e;
                }
                throw new IOException("corrupt or unsupported image: " + oneLine(e), e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String oneLine(final Exception e) {
        final String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ");
    }

    /** Grey, on white where the image is transparent, upscaled with bicubic interpolation. */
    private static BufferedImage toGrey(final BufferedImage image, final int factor) {
        final int width = image.getWidth() * factor;
        final int height = image.getHeight() * factor;
        final BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        final Graphics2D g = grey.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    private static OcrEngine.OcrWord toOriginal(final OcrEngine.OcrWord w, final int factor) {
        if (factor == 1) {
            return w;
        }
        final int x = w.x() / factor;
        final int y = w.y() / factor;
        final int right = (w.x() + w.width() + factor - 1) / factor;
        final int bottom = (w.y() + w.height() + factor - 1) / factor;
        return new OcrEngine.OcrWord(w.text(), w.confidence(), x, y, right - x, bottom - y, w.line());
    }

    /** One OCR line: its words joined by single spaces, and where each word sits in that text. */
    private record OcrLine(String text, List<OcrEngine.OcrWord> words, int[] starts) {

        static OcrLine of(final List<OcrEngine.OcrWord> words) {
            final StringBuilder text = new StringBuilder();
            final int[] starts = new int[words.size()];
            for (int i = 0; i < words.size(); i++) {
                if (i > 0) {
                    text.append(' ');
                }
                starts[i] = text.length();
                text.append(words.get(i).text());
            }
            return new OcrLine(text.toString(), List.copyOf(words), starts);
        }

        double meanConfidence() {
            return words.stream().mapToDouble(OcrEngine.OcrWord::confidence).average().orElse(0);
        }

        /** Mean confidence of the words covering the range. */
        double confidence(final int start, final int end) {
            return IntStream.range(0, words.size()).filter(i -> overlaps(i, start, end))
                    .mapToDouble(i -> words.get(i).confidence()).average().orElse(0);
        }

        String locate(final int start, final int end) {
            int left = Integer.MAX_VALUE;
            int top = Integer.MAX_VALUE;
            int right = Integer.MIN_VALUE;
            int bottom = Integer.MIN_VALUE;
            for (int i = 0; i < words.size(); i++) {
                if (overlaps(i, start, end) || words.size() == 1) {
                    final OcrEngine.OcrWord w = words.get(i);
                    left = Math.min(left, w.x());
                    top = Math.min(top, w.y());
                    right = Math.max(right, w.x() + w.width());
                    bottom = Math.max(bottom, w.y() + w.height());
                }
            }
            if (left == Integer.MAX_VALUE) {
                return locate(0, text.length());
            }
            return "ocr:page=1,bbox=" + left + "," + top + "," + (right - left) + "," + (bottom - top);
        }

        private boolean overlaps(final int word, final int start, final int end) {
            final int wordStart = starts[word];
            final int wordEnd = wordStart + words.get(word).text().length();
            return start < wordEnd && end > wordStart || start == end && start >= wordStart && start <= wordEnd;
        }
    }
}
