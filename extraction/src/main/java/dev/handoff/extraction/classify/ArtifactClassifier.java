package dev.handoff.extraction.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Classification;
import dev.handoff.extraction.ArtifactInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what kind of artifact a file is from its content (magic bytes, container entries, then text
 * sniffing of at most the first 64 KB), never from its name; the manifest's kind hint settles ambiguous
 * content and is overridden, with a reason saying so, when the content clearly says otherwise.
 */
public final class ArtifactClassifier {

    /** Text sniffing never looks further than this. */
    public static final int SNIFF_BYTES = 64 * 1024;

    public static final String MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String MEDIA_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String MEDIA_ODS = "application/vnd.oasis.opendocument.spreadsheet";
    public static final String MEDIA_PDF = "application/pdf";
    public static final String MEDIA_CSV = "text/csv";
    public static final String MEDIA_JSON = "application/json";
    public static final String MEDIA_XML = "application/xml";
    public static final String MEDIA_MARKDOWN = "text/markdown";
    public static final String MEDIA_TEXT = "text/plain";
    public static final String MEDIA_EMAIL = "message/rfc822";
    public static final String MEDIA_MBOX = "application/mbox";
    public static final String MEDIA_CALENDAR = "text/calendar";
    public static final String MEDIA_BINARY = "application/octet-stream";

    private static final Logger LOGGER = LoggerFactory.getLogger(ArtifactClassifier.class);

    private static final double CLEAR = 0.9;
    private static final double LIKELY = 0.7;
    private static final double HINTED = 0.6;
    private static final double UNKNOWN = 0.3;

    private static final Set<String> TICKET_KEYS = Set.of("ticket", "tickets", "issue", "issues", "fields", "comments",
            "comment", "description", "subject", "requester", "requester_id", "conversations", "ticket_id", "casenumber",
            "short_description", "reporter", "results", "audits", "summary", "priority", "status", "body_text",
            "incident", "case", "cases");
    private static final Set<String> STRONG_TICKET_KEYS = Set.of("ticket", "tickets", "issues", "requester",
            "requester_id", "conversations", "ticket_id", "casenumber", "reporter", "audits", "incident", "cases");
    private static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*:[ \\t]?.*");
    private static final Set<String> EMAIL_HEADERS = Set.of("from", "to", "cc", "subject", "date", "message-id",
            "received", "mime-version", "return-path", "delivered-to", "reply-to", "content-type", "in-reply-to",
            "references", "sender", "x-mailer", "dkim-signature", "authentication-results", "user-agent");
    private static final Pattern SERVICENOW = Pattern.compile(
            "<(unload|incident|sys_journal_field|sn_customerservice_case|task)\\b|sys_created_on|sys_id|short_description");
    private static final Pattern MARKDOWN = Pattern.compile("(?m)^(#{1,6} |\\|.*\\|\\s*$|[-*] |```|> )");

    /** Classifies one artifact. Never throws: unreadable content is OTHER with a low confidence. */
    public Classification classify(final ArtifactInput input) {
        final byte[] bytes = input.bytes() == null ? new byte[0] : input.bytes();
        final ArtifactKind hint = input.kindHint();
        try {
            return classifyBytes(bytes, hint);
        } catch (final RuntimeException e) {
            LOGGER.debug("classification failed artifact={} error={}", input.artifactId(), e.getClass().getSimpleName());
            return result(ArtifactKind.OTHER, MEDIA_BINARY, "content could not be inspected", UNKNOWN);
        }
    }

    private Classification classifyBytes(final byte[] bytes, final ArtifactKind hint) {
        if (bytes.length == 0) {
            return result(ArtifactKind.OTHER, MEDIA_BINARY, "empty file", UNKNOWN);
        }
        final String image = imageType(bytes);
        if (image != null) {
            return withHint(ArtifactKind.SCREENSHOT, image, image.substring(6).toUpperCase(Locale.ROOT) + " image", 0.95, hint);
        }
        if (startsWith(bytes, "%PDF-")) {
            return document(MEDIA_PDF, "PDF", pdfText(bytes), hint);
        }
        if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return zip(bytes, hint);
        }
        if (bytes.length > 8 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF && (bytes[2] & 0xFF) == 0x11
                && (bytes[3] & 0xFF) == 0xE0) {
            return result(ArtifactKind.OTHER, "application/x-tika-msoffice", "legacy Office (OLE2) file, not read", 0.4);
        }
        final TextDecoder.Decoded decoded = TextDecoder.decode(bytes, SNIFF_BYTES);
        if (!decoded.looksLikeText()) {
            return withHint(ArtifactKind.OTHER, MEDIA_BINARY, "unknown binary content", UNKNOWN, null);
        }
        return text(decoded.text(), bytes.length > SNIFF_BYTES, hint);
    }

    // ---- binary formats -------------------------------------------------------------------------------

    private static String imageType(final byte[] b) {
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length > 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
                || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) {
            return "image/tiff";
        }
        if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) {
            return "image/gif";
        }
        if (b.length > 18 && b[0] == 'B' && b[1] == 'M') {
            // The DIB header size after the 14-byte file header tells a real BMP from text starting "BM".
            final int dib = (b[14] & 0xFF) | (b[15] & 0xFF) << 8 | (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 24;
            if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124) {
                return "image/bmp";
            }
        }
        if (b.length > 12 && startsWith(b, "RIFF") && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private Classification zip(final byte[] bytes, final ArtifactKind hint) {
        final List<String> names = new ArrayList<>();
        String mimetype = null;
        String documentText = null;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            for (final ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
                names.add(entry.getName());
                if ("mimetype".equals(entry.getName())) {
                    mimetype = new String(readBounded(zip, entry, 200), StandardCharsets.US_ASCII).trim();
                } else if ("word/document.xml".equals(entry.getName())) {
                    documentText = xmlText(new String(readBounded(zip, entry, SNIFF_BYTES), StandardCharsets.UTF_8));
                }
                if (names.size() > 10_000) {
                    break;
                }
            }
        } catch (final IOException | RuntimeException e) {
            return withHint(ArtifactKind.OTHER, "application/zip", "zip archive that cannot be opened (corrupt or truncated)",
                    UNKNOWN, null);
        }
        if (documentText != null) {
            return document(MEDIA_DOCX, "DOCX (zip with word/document.xml)", documentText, hint);
        }
        if (names.contains("xl/workbook.xml")) {
            return withHint(ArtifactKind.CRM_SNAPSHOT, MEDIA_XLSX, "zip with xl/workbook.xml (XLSX workbook)", 0.8, hint);
        }
        if (MEDIA_ODS.equals(mimetype)) {
            return withHint(ArtifactKind.CRM_SNAPSHOT, MEDIA_ODS, "zip whose mimetype is an OpenDocument spreadsheet", 0.8, hint);
        }
        if (mimetype != null && mimetype.startsWith("application/vnd.oasis.opendocument")) {
            return withHint(ArtifactKind.OTHER, mimetype, "OpenDocument file that is not a spreadsheet", 0.5, hint);
        }
        return withHint(ArtifactKind.OTHER, "application/zip", "zip archive without a known document inside", UNKNOWN, null);
    }

    private static byte[] readBounded(final ZipFile zip, final ZipArchiveEntry entry, final int max) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readNBytes(max);
        }
    }

    /** Text of a WordprocessingML fragment: paragraph and cell ends become line breaks, tags are dropped. */
    private static String xmlText(final String xml) {
        return xml.replaceAll("</w:p>|</w:tc>|<w:br/>", "\n").replaceAll("<[^>]*>?", "")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    }

    private static String pdfText(final byte[] bytes) {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            if (pdf.isEncrypted()) {
                return null;
            }
            final PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(3);
            final String text = stripper.getText(pdf);
            return text.length() > SNIFF_BYTES ? text.substring(0, SNIFF_BYTES) : text;
        } catch (final IOException | RuntimeException e) {
            return null;
        }
    }

    private Classification document(final String mediaType, final String what, final String text, final ArtifactKind hint) {
        if (text == null) {
            return withHint(ArtifactKind.OTHER, mediaType, what + " whose text cannot be read (encrypted or corrupt)",
                    0.4, hint);
        }
        return prose(text, mediaType, what, hint);
    }

    private Classification prose(final String text, final String mediaType, final String what, final ArtifactKind hint) {
        final DocumentCues.Cue cue = DocumentCues.of(text);
        if (cue.bridgeRequest()) {
            return withHint(ArtifactKind.BRIDGE_TEMPLATE, mediaType, what + " with " + cue.why(), 0.8, hint);
        }
        if (cue.accountNote()) {
            return withHint(ArtifactKind.ESCALATION_NOTE, mediaType, what + " with " + cue.why(), 0.75, hint);
        }
        if (hint == ArtifactKind.BRIDGE_TEMPLATE || hint == ArtifactKind.ESCALATION_NOTE || hint == ArtifactKind.OTHER) {
            return result(hint, mediaType, what + " with " + cue.why() + "; kind taken from the manifest", HINTED);
        }
        return withHint(ArtifactKind.OTHER, mediaType, what + " with " + cue.why(), 0.5, null);
    }

    // ---- text formats -------------------------------------------------------------------------------

    private Classification text(final String raw, final boolean cut, final ArtifactKind hint) {
        final String text = raw.stripLeading();
        if (text.isEmpty()) {
            return result(ArtifactKind.OTHER, MEDIA_TEXT, "blank text file", UNKNOWN);
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            final Classification json = json(text, hint);
            if (json != null) {
                return json;
            }
        }
        if (text.startsWith("BEGIN:VCALENDAR")) {
            return withHint(ArtifactKind.OTHER, MEDIA_CALENDAR, "iCalendar file (BEGIN:VCALENDAR)", CLEAR, hint);
        }
        if (text.startsWith("From ") && text.lines().limit(30).skip(1).anyMatch(l -> HEADER_LINE.matcher(l).matches())) {
            return withHint(ArtifactKind.EMAIL, MEDIA_MBOX, "mbox mailbox (starts with a \"From \" line)", CLEAR, hint);
        }
        final int emailHeaders = emailHeaderCount(text);
        if (emailHeaders >= 2) {
            return withHint(ArtifactKind.EMAIL, MEDIA_EMAIL, "RFC 5322 header block (" + emailHeaders + " mail headers)",
                    emailHeaders >= 3 ? CLEAR : LIKELY, hint);
        }
        if (text.startsWith("<")) {
            final String head = text.substring(0, Math.min(text.length(), 4096)).toLowerCase(Locale.ROOT);
            if (head.contains("<html") || head.startsWith("<!doctype html")) {
                return withHint(ArtifactKind.OTHER, "text/html", "HTML page", LIKELY, hint);
            }
            if (SERVICENOW.matcher(text).find()) {
                return withHint(ArtifactKind.TICKET_EXPORT, MEDIA_XML, "XML with ServiceNow incident/journal/sys_ elements",
                        0.85, hint);
            }
            return withHint(ArtifactKind.OTHER, MEDIA_XML, "XML without ticket elements", 0.5,
                    hint == ArtifactKind.TICKET_EXPORT ? null : hint);
        }
        final Classification csv = csv(raw, cut, hint);
        if (csv != null) {
            return csv;
        }
        final boolean markdown = MARKDOWN.matcher(text).find();
        return prose(text, markdown ? MEDIA_MARKDOWN : MEDIA_TEXT, markdown ? "Markdown text" : "plain text", hint);
    }

    private static int emailHeaderCount(final String text) {
        final Set<String> seen = new HashSet<>();
        int lines = 0;
        for (final String line : text.split("\\R", 200)) {
            if (line.isEmpty()) {
                break;
            }
            lines++;
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue;
            }
            if (!HEADER_LINE.matcher(line).matches()) {
                // A header block has nothing but headers and their folded continuations.
                return 0;
            }
            seen.add(line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT));
            if (lines > 150) {
                break;
            }
        }
        seen.retainAll(EMAIL_HEADERS);
        return seen.size();
    }

    private Classification json(final String text, final ArtifactKind hint) {
        final JsonKeys keys = JsonKeys.scan(text);
        if (keys == null) {
            return null;
        }
        if (keys.harLog()) {
            return withHint(ArtifactKind.HAR_SUMMARY, MEDIA_JSON, "JSON with log.entries/log.version (HAR)", 0.95, hint);
        }
        final Set<String> ticketish = new HashSet<>(keys.keys());
        ticketish.retainAll(TICKET_KEYS);
        final Set<String> strong = new HashSet<>(keys.keys());
        strong.retainAll(STRONG_TICKET_KEYS);
        if (!strong.isEmpty() || ticketish.size() >= 3) {
            final Set<String> named = strong.isEmpty() ? ticketish : strong;
            return withHint(ArtifactKind.TICKET_EXPORT, MEDIA_JSON, "JSON with ticket keys " + sorted(named)
                    + (keys.decodedBodies() ? " (inside recorded HTTP bodies)" : ""), strong.isEmpty() ? LIKELY : CLEAR, hint);
        }
        if (hint == ArtifactKind.TICKET_EXPORT || hint == ArtifactKind.HAR_SUMMARY) {
            return result(hint, MEDIA_JSON, "JSON without ticket or HAR keys; kind taken from the manifest", 0.5);
        }
        return withHint(ArtifactKind.OTHER, MEDIA_JSON, "JSON without ticket or HAR keys", 0.5, null);
    }

    private static String sorted(final Set<String> keys) {
        return String.join(", ", new java.util.TreeSet<>(keys).stream().limit(4).toList());
    }

    private Classification csv(final String raw, final boolean cut, final ArtifactKind hint) {
        String sample = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        if (cut) {
            final int lastBreak = sample.lastIndexOf('\n');
            if (lastBreak > 0) {
                sample = sample.substring(0, lastBreak);
            }
        }
        final CsvDialect dialect = CsvDialect.detect(sample);
        if (dialect == null || dialect.records() < 2) {
            return null;
        }
        int longCells = 0;
        for (final String h : dialect.header()) {
            if (h.length() > 60) {
                longCells++;
            }
        }
        if (longCells * 2 > dialect.header().size()) {
            // Prose with commas, not a header row.
            return null;
        }
        final Set<ColumnRole> roles = new HashSet<>();
        final List<String> ticketCols = new ArrayList<>();
        final List<String> crmCols = new ArrayList<>();
        for (final String h : dialect.header()) {
            final ColumnRole role = ColumnRole.of(h);
            roles.add(role);
            switch (role) {
                case TICKET_ID, SUBJECT, REQUESTER, PRIORITY, IMPACT -> ticketCols.add(h);
                case PLAN, STATUS, VALID_FROM, VALID_TO, RENEWAL, ACCOUNT_ID -> crmCols.add(h);
                default -> { }
            }
        }
        final String delimiter = switch (dialect.delimiter()) {
            case '\t' -> "tab";
            case ';' -> "';'";
            case '|' -> "'|'";
            default -> "','";
        };
        final String table = "CSV (" + delimiter + "-separated, " + dialect.header().size() + " columns)";
        final boolean plan = roles.contains(ColumnRole.PLAN) || roles.contains(ColumnRole.VALID_FROM)
                || roles.contains(ColumnRole.VALID_TO) || roles.contains(ColumnRole.RENEWAL);
        if (ticketCols.size() >= 2 && !plan) {
            return withHint(ArtifactKind.TICKET_EXPORT, MEDIA_CSV, table + " with ticket columns " + ticketCols, CLEAR, hint);
        }
        if (plan || crmCols.size() >= 2) {
            return withHint(ArtifactKind.CRM_SNAPSHOT, MEDIA_CSV, table + " with account/plan columns " + crmCols, CLEAR, hint);
        }
        final boolean people = roles.contains(ColumnRole.EMAIL) || roles.contains(ColumnRole.PHONE);
        final boolean names = roles.contains(ColumnRole.CONTACT_NAME) || roles.contains(ColumnRole.FIRST_NAME)
                || roles.contains(ColumnRole.LAST_NAME) || roles.contains(ColumnRole.ORGANIZATION);
        if (people && names && ticketCols.size() <= 1) {
            return withHint(ArtifactKind.CRM_SNAPSHOT, MEDIA_CSV, table + " of contacts", 0.8, hint);
        }
        if (ticketCols.size() == 1 && roles.contains(ColumnRole.CREATED)) {
            return withHint(ArtifactKind.TICKET_EXPORT, MEDIA_CSV, table + " with ticket columns " + ticketCols, LIKELY, hint);
        }
        if (roles.contains(ColumnRole.ORGANIZATION) && ticketCols.isEmpty()) {
            return withHint(ArtifactKind.CRM_SNAPSHOT, MEDIA_CSV, table + " of accounts", LIKELY, hint);
        }
        if (hint == ArtifactKind.TICKET_EXPORT || hint == ArtifactKind.CRM_SNAPSHOT) {
            return result(hint, MEDIA_CSV, table + " without telling columns; kind taken from the manifest", HINTED);
        }
        return result(ArtifactKind.OTHER, MEDIA_CSV, table + " without ticket or CRM columns", 0.5);
    }

    // ---- results -------------------------------------------------------------------------------------

    /** Uses the content's kind; when the manifest hinted another kind, says that the content overrides it. */
    private static Classification withHint(final ArtifactKind kind, final String mediaType, final String reason,
            final double confidence, final ArtifactKind hint) {
        if (hint == null || hint == kind) {
            return result(kind, mediaType, reason, confidence);
        }
        if (confidence < 0.5) {
            // The content says nothing clear: the manifest knows better.
            return result(hint, mediaType, reason + "; kind taken from the manifest", 0.5);
        }
        return result(kind, mediaType, "manifest said " + hint + " but content is " + reason, confidence);
    }

    private static Classification result(final ArtifactKind kind, final String mediaType, final String reason,
            final double confidence) {
        return Classification.newBuilder().setKind(kind).setMediaType(mediaType).setReason(reason)
                .setConfidence(confidence).build();
    }

    private static boolean startsWith(final byte[] bytes, final String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Object keys of a JSON sample (including those of recorded HTTP bodies), read until the sample ends. */
    private record JsonKeys(Set<String> keys, boolean harLog, boolean decodedBodies) {

        private static final JsonFactory FACTORY = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();

        static JsonKeys scan(final String text) {
            final Set<String> keys = new HashSet<>();
            final boolean[] flags = new boolean[2];
            final boolean parsed = collect(text, keys, flags, 0);
            if (!parsed && keys.isEmpty()) {
                return null;
            }
            return new JsonKeys(keys, flags[0], flags[1]);
        }

        /** Returns false when the text is not JSON at all. */
        private static boolean collect(final String text, final Set<String> keys, final boolean[] flags, final int nesting) {
            final List<String> path = new ArrayList<>();
            boolean any = false;
            try (JsonParser p = FACTORY.createParser(text)) {
                JsonToken t;
                String field = null;
                while ((t = p.nextToken()) != null) {
                    any = true;
                    switch (t) {
                        case FIELD_NAME -> {
                            field = p.currentName();
                            keys.add(field.toLowerCase(Locale.ROOT));
                            if (path.size() == 2 && "log".equals(path.get(1))
                                    && ("entries".equals(field) || "version".equals(field))) {
                                flags[0] = true;
                            }
                        }
                        case START_OBJECT, START_ARRAY -> path.add(field == null ? "" : field);
                        case END_OBJECT, END_ARRAY -> {
                            if (!path.isEmpty()) {
                                path.remove(path.size() - 1);
                            }
                        }
                        case VALUE_STRING -> {
                            if ("base64_string".equals(field) && nesting == 0) {
                                final String decoded = decodeBase64(p.getText());
                                if (decoded != null && (decoded.startsWith("{") || decoded.startsWith("["))) {
                                    flags[1] |= collect(decoded, keys, flags, nesting + 1);
                                }
                            }
                        }
                        default -> { }
                    }
                    if (t != JsonToken.FIELD_NAME && t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                        field = null;
                    }
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        field = null;
                    }
                }
                return true;
            } catch (final IOException | RuntimeException e) {
                // The sample may be cut or broken; what was read so far still says something.
                return any && !keys.isEmpty();
            }
        }

        private static String decodeBase64(final String value) {
            if (value.isEmpty() || value.length() > SNIFF_BYTES * 2) {
                return null;
            }
            try {
                final byte[] decoded = Base64.getMimeDecoder().decode(value);
                return new String(decoded, 0, Math.min(decoded.length, SNIFF_BYTES), StandardCharsets.UTF_8).stripLeading();
            } catch (final IllegalArgumentException e) {
                return null;
            }
        }
    }
}
