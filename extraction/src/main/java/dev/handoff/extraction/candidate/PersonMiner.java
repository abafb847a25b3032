package dev.handoff.extraction.candidate;

import dev.handoff.avro.MentionType;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People in free text, only where structure says it is a person: "Name &lt;email&gt;", labelled
 * lists (Contacts:, cc:, Responders:), and the name of a signature block.
 */
final class PersonMiner {

    private static final String NAME_WORD = "[A-Z][\\p{L}'\u2019\\-]+";
    private static final Pattern NAME = Pattern.compile(NAME_WORD + "(?: (?:van|von|de|der|da|di|du|le|la|" + NAME_WORD
            + "|[A-Z]\\.)){1,3}");
    private static final Pattern NAME_EMAIL = Pattern.compile(
            "(?<![A-Za-z])(?=[\"A-Z])\"?(" + NAME_WORD + "(?:,? (?:[A-Z][\\p{L}'\u2019.\\-]*|van|von|de|der)){0,3})\"? ?<"
                    + "([A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9\\-]{1,63}(?:\\.[A-Za-z0-9\\-]{1,63}){1,8})>");
    private static final Pattern LIST_LABEL = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[A-Za-z])(contacts?|cc|attendees|participants|responders?|bridge responders|people|on[ \\-]call"
                    + "|escalation contacts?|technical contacts?|requested by|reported by|submitted by|requesters?"
                    + "|approvers?|ansprechpartner)[ \\t]{0,3}:[ \\t]{0,3}([^\\n\\r]{1,300})");
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:,|;| and | und | & | / )\\s*");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9\\-]{1,63}(?:\\.[A-Za-z0-9\\-]{1,63}){1,8}");
    private static final Pattern ROLE_SUFFIX = Pattern.compile("^(.*?)\\s*\\(([^()]{1,60})\\)$");
    private static final Pattern CLOSING = Pattern.compile(
            "(?i)^(?:(?:best|kind|warm|many|with)? ?(?:regards|wishes|thanks|thank you)|cheers|sincerely|best|br|rgds"
                    + "|mit freundlichen gr(?:\u00fc|ue)(?:\u00df|ss)en|(?:viele|beste|liebe|freundliche) gr(?:\u00fc|ue)(?:\u00df|ss)e"
                    + "|gr(?:\u00fc|ue)(?:\u00df|ss)e|vg|mfg|lg)[ ,.!\\-]*$");

    private PersonMiner() {
    }

    static void mine(final MiningContext ctx) {
        final String t = ctx.masked();
        for (final MatchResult m : ctx.matches(NAME_EMAIL)) {
            final String name = m.group(1);
            final String email = m.group(2).toLowerCase(Locale.ROOT);
            person(ctx, name, m.start(), m.end(), "MENTION", 0.7, Map.of(SegmentContext.NAME, name, SegmentContext.EMAIL, email));
        }
        lists(ctx, t);
        signatures(ctx);
    }

    private static void lists(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(LIST_LABEL)) {
            final String label = m.group(1).toLowerCase(Locale.ROOT);
            final String participation = participation(label);
            String list = m.group(2);
            final int dot = list.indexOf(". ");
            if (dot >= 0) {
                list = list.substring(0, dot);
            }
            final int base = m.start(2);
            final Matcher split = SPLIT.matcher(list);
            int from = 0;
            while (from <= list.length()) {
                final boolean found = split.find(from);
                final int end = found ? split.start() : list.length();
                item(ctx, list.substring(from, end), base + from, participation, label);
                if (!found) {
                    break;
                }
                from = split.end();
            }
        }
    }

    private static String participation(final String label) {
        if (label.startsWith("respond") || label.contains("bridge") || label.startsWith("attendee")
                || label.startsWith("participant") || label.startsWith("on")) {
            return "RESPONDER";
        }
        if (label.startsWith("request") || label.startsWith("reported") || label.startsWith("submitted")) {
            return "REQUESTER";
        }
        if ("cc".equals(label)) {
            return "CC";
        }
        return "MENTION";
    }

    private static void item(final MiningContext ctx, final String raw, final int offset, final String participation,
                             final String label) {
        String item = raw.strip();
        if (item.endsWith(".")) {
            item = item.substring(0, item.length() - 1);
        }
        if (item.isEmpty() || item.contains("<")) {
            return; // "Name <email>" items were taken above
        }
        final int start = offset + raw.indexOf(item);
        final Map<String, String> attrs = new HashMap<>();
        attrs.put("label", label);
        String name = item;
        final Matcher role = ROLE_SUFFIX.matcher(item);
        if (role.matches()) {
            name = role.group(1);
            attrs.put(SegmentContext.PERSON_ROLE, role.group(2));
        }
        if (EMAIL.matcher(name).matches()) {
            attrs.put(SegmentContext.EMAIL, name.toLowerCase(Locale.ROOT));
            person(ctx, name.toLowerCase(Locale.ROOT), start, start + item.length(), participation, 0.7, attrs);
        } else if (NAME.matcher(name).matches()) {
            attrs.put(SegmentContext.NAME, name);
            person(ctx, name, start, start + item.length(), participation, 0.7, attrs);
        }
    }

    /** The name line right after a closing, or a name line directly above a title line. */
    private static void signatures(final MiningContext ctx) {
        final List<TextLine> lines = TextLine.split(ctx.masked());
        for (int i = 0; i < lines.size(); i++) {
            final TextLine line = lines.get(i);
            if (line.blank()) {
                continue;
            }
            final TextLine next = nextContent(lines, i);
            if (CLOSING.matcher(line.content()).matches()) {
                if (next != null && isName(next.content())) {
                    signature(ctx, next, nextContent(lines, lines.indexOf(next)), 0.65);
                }
                continue;
            }
            final boolean previousBlankOrStart = i == 0 || lines.get(i - 1).blank();
            if (previousBlankOrStart && isName(line.content()) && next != null && lines.indexOf(next) == i + 1
                    && next.content().length() <= 80 && OrgNameMiner.TITLE_WORDS.matcher(next.content()).find()) {
                signature(ctx, line, next, 0.5);
            }
        }
    }

    private static void signature(final MiningContext ctx, final TextLine nameLine, final TextLine titleLine,
                                  final double confidence) {
        final String name = nameLine.content();
        final Map<String, String> attrs = new HashMap<>();
        attrs.put(SegmentContext.NAME, name);
        if (titleLine != null && titleLine.content().length() <= 80
                && OrgNameMiner.TITLE_WORDS.matcher(titleLine.content()).find()) {
            final String title = titleLine.content();
            final int comma = title.indexOf(',');
            attrs.put(SegmentContext.PERSON_ROLE, comma > 0 ? title.substring(0, comma).strip() : title);
        }
        person(ctx, name, nameLine.contentStart(), nameLine.contentEnd(), "SIGNATURE", confidence, attrs);
    }

    private static TextLine nextContent(final List<TextLine> lines, final int index) {
        for (int j = index + 1; j < lines.size() && j <= index + 2; j++) {
            if (!lines.get(j).blank()) {
                return lines.get(j);
            }
        }
        return null;
    }

    private static boolean isName(final String s) {
        return s.length() <= 50 && NAME.matcher(s).matches();
    }

    private static void person(final MiningContext ctx, final String value, final int start, final int end,
                               final String participation, final double confidence, final Map<String, String> attrs) {
        final Map<String, String> all = new HashMap<>(attrs);
        all.put(SegmentContext.PARTICIPATION, participation);
        ctx.add(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, value, start, end, confidence, all);
    }
}
