package dev.handoff.extraction.reader;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ticket's creation time from a table cell (ISO, {@code dd.MM.yyyy}, {@code dd/MM/yyyy} or
 * {@code MM/dd/yyyy}, optional time) into an instant, only when the zone is known: from an offset in the value or
 * the zone the export states. Slash dates are day-first or month-first as the column's other values prove.
 */
final class CsvDates {

    /** Day/month order of slash dates in one column. */
    enum Order { DAY_FIRST, MONTH_FIRST, UNKNOWN }

    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?$");
    private static final Pattern DOTTED = Pattern.compile(
            "^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$");
    private static final Pattern SLASHED = Pattern.compile(
            "^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp][Mm])?)?$");

    private CsvDates() {
    }

    /** The order the column's values prove (a first number above 12 means day-first). */
    static Order slashOrder(final Collection<String> values) {
        for (final String value : values) {
            final Matcher m = SLASHED.matcher(value.strip());
            if (m.matches()) {
                if (Integer.parseInt(m.group(1)) > 12) {
                    return Order.DAY_FIRST;
                }
                if (Integer.parseInt(m.group(2)) > 12) {
                    return Order.MONTH_FIRST;
                }
            }
        }
        return Order.UNKNOWN;
    }

    /** The instant of {@code value} read in {@code zone} (ignored when the value has its own offset), or null. */
    static Instant instant(final String value, final String zone, final Order order) {
        final String text = value == null ? "" : value.strip();
        try {
            final Matcher iso = ISO.matcher(text);
            if (iso.matches()) {
                if (iso.group(4) == null) {
                    return null;
                }
                final LocalDateTime local = LocalDateTime.of(num(iso, 1), num(iso, 2), num(iso, 3), num(iso, 4), num(iso, 5),
                        iso.group(6) == null ? 0 : num(iso, 6));
                if (iso.group(7) != null) {
                    return OffsetDateTime.of(local, java.time.ZoneOffset.of(normalizeOffset(iso.group(7)))).toInstant();
                }
                return inZone(local, zone);
            }
            final Matcher dotted = DOTTED.matcher(text);
            if (dotted.matches() && dotted.group(4) != null) {
                return inZone(LocalDateTime.of(year(dotted.group(3)), num(dotted, 2), num(dotted, 1), num(dotted, 4),
                        num(dotted, 5), dotted.group(6) == null ? 0 : num(dotted, 6)), zone);
            }
            final Matcher slashed = SLASHED.matcher(text);
            if (slashed.matches() && slashed.group(4) != null && order != Order.UNKNOWN) {
                final int first = num(slashed, 1);
                final int second = num(slashed, 2);
                int hour = num(slashed, 4);
                if (slashed.group(7) != null) {
                    final boolean pm = Character.toLowerCase(slashed.group(7).charAt(0)) == 'p';
                    hour = hour % 12 + (pm ? 12 : 0);
                }
                return inZone(LocalDateTime.of(year(slashed.group(3)), order == Order.DAY_FIRST ? second : first,
                        order == Order.DAY_FIRST ? first : second, hour, num(slashed, 5),
                        slashed.group(6) == null ? 0 : num(slashed, 6)), zone);
            }
        } catch (final DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Instant inZone(final LocalDateTime local, final String zone) {
        if (zone == null) {
            return null;
        }
        try {
            return local.atZone(ZoneId.of(zone.startsWith("+") || zone.startsWith("-") ? normalizeOffset(zone) : zone))
                    .toInstant();
        } catch (final DateTimeException e) {
            return null;
        }
    }

    private static String normalizeOffset(final String offset) {
        if ("Z".equals(offset)) {
            return "Z";
        }
        return offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
    }

    private static int num(final Matcher m, final int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int year(final String y) {
        final int value = Integer.parseInt(y);
        return y.length() == 2 ? 2000 + value : value;
    }

    /** Whether {@code text} parses as a date-time with an offset of its own (ISO with Z or +hh:mm). */
    static boolean hasOwnOffset(final String text) {
        try {
            OffsetDateTime.parse(text.strip());
            return true;
        } catch (final DateTimeParseException e) {
            return false;
        }
    }
}
