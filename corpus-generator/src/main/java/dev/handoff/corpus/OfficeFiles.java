package dev.handoff.corpus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/**
 * XLSX, DOCX and PDF artifacts with fixed metadata and zip timestamps, so that two runs of the
 * generator write identical bytes.
 */
final class OfficeFiles {

    private static final Date FIXED = fixedDate();

    private OfficeFiles() {
    }

    private static Date fixedDate() {
        final Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        c.clear();
        c.set(2026, Calendar.NOVEMBER, 2, 9, 0, 0);
        return c.getTime();
    }

    /** A workbook of sheets (name to rows); sheets named in {@code hidden} are hidden, as archived data is. */
    static byte[] xlsx(final List<String> sheetNames, final List<List<List<String>>> sheets, final List<String> hidden) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            for (int s = 0; s < sheetNames.size(); s++) {
                final Sheet sheet = wb.createSheet(sheetNames.get(s));
                final List<List<String>> rows = sheets.get(s);
                for (int r = 0; r < rows.size(); r++) {
                    final Row row = sheet.createRow(r);
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
                if (hidden.contains(sheetNames.get(s))) {
                    wb.setSheetHidden(s, true);
                }
            }
            wb.getProperties().getCoreProperties().setCreated(Optional.of(FIXED));
            wb.getProperties().getCoreProperties().setModified(Optional.of(FIXED));
            wb.getProperties().getCoreProperties().setCreator("CRM export");
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return normalizeZip(out.toByteArray());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document of paragraphs; a paragraph starting with "|" rows becomes a table (first row header). */
    static byte[] docx(final List<String> paragraphs, final List<List<String>> table) {
        try (XWPFDocument doc = new XWPFDocument()) {
            for (final String p : paragraphs) {
                if ("{table}".equals(p) && table != null) {
                    final XWPFTable t = doc.createTable(table.size(), table.get(0).size());
                    for (int r = 0; r < table.size(); r++) {
                        for (int c = 0; c < table.get(r).size(); c++) {
                            t.getRow(r).getCell(c).setText(table.get(r).get(c));
                        }
                    }
                } else {
                    doc.createParagraph().createRun().setText(p);
                }
            }
            doc.getProperties().getCoreProperties().setCreated(Optional.of(FIXED));
            doc.getProperties().getCoreProperties().setModified(Optional.of(FIXED));
            doc.getProperties().getCoreProperties().setCreator("Account team");
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return normalizeZip(out.toByteArray());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one- or two-page PDF of text lines in Helvetica. */
    static byte[] pdf(final List<String> lines) {
        try (PDDocument doc = new PDDocument()) {
            final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            final int perPage = 48;
            for (int start = 0; start < lines.size(); start += perPage) {
                final PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 10.5f);
                    cs.setLeading(15f);
                    cs.newLineAtOffset(56, 780);
                    for (final String line : lines.subList(start, Math.min(lines.size(), start + perPage))) {
                        cs.showText(line);
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            final Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            c.setTime(FIXED);
            doc.getDocumentInformation().setCreationDate(c);
            doc.getDocumentInformation().setModificationDate(c);
            doc.getDocumentInformation().setProducer("handoff corpus generator");
            // A fixed file identifier: PDFBox otherwise derives one from the current time.
            final COSArray id = new COSArray();
            id.add(new COSString("handoff-corpus".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            id.add(new COSString("handoff-corpus".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            doc.getDocument().getTrailer().setItem(COSName.ID, id);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a zip with fixed entry times, keeping entry order and content. */
    static byte[] normalizeZip(final byte[] zip) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                final ZipEntry n = new ZipEntry(e.getName());
                n.setTime(FIXED.getTime());
                z.putNextEntry(n);
                z.write(in.readAllBytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
