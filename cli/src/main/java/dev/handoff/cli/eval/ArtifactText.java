package dev.handoff.cli.eval;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of an artifact as a reader sees it, for checking that an evidence excerpt really occurs in
 * the cited file. Decoders are deliberately simple and independent of the pipeline's readers (the
 * same approach as the contract's reference scorer), so the check cannot inherit a reader's bug.
 */
public final class ArtifactText {

    /**
     * What could be obtained: the text, whether it came from OCR (compared loosely), and whether it is
     * authoritative. PDF text extraction differs between extractors in spacing and order, so an excerpt
     * not found in it is unverifiable rather than a miss (the reference scorer does the same without pdftotext).
     */
    public record Text(String text, boolean ocr, boolean authoritative) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|nbsp);");

    private final Map<Path, Optional<Text>> cache = new HashMap<>();
    private final boolean tesseract = onPath("tesseract");

    /** Empty when the text cannot be obtained here (no OCR engine, undecodable file): unverifiable, not a miss. */
    public Optional<Text> of(final Path file) {
        return cache.computeIfAbsent(file.toAbsolutePath(), this::read);
    }

    private Optional<Text> read(final Path file) {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        final String suffix = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
        try {
            final byte[] raw = Files.readAllBytes(file);
            return switch (suffix) {
                case ".eml" -> Optional.of(new Text(eml(raw), false, true));
                case ".xlsx" -> Optional.of(new Text(office(raw, "xl/(sharedStrings|worksheets/sheet\\d+)\\.xml"), false, true));
                case ".docx" -> Optional.of(new Text(office(raw, "word/document\\.xml"), false, true));
                case ".pdf" -> Optional.of(new Text(pdf(raw), false, false));
                case ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp" -> ocr(file);
                default -> Optional.of(new Text(plain(raw, suffix), false, true));
            };
        } catch (final IOException | RuntimeException e) {
            // A corrupt or truncated artifact: its excerpts cannot be checked here.
            return Optional.empty();
        }
    }

    static String eml(final byte[] raw) throws IOException {
        final DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        final Message message = builder.parseMessage(new ByteArrayInputStream(raw));
        final List<String> out = new ArrayList<>();
        entity(message, out);
        return String.join("\n", out);
    }

    private static void entity(final Entity e, final List<String> out) throws IOException {
        if (e.getHeader() != null) {
            for (final Field f : e.getHeader().getFields()) {
                out.add(f.getName() + ": " + DecoderUtil.decodeEncodedWords(unfold(f.getBody()), DecodeMonitor.SILENT));
            }
        }
        final Body body = e.getBody();
        if (body instanceof Multipart mp) {
            for (final Entity part : mp.getBodyParts()) {
                entity(part, out);
            }
        } else if (body instanceof Message inner) {
            entity(inner, out);
        } else if (body instanceof TextBody tb) {
            final StringWriter w = new StringWriter();
            try (Reader r = tb.getReader()) {
                r.transferTo(w);
            }
            final String text = w.toString();
            out.add("text/html".equalsIgnoreCase(e.getMimeType()) ? unescape(TAG.matcher(text).replaceAll(" ")) : text);
        }
    }

    private static String unfold(final String s) {
        return s == null ? "" : s.replaceAll("\r?\n[ \t]", " ");
    }

    static String office(final byte[] raw, final String memberPattern) throws IOException {
        final Pattern member = Pattern.compile(memberPattern);
        final List<String> out = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(raw))) {
            ZipEntry entry;
            while ((entry = z.getNextEntry()) != null) {
                if (member.matcher(entry.getName()).matches()) {
                    String xml = new String(z.readAllBytes(), StandardCharsets.UTF_8);
                    xml = xml.replaceAll("</w:p>|</row>|</si>", "\n");
                    out.add(unescape(TAG.matcher(xml).replaceAll(" ")));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no document part");
        }
        return String.join("\n", out);
    }

    private static String pdf(final byte[] raw) throws IOException {
        try (PDDocument doc = Loader.loadPDF(raw)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private Optional<Text> ocr(final Path file) {
        if (!tesseract) {
            return Optional.empty();
        }
        try {
            final Process p = new ProcessBuilder("tesseract", file.toString(), "-", "--psm", "3")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Text(new String(out, StandardCharsets.UTF_8), true, true));
        } catch (final IOException e) {
            return Optional.empty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String plain(final byte[] raw, final String suffix) {
        String t = new String(raw, StandardCharsets.UTF_8);
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        final List<String> parts = new ArrayList<>();
        parts.add(t);
        if (".json".equals(suffix) || ".har".equals(suffix)) {
            try {
                jsonStrings(MAPPER.readTree(t), parts);
            } catch (final IOException e) {
                // not JSON after all: the raw text still counts
            }
        }
        if (".xml".equals(suffix) || ".html".equals(suffix) || ".htm".equals(suffix)) {
            parts.add(unescape(t));
        }
        return String.join("\n", parts);
    }

    /** Every key and scalar of a JSON document as text, so JSON-escaped excerpts compare as shown. */
    static void jsonStrings(final JsonNode node, final List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                out.add(e.getKey());
                jsonStrings(e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> jsonStrings(n, out));
        } else {
            out.add(node.asText());
        }
    }

    static String unescape(final String s) {
        final Matcher m = ENTITY.matcher(s);
        final StringBuilder b = new StringBuilder();
        while (m.find()) {
            final String g = m.group(1);
            final String rep = switch (g) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> "\u00a0";
                default -> {
                    final int cp = g.startsWith("#x") || g.startsWith("#X")
                            ? Integer.parseInt(g.substring(2), 16) : Integer.parseInt(g.substring(1));
                    yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
                }
            };
            m.appendReplacement(b, Matcher.quoteReplacement(rep));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static boolean onPath(final String exe) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (final String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }
}
