package dev.handoff.extraction.reader;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an email Date header as written, keeping its own offset (Tika converts it to UTC and
 * loses the sender's zone). Tolerates comments like {@code (PST)}, obsolete two-digit years and
 * the {@code UT} zone; anything else stays unparsed so the raw text is kept without an anchor.
 */
final class EmlDateParser {

    private static final Pattern COMMENT = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
    private static final Pattern TWO_DIGIT_YEAR = Pattern.compile(
            "^((?:[A-Za-z]{3},\\s*)?\\d{1,2}\\s+[A-Za-z]{3}\\s+)(\\d{2})(\\s+\\d{1,2}:\\d{2})");
    private static final Pattern WEEKDAY = Pattern.compile("^[A-Za-z]{3},\\s*");
    private static final Pattern LOCAL_ZONE = Pattern.compile("\\s(UT|UTC|Z)$");
    private static final Pattern SECONDS_MISSING = Pattern.compile("(\\s\\d{1,2}:\\d{2})(\\s+[+-]\\d{4}|\\s+GMT)$");

    private EmlDateParser() {
    }

    /** The date with its written offset, or null when the text is not an RFC 5322 date. */
    static OffsetDateTime parse(final String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.replaceAll("\\s+", " ").strip();
        text = COMMENT.matcher(text).replaceFirst("");
        final Matcher year = TWO_DIGIT_YEAR.matcher(text);
        if (year.find()) {
            // RFC 5322 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999.
            final int yy = Integer.parseInt(year.group(2));
            final String full = Integer.toString(yy < 50 ? 2000 + yy : 1900 + yy);
            text = year.group(1) + full + text.substring(year.end(2));
        }
        text = LOCAL_ZONE.matcher(text).replaceFirst(" GMT");
        text = SECONDS_MISSING.matcher(text).replaceFirst("$1:00$2");
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (final DateTimeParseException e) {
            // A weekday that does not match the date is a sender bug; the date itself still stands.
            final Matcher weekday = WEEKDAY.matcher(text);
            if (weekday.find()) {
                try {
                    return OffsetDateTime.parse(text.substring(weekday.end()), DateTimeFormatter.RFC_1123_DATE_TIME);
                } catch (final DateTimeParseException ignored) {
                    return null;
                }
            }
            return null;
        }
    }

    /** The offset as an id ({@code +02:00}, {@code Z} for UTC). */
    static String zone(final OffsetDateTime date) {
        return date.getOffset().equals(ZoneOffset.UTC) ? "Z" : date.getOffset().getId();
    }
}
