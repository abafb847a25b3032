package dev.handoff.extraction.classify;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The delimiter of a delimited text table, found by parsing a sample with each candidate delimiter and keeping
 * the one that gives the same number (at least two) of fields on most records.
 *
 * @param delimiter the separator character
 * @param header    the first record's fields, trimmed
 * @param records   how many records the sample held
 * @param consistency share of sampled records with the header's field count
 */
public record CsvDialect(char delimiter, List<String> header, int records, double consistency) {

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int SAMPLE_RECORDS = 30;

    public CsvDialect {
        header = List.copyOf(header);
    }

    /** The commons-csv format for this dialect: RFC 4180 quotes, any line ending, no header handling. */
    public CSVFormat format() {
        return formatFor(delimiter);
    }

    static CSVFormat formatFor(final char delimiter) {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    }

    /**
     * The best dialect for {@code sample}, or null when no delimiter gives a consistent table of two or more
     * columns. A sample cut mid-record (a sniffing window) is fine: its last record is ignored.
     */
    public static CsvDialect detect(final String sample) {
        CsvDialect best = null;
        for (final char delimiter : CANDIDATES) {
            final CsvDialect dialect = tryDelimiter(sample, delimiter);
            if (dialect == null) {
                continue;
            }
            if (best == null || score(dialect) > score(best)) {
                best = dialect;
            }
        }
        return best;
    }

    private static double score(final CsvDialect dialect) {
        return dialect.consistency() * 10 + Math.min(dialect.header().size(), 40) * 0.1;
    }

    private static CsvDialect tryDelimiter(final String sample, final char delimiter) {
        final List<Integer> widths = new ArrayList<>();
        List<String> header = null;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(sample)).setFormat(formatFor(delimiter)).get()) {
            final Iterator<CSVRecord> it = parser.iterator();
            while (it.hasNext() && widths.size() < SAMPLE_RECORDS + 1) {
                final CSVRecord record = it.next();
                if (header == null) {
                    header = new ArrayList<>();
                    for (final String value : record) {
                        header.add(value.trim());
                    }
                }
                widths.add(record.size());
            }
        } catch (final IOException | UncheckedIOException | IllegalStateException e) {
            // A quote left open by the sniffing window's cut ends the sample; what was parsed still counts.
        }
        if (header == null || header.size() < 2) {
            return null;
        }
        if (widths.size() > 2 && widths.size() <= SAMPLE_RECORDS) {
            // The last record may be cut by the sniffing window.
            widths.remove(widths.size() - 1);
        }
        final Map<Integer, Integer> counts = new HashMap<>();
        for (final Integer w : widths) {
            counts.merge(w, 1, Integer::sum);
        }
        final int same = counts.getOrDefault(header.size(), 0);
        final double consistency = (double) same / widths.size();
        if (consistency < 0.8) {
            return null;
        }
        int nonBlank = 0;
        for (final String h : header) {
            if (!h.isBlank()) {
                nonBlank++;
            }
        }
        if (nonBlank < 2) {
            return null;
        }
        return new CsvDialect(delimiter, header, widths.size(), consistency);
    }
}
