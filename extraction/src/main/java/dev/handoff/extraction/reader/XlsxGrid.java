package dev.handoff.extraction.reader;

import dev.handoff.extraction.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The cells of a workbook (XLSX through POI, ODS from its content.xml, or a CSV table) as shown text, a typed
 * value (ISO date for real date cells) and the contract locator, sheet by sheet with hidden sheets flagged.
 */
final class XlsxGrid {

    /** One non-empty cell; row and column are 0-based. */
    record GridCell(int row, int col, String shown, String value, String locator) {
    }

    record GridSheet(String name, boolean hidden, List<GridCell> cells) {
    }

    private XlsxGrid() {
    }

    /** {@code xlsx:Sheet!C7}, the sheet name quoted as Excel does when it is not a plain word. */
    static String locator(final String sheet, final int row, final int col) {
        return "xlsx:" + quoteSheet(sheet) + "!" + new CellReference(row, col).formatAsString(false);
    }

    static String quoteSheet(final String sheet) {
        if (sheet.matches("[A-Za-z_][A-Za-z0-9_.]*") && !sheet.matches("(?i)[A-Z]{1,3}\\d+|R\\d*C\\d*|true|false")) {
            return sheet;
        }
        return "'" + sheet.replace("'", "''") + "'";
    }

    static List<GridSheet> xlsx(final byte[] bytes, final ReadLimits limits, final int maxCells) {
        // Tika's OOXMLParser switches POI's zip-bomb check off for the whole JVM; switch it back on for this read.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(Math.max(16L * 1024 * 1024, Math.min(limits.maxBytes() * 20, 1024L * 1024 * 1024)));
        final List<GridSheet> sheets = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            final DataFormatter formatter = new DataFormatter(Locale.US);
            formatter.setUseCachedValuesForFormulaCells(true);
            int total = 0;
            for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                final Sheet sheet = workbook.getSheetAt(s);
                final boolean hidden = workbook.isSheetHidden(s) || workbook.isSheetVeryHidden(s);
                final List<GridCell> cells = new ArrayList<>();
                for (final Row row : sheet) {
                    for (final Cell cell : row) {
                        if (total >= maxCells) {
                            break;
                        }
                        final String shown = formatter.formatCellValue(cell);
                        if (shown == null || shown.isBlank()) {
                            continue;
                        }
                        total++;
                        cells.add(new GridCell(cell.getRowIndex(), cell.getColumnIndex(), shown, valueOf(cell, shown),
                                locator(sheet.getSheetName(), cell.getRowIndex(), cell.getColumnIndex())));
                    }
                }
                sheets.add(new GridSheet(sheet.getSheetName(), hidden, cells));
            }
        } catch (final IOException | RuntimeException e) {
            final String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb")) {
                throw new IllegalArgumentException("XLSX refused: its compression ratio or entry size suggests a zip bomb");
            }
            throw new IllegalArgumentException("XLSX cannot be opened (corrupt or truncated: " + e.getClass().getSimpleName() + ")");
        }
        return sheets;
    }

    private static String valueOf(final Cell cell, final String shown) {
        final CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            final LocalDateTime time = cell.getLocalDateTimeCellValue();
            if (time != null) {
                return time.toLocalTime().equals(LocalTime.MIDNIGHT) ? time.toLocalDate().toString() : time.toString();
            }
        }
        return shown.strip();
    }

    static List<GridSheet> ods(final byte[] bytes, final ReadLimits limits, final int maxCells) {
        final byte[] content;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            final ZipArchiveEntry entry = zip.getEntry("content.xml");
            if (entry == null) {
                throw new IllegalArgumentException("ODS has no content.xml");
            }
            final long cap = Math.min(limits.maxBytes() * 20, 256L * 1024 * 1024);
            try (InputStream in = zip.getInputStream(entry)) {
                content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            }
            if (content.length > cap) {
                throw new IllegalArgumentException("ODS refused: content.xml inflates beyond " + cap + " bytes");
            }
        } catch (final IOException e) {
            throw new IllegalArgumentException("ODS cannot be opened (corrupt or truncated zip)");
        }
        final OdsHandler handler = new OdsHandler(maxCells);
        try {
            final SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.newSAXParser().parse(new ByteArrayInputStream(content), handler);
        } catch (final SAXException e) {
            throw new IllegalArgumentException("ODS content.xml cannot be parsed (corrupt, or refused DOCTYPE)");
        } catch (final IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("ODS content.xml cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return handler.sheets;
    }

    /** SAX reading of OpenDocument tables: repeated rows/columns are counted, not materialized when empty. */
    private static final class OdsHandler extends DefaultHandler {
        private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
        private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
        private static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
        private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
        private static final int MAX_REPEAT = 200;

        private final int maxCells;
        private final List<GridSheet> sheets = new ArrayList<>();
        private final Set<String> hiddenStyles = new HashSet<>();
        private String styleName;
        private String sheetName;
        private boolean sheetHidden;
        private List<GridCell> cells;
        private List<GridCell> rowCells;
        private int row;
        private int col;
        private int rowRepeat;
        private int cellRepeat;
        private String dateValue;
        private StringBuilder text;
        private int paragraphs;
        private int inParagraph;
        private int total;

        OdsHandler(final int maxCells) {
            this.maxCells = maxCells;
        }

        @Override
        public void startElement(final String uri, final String local, final String qName, final Attributes atts) {
            if (STYLE.equals(uri) && "style".equals(local)) {
                styleName = atts.getValue(STYLE, "name");
            } else if (STYLE.equals(uri) && "table-properties".equals(local)
                    && "false".equals(atts.getValue(TABLE, "display")) && styleName != null) {
                hiddenStyles.add(styleName);
            } else if (TABLE.equals(uri) && "table".equals(local)) {
                sheetName = String.valueOf(atts.getValue(TABLE, "name"));
                sheetHidden = hiddenStyles.contains(atts.getValue(TABLE, "style-name"));
                cells = new ArrayList<>();
                row = 0;
            } else if (TABLE.equals(uri) && "table-row".equals(local) && cells != null) {
                rowRepeat = repeat(atts.getValue(TABLE, "number-rows-repeated"));
                rowCells = new ArrayList<>();
                col = 0;
            } else if (TABLE.equals(uri) && ("table-cell".equals(local) || "covered-table-cell".equals(local)) && cells != null) {
                cellRepeat = repeat(atts.getValue(TABLE, "number-columns-repeated"));
                dateValue = "date".equals(atts.getValue(OFFICE, "value-type")) ? atts.getValue(OFFICE, "date-value") : null;
                text = new StringBuilder();
                paragraphs = 0;
            } else if (TEXT.equals(uri) && ("p".equals(local) || "h".equals(local)) && text != null) {
                inParagraph++;
                if (paragraphs++ > 0) {
                    text.append('\n');
                }
            } else if (TEXT.equals(uri) && "s".equals(local) && text != null) {
                text.append(" ".repeat(Math.min(repeat(atts.getValue(TEXT, "c")), 100)));
            } else if (TEXT.equals(uri) && ("tab".equals(local)) && text != null) {
                text.append('\t');
            } else if (TEXT.equals(uri) && "line-break".equals(local) && text != null) {
                text.append('\n');
            }
        }

        @Override
        public void characters(final char[] ch, final int start, final int length) {
            // Only paragraph content is cell text; the whitespace that pretty-prints content.xml is not.
            if (text != null && inParagraph > 0 && text.length() < 100_000) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(final String uri, final String local, final String qName) {
            if (TEXT.equals(uri) && ("p".equals(local) || "h".equals(local)) && inParagraph > 0) {
                inParagraph--;
                return;
            }
            if (TABLE.equals(uri) && ("table-cell".equals(local) || "covered-table-cell".equals(local)) && text != null) {
                final String shown = text.toString();
                if (!shown.isBlank()) {
                    for (int i = 0; i < Math.min(cellRepeat, MAX_REPEAT); i++) {
                        final String value = dateValue != null ? isoDate(dateValue) : shown.strip();
                        rowCells.add(new GridCell(row, col + i, shown, value, locator(sheetName, row, col + i)));
                    }
                }
                col += cellRepeat;
                text = null;
            } else if (TABLE.equals(uri) && "table-row".equals(local) && rowCells != null) {
                final int copies = rowCells.isEmpty() ? 0 : Math.min(rowRepeat, MAX_REPEAT);
                for (int r = 0; r < copies && total < maxCells; r++) {
                    for (final GridCell cell : rowCells) {
                        if (total++ >= maxCells) {
                            break;
                        }
                        cells.add(r == 0 ? cell : new GridCell(row + r, cell.col(), cell.shown(), cell.value(),
                                locator(sheetName, row + r, cell.col())));
                    }
                }
                row += rowRepeat;
                rowCells = null;
            } else if (TABLE.equals(uri) && "table".equals(local) && cells != null) {
                sheets.add(new GridSheet(sheetName, sheetHidden, cells));
                cells = null;
            }
        }

        private static int repeat(final String value) {
            if (value == null) {
                return 1;
            }
            try {
                return Math.max(1, Integer.parseInt(value.strip()));
            } catch (final NumberFormatException e) {
                return 1;
            }
        }

        private static String isoDate(final String value) {
            return value.endsWith("T00:00:00") ? value.substring(0, value.length() - 9) : value;
        }
    }

    static List<GridSheet> csv(final CsvTable table) {
        final List<GridCell> cells = new ArrayList<>();
        final CsvTable.Row header = new CsvTable.Row(1, table.header());
        for (final CsvTable.Row row : prepend(header, table.rows())) {
            for (int c = 0; c < row.cells().size(); c++) {
                final String cell = row.cell(c);
                if (!cell.isBlank()) {
                    cells.add(new GridCell((int) row.number() - 1, c, cell, cell.strip(), table.locator(row, c)));
                }
            }
        }
        return List.of(new GridSheet("csv", false, cells));
    }

    private static List<CsvTable.Row> prepend(final CsvTable.Row first, final List<CsvTable.Row> rest) {
        final List<CsvTable.Row> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
