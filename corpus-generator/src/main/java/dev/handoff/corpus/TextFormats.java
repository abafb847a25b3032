package dev.handoff.corpus;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text artifacts as the systems that export them write them: ticket exports (CSV, Zendesk- and
 * Jira-like JSON, ServiceNow XML), RFC 5322 emails (multipart, forwarded), HAR captures, Markdown.
 */
final class TextFormats {

    /** A support ticket as the ticketing platform holds it. {@code created} is written in each format's own way. */
    record Ticket(String id, String subject, String requesterName, String requesterEmail, String org, String impact,
                  String environment, ZonedDateTime created, String description, List<Comment> comments) {
    }

    /** A ticket comment. */
    record Comment(String authorName, String authorEmail, ZonedDateTime at, String body) {
    }

    /** An email; {@code forwarded} is quoted inline below {@code body} (a forward), {@code attached} travels as message/rfc822. */
    record Mail(String messageId, String from, List<String> to, List<String> cc, String subject, ZonedDateTime date,
                String body, boolean html, Mail forwarded, Mail attached) {
    }

    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter CSV_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter JIRA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

    private TextFormats() {
    }

    static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- tickets

    static byte[] csvTicket(final Ticket t, final char delim, final boolean bom, final boolean crlf) {
        final String nl = crlf ? "\r\n" : "\n";
        final StringBuilder b = new StringBuilder(bom ? "\uFEFF" : "");
        final List<String> head = List.of("Ticket", "Subject", "Requester", "Organization", "Impact", "Environment",
                "Created (UTC)", "Comment");
        b.append(String.join(String.valueOf(delim), head)).append(nl);
        final List<String> row = List.of(t.id(), t.subject(), t.requesterEmail(), t.org(), t.impact(), t.environment(),
                CSV_UTC.format(t.created().withZoneSameInstant(java.time.ZoneOffset.UTC)), t.description());
        b.append(String.join(String.valueOf(delim), row.stream().map(v -> csvCell(v, delim)).toList())).append(nl);
        for (final Comment c : t.comments()) {
            final List<String> r = List.of(t.id(), "", c.authorEmail(), "", "", "",
                    CSV_UTC.format(c.at().withZoneSameInstant(java.time.ZoneOffset.UTC)), c.body());
            b.append(String.join(String.valueOf(delim), r.stream().map(v -> csvCell(v, delim)).toList())).append(nl);
        }
        return utf8(b.toString());
    }

    private static String csvCell(final String v, final char delim) {
        if (v.indexOf(delim) >= 0 || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    static byte[] zendeskJson(final Ticket t) {
        final StringBuilder b = new StringBuilder();
        b.append("{\n  \"ticket\": {\n");
        b.append("    \"id\": ").append(t.id()).append(",\n");
        b.append("    \"subject\": ").append(js(t.subject())).append(",\n");
        b.append("    \"created_at\": ").append(js(t.created().withZoneSameInstant(java.time.ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_INSTANT))).append(",\n");
        b.append("    \"status\": \"open\",\n    \"priority\": \"urgent\",\n");
        b.append("    \"requester\": { \"name\": ").append(js(t.requesterName())).append(", \"email\": ")
                .append(js(t.requesterEmail())).append(" },\n");
        b.append("    \"organization\": { \"name\": ").append(js(t.org())).append(" },\n");
        b.append("    \"custom_fields\": [\n      { \"title\": \"Business impact\", \"value\": ").append(js(t.impact()))
                .append(" },\n      { \"title\": \"Environment\", \"value\": ").append(js(t.environment()))
                .append(" }\n    ],\n");
        b.append("    \"description\": ").append(js(t.description())).append(",\n");
        b.append("    \"comments\": [");
        for (int i = 0; i < t.comments().size(); i++) {
            final Comment c = t.comments().get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append("      { \"author\": { \"name\": ").append(js(c.authorName())).append(", \"email\": ")
                    .append(js(c.authorEmail())).append(" }, \"created_at\": ")
                    .append(js(c.at().withZoneSameInstant(java.time.ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT)))
                    .append(", \"public\": true, \"body\": ").append(js(c.body())).append(" }");
        }
        b.append(t.comments().isEmpty() ? "]\n" : "\n    ]\n");
        b.append("  }\n}\n");
        return utf8(b.toString());
    }

    static byte[] jiraJson(final Ticket t) {
        final StringBuilder b = new StringBuilder();
        b.append("{\"expand\":\"renderedFields,names\",\"id\":\"").append(t.id().replaceAll("\\D", ""))
                .append("\",\"key\":").append(js(t.id())).append(",\"fields\":{");
        b.append("\"summary\":").append(js(t.subject()));
        b.append(",\"created\":").append(js(JIRA.format(t.created())));
        b.append(",\"reporter\":{\"displayName\":").append(js(t.requesterName())).append(",\"emailAddress\":")
                .append(js(t.requesterEmail())).append(",\"timeZone\":").append(js(t.created().getZone().getId())).append("}");
        b.append(",\"customfield_10002\":[{\"name\":").append(js(t.org())).append("}]");
        b.append(",\"customfield_10204\":{\"value\":").append(js(t.impact())).append("}");
        b.append(",\"environment\":").append(js(t.environment()));
        b.append(",\"description\":").append(js(t.description()));
        b.append(",\"comment\":{\"comments\":[");
        for (int i = 0; i < t.comments().size(); i++) {
            final Comment c = t.comments().get(i);
            b.append(i == 0 ? "" : ",").append("{\"author\":{\"displayName\":").append(js(c.authorName()))
                    .append(",\"emailAddress\":").append(js(c.authorEmail())).append("},\"created\":")
                    .append(js(JIRA.format(c.at()))).append(",\"body\":").append(js(c.body())).append("}");
        }
        b.append("]}},\"names\":{\"summary\":\"Summary\",\"created\":\"Created\",\"reporter\":\"Reporter\","
                + "\"customfield_10002\":\"Organizations\",\"customfield_10204\":\"Business Impact\",\"environment\":\"Environment\","
                + "\"description\":\"Description\",\"comment\":\"Comment\"}}\n");
        return utf8(b.toString());
    }

    static byte[] serviceNowXml(final Ticket t) {
        final String at = CSV_UTC.format(t.created().withZoneSameInstant(java.time.ZoneOffset.UTC));
        final StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml>\n <incident>\n");
        b.append("  <number>").append(x(t.id())).append("</number>\n");
        b.append("  <short_description>").append(x(t.subject())).append("</short_description>\n");
        b.append("  <opened_at>").append(at).append("</opened_at>\n");
        b.append("  <sys_created_on>").append(at).append("</sys_created_on>\n");
        b.append("  <caller_id display_value=\"").append(x(t.requesterName())).append("\">")
                .append(x(t.requesterEmail())).append("</caller_id>\n");
        b.append("  <company display_value=\"").append(x(t.org())).append("\">").append(x(t.org())).append("</company>\n");
        b.append("  <impact display_value=\"").append(x(t.impact())).append("\">").append(t.impact().charAt(0))
                .append("</impact>\n");
        b.append("  <u_environment>").append(x(t.environment())).append("</u_environment>\n");
        b.append("  <description>").append(x(t.description())).append("</description>\n");
        for (final Comment c : t.comments()) {
            b.append("  <comments sys_created_by=\"").append(x(c.authorEmail())).append("\" sys_created_on=\"")
                    .append(CSV_UTC.format(c.at().withZoneSameInstant(java.time.ZoneOffset.UTC))).append("\">")
                    .append(x(c.authorName() + ": " + c.body())).append("</comments>\n");
        }
        b.append(" </incident>\n</xml>\n");
        return utf8(b.toString());
    }

    // ---------------------------------------------------------------- email

    static byte[] eml(final Mail m) {
        final StringBuilder b = new StringBuilder();
        headers(b, m);
        b.append("MIME-Version: 1.0\r\n");
        final String boundary = "----=_Part_" + Integer.toHexString(m.messageId().hashCode() & 0x7fffffff);
        String text = m.body();
        if (m.forwarded() != null) {
            text = text + "\r\n\r\n---------- Forwarded message ---------\r\nFrom: " + m.forwarded().from()
                    + "\r\nDate: " + RFC_5322.format(m.forwarded().date()) + "\r\nSubject: " + m.forwarded().subject()
                    + "\r\nTo: " + String.join(", ", m.forwarded().to())
                    + (m.forwarded().cc().isEmpty() ? "" : "\r\nCc: " + String.join(", ", m.forwarded().cc()))
                    + "\r\n\r\n" + m.forwarded().body();
        }
        if (m.attached() != null) {
            b.append("Content-Type: multipart/mixed;\r\n boundary=\"").append(boundary).append("\"\r\n\r\n");
            b.append("--").append(boundary).append("\r\n");
            b.append("Content-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            b.append(quotedPrintable(text)).append("\r\n");
            b.append("--").append(boundary).append("\r\n");
            b.append("Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"original.eml\"\r\n\r\n");
            b.append(new String(eml(m.attached()), StandardCharsets.UTF_8)).append("\r\n");
            b.append("--").append(boundary).append("--\r\n");
        } else if (m.html()) {
            b.append("Content-Type: multipart/alternative;\r\n boundary=\"").append(boundary).append("\"\r\n\r\n");
            b.append("--").append(boundary).append("\r\n");
            b.append("Content-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            b.append(quotedPrintable(text)).append("\r\n");
            b.append("--").append(boundary).append("\r\n");
            b.append("Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            final StringBuilder h = new StringBuilder("<html><body><div style=\"font-family:Calibri,Arial,sans-serif\">");
            for (final String para : text.split("\r?\n\r?\n")) {
                h.append("<p>").append(x(para).replaceAll("\r?\n", "<br>\r\n")).append("</p>\r\n");
            }
            h.append("</div></body></html>");
            b.append(quotedPrintable(h.toString())).append("\r\n");
            b.append("--").append(boundary).append("--\r\n");
        } else {
            b.append("Content-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
            b.append(text.replaceAll("(?<!\r)\n", "\r\n")).append("\r\n");
        }
        return utf8(b.toString());
    }

    private static void headers(final StringBuilder b, final Mail m) {
        b.append("From: ").append(m.from()).append("\r\n");
        b.append("To: ").append(String.join(", ", m.to())).append("\r\n");
        if (!m.cc().isEmpty()) {
            b.append("Cc: ").append(String.join(",\r\n ", m.cc())).append("\r\n");
        }
        b.append("Subject: ").append(m.subject()).append("\r\n");
        b.append("Date: ").append(RFC_5322.format(m.date())).append("\r\n");
        b.append("Message-ID: <").append(m.messageId()).append(">\r\n");
    }

    static String quotedPrintable(final String s) {
        final StringBuilder out = new StringBuilder();
        for (final String line : s.replace("\r\n", "\n").split("\n", -1)) {
            final StringBuilder l = new StringBuilder();
            for (final byte by : line.getBytes(StandardCharsets.UTF_8)) {
                final int c = by & 0xff;
                final String enc = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c)
                        : String.format(Locale.ROOT, "=%02X", c);
                if (l.length() + enc.length() > 75) {
                    out.append(l).append("=\r\n");
                    l.setLength(0);
                }
                l.append(enc);
            }
            if (l.length() > 0 && l.charAt(l.length() - 1) == ' ') {
                l.setLength(l.length() - 1);
                l.append("=20");
            }
            out.append(l).append("\r\n");
        }
        return out.substring(0, out.length() - 2);
    }

    // ---------------------------------------------------------------- HAR

    /** One HAR entry; headers and cookies as name/value pairs, {@code postText} the form body when present. */
    record HarEntry(String started, String method, String url, List<String[]> requestHeaders, List<String[]> cookies,
                    String postText, int status, List<String[]> responseHeaders, String mimeType, String body) {
    }

    static byte[] har(final String browser, final List<HarEntry> entries) {
        final StringBuilder b = new StringBuilder();
        b.append("{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": { \"name\": ").append(js(browser))
                .append(", \"version\": \"131.0\" },\n    \"pages\": [],\n    \"entries\": [\n");
        for (int i = 0; i < entries.size(); i++) {
            final HarEntry e = entries.get(i);
            b.append("      {\n        \"startedDateTime\": ").append(js(e.started())).append(",\n        \"time\": ")
                    .append(40 + i * 17).append(",\n        \"request\": {\n          \"method\": ").append(js(e.method()))
                    .append(",\n          \"url\": ").append(js(e.url())).append(",\n          \"httpVersion\": \"HTTP/2\",\n");
            b.append("          \"headers\": ").append(pairs(e.requestHeaders())).append(",\n");
            b.append("          \"cookies\": ").append(pairs(e.cookies())).append(",\n");
            b.append("          \"queryString\": [],\n");
            if (e.postText() != null) {
                b.append("          \"postData\": { \"mimeType\": \"application/x-www-form-urlencoded\", \"text\": ")
                        .append(js(e.postText())).append(" },\n");
            }
            b.append("          \"headersSize\": -1,\n          \"bodySize\": ")
                    .append(e.postText() == null ? 0 : e.postText().length()).append("\n        },\n");
            b.append("        \"response\": {\n          \"status\": ").append(e.status()).append(",\n          \"statusText\": ")
                    .append(js(statusText(e.status()))).append(",\n          \"httpVersion\": \"HTTP/2\",\n");
            b.append("          \"headers\": ").append(pairs(e.responseHeaders())).append(",\n");
            b.append("          \"cookies\": [],\n          \"content\": { \"size\": ").append(e.body().length())
                    .append(", \"mimeType\": ").append(js(e.mimeType())).append(", \"text\": ").append(js(e.body()))
                    .append(" },\n          \"redirectURL\": \"\",\n          \"headersSize\": -1,\n          \"bodySize\": ")
                    .append(e.body().length()).append("\n        },\n        \"cache\": {},\n");
            b.append("        \"timings\": { \"send\": 0.2, \"wait\": ").append(30 + i * 11).append(", \"receive\": 1.1 }\n      }")
                    .append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        b.append("    ]\n  }\n}\n");
        return utf8(b.toString());
    }

    private static String statusText(final int status) {
        return switch (status) {
            case 200 -> "OK";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            default -> "Internal Server Error";
        };
    }

    private static String pairs(final List<String[]> pairs) {
        final List<String> out = new ArrayList<>();
        for (final String[] p : pairs) {
            out.add("{ \"name\": " + js(p[0]) + ", \"value\": " + js(p[1]) + " }");
        }
        return "[" + String.join(", ", out) + "]";
    }

    // ---------------------------------------------------------------- escaping

    static String js(final String s) {
        final StringBuilder b = new StringBuilder("\"");
        for (final char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String x(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
