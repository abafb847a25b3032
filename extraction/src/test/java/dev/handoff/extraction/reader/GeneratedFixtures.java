package dev.handoff.extraction.reader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Office and PDF fixtures built in memory with POI and PDFBox, so the tests show exactly what the files hold. */
public final class GeneratedFixtures {

    private GeneratedFixtures() {
    }

    /**
     * A CRM workbook: "Account Overview" (label/value form), "Entitlements" (table with real date cells),
     * "Contacts" (roster) and a hidden "Archive 2024" sheet holding an old plan.
     */
    public static byte[] crmWorkbook() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            final CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            final Sheet overview = wb.createSheet("Account Overview");
            row(overview, 0, "Customer snapshot");
            row(overview, 2, "Account Name", "Alpenglas Werke AG");
            row(overview, 3, "Support plan:", "Premier");
            row(overview, 4, "Account ID", "0015g00000AbCdEAAX");
            final Sheet entitlements = wb.createSheet("Entitlements");
            row(entitlements, 0, "Plan", "Status", "Valid From", "Valid To");
            final Row e1 = row(entitlements, 1, "Premier", "Active");
            dateCell(e1, 2, LocalDate.of(2026, 1, 1), date);
            dateCell(e1, 3, LocalDate.of(2026, 12, 31), date);
            final Sheet contacts = wb.createSheet("Contacts");
            row(contacts, 0, "Name", "Email", "Phone", "Role");
            row(contacts, 1, "Jonas Berger", "jonas.berger@alpenglas.example", "+43 660 555 0142", "IT admin");
            final Sheet archive = wb.createSheet("Archive 2024");
            row(archive, 0, "Plan", "Status", "Valid To");
            row(archive, 1, "Standard", "Expired", "2024-12-31");
            wb.setSheetVisibility(wb.getSheetIndex(archive), SheetVisibility.HIDDEN);
            wb.write(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row row(final Sheet sheet, final int index, final String... values) {
        final Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
        return row;
    }

    private static void dateCell(final Row row, final int col, final LocalDate value, final CellStyle style) {
        final Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** A bridge-request DOCX: title, one paragraph, then a responder table (Name, Role, Email, Phone). */
    public static byte[] bridgeDocx() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Bridge request: Alpenglas SSO outage");
            doc.createParagraph().createRun().setText("Please open a SEV1 bridge. Responders on the bridge are listed below.");
            final XWPFTable table = doc.createTable(3, 4);
            fill(table.getRow(0), "Name", "Role", "Email", "Phone");
            fill(table.getRow(1), "Jonas Berger", "IT admin", "jonas.berger@alpenglas.example", "+43 660 555 0142");
            fill(table.getRow(2), "Petra Lind", "Identity lead", "petra.lind@alpenglas.example", "+43 660 555 0177");
            doc.createParagraph().createRun().setText("Dial-in details follow from the duty manager.");
            doc.write(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(final XWPFTableRow row, final String... values) {
        for (int i = 0; i < values.length; i++) {
            row.getCell(i).setText(values[i]);
        }
    }

    /** A PDF with one page per entry of {@code pages}, each line drawn with Helvetica. */
    public static byte[] pdf(final List<List<String>> pages, final String userPassword) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (final List<String> lines : pages) {
                final PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 720);
                    for (final String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -16);
                    }
                    content.endText();
                }
            }
            if (userPassword != null) {
                final StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture committed under src/test/resources/h1. */
    public static byte[] resource(final String name) {
        try (InputStream in = GeneratedFixtures.class.getResourceAsStream("/h1/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource h1/" + name);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
