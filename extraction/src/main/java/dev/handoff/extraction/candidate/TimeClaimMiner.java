package dev.handoff.extraction.candidate;

import dev.handoff.avro.MentionType;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time expressions in every written form (ISO 8601, RFC 5322, numeric dates, month names, bare clock
 * times, relative days), extended by the zone words that follow them, and given a role from the
 * clause around them: when the failure started, when something was reported, or other.
 */
final class TimeClaimMiner {

    static final String FIRST_FAILURE = "FIRST_FAILURE";
    static final String REPORT = "REPORT";
    static final String MACHINE = "MACHINE";
    static final String OTHER = "OTHER";
    static final String APPROXIMATE = "approximate";

    private static final String MONTH = "(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|Jun(?:e|\\.)?"
            + "|Jul(?:y|\\.)?|Aug(?:ust|\\.)?|Sep(?:t(?:ember|\\.)?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?"
            + "|Januar|Februar|M\u00e4rz|Mai|Juni|Juli|Oktober|Dezember)";
    private static final String DOW = "(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
            + "|Sat(?:urday)?|Sun(?:day)?)";
    /** Day of month 1-31, so "Mai 96" or "May 45" are not dates. */
    private static final String DAY = "(?:3[01]|[12]\\d|0?[1-9])(?!\\d)";
    private static final String CLOCK = "(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,9})?)?";
    private static final String AMPM = "(?: ?(?:[AaPp]\\.?[Mm]\\.?)(?![A-Za-z]))";
    private static final String NUM_ZONE = "(?:Z|[+\\-](?:[01]\\d|2[0-3]):?[0-5]\\d)(?![A-Za-z0-9])";

    private static final List<Pattern> CORES = List.of(
            // ISO 8601 and its space-separated sibling, with offset or Z.
            Pattern.compile("(?<![\\d\\-/.])\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])"
                    + "(?:[T ]" + CLOCK + "(?: ?" + NUM_ZONE + ")?)?(?![\\d])"),
            // RFC 5322: Wed, 14 Oct 2026 09:31:00 +0200
            Pattern.compile("(?<![A-Za-z0-9])(?=[A-Za-z0-9])(?:" + DOW + ",? )?" + DAY + " " + MONTH + " \\d{4}(?:,? " + CLOCK
                    + "(?: ?(?:[+\\-]\\d{4}|UT|GMT|Z))?)?(?![\\d])"),
            // 20/11/2026 09:14, 20.11.2026 09:14, 11/20/2026 9:14 AM
            Pattern.compile("(?<![\\d./:])\\d{1,2}(?:\\.\\d{1,2}\\.\\d{4}|/\\d{1,2}/(?:\\d{4}|\\d{2}))(?:,? (?:at |um )?"
                    + CLOCK + AMPM + "?)?(?![\\d/]|\\.\\d)"),
            // Nov 20, 9:14 AM; Tuesday, November 20, 2026 at 9:14
            Pattern.compile("(?<![A-Za-z0-9])(?=[A-Z])(?:" + DOW + ",? )?" + MONTH + " " + DAY + "(?:st|nd|rd|th)?(?:,? \\d{4})?"
                    + "(?:,? (?:at )?" + CLOCK + AMPM + "?|,? (?:at )?(?:1[0-2]|0?[1-9])" + AMPM + ")?(?![\\d])"),
            // 20 November 2026 at 9:14, 20th of Nov
            Pattern.compile("(?<![A-Za-z0-9])(?=\\d)" + DAY + "(?:st|nd|rd|th)?(?: of)? " + MONTH + "(?:,? \\d{4})?(?:,? (?:at )?"
                    + CLOCK + AMPM + "?)?(?![\\d])"),
            // yesterday at 17:30, this morning around 9
            Pattern.compile("(?i)(?<![A-Za-z0-9])(?=[yYtTlL])(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening))"
                    + "(?:,? (?:at|around|about|from|since|by|um|gegen) |,? )(?:" + CLOCK + "|(?:1[0-2]|0?[1-9])(?![\\d:]))"
                    + AMPM + "?"),
            // 09:05, 9:40 AM
            Pattern.compile("(?<![\\d:.,/])(?=\\d)" + CLOCK + AMPM + "?(?![\\d:])"),
            // 9 AM, 9pm
            Pattern.compile("(?<![\\d:.,/])(?=\\d)(?:1[0-2]|0?[1-9])" + AMPM),
            // around 9 IST: an hour followed by a zone abbreviation
            Pattern.compile("(?<![\\d:.,/])(?=\\d)(?:[01]?\\d|2[0-3]) (?=(?:[A-Z]{2,4}T|UTC|GMT)(?![A-Za-z]))"));

    /** Zone words after a time: numeric offsets, UTC+2, abbreviations, "Vienna time (CEST)", "Mountain (MDT)". */
    private static final Pattern ZONE_TAIL = Pattern.compile(
            "(?: ?" + NUM_ZONE
                    + "| (?:UTC|GMT)(?: ?[+\\-]\\d{1,2}(?::?\\d{2})?)?(?![A-Za-z0-9])"
                    + "| (?:[A-Z]{2,4}T|MSK|WIB|SGT|HKT)(?![A-Za-z0-9])"
                    + "| (?:Pacific|Mountain|Central|Eastern|Atlantic|Alaska|Hawaii)(?: (?:Standard|Daylight))?(?: [Tt]ime)?"
                    + "| (?:[A-Z][a-z]+ ){1,2}(?:[Ss]tandard |[Dd]aylight |[Ss]ummer )?[Tt]ime"
                    + "| [A-Z][a-z]+ [Tt]ime"
                    + "| local(?: time)?| Uhr(?: [A-Z]{2,4}T?)?| hrs| hours)"
                    + "(?: ?\\((?:[A-Z]{2,5}|UTC ?[+\\-]\\d{1,2}(?::?\\d{2})?|GMT ?[+\\-]\\d{1,2}(?::?\\d{2})?)\\))?");
    private static final Pattern PAREN_ZONE = Pattern.compile(" ?\\((?:[A-Z]{2,5}|UTC ?[+\\-]\\d{1,2}(?::?\\d{2})?)\\)");
    private static final Pattern DAY_TAIL = Pattern.compile(
            "(?i),? (?:this (?:morning|afternoon|evening)|today|yesterday|tonight|last night|on " + DOW + ")(?![A-Za-z])");
    private static final Pattern FIRST_CUES = Pattern.compile(
            "(?i)(?<![A-Za-z])(since|from|started|starting|starts|start|began|begun|beginning|first noticed|first failed"
                    + "|first seen|first observed|first reported|went down|down since|outage began|broke|stopped working"
                    + "|failing since|failures? since|seit|ab|beginn|began failing|noticed|onset|outage start"
                    + "|first (?:sign-?in |login |log-in |authentication )?(?:failures?|errors?|reports?|alerts?|occurrences?)"
                    + "|(?:failures?|errors?|problems?|issues?|outage) (?:started|began|begun|since)|not working since"
                    + "|locked out since|affected since|broken since|down from)(?![A-Za-z])");
    private static final Pattern REPORT_CUES = Pattern.compile(
            "(?i)(?<![A-Za-z])(sent|created|reported|report|submitted|received|opened|logged|filed|date|posted|wrote|raised"
                    + "|written|updated|gesendet|erstellt)(?![A-Za-z])");
    private static final Pattern FOLLOW_FIRST = Pattern.compile("(?i)^[ ,]*(?:onwards|onward|on,|and since)");
    private static final Pattern FOLLOW_REPORT = Pattern.compile("(?i)^.{0,60}?\\bwrote:");
    private static final Pattern QUALIFIER = Pattern.compile("(?i)(?:around|about|approx\\.?|approximately|roughly|~|ca\\.|gegen)\\s?$");
    /** A year, a month name or a relative day: the claim names a date, not only a clock time. */
    private static final Pattern DATE_PART = Pattern.compile(
            "(?i)\\d{4}|(?<![A-Za-z])" + MONTH + "(?![A-Za-z])|yesterday|today|gestern|heute|\\d{1,2}[./]\\d{1,2}[./]\\d{2}");
    private static final Pattern REPORT_FIELD = Pattern.compile(
            "(?i).*(created|opened|submitted|received|sent|date|reported|updated|modified|logged).*");

    private TimeClaimMiner() {
    }

    private record Span(int start, int end) {
    }

    static void mine(final MiningContext ctx) {
        final String t = ctx.masked();
        final List<Span> spans = new ArrayList<>();
        for (final Pattern p : CORES) {
            for (final MatchResult m : ctx.matches(p)) {
                if (m.end() > m.start()) {
                    spans.add(new Span(m.start(), trimEnd(t, m.start(), m.end())));
                }
            }
        }
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        int covered = -1;
        for (final Span s : spans) {
            if (s.start() < covered) {
                continue; // inside a longer expression already taken
            }
            final int end = extend(t, s.end());
            covered = end;
            emit(ctx, s.start(), end);
        }
    }

    private static int trimEnd(final String t, final int start, final int end) {
        int e = end;
        while (e > start && (t.charAt(e - 1) == ' ' || t.charAt(e - 1) == ',')) {
            e--;
        }
        return e;
    }

    private static int extend(final String t, final int end) {
        int e = end;
        final int limit = Math.min(t.length(), e + 60);
        final Matcher z = ZONE_TAIL.matcher(t).region(e, limit);
        if (z.lookingAt() && z.end() > e) {
            e = z.end();
        } else {
            final Matcher p = PAREN_ZONE.matcher(t).region(e, limit);
            if (p.lookingAt()) {
                e = p.end();
            }
        }
        final Matcher d = DAY_TAIL.matcher(t).region(e, Math.min(t.length(), e + 40));
        if (d.lookingAt()) {
            e = d.end();
        }
        return e;
    }

    private static void emit(final MiningContext ctx, final int start, final int end) {
        final String t = ctx.text();
        final String value = t.substring(start, end);
        if (!value.chars().anyMatch(Character::isDigit)) {
            return;
        }
        final Map<String, String> attrs = new HashMap<>();
        attrs.put(SegmentContext.TIME_ROLE, role(ctx, start, end));
        copy(ctx, attrs, SegmentContext.ANCHOR);
        copy(ctx, attrs, SegmentContext.ZONE);
        final int lookback = Math.max(0, start - 16);
        if (QUALIFIER.matcher(t.substring(lookback, start)).find()) {
            attrs.put(APPROXIMATE, "true");
        }
        final boolean hasDate = DATE_PART.matcher(value).find();
        final boolean hasClock = value.indexOf(':') > 0 || value.matches("(?is).*\\d ?[ap]\\.?m.*");
        double confidence = hasDate && hasClock ? 0.7 : 0.6;
        if (isReportField(ctx)) {
            confidence = 0.8;
        }
        ctx.add(FieldNames.FIRST_OBSERVED_AT, MentionType.TIME_CLAIM, value, start, end, confidence, attrs);
    }

    private static void copy(final MiningContext ctx, final Map<String, String> attrs, final String key) {
        final String v = ctx.segment().context(key);
        if (v != null) {
            attrs.put(key, v);
        }
    }

    private static boolean isReportField(final MiningContext ctx) {
        final String field = ctx.segment().context(SegmentContext.FIELD);
        return field != null && REPORT_FIELD.matcher(field).matches();
    }

    /** The role comes from the nearest cue before the time in the same clause; structure wins over words. */
    static String role(final MiningContext ctx, final int start, final int end) {
        final String role = ctx.segment().context(SegmentContext.ROLE);
        if (role != null && (role.startsWith("har") || "log".equals(role) || "machine".equals(role))) {
            return MACHINE;
        }
        if (isReportField(ctx) || role != null && role.toLowerCase(Locale.ROOT).contains("header")) {
            return REPORT;
        }
        final String t = ctx.text();
        final int from = ctx.clauseStart(start, 80);
        final String before = t.substring(from, start);
        final int first = lastCue(FIRST_CUES, before);
        final int report = lastCue(REPORT_CUES, before);
        final String after = t.substring(end, Math.min(t.length(), end + 80));
        if (first < 0 && report < 0) {
            if (FOLLOW_FIRST.matcher(after).find()) {
                return FIRST_FAILURE;
            }
            if (FOLLOW_REPORT.matcher(after).find()) {
                return REPORT;
            }
            return OTHER;
        }
        return first > report ? FIRST_FAILURE : REPORT;
    }

    private static int lastCue(final Pattern cues, final String before) {
        final Matcher m = cues.matcher(before);
        int last = -1;
        while (m.find()) {
            last = m.start();
        }
        return last;
    }
}
