package dev.handoff.extraction.reader;

import dev.handoff.extraction.classify.CsvDialect;
import dev.handoff.extraction.classify.TextDecoder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A delimited text table as records with their 1-based record number (the header is record 1; blank lines are
 * not records; a quoted multi-line cell stays inside its record).
 */
record CsvTable(char delimiter, List<String> header, List<Row> rows) {

    record Row(long number, List<String> cells) {
        String cell(final int column) {
            return column < cells.size() ? cells.get(column) : "";
        }
    }

    static CsvTable parse(final byte[] bytes, final int maxRecords) {
        final String text = TextDecoder.decode(bytes).text();
        final String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            throw new IllegalArgumentException("CSV file holds no text");
        }
        final CsvDialect dialect = CsvDialect.detect(body.length() > 65_536 ? cutAtLine(body) : body);
        final char delimiter = dialect != null ? dialect.delimiter() : ',';
        final List<String> header = new ArrayList<>();
        final List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(body))
                .setFormat(dialect != null ? dialect.format()
                        : org.apache.commons.csv.CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())
                .get()) {
            for (final CSVRecord record : parser) {
                final List<String> cells = record.toList();
                if (header.isEmpty()) {
                    cells.forEach(c -> header.add(c.strip()));
                    continue;
                }
                rows.add(new Row(record.getRecordNumber(), cells));
                if (rows.size() >= maxRecords) {
                    break;
                }
            }
        } catch (final IOException | UncheckedIOException | IllegalStateException e) {
            if (header.isEmpty()) {
                throw new IllegalArgumentException("CSV cannot be parsed: " + oneLine(e));
            }
            // A truncated file (quote left open) keeps the rows read before the break.
        }
        if (header.isEmpty()) {
            throw new IllegalArgumentException("CSV file has no header row");
        }
        return new CsvTable(delimiter, header, rows);
    }

    private static String cutAtLine(final String text) {
        final int at = text.lastIndexOf('\n', 65_536);
        return at > 0 ? text.substring(0, at) : text.substring(0, 65_536);
    }

    private static String oneLine(final Exception e) {
        final String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // commons-csv messages can quote a cell: keep the position, drop content.
        final int colon = message.indexOf(':');
        final String head = colon > 0 ? message.substring(0, colon) : message;
        return head.replaceAll("\\s+", " ");
    }

    /** The contract locator of a cell: {@code csv:row=R,col=NAME} with the header as written. */
    String locator(final Row row, final int column) {
        return "csv:row=" + row.number() + ",col=" + columnName(column);
    }

    String columnName(final int column) {
        final String name = column < header.size() ? header.get(column) : "";
        return name.isEmpty() ? "#" + (column + 1) : name;
    }
}
