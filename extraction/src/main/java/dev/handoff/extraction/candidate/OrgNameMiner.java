package dev.handoff.extraction.candidate;

import dev.handoff.avro.MentionType;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Company names as written: capitalized phrases ending in a legal suffix (GmbH, Ltd, Inc ...),
 * values of Organization/Company/Customer labels and columns, and the company half of a
 * "Title, Company" signature line.
 */
final class OrgNameMiner {

    private static final Pattern SUFFIX = Pattern.compile(
            "(?<![A-Za-z])(?=[A-Za-z])(GmbH(?: & Co\\.? KG)?|AG|KG|KGaA|Ltd\\.?|Limited|Inc\\.?|Incorporated|LLC|L\\.L\\.C\\.|LLP|plc|PLC"
                    + "|S\\.A\\.S\\.|S\\.A\\.|SAS|SARL|SA|BV|B\\.V\\.|NV|N\\.V\\.|Pty(?: Ltd\\.?)?|KK|K\\.K\\.|Corp\\.?"
                    + "|Corporation|Co\\.|Oy|AB|SE|S\\.p\\.A\\.|SpA|S\\.r\\.l\\.|Srl|A/S|ApS|ASA|e\\.V\\.|ULC|Pvt\\.? Ltd\\.?"
                    + "|Sp\\. z o\\.o\\.|s\\.r\\.o\\.)(?![A-Za-z0-9])");
    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[oOcCaAtTfFkKuU])(?:organi[sz]ation(?: name)?|company(?: name)?|customer(?: name)?|client(?: name)?"
                    + "|account name|tenant name|firma|kunde|unternehmen)[ \\t]{0,3}:[ \\t]{0,3}([^\\n\\r;|\\t]{1,120})");
    private static final Pattern ORG_FIELD = Pattern.compile(
            "(?i)(?:organi[sz]ation(?: name)?|company(?: name)?|customer(?: name)?|client name|account name"
                    + "|tenant name|org|firma|kunde)");
    private static final Pattern SIGNATURE = Pattern.compile(
            "^((?:[A-Z][\\w&/.\\-]*|of|and|for|&)(?: (?:[A-Z][\\w&/.\\-]*|of|and|for|&)){0,5}), "
                    + "([A-Z0-9][\\p{L}\\d&'\u2019.\\-]*(?: [A-Z0-9&][\\p{L}\\d&'\u2019.\\-]*){0,5})$");
    static final Pattern TITLE_WORDS = Pattern.compile(
            "(?<![A-Za-z])(IT|Lead|Manager|Director|Head|Engineer|Administrator|Admin|Architect|Officer|CIO|CTO|CISO|CEO"
                    + "|COO|CFO|VP|President|Specialist|Analyst|Consultant|Owner|Coordinator|Supervisor|Chief|Principal"
                    + "|Operations|Security|Desk|Technician|Developer|Leiter|Leiterin|Gesch\u00e4ftsf\u00fchrer)(?![A-Za-z])");
    private static final Set<String> LEADING_NOISE = Set.of("hello", "hi", "dear", "thanks", "from", "to", "cc", "at",
            "with", "for", "our", "we", "i", "since", "customer", "company", "organization", "organisation", "client",
            "re", "fwd", "fw", "subject", "the", "of", "and", "und", "&", "de", "by", "via", "all", "every",
            "team", "hey", "per", "on", "in", "is", "are");
    private static final Set<String> CONNECTORS = Set.of("of", "and", "und", "&", "de", "la", "du", "der", "die",
            "f\u00fcr", "the", "y");
    private static final int MAX_WORDS = 6;

    private OrgNameMiner() {
    }

    static void mine(final MiningContext ctx) {
        final String t = ctx.masked();
        suffixed(ctx, t);
        labelled(ctx, t);
        field(ctx, t);
        signatures(ctx);
    }

    private static void suffixed(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(SUFFIX)) {
            final int start = walkBack(t, m.start());
            if (start < 0) {
                continue;
            }
            ctx.add(FieldNames.TENANT, MentionType.ORG_NAME, t.substring(start, m.end()), start, m.end(), 0.7);
        }
    }

    /** Start of the capitalized phrase before a legal suffix, or -1 when there is none. */
    private static int walkBack(final String t, final int suffixStart) {
        int i = suffixStart;
        // "Contoso, Inc." keeps its comma.
        if (i >= 2 && t.charAt(i - 1) == ' ' && t.charAt(i - 2) == ',') {
            i -= 2;
        } else if (i >= 1 && t.charAt(i - 1) == ' ') {
            i -= 1;
        } else {
            return -1;
        }
        int start = -1;
        int capitalized = 0;
        for (int words = 0; words < MAX_WORDS && i > 0; words++) {
            int w = i;
            while (w > 0 && isWordChar(t.charAt(w - 1))) {
                w--;
            }
            if (w == i) {
                break;
            }
            final String word = t.substring(w, i);
            if (word.endsWith(".") || word.endsWith("-") || SUFFIX.matcher(word).matches()) {
                break; // a sentence ends here
            }
            final char first = word.charAt(0);
            final boolean cap = Character.isUpperCase(first) || Character.isDigit(first);
            if (!cap && !CONNECTORS.contains(word.toLowerCase(Locale.ROOT))) {
                break;
            }
            if (cap) {
                capitalized++;
            }
            start = w;
            if (w == 0 || t.charAt(w - 1) != ' ') {
                break;
            }
            i = w - 1;
        }
        if (capitalized == 0 || start < 0) {
            return -1;
        }
        // Drop greetings, labels and connectors the walk picked up at the front.
        int s = start;
        while (s < suffixStart) {
            final int sp = t.indexOf(' ', s);
            if (sp < 0 || sp >= suffixStart - 1) {
                break;
            }
            final String word = t.substring(s, sp).replaceAll("[:,]$", "").toLowerCase(Locale.ROOT);
            if (!LEADING_NOISE.contains(word)) {
                break;
            }
            s = sp + 1;
        }
        final String phrase = t.substring(s, suffixStart).strip();
        if (phrase.isEmpty() || !Character.isUpperCase(phrase.charAt(0)) && !Character.isDigit(phrase.charAt(0))) {
            return -1;
        }
        return s;
    }

    private static boolean isWordChar(final char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '\'' || c == '\u2019' || c == '.' || c == '&';
    }

    private static void labelled(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(LABEL)) {
            final String raw = m.group(1);
            final int cut = sentenceCut(raw);
            String value = raw.substring(0, cut).strip();
            while (value.endsWith(",") || value.endsWith(".") && !endsWithAbbreviation(value)) {
                value = value.substring(0, value.length() - 1).strip();
            }
            if (value.isEmpty() || !Character.isLetterOrDigit(value.charAt(0))
                    || value.chars().noneMatch(Character::isLetter)) {
                continue;
            }
            ctx.add(FieldNames.TENANT, MentionType.ORG_NAME, value, m.start(1), m.start(1) + value.length(), 0.8);
        }
    }

    /** Where a label's value ends: at a sentence break, unless the dot belongs to Inc./Ltd./Co. */
    private static int sentenceCut(final String raw) {
        final int dot = raw.indexOf(". ");
        if (dot < 0) {
            return raw.length();
        }
        return endsWithAbbreviation(raw.substring(0, dot + 1)) ? dot + 1 : dot;
    }

    private static boolean endsWithAbbreviation(final String value) {
        return value.matches("(?s).*(?<![A-Za-z])(Inc|Ltd|Co|Corp|S\\.A|B\\.V|N\\.V|K\\.K|e\\.V|L\\.L\\.C)\\.$");
    }

    private static void field(final MiningContext ctx, final String t) {
        final String field = ctx.segment().context(SegmentContext.FIELD);
        final String value = t.strip();
        if (field == null || !ORG_FIELD.matcher(field.strip()).matches() || value.isEmpty() || value.length() > 120
                || value.chars().noneMatch(Character::isLetter) || value.contains("@")) {
            return;
        }
        final int start = t.indexOf(value);
        ctx.add(FieldNames.TENANT, MentionType.ORG_NAME, value, start, start + value.length(), 0.8);
    }

    private static void signatures(final MiningContext ctx) {
        for (final TextLine line : TextLine.split(ctx.masked())) {
            final String content = line.content();
            if (content.length() > 120 || content.indexOf(',') < 0) {
                continue;
            }
            final Matcher m = SIGNATURE.matcher(content);
            if (m.matches() && TITLE_WORDS.matcher(m.group(1)).find()) {
                final int start = line.contentStart() + m.start(2);
                ctx.add(FieldNames.TENANT, MentionType.ORG_NAME, m.group(2), start, start + m.group(2).length(), 0.6);
            }
        }
    }
}
