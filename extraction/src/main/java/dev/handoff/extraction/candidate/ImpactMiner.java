package dev.handoff.extraction.candidate;

import dev.handoff.avro.MentionType;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * What the customer says about impact: whole sentences about who or how many are affected, user
 * counts and words (all, a few), regions and sites, and whether a workaround exists.
 */
final class ImpactMiner {

    private static final String PEOPLE = "(?:users?|staff|employees|people|persons|agents|seats|workers|colleagues"
            + "|members|accounts|students|nurses|clinicians|associates|technicians|engineers|operators|drivers|teachers"
            + "|doctors|cashiers|mitarbeiter|mitarbeitende|benutzer|nutzer)";
    private static final String UNITS = "(?:company|workforce|staff|users?|employees|people|stores?|sites?|offices?"
            + "|plants?|locations?|branch(?:es)?|teams?|departments?|organi[sz]ation|org|tenant|business|agents|workers"
            + "|sign-?ins|log-?ins|logins|accounts|shops?|hospitals?|clinics?|schools?|factories|warehouses?|regions?"
            + "|countries|subsidiaries|divisions?|hq|headquarters)";
    private static final Pattern IMPACT = Pattern.compile(
            "(?i)(?<![A-Za-z0-9:.,])(?=[A-Za-z0-9])(?:(?:all|every|entire|whole)(?: of)?(?: (?:our|the|my|their))?(?: [\\w\\-,~.]+){0,2}? " + UNITS
                    + "|nobody|no one|no-one|noone|none of (?:our|the|my)|no users?|everyone|everybody|company-?wide"
                    + "|organi[sz]ation-?wide|(?:a few|some|several|many|most|a handful of|a couple of|half of|half the"
                    + "|only (?:one|two|three|a few|a single|\\d+)|one|a single|single)(?: of)?(?: (?:our|the))?(?: [\\w\\-]+)? "
                    + "(?:" + PEOPLE + "|teams?|departments?|stores?|sites?)"
                    + "|(?:\\d{1,3}(?:[,.' ]\\d{3})+|\\d+)\\+? (?:[\\w\\-]+ ){0,2}?" + PEOPLE + ")(?![A-Za-z])");
    private static final Pattern COUNT = Pattern.compile(
            "(?i)(?<![\\d.,:A-Za-z])(?=[~aAoOmMrRcC>0-9])(~ ?|approx\\.? ?|approximately |about |around |over |more than |> ?|roughly |ca\\. ?)?"
                    + "(\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:\\.\\d{3})+|\\d{1,3}(?:'\\d{3})+|\\d{1,3}(?: \\d{3})+(?= )|\\d{1,7})(\\+)?"
                    + " (?:[A-Za-z][\\w\\-]* ){0,2}?" + PEOPLE + "(?![A-Za-z])");
    private static final Pattern COUNT_LABEL = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[uUaAiInN#hH])(?:users? affected|affected users?|impacted users?|users? impacted|number of (?:affected )?users"
                    + "|# ?of users|affected (?:staff|employees)|headcount affected)[ \\t]{0,3}[:=][ \\t]{0,3}~?"
                    + "(\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:\\.\\d{3})+|\\d{1,7})(?![\\d])");
    private static final Pattern COUNT_WORD = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[aAeEtTwWnNoOsSjJ])((?:all|every|the entire|the whole|entire|whole)(?: of)?(?: (?:our|the|my))? "
                    + "(?:workforce|company|staff|users|employees|organi[sz]ation|org|business|tenant|people)"
                    + "|nobody|no one|no-one|everyone|everybody|(?:only )?(?:a few|some|several|one|a single|a handful of)"
                    + " (?:users?|employees?|staff members?|people|persons?)|only me|just me)(?![A-Za-z])");
    private static final Pattern REGION = Pattern.compile(
            "(?<![A-Za-z0-9\\-])(?=[A-Za-z])(EU|US|USA|UK|APAC|EMEA|AMER|AMERICAS|LATAM|DACH|ANZ|APJ|MEA|Nordics|Benelux"
                    + "|Europe|Asia|Africa|Oceania|North America|South America|Latin America|Middle East"
                    + "|Germany|Austria|Switzerland|France|Spain|Italy|Netherlands|Belgium|Poland|Sweden|Norway|Denmark"
                    + "|Finland|Ireland|Portugal|Czechia|Czech Republic|Hungary|Romania|Greece|Turkey|United Kingdom"
                    + "|United States|Canada|Mexico|Brazil|Argentina|Chile|Colombia|India|China|Japan|Korea|Singapore"
                    + "|Malaysia|Indonesia|Philippines|Vietnam|Thailand|Australia|New Zealand|South Africa|Israel|UAE"
                    + "|Saudi Arabia|Egypt|Nigeria|Kenya"
                    + "|(?i:(?:both|all|every|each|all of our|all our) (?:plants|regions|sites|locations|offices|countries"
                    + "|geos|data ?cent(?:er|re)s|stores|branches|warehouses|factories|campuses|subsidiaries|markets))"
                    + "|(?i:worldwide|globally|global outage))(?![A-Za-z0-9])");
    private static final Pattern NO_WORKAROUND = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[nNwWkK])(?:no (?:known |viable |available |usable |working )?work[ \\-]?arounds?"
                    + "|work[ \\-]?arounds?[ \\t]{0,3}[:=\\-][ \\t]{0,3}(?:none|n/?a|no|nein|keine?)(?![A-Za-z])"
                    + "|without (?:a |any )?work[ \\-]?around|kein(?:en)? workaround)");
    private static final Pattern WORKAROUND = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[wWcCaAtTuU])(?:work[ \\-]?arounds?[ \\t]{0,3}[:=][ \\t]{0,3}(?!none|n/?a|no(?![A-Za-z]))[A-Za-z0-9]"
                    + "|(?:can|could) (?:still )?use [^.\\n]{1,60}? instead|as a work[ \\-]?around"
                    + "|work[ \\-]?around (?:is|exists|available|in place|works)|(?:we|they|users) (?:are )?using [^.\\n]{1,60}? instead)"
                    + "[^.\\n]{0,160}");
    private static final Pattern WORKAROUND_FIELD = Pattern.compile("(?i).*work[ \\-]?around.*");

    private ImpactMiner() {
    }

    /** An ITIL impact label written in prose or a note ("Impact: 2 - Significant/Large"). */
    private static final Pattern ITIL_LABEL = Pattern.compile(
            "(?i)(?<![\\w-])[1-4] ?[-\u2013] ?(?:Extensive|Widespread|Significant|Large|Moderate|Limited|Minor|Localized"
                    + "|Localised)(?: ?/ ?[A-Za-z]+)?(?![\\w-])");

    static void mine(final MiningContext ctx) {
        for (final MatchResult m : ctx.matches(ITIL_LABEL)) {
            ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.ITIL_IMPACT, m.group(), m.start(), m.end(), 0.85);
        }
        final String t = ctx.masked();
        statements(ctx, t);
        counts(ctx, t);
        for (final MatchResult r : ctx.matches(REGION)) {
            ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.REGION, r.group(1), r.start(1), r.end(1), 0.6);
        }
        workaround(ctx, t);
    }

    /** Every sentence (or line) that says who or how many are affected, verbatim. */
    private static void statements(final MiningContext ctx, final String t) {
        int lastSentenceEnd = -1;
        for (final MatchResult m : ctx.matches(IMPACT)) {
            if (m.start() < lastSentenceEnd) {
                continue;
            }
            final int start = skipSpace(t, ctx.clauseStart(m.start(), 400));
            final int end = sentenceEnd(t, m.end());
            lastSentenceEnd = end;
            ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.IMPACT_STATEMENT, ctx.text().substring(start, end),
                    start, end, 0.65);
        }
    }

    private static int skipSpace(final String t, final int from) {
        int i = from;
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of the sentence holding {@code pos}, including its full stop, at most 400 chars on. */
    private static int sentenceEnd(final String t, final int pos) {
        final int limit = Math.min(t.length(), pos + 400);
        for (int i = pos; i < limit; i++) {
            final char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1)))) {
                return i + 1;
            }
        }
        return limit;
    }

    private static void counts(final MiningContext ctx, final String t) {
        for (final MatchResult c : ctx.matches(COUNT)) {
            final String digits = c.group(2).replaceAll("[,.' ]", "");
            final Map<String, String> attrs = new HashMap<>();
            if (c.group(1) != null || c.group(3) != null) {
                attrs.put(TimeClaimMiner.APPROXIMATE, "true");
            }
            attrs.put(SegmentContext.ORIGINAL, c.group(2));
            ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.USERS_AFFECTED, stripZeros(digits), c.start(), c.end(),
                    0.65, attrs);
        }
        for (final MatchResult l : ctx.matches(COUNT_LABEL)) {
            final String digits = l.group(1).replaceAll("[,.]", "");
            ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.USERS_AFFECTED, stripZeros(digits), l.start(), l.end(), 0.8,
                    Map.of(SegmentContext.ORIGINAL, l.group(1)));
        }
        for (final MatchResult w : ctx.matches(COUNT_WORD)) {
            final String value = w.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.USERS_AFFECTED, value, w.start(1), w.end(1), 0.6);
        }
    }

    private static String stripZeros(final String digits) {
        final String s = digits.replaceFirst("^0+(?=\\d)", "");
        return s;
    }

    private static void workaround(final MiningContext ctx, final String t) {
        final String field = ctx.segment().context(SegmentContext.FIELD);
        if (field != null && WORKAROUND_FIELD.matcher(field).matches()) {
            final String v = t.strip().toLowerCase(Locale.ROOT);
            final int start = t.indexOf(t.strip());
            if (v.matches("no|none|n/a|false|nein|keiner?")) {
                ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.WORKAROUND, "false", start, start + v.length(), 0.8);
                return;
            }
            if (v.matches("yes|true|ja") || v.length() > 3) {
                ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.WORKAROUND, "true", start, start + t.strip().length(), 0.7);
                return;
            }
        }
        int lastEnd = -1;
        for (final MatchResult n : ctx.matches(NO_WORKAROUND)) {
            ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.WORKAROUND, "false", n.start(), n.end(), 0.7);
            lastEnd = Math.max(lastEnd, n.end());
        }
        for (final MatchResult y : ctx.matches(WORKAROUND)) {
            if (y.start() >= lastEnd || lastEnd < 0) {
                ctx.add(FieldNames.BUSINESS_IMPACT, MentionType.WORKAROUND, "true", y.start(), y.end(), 0.65);
            }
        }
    }
}
