package dev.handoff.cli.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

/**
 * Generates hostile artifacts, small on disk and expensive to read naively: a compression-bomb DOCX,
 * a zip holding a 1 GB entry of zeros, billion-laughs and deeply nested XML, deeply nested JSON, a
 * 30000x30000 PNG, an encrypted PDF, truncated and random files. Every file name says what it is.
 */
final class HostileFiles {

    private final Random random;

    HostileFiles(final long seed) {
        this.random = new Random(seed);
    }

    /** Writes one of each kind into {@code dir}; returns the path by file name. */
    Map<String, Path> writeAll(final Path dir) throws IOException {
        Files.createDirectories(dir);
        final Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("bomb-notes.docx", compressionBombDocx(400L * 1024 * 1024));
        files.put("huge-entry.zip", zeroEntryZip(1024L * 1024 * 1024));
        files.put("billion-laughs.xml", billionLaughs());
        files.put("nested-deep.xml", nestedXml(200_000));
        files.put("nested-deep.json", nestedJson(200_000));
        files.put("giant-30000x30000.png", giantPng(30_000, 30_000));
        files.put("encrypted.pdf", encryptedPdf());
        files.put("truncated.pdf", truncate(textPdf()));
        files.put("truncated.png", truncate(smallPng()));
        files.put("truncated-bomb.docx", Arrays.copyOf(files.get("bomb-notes.docx"), files.get("bomb-notes.docx").length / 2));
        files.put("random.pdf", randomBytes(64 * 1024));
        files.put("random.xlsx", randomBytes(32 * 1024));
        files.put("random.png", randomBytes(16 * 1024));
        final Map<String, Path> out = new LinkedHashMap<>();
        for (final Map.Entry<String, byte[]> e : files.entrySet()) {
            final Path p = dir.resolve(e.getKey());
            Files.write(p, e.getValue());
            out.put(e.getKey(), p);
        }
        return out;
    }

    /** A DOCX whose document.xml inflates to {@code inflated} bytes of paragraphs. */
    static byte[] compressionBombDocx(final long inflated) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                    .getBytes(StandardCharsets.UTF_8));
            final byte[] para = "<w:p><w:r><w:t>tenant outage escalation</w:t></w:r></w:p>".repeat(1024).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < inflated; written += para.length) {
                zip.write(para);
            }
            zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A zip with one entry of {@code size} zero bytes (about a thousandth of that on disk). */
    static byte[] zeroEntryZip(final long size) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("disk-image.bin"));
            final byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] billionLaughs() {
        final StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        s.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            s.append(" <!ENTITY lol").append(i).append(" \"");
            s.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        s.append("]>\n<ticket><organization>&lol9;</organization></ticket>\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] nestedXml(final int depth) {
        return ("<?xml version=\"1.0\"?>\n" + "<a>".repeat(depth) + "deep" + "</a>".repeat(depth))
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] nestedJson(final int depth) {
        return ("{\"ticket\":" + "[".repeat(depth) + "\"deep\"" + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A valid 1-bit greyscale PNG of width x height white pixels: about 100 KB for 900 megapixels. */
    static byte[] giantPng(final int width, final int height) throws IOException {
        final ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        final ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        final ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
            final byte[] row = new byte[1 + (width + 7) / 8];
            Arrays.fill(row, (byte) 0xFF);
            row[0] = 0;
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    static byte[] encryptedPdf() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            final StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw-3b9d", "user-pw-8c1e", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A one-page PDF with a line of text. */
    static byte[] textPdf() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            final PDPage page = new PDPage();
            doc.addPage(page);
            try (org.apache.pdfbox.pdmodel.PDPageContentStream c = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                c.beginText();
                c.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                c.newLineAtOffset(72, 700);
                c.showText("Meeting notes: nothing to add yet");
                c.endText();
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A small screenshot-like PNG with a line of text. */
    static byte[] smallPng() throws IOException {
        final java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(400, 80, java.awt.image.BufferedImage.TYPE_INT_RGB);
        final java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 400, 80);
        g.setColor(java.awt.Color.BLACK);
        g.drawString("placeholder text", 10, 40);
        g.dispose();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private byte[] truncate(final byte[] whole) {
        return Arrays.copyOf(whole, Math.max(1, whole.length / 3 + random.nextInt(Math.max(1, whole.length / 3))));
    }

    private byte[] randomBytes(final int n) {
        final byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void put(final ZipOutputStream zip, final String name, final String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void chunk(final OutputStream out, final String type, final byte[] data) throws IOException {
        final byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        final CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
