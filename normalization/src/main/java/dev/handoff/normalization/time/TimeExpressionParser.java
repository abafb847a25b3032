package dev.handoff.normalization.time;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time expressions met in packets (RFC 5322 dates, ISO 8601 with or without offset,
 * {@code 20/11/2026 09:14}, {@code 20.11.2026}, {@code Nov 20, 9:14 AM PST}, {@code 09:05 Vienna time (CEST)},
 * {@code around 9 IST this morning}) into a {@link ParsedTime}, without ever letting java.time guess a
 * zone from letters.
 */
public final class TimeExpressionParser {

    private static final String MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final Map<String, Integer> MONTH_NUMBERS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    private static final Pattern ISO = Pattern.compile(
            "(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?:(?:T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?)?"
                    + "(?:\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)(?![\\w:]))?");
    private static final Pattern YMD_SLASH = Pattern.compile("(?<!\\d)(\\d{4})/(\\d{1,2})/(\\d{1,2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<![\\d.:/-])(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/.-]\\d)");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?i)(?<![\\d:])(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(" + MONTHS + ")[a-z]*\\.?,?(?:\\s+(\\d{4}))?(?![\\d:])");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?i)\\b(" + MONTHS + ")[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:,?\\s+(\\d{4})(?![\\d:]))?");
    private static final Pattern TIME = Pattern.compile(
            "(?i)(?<![\\d:.,/])(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?(?:[.,]\\d+)?)?(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?(?![\\d:])");
    private static final Pattern OFFSET = Pattern.compile(
            "(?i)(?:\\b(UTC|GMT)\\s*([+\\-\u2212])\\s*(\\d{1,2})(?::?(\\d{2}))?(?!\\d)|(?<![\\w:])([+\\-\u2212])(\\d{2}):?(\\d{2})(?!\\d)|\\b(UTC|GMT)\\b)");
    private static final Pattern ABBREVIATION = Pattern.compile("\\b([A-Z]{2,5})\\b");
    private static final Pattern PLACE_TIME = Pattern.compile(
            "(?i)\\b([a-z][a-z.'-]*(?:\\s+[a-z][a-z.'-]*){0,2}?)(?:\\s+(?:standard|std|daylight(?:\\s+saving)?|summer|dst))?\\s+time(?:\\s*zone)?\\b");
    /** Abbreviations that are also English words: only their upper-case spelling names a zone. */
    private static final Set<String> ENGLISH_WORDS = Set.of("WEST", "WET", "ART", "CAT", "EAT", "MEZ");
    private static final Pattern LOWER_ABBREVIATION_AFTER_TIME = Pattern.compile("^\\s*\\(?([a-z]{2,5})\\b");
    private static final Pattern REGION_AFTER_TIME = Pattern.compile(
            "(?i)^\\s*(pacific|mountain|central european|central|eastern european|eastern|atlantic|alaska|hawaii)\\b");
    private static final Pattern YESTERDAY = Pattern.compile("(?i)\\b(the day before yesterday|yesterday|last night)\\b");
    private static final Pattern TODAY = Pattern.compile(
            "(?i)\\b(today|this morning|this afternoon|this evening|tonight|earlier today)\\b");
    private static final Pattern WEEKDAY = Pattern.compile(
            "(?i)\\b(?:on|since|from|last)\\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern APPROXIMATE = Pattern.compile("(?i)(\\b(around|about|approx\\.?|approximately|roughly|circa|ca\\.)\\s|~)");
    private static final Pattern NEXT_CLOCK = Pattern.compile("(?<![\\d+\\-\u2212])\\d{1,2}:\\d{2}");
    private static final Pattern HOUR_SUFFIX = Pattern.compile("(?i)^\\s*(o'?clock|h\\b|hrs\\b|uhr\\b)");

    private TimeExpressionParser() {
    }

    /** The parse, or null when the text holds neither a date nor a time. */
    public static ParsedTime parse(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final StringBuilder work = new StringBuilder(text);
        final List<ParsedTime.DateReading> dates = new ArrayList<>();
        LocalTime time = null;
        ZoneOffset offset = null;
        String offsetText = null;
        int timeEnd = -1;

        final Matcher iso = ISO.matcher(text);
        if (iso.find()) {
            dates.add(new ParsedTime.DateReading(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                    Integer.parseInt(iso.group(3)), "YMD", false));
            if (iso.group(4) != null) {
                time = time(iso.group(4), iso.group(5), iso.group(6), null);
                timeEnd = iso.end();
            }
            if (iso.group(7) != null) {
                offsetText = iso.group(7);
                offset = offset(iso.group(7));
            }
            blank(work, iso.start(), iso.end());
        } else {
            dates.addAll(otherDates(text, work));
        }
        if (time == null) {
            final Matcher t = TIME.matcher(work);
            while (t.find()) {
                final String ampm = t.group(4);
                final String after = work.substring(t.end());
                final boolean hourOnly = t.group(2) == null;
                if (hourOnly && ampm == null && !startsWithZone(after) && !HOUR_SUFFIX.matcher(after).find()) {
                    continue;
                }
                final LocalTime parsed = time(t.group(1), t.group(2), t.group(3), ampm);
                if (parsed != null) {
                    time = parsed;
                    timeEnd = t.end();
                    blank(work, t.start(), t.end());
                    break;
                }
            }
        }
        if (dates.isEmpty() && time == null) {
            return null;
        }
        // zone hints belong to this time: look from the time to the next clock time ("09:05 CEST = 07:05 UTC")
        final String window = zoneWindow(work, timeEnd);
        if (offset == null) {
            final Matcher o = OFFSET.matcher(window);
            if (o.find()) {
                offsetText = o.group().strip();
                offset = o.group(8) != null ? ZoneOffset.UTC
                        : o.group(1) != null ? offset(sign(o.group(2)) + pad(o.group(3)) + ":" + (o.group(4) == null ? "00" : o.group(4)))
                        : offset(sign(o.group(5)) + o.group(6) + ":" + o.group(7));
            }
        }
        String abbreviation = null;
        // written right after the clock time, an abbreviation may be in lower case ("9:14 am pst")
        final Matcher lower = LOWER_ABBREVIATION_AFTER_TIME.matcher(window);
        if (timeEnd >= 0 && lower.find()) {
            final String token = lower.group(1).toUpperCase(Locale.ROOT);
            if (!"UTC".equals(token) && !"GMT".equals(token) && !ENGLISH_WORDS.contains(token)
                    && ZoneAbbreviations.isAbbreviation(token)) {
                abbreviation = token;
            }
        }
        final Matcher a = ABBREVIATION.matcher(abbreviation == null ? window : "");
        while (a.find()) {
            final String token = a.group(1);
            if (!"UTC".equals(token) && !"GMT".equals(token) && !"UT".equals(token) && ZoneAbbreviations.isAbbreviation(token)) {
                abbreviation = token;
                break;
            }
        }
        ZoneId place = null;
        String placeText = null;
        final Matcher p = PLACE_TIME.matcher(window);
        while (place == null && p.find()) {
            final String words = p.group(1).toLowerCase(Locale.ROOT).strip();
            // the longest tail of the words that names a place: "since Vienna" -> "vienna"
            final String[] parts = words.split("\\s+");
            for (int i = 0; i < parts.length && place == null; i++) {
                final String tail = String.join(" ", Arrays.copyOfRange(parts, i, parts.length));
                place = ZoneAbbreviations.place(tail);
                if (place != null) {
                    placeText = p.group().substring(p.group().toLowerCase(Locale.ROOT).indexOf(parts[i])).strip();
                }
            }
        }
        final Matcher r = REGION_AFTER_TIME.matcher(window);
        if (place == null && timeEnd >= 0 && r.find()) {
            placeText = r.group(1);
            place = ZoneAbbreviations.place(r.group(1).toLowerCase(Locale.ROOT));
        }
        int shift = 0;
        String relative = null;
        final Matcher y = YESTERDAY.matcher(text);
        if (y.find()) {
            relative = y.group(1);
            shift = relative.toLowerCase(Locale.ROOT).startsWith("the day before") ? -2 : -1;
        } else {
            final Matcher today = TODAY.matcher(text);
            if (today.find()) {
                relative = today.group(1);
            }
        }
        DayOfWeek weekday = null;
        final Matcher w = WEEKDAY.matcher(text);
        if (dates.isEmpty() && relative == null && w.find()) {
            weekday = DayOfWeek.valueOf(w.group(1).toUpperCase(Locale.ROOT));
        }
        if (time != null && relative != null && !hasAmPm(text)) {
            time = afternoonShift(time, relative.toLowerCase(Locale.ROOT));
        }
        return new ParsedTime(dates, time, shift, relative, weekday, offset, offsetText, abbreviation, place,
                placeText, APPROXIMATE.matcher(text).find());
    }

    private static List<ParsedTime.DateReading> otherDates(final String text, final StringBuilder work) {
        final List<ParsedTime.DateReading> out = new ArrayList<>();
        Matcher m = YMD_SLASH.matcher(text);
        if (m.find()) {
            out.add(new ParsedTime.DateReading(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), "YMD", false));
            blank(work, m.start(), m.end());
            return out;
        }
        m = DAY_MONTH.matcher(text);
        if (m.find()) {
            out.add(new ParsedTime.DateReading(year(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)),
                    "DMY", false));
            blank(work, m.start(), m.end());
            return out;
        }
        m = MONTH_DAY.matcher(text);
        if (m.find()) {
            out.add(new ParsedTime.DateReading(year(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)),
                    "MDY", false));
            blank(work, m.start(), m.end());
            return out;
        }
        m = NUMERIC.matcher(text);
        if (m.find()) {
            final int first = Integer.parseInt(m.group(1));
            final int second = Integer.parseInt(m.group(3));
            final int year = fourDigitYear(m.group(4));
            final boolean dots = ".".equals(m.group(2));
            if (dots || second > 12) {
                // dotted dates are day-first everywhere they are used; a second part over 12 must be the day
                if (dots || first <= 12) {
                    out.add(dots ? new ParsedTime.DateReading(year, second, first, "DMY", false)
                            : new ParsedTime.DateReading(year, first, second, "MDY", false));
                }
            } else if (first > 12) {
                out.add(new ParsedTime.DateReading(year, second, first, "DMY", false));
            } else if (first == second) {
                out.add(new ParsedTime.DateReading(year, second, first, "DMY", false));
            } else {
                out.add(new ParsedTime.DateReading(year, second, first, "DMY", true));
                out.add(new ParsedTime.DateReading(year, first, second, "MDY", true));
            }
            blank(work, m.start(), m.end());
        }
        return out;
    }

    /** The order a numeric date settles by itself: "DMY" when the first part exceeds 12, "MDY" when the second does. */
    public static String unambiguousOrder(final String text) {
        if (text == null) {
            return null;
        }
        final Matcher m = NUMERIC.matcher(text);
        while (m.find()) {
            if (".".equals(m.group(2))) {
                continue;
            }
            final int first = Integer.parseInt(m.group(1));
            final int second = Integer.parseInt(m.group(3));
            if (first > 12 && second <= 12) {
                return "DMY";
            }
            if (second > 12 && first <= 12) {
                return "MDY";
            }
        }
        return null;
    }

    /** From the end of the time to the next clock time (or the end); the whole text for a date alone. */
    private static String zoneWindow(final StringBuilder work, final int timeEnd) {
        if (timeEnd < 0) {
            return work.toString();
        }
        final String rest = work.substring(timeEnd);
        final Matcher next = NEXT_CLOCK.matcher(rest);
        return next.find() ? rest.substring(0, next.start()) : rest;
    }

    private static boolean startsWithZone(final String after) {
        final Matcher m = Pattern.compile("^\\s*\\(?([A-Z]{2,5})\\b").matcher(after);
        if (m.find() && ZoneAbbreviations.isAbbreviation(m.group(1))) {
            return true;
        }
        return REGION_AFTER_TIME.matcher(after).find()
                || Pattern.compile("(?i)^\\s*[a-z]+(\\s+[a-z]+)?\\s+time\\b").matcher(after).find();
    }

    private static boolean hasAmPm(final String text) {
        return Pattern.compile("(?i)\\d\\s*[ap]\\.?m\\b").matcher(text).find();
    }

    /** "3 this afternoon" means 15:00; "11 last night" means 23:00. */
    private static LocalTime afternoonShift(final LocalTime time, final String relative) {
        final boolean afternoon = relative.contains("afternoon") && time.getHour() >= 1 && time.getHour() <= 7;
        final boolean evening = (relative.contains("evening") || relative.contains("night"))
                && time.getHour() >= 1 && time.getHour() < 12;
        return afternoon || evening ? time.plusHours(12) : time;
    }

    private static LocalTime time(final String h, final String m, final String s, final String ampm) {
        int hour = Integer.parseInt(h);
        final int minute = m == null ? 0 : Integer.parseInt(m);
        final int second = s == null ? 0 : Integer.parseInt(s);
        if (ampm != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            final boolean pm = ampm.toLowerCase(Locale.ROOT).startsWith("p");
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second);
    }

    private static ZoneOffset offset(final String text) {
        if ("Z".equalsIgnoreCase(text)) {
            return ZoneOffset.UTC;
        }
        String t = text.replace('\u2212', '-');
        if (t.matches("[+-]\\d{2}")) {
            t = t + ":00";
        } else if (t.matches("[+-]\\d{4}")) {
            t = t.substring(0, 3) + ":" + t.substring(3);
        }
        try {
            return ZoneOffset.of(t);
        } catch (final DateTimeException e) {
            return null;
        }
    }

    private static String sign(final String s) {
        return "+".equals(s) ? "+" : "-";
    }

    private static String pad(final String h) {
        return h.length() == 1 ? "0" + h : h;
    }

    private static int month(final String name) {
        return MONTH_NUMBERS.get(name.toLowerCase(Locale.ROOT));
    }

    private static Integer year(final String y) {
        return y == null ? null : Integer.parseInt(y);
    }

    private static int fourDigitYear(final String y) {
        final int v = Integer.parseInt(y);
        return y.length() == 2 ? 2000 + v : v;
    }

    private static void blank(final StringBuilder work, final int start, final int end) {
        for (int i = start; i < end; i++) {
            work.setCharAt(i, ' ');
        }
    }
}
