package dev.handoff.extraction.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one decoded email body into its logical messages: the author's own text, inline
 * forwarded blocks ("---------- Forwarded message ---------", "Begin forwarded message:",
 * "Weitergeleitete Nachricht", Outlook "From:/Sent:" blocks) and quoted replies ("On ... wrote:",
 * "Am ... schrieb ...:" followed by {@code >} lines), and marks signatures and legal disclaimers.
 * All offsets index the body text, so every piece stays a verbatim excerpt of it.
 */
final class EmlThreadSplitter {

    /** What a block is. */
    enum Kind { BODY, FORWARDED, QUOTED }

    /** A header line inside the body ("From: ...", or the sender/date of an attribution line). */
    record InlineHeader(String name, String value, int start, int end) {
    }

    /** One logical message inside the body; {@code bodyStart} is where its text starts after its header lines. */
    record Block(Kind kind, int start, int end, int bodyStart, List<InlineHeader> headers) {

        InlineHeader header(final String name) {
            return headers.stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** A span of text with its role: body, forwarded, quoted, signature, disclaimer. */
    record Part(int start, int end, String role, int block) {
    }

    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "(?i)^\\s*(?:-{2,}\\s*(?:forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado)\\s*-*"
                    + "|begin forwarded message:?|anfang der weitergeleiteten nachricht:?)\\s*$");
    private static final Pattern ORIGINAL_MARKER = Pattern.compile(
            "(?i)^\\s*-{2,}\\s*(?:original message|ursprüngliche nachricht|urspr\\S*ngliche nachricht|message d'origine)\\s*-*\\s*$");
    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?i)^\\s*\\*?(from|von|de|date|sent|datum|gesendet|envoyé|to|an|à|cc|kopie|subject|betreff|objet|reply-to)\\*?:\\s*(.*?)\\s*$");
    private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\s*\\*?(from|von):\\*?\\s+\\S.*$");
    private static final Pattern OUTLOOK_DATE = Pattern.compile("(?i)^\\s*\\*?(sent|date|gesendet|datum):\\*?\\s+\\S.*$");
    private static final Pattern ATTRIBUTION_EN = Pattern.compile("^\\s*On\\s+(.+?)\\s+wrote:\\s*$");
    private static final Pattern ATTRIBUTION_DE = Pattern.compile("^\\s*Am\\s+(.+?)\\s+schrieb\\s+(.+?):\\s*$");
    private static final Pattern TIME = Pattern.compile(
            "\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[AaPp]\\.?[Mm]\\.?)?(?:\\s*(?:[+-]\\d{4}|\\(?[A-Z]{2,5}\\)?))?(?=[,\\s]|$)");
    private static final Pattern CLOSING = Pattern.compile(
            "(?i)^\\s*(best regards|kind regards|warm regards|regards|many thanks|thanks|thank you|cheers|best|sincerely|"
                    + "mit freundlichen grüßen|mit freundlichen gruessen|freundliche grüße|freundliche gruesse|viele grüße|"
                    + "beste grüße|liebe grüße|grüße|gruß|mfg|lg|vg|cordialement|saludos)[,.!]?\\s*$");
    private static final Pattern NAME_LINE = Pattern.compile("^\\s*\\p{Lu}[\\p{L}'.-]+(?:\\s+\\p{Lu}[\\p{L}'.-]*){1,3}\\s*$");
    private static final Pattern DISCLAIMER = Pattern.compile(
            "(?i)^\\s*(confidentiality notice|disclaimer\\b|legal notice|this (e-?mail|message|communication|transmission)\\b[^\\n]{0,120}?"
                    + "(confidential|privileged|intended (solely|only))|the information (contained )?in this (e-?mail|message)|"
                    + "if you (are not|have received this)[^\\n]{0,60}(intended recipient|in error)|"
                    + "diese (e-?mail|nachricht)[^\\n]{0,120}vertraulich)");
    private static final int MAX_SIGNATURE_LINES = 6;

    private record Line(int start, int end, String text) {
    }

    private EmlThreadSplitter() {
    }

    /** Blocks covering the body from start to end, in order. */
    static List<Block> blocks(final String body) {
        final List<Line> lines = lines(body);
        final List<Block> blocks = new ArrayList<>();
        int blockStart = 0;
        Kind kind = Kind.BODY;
        int bodyStart = 0;
        List<InlineHeader> headers = List.of();
        int i = 0;
        while (i < lines.size()) {
            final Line line = lines.get(i);
            final Kind markerKind = markerKind(lines, i);
            if (markerKind != null) {
                add(blocks, kind, blockStart, line.start(), bodyStart, headers);
                final List<InlineHeader> found = new ArrayList<>();
                final boolean outlook = OUTLOOK_FROM.matcher(line.text()).matches() && !isMarker(line.text());
                int j = outlook ? i : i + 1;
                while (j < lines.size() && lines.get(j).text().isBlank() && found.isEmpty() && j < i + 3) {
                    j++;
                }
                while (j < lines.size()) {
                    final Matcher m = HEADER_LINE.matcher(lines.get(j).text());
                    if (!m.matches()) {
                        break;
                    }
                    final int valueStart = lines.get(j).start() + m.start(2);
                    found.add(new InlineHeader(canonical(m.group(1)), m.group(2), valueStart, valueStart + m.group(2).length()));
                    j++;
                }
                blockStart = line.start();
                kind = markerKind;
                headers = found;
                bodyStart = j < lines.size() ? lines.get(j).start() : body.length();
                i = Math.max(j, i + 1);
                continue;
            }
            final int attribution = attributionLines(lines, i);
            if (attribution > 0 || line.text().startsWith(">") && kind != Kind.QUOTED) {
                add(blocks, kind, blockStart, line.start(), bodyStart, headers);
                blockStart = line.start();
                kind = Kind.QUOTED;
                headers = attribution > 0 ? attributionHeaders(lines, i, attribution) : List.of();
                int j = i + attribution;
                bodyStart = j < lines.size() ? lines.get(j).start() : body.length();
                // The quote runs over '>' lines and blank lines between them.
                int lastQuoted = j - 1;
                while (j < lines.size() && (lines.get(j).text().startsWith(">") || lines.get(j).text().isBlank())) {
                    if (lines.get(j).text().startsWith(">")) {
                        lastQuoted = j;
                    }
                    j++;
                }
                if (lastQuoted + 1 < lines.size() && lastQuoted >= i) {
                    // Text after the quote is the author's again (bottom posting).
                    final int quoteEnd = lines.get(lastQuoted).end();
                    add(blocks, kind, blockStart, quoteEnd, bodyStart, headers);
                    blockStart = quoteEnd;
                    bodyStart = quoteEnd;
                    kind = Kind.BODY;
                    headers = List.of();
                }
                i = Math.max(lastQuoted + 1, i + 1);
                continue;
            }
            i++;
        }
        add(blocks, kind, blockStart, body.length(), bodyStart, headers);
        if (blocks.isEmpty()) {
            blocks.add(new Block(Kind.BODY, 0, body.length(), 0, List.of()));
        }
        return blocks;
    }

    /** Parts of every block: its own text, then its signature and disclaimer when it has them. */
    static List<Part> parts(final String body, final List<Block> blocks) {
        final List<Part> parts = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            final Block block = blocks.get(b);
            final String role = block.kind().name().toLowerCase(Locale.ROOT);
            final List<Line> lines = lines(body.substring(0, block.end())).stream()
                    .filter(l -> l.start() >= block.bodyStart()).toList();
            int disclaimerAt = block.end();
            for (int i = 0; i < lines.size(); i++) {
                final boolean paragraphStart = i == 0 || lines.get(i - 1).text().isBlank();
                if (paragraphStart && DISCLAIMER.matcher(lines.get(i).text()).find()) {
                    disclaimerAt = lines.get(i).start();
                    break;
                }
            }
            final int signatureAt = block.kind() == Kind.QUOTED ? -1 : signatureStart(lines, disclaimerAt);
            final int textEnd = signatureAt >= 0 ? signatureAt : disclaimerAt;
            addPart(parts, body, block.start(), textEnd, role, b);
            if (signatureAt >= 0) {
                addPart(parts, body, signatureAt, disclaimerAt, "signature", b);
            }
            addPart(parts, body, disclaimerAt, block.end(), "disclaimer", b);
        }
        return parts;
    }

    private static int signatureStart(final List<Line> lines, final int limit) {
        final List<Line> own = lines.stream().filter(l -> l.end() <= limit).toList();
        for (final Line l : own) {
            if (l.text().equals("-- ") || l.text().equals("--")) {
                return l.start();
            }
        }
        // A closing ("Best regards,") followed by a short name/title block.
        for (int i = own.size() - 1; i >= 0 && i >= own.size() - MAX_SIGNATURE_LINES - 2; i--) {
            if (CLOSING.matcher(own.get(i).text()).matches()) {
                for (int j = i + 1; j < own.size(); j++) {
                    if (!own.get(j).text().isBlank()) {
                        return own.get(j).start();
                    }
                }
                return -1;
            }
        }
        // No closing: a last paragraph of a few short lines that starts with a person's name.
        int last = own.size() - 1;
        while (last >= 0 && own.get(last).text().isBlank()) {
            last--;
        }
        int first = last;
        while (first > 0 && !own.get(first - 1).text().isBlank()) {
            first--;
        }
        if (last < 0 || first == 0 || last - first + 1 > 4) {
            return -1;
        }
        for (int k = first; k <= last; k++) {
            if (own.get(k).text().strip().length() > 60) {
                return -1;
            }
        }
        return NAME_LINE.matcher(own.get(first).text()).matches() ? own.get(first).start() : -1;
    }

    private static void addPart(final List<Part> parts, final String body, final int start, final int end,
                                final String role, final int block) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(body.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(body.charAt(e - 1))) {
            e--;
        }
        if (e > s) {
            parts.add(new Part(s, e, role, block));
        }
    }

    private static void add(final List<Block> blocks, final Kind kind, final int start, final int end,
                            final int bodyStart, final List<InlineHeader> headers) {
        if (end > start) {
            blocks.add(new Block(kind, start, end, Math.min(Math.max(bodyStart, start), end), List.copyOf(headers)));
        }
    }

    private static boolean isMarker(final String text) {
        return FORWARD_MARKER.matcher(text).matches() || ORIGINAL_MARKER.matcher(text).matches();
    }

    private static Kind markerKind(final List<Line> lines, final int i) {
        final String text = lines.get(i).text();
        if (FORWARD_MARKER.matcher(text).matches()) {
            return Kind.FORWARDED;
        }
        if (ORIGINAL_MARKER.matcher(text).matches()) {
            return Kind.QUOTED;
        }
        // Outlook replies: "From: ..." after a blank or underscore line, with "Sent:" close below.
        if (i > 0 && OUTLOOK_FROM.matcher(text).matches()) {
            final String previous = lines.get(i - 1).text().strip();
            if (previous.isEmpty() || previous.matches("_{5,}")) {
                for (int j = i + 1; j < lines.size() && j <= i + 4; j++) {
                    if (OUTLOOK_DATE.matcher(lines.get(j).text()).matches()) {
                        return Kind.QUOTED;
                    }
                }
            }
        }
        return null;
    }

    /** 1 or 2 when an attribution line ("On ... wrote:") starts at line i (mail clients wrap it), else 0. */
    private static int attributionLines(final List<Line> lines, final int i) {
        final String text = lines.get(i).text();
        if (ATTRIBUTION_EN.matcher(text).matches() || ATTRIBUTION_DE.matcher(text).matches()) {
            return 1;
        }
        if (i + 1 < lines.size() && (text.startsWith("On ") || text.startsWith("Am "))) {
            final String joined = text + " " + lines.get(i + 1).text();
            if (ATTRIBUTION_EN.matcher(joined).matches() || ATTRIBUTION_DE.matcher(joined).matches()) {
                return 2;
            }
        }
        return 0;
    }

    /** Sender and date of an attribution, each located in the body. */
    private static List<InlineHeader> attributionHeaders(final List<Line> lines, final int i, final int count) {
        final Line first = lines.get(i);
        final int end = lines.get(i + count - 1).end();
        // Work on the original text so offsets stay exact; a wrapped attribution keeps its line break.
        final StringBuilder sb = new StringBuilder(first.text());
        if (count == 2) {
            sb.append('\n').append(lines.get(i + 1).text());
        }
        final String text = sb.toString();
        final int base = first.start();
        final List<InlineHeader> headers = new ArrayList<>();
        final Matcher de = ATTRIBUTION_DE.matcher(text.replace('\n', ' '));
        if (de.matches()) {
            headers.add(new InlineHeader("Date", de.group(1), base + de.start(1), base + de.end(1)));
            headers.add(new InlineHeader("From", de.group(2).replace('\n', ' '), base + de.start(2), base + de.end(2)));
            return headers;
        }
        final Matcher en = ATTRIBUTION_EN.matcher(text.replace('\n', ' '));
        if (!en.matches()) {
            return headers;
        }
        final String inner = en.group(1);
        final int innerStart = en.start(1);
        int split = -1;
        final Matcher time = TIME.matcher(inner);
        while (time.find()) {
            split = time.end();
        }
        if (split < 0) {
            split = inner.lastIndexOf(", ");
        }
        if (split <= 0 || split >= inner.length()) {
            headers.add(new InlineHeader("From", inner, base + innerStart, base + innerStart + inner.length()));
            return headers;
        }
        final String date = inner.substring(0, split).strip();
        int nameStart = split;
        while (nameStart < inner.length() && (inner.charAt(nameStart) == ',' || Character.isWhitespace(inner.charAt(nameStart)))) {
            nameStart++;
        }
        final String name = inner.substring(nameStart);
        headers.add(new InlineHeader("Date", date, base + innerStart, base + innerStart + date.length()));
        if (!name.isBlank()) {
            headers.add(new InlineHeader("From", name.replace('\n', ' '), base + innerStart + nameStart,
                    Math.min(end, base + innerStart + inner.length())));
        }
        return headers;
    }

    private static String canonical(final String name) {
        final String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "von", "de" -> "From";
            case "sent", "datum", "gesendet", "envoyé", "date" -> "Date";
            case "an", "à", "to" -> "To";
            case "kopie", "cc" -> "Cc";
            case "betreff", "objet", "subject" -> "Subject";
            case "reply-to" -> "Reply-To";
            default -> "From";
        };
    }

    private static List<Line> lines(final String text) {
        final List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                int end = i;
                if (end > start && text.charAt(end - 1) == '\r') {
                    end--;
                }
                if (i < text.length() || end > start) {
                    lines.add(new Line(start, end, text.substring(start, end)));
                }
                start = i + 1;
            }
        }
        return lines;
    }
}
