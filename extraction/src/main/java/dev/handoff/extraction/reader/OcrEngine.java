package dev.handoff.extraction.reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Word-level OCR with the native Tesseract of {@code org.bytedeco:tesseract} and the English model
 * shipped in the tess4j jar. One engine per JVM: {@code Init} costs a fraction of a second, so the
 * native API is created once and calls are serialized on it (OMP_THREAD_LIMIT=1 keeps each call on one core).
 */
final class OcrEngine {

    private static final Logger LOGGER = LoggerFactory.getLogger(OcrEngine.class);
    private static final String MODEL_RESOURCE = "tessdata/eng.traineddata";

    /** One recognized word in the coordinates of the image given to {@link #recognize}. */
    record OcrWord(String text, float confidence, int x, int y, int width, int height, int line) {
    }

    private static volatile OcrEngine shared;

    private final TessBaseAPI api;

    private OcrEngine(final Path tessdataDir) {
        api = new TessBaseAPI();
        if (api.Init(tessdataDir.toString(), "eng") != 0) {
            api.close();
            throw new IllegalStateException("tesseract could not load the English model from " + tessdataDir);
        }
        // Screenshots are full pages with sparse blocks; automatic segmentation does best on them.
        api.SetPageSegMode(tesseract.PSM_AUTO);
    }

    /** The engine of this JVM, created on first use. */
    static OcrEngine shared() {
        OcrEngine engine = shared;
        if (engine == null) {
            synchronized (OcrEngine.class) {
                engine = shared;
                if (engine == null) {
                    final long start = System.nanoTime();
                    engine = new OcrEngine(modelDirectory());
                    LOGGER.info("ocr engine ready initMillis={}", (System.nanoTime() - start) / 1_000_000);
                    shared = engine;
                }
            }
        }
        return engine;
    }

    /**
     * Recognizes an 8-bit grey image given row by row.
     *
     * @return words in reading order with the line index they belong to
     */
    synchronized List<OcrWord> recognize(final byte[] grey, final int width, final int height, final int dpi) {
        api.SetImage(grey, width, height, 1, width);
        api.SetSourceResolution(dpi);
        final List<OcrWord> words = new ArrayList<>();
        if (api.Recognize(null) != 0) {
            api.Clear();
            throw new IllegalStateException("tesseract could not recognize the image");
        }
        final ResultIterator it = api.GetIterator();
        if (it == null) {
            api.Clear();
            return words;
        }
        final int level = tesseract.RIL_WORD;
        final int[] left = new int[1];
        final int[] top = new int[1];
        final int[] right = new int[1];
        final int[] bottom = new int[1];
        int line = -1;
        try {
            do {
                if (it.Empty(level)) {
                    continue;
                }
                if (line < 0 || it.IsAtBeginningOf(tesseract.RIL_TEXTLINE)) {
                    line++;
                }
                final BytePointer textPointer = it.GetUTF8Text(level);
                if (textPointer == null) {
                    continue;
                }
                final String text;
                try {
                    text = textPointer.getString(StandardCharsets.UTF_8).strip();
                } finally {
                    textPointer.deallocate();
                }
                if (text.isEmpty() || !it.BoundingBox(level, left, top, right, bottom)) {
                    continue;
                }
                words.add(new OcrWord(text, it.Confidence(level), left[0], top[0],
                        right[0] - left[0], bottom[0] - top[0], line));
            } while (it.Next(level));
        } finally {
            it.deallocate();
            api.Clear();
        }
        return words;
    }

    private static Path modelDirectory() {
        final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "handoff-tessdata");
        final Path model = dir.resolve("eng.traineddata");
        try (InputStream in = OcrEngine.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MODEL_RESOURCE + " is not on the classpath (tess4j jar missing)");
            }
            if (!Files.isRegularFile(model) || Files.size(model) == 0) {
                Files.createDirectories(dir);
                // Copy beside, then move: a parallel JVM never sees a half-written model.
                final Path partial = Files.createTempFile(dir, "eng", ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (final IOException e) {
            throw new IllegalStateException("cannot prepare the tesseract model directory " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
