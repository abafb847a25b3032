package dev.handoff.extraction.reader;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.ArtifactClassifier;
import dev.handoff.extraction.classify.ColumnRole;
import dev.handoff.extraction.classify.TextDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Markdown and plain text (notes, bridge templates) into one segment per non-blank line; responders listed
 * in a Markdown table or in bullets under a responders heading become PERSON candidates, and a document
 * classified as a bridge template is itself an ESCALATION_REQUEST for SEV1_BRIDGE, evidenced by its title line.
 *
 * <p>Locator: {@code text:line=L,chars=S-E}. L is the 1-based line number (CRLF, LF and CR each end a line);
 * S and E are 0-based character offsets (UTF-16 code units) within that line, E exclusive; a segment is one whole
 * line, so a range of the segment's text maps to the same offsets in the line.
 */
public final class PlainTextReader implements ArtifactReader {

    static final String EXTRACTOR = "PlainTextReader/1";

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-{2,}:?\\s*(\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(.*)$");
    private static final Pattern RESPONDER_HEADING = Pattern.compile(
            "responders?|attendees?|participants?|on the bridge|invitees?|bridge roster|who to page", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()./-]{6,}\\d");

    @Override
    public boolean canRead(final Classification classification) {
        final String media = classification.getMediaType();
        return ArtifactClassifier.MEDIA_MARKDOWN.equals(media) || ArtifactClassifier.MEDIA_TEXT.equals(media);
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
        DocumentReaderBudget.checkSize(input, limits, "text file");
        final TextDecoder.Decoded decoded = TextDecoder.decode(input.bytes());
        if (!decoded.looksLikeText()) {
            throw new IllegalArgumentException("file is binary, not text");
        }
        final String text = decoded.text().startsWith("\uFEFF") ? decoded.text().substring(1) : decoded.text();
        final boolean bridge = classification.getKind() == ArtifactKind.BRIDGE_TEMPLATE;
        final String role = classification.getKind() == ArtifactKind.ESCALATION_NOTE ? "note" : "paragraph";
        final DocumentReaderBudget budget = new DocumentReaderBudget(limits);
        final DocumentReaderCandidates make = new DocumentReaderCandidates(input.artifactId(), EXTRACTOR);
        final List<TextSegment> segments = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final String[] lines = text.split("\\r\\n|\\n|\\r", -1);

        String heading = null;
        boolean titleDone = false;
        List<ColumnRole> tableRoles = null;
        for (int i = 0; i < lines.length && !budget.exhausted(); i++) {
            final String line = lines[i];
            final int number = i + 1;
            if (line.isBlank()) {
                tableRoles = null;
                continue;
            }
            final Matcher h = HEADING.matcher(line);
            final Map<String, String> context = new HashMap<>();
            context.put(SegmentContext.ROLE, h.matches() ? "heading" : role);
            if (heading != null) {
                context.put("section", heading);
            }
            segments.add(lineSegment(input.artifactId(), budget.take(line), number, context));
            if (!titleDone && !"---".equals(line.strip())) {
                titleDone = true;
                if (bridge) {
                    candidates.add(make.of(FieldNames.REQUESTED_ESCALATION, MentionType.ESCALATION_REQUEST, "SEV1_BRIDGE",
                            lineLocator(number, 0, line.length()), line, Map.of("reason", "bridge-request document")));
                }
            }
            if (h.matches()) {
                heading = h.group(2);
                tableRoles = null;
                continue;
            }
            final boolean responderSection = heading != null && RESPONDER_HEADING.matcher(heading).find();
            final String participation = bridge || responderSection ? "RESPONDER" : "MENTION";
            if (line.strip().startsWith("|") || line.contains(" | ")) {
                if (i + 1 < lines.length && TABLE_SEPARATOR.matcher(lines[i + 1]).matches()) {
                    tableRoles = cells(line).stream().map(c -> ColumnRole.of(c.text())).toList();
                    continue;
                }
                if (TABLE_SEPARATOR.matcher(line).matches() || tableRoles == null) {
                    continue;
                }
                tableRow(make, candidates, tableRoles, line, number, participation);
                continue;
            }
            final Matcher bullet = BULLET.matcher(line);
            if (bullet.matches() && (responderSection || bridge) && (EMAIL.matcher(line).find() || PHONE.matcher(line).find())) {
                bulletPerson(make, candidates, line, bullet.start(1), number, participation);
            }
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        if (budget.wasCut()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, budget.note());
        }
        return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), true,
                segments, candidates, List.of(), List.of(), attributes);
    }

    static String lineLocator(final int line, final int start, final int end) {
        return "text:line=" + line + ",chars=" + start + "-" + end;
    }

    static TextSegment lineSegment(final String artifactId, final String line, final int number,
            final Map<String, String> context) {
        return new TextSegment(artifactId, line, (s, e) -> lineLocator(number, s, e), context);
    }

    /** A Markdown table cell: its text (stripped) and where that text sits in the line. */
    record TableCell(String text, int start, int end) {
    }

    static List<TableCell> cells(final String line) {
        final List<TableCell> out = new ArrayList<>();
        int from = 0;
        final String trimmed = line.stripTrailing();
        int limit = trimmed.length();
        int begin = line.indexOf('|');
        if (begin < 0 || !line.substring(0, begin).isBlank()) {
            begin = -1;
        }
        if (trimmed.endsWith("|")) {
            limit--;
        }
        from = begin + 1;
        while (from <= limit) {
            int bar = line.indexOf('|', from);
            if (bar < 0 || bar > limit) {
                bar = limit;
            }
            int s = from;
            int e = bar;
            while (s < e && Character.isWhitespace(line.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
                e--;
            }
            out.add(new TableCell(line.substring(s, e), s, e));
            from = bar + 1;
            if (bar == limit) {
                break;
            }
        }
        return out;
    }

    private static void tableRow(final DocumentReaderCandidates make, final List<Candidate> out, final List<ColumnRole> roles,
            final String line, final int number, final String participation) {
        final List<TableCell> cells = cells(line);
        TableCell name = null;
        TableCell first = null;
        TableCell last = null;
        final Map<String, String> attrs = new HashMap<>();
        for (int c = 0; c < Math.min(cells.size(), roles.size()); c++) {
            final TableCell cell = cells.get(c);
            if (cell.text().isEmpty()) {
                continue;
            }
            switch (roles.get(c)) {
                case CONTACT_NAME, REQUESTER -> name = name == null ? cell : name;
                case FIRST_NAME -> first = cell;
                case LAST_NAME -> last = cell;
                case EMAIL -> {
                    final Matcher m = EMAIL.matcher(cell.text());
                    if (m.find()) {
                        attrs.put(SegmentContext.EMAIL, m.group().toLowerCase(Locale.ROOT));
                    }
                }
                case PHONE -> attrs.put(SegmentContext.PHONE, cell.text());
                case PERSON_ROLE, SUBJECT -> attrs.put(SegmentContext.PERSON_ROLE, cell.text());
                default -> { }
            }
        }
        final TableCell where = name != null ? name : first != null ? first : last;
        if (where == null || (attrs.isEmpty() && name == null)) {
            return;
        }
        final String fullName = name != null ? name.text()
                : ((first == null ? "" : first.text()) + " " + (last == null ? "" : last.text())).strip();
        if (!attrs.containsKey(SegmentContext.EMAIL) && !attrs.containsKey(SegmentContext.PHONE)
                && !attrs.containsKey(SegmentContext.PERSON_ROLE)) {
            return;
        }
        attrs.put(SegmentContext.NAME, fullName);
        attrs.put(SegmentContext.PARTICIPATION, participation);
        out.add(make.of(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, fullName, lineLocator(number, where.start(), where.end()),
                where.text(), attrs));
    }

    private static void bulletPerson(final DocumentReaderCandidates make, final List<Candidate> out, final String line,
            final int start, final int number, final String participation) {
        final String item = line.substring(start);
        final Map<String, String> attrs = new HashMap<>();
        attrs.put(SegmentContext.PARTICIPATION, participation);
        final Matcher email = EMAIL.matcher(item);
        if (email.find()) {
            attrs.put(SegmentContext.EMAIL, email.group().toLowerCase(Locale.ROOT));
        }
        final Matcher phone = PHONE.matcher(item);
        if (phone.find()) {
            attrs.put(SegmentContext.PHONE, phone.group().strip());
        }
        final Matcher role = Pattern.compile("\\(([^)@]{2,60})\\)").matcher(item);
        if (role.find() && !role.group(1).matches(".*\\d{3}.*")) {
            attrs.put(SegmentContext.PERSON_ROLE, role.group(1).strip());
        }
        // The name is what comes before the first separator: "Dana Whitfield (IT admin), dana@x.com, +1 ...".
        final Matcher nameEnd = Pattern.compile("\\s[-–—|]\\s|[,(<:;]|\\s\\+?\\d|[A-Za-z0-9._%+'-]+@").matcher(item);
        final int end = nameEnd.find() ? nameEnd.start() : item.length();
        final String name = item.substring(0, end).replace("*", "").strip();
        final int nameStart = start + item.indexOf(name.isEmpty() ? item : name);
        if (!name.isEmpty() && name.chars().anyMatch(Character::isLetter)) {
            attrs.put(SegmentContext.NAME, name);
        }
        final String value = attrs.getOrDefault(SegmentContext.NAME, attrs.get(SegmentContext.EMAIL));
        if (value == null) {
            return;
        }
        final int s = attrs.containsKey(SegmentContext.NAME) ? Math.max(start, nameStart) : start + email.start();
        final int e = attrs.containsKey(SegmentContext.NAME) ? s + name.length() : start + email.end();
        out.add(make.of(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, value, lineLocator(number, s, e),
                line.substring(s, e), attrs));
    }
}
