package dev.handoff.extraction.reader;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.Notice;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.FieldNames;
import dev.handoff.core.Hashing;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.SegmentLocator;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads RFC 5322 emails and mbox files with mime4j: headers with the Date's own offset, the
 * decoded body split into its logical messages (inline forwards, quoted replies, signatures,
 * disclaimers), attached {@code message/rfc822} forwards read as messages of their own, and
 * attachments handed back as embedded artifacts.
 *
 * <p>Locators are {@code eml:message=<Message-ID>,header=Name} and
 * {@code eml:message=<Message-ID>,body,chars=S-E}, with the Message-ID as written (angle brackets
 * included) and character offsets into the decoded body text of that MIME message; blocks split
 * out of a body (forwarded, quoted) keep the containing message's id and offsets, so every
 * excerpt is verbatim. A message without a Message-ID gets the stable synthetic id
 * {@code <first 16 hex of sha256(raw header block)@handoff>}.
 */
public final class EmlReader implements ArtifactReader {

    public static final String EXTRACTOR = "EmlReader/1";

    private static final Logger LOGGER = LoggerFactory.getLogger(EmlReader.class);
    private static final int MAX_MESSAGE_DEPTH = 8;
    private static final Pattern MBOX_FROM = Pattern.compile(
            "^From \\S+\\s+[A-Z][a-z]{2}\\s+[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}.*$");
    private static final Pattern FOLD = Pattern.compile("\\r?\\n(?=[ \\t])");
    private static final Pattern COMMENT_NAME = Pattern.compile("\\(([^()]+)\\)\\s*$");
    private static final List<String> ADDRESS_HEADERS = List.of("From", "Reply-To", "To", "Cc");
    private static final List<String> SHOWN_HEADERS = List.of("From", "Reply-To", "To", "Cc", "Subject", "Date");

    @Override
    public boolean canRead(final Classification classification) {
        return classification != null && classification.getKind() == ArtifactKind.EMAIL;
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits)
            throws IOException {
        final byte[] bytes = input.bytes();
        if (bytes.length > limits.maxBytes()) {
            throw new IOException("email has " + bytes.length + " bytes, over the limit of " + limits.maxBytes());
        }
        final Reading reading = new Reading(input.artifactId(), limits);
        MessageInfo top = null;
        for (final byte[] raw : splitMbox(bytes)) {
            final Message message = parse(raw);
            try {
                final MessageInfo info = readMessage(reading, message, 0);
                if (top == null) {
                    top = info;
                }
            } finally {
                message.dispose();
            }
        }
        if (top == null || reading.segments.isEmpty() && reading.candidates.isEmpty()) {
            throw new IOException("not a readable email: no headers or body found");
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        if (top.date() != null) {
            attributes.put(SegmentContext.ANCHOR, top.date().toInstant().toString());
            attributes.put(SegmentContext.ZONE, EmlDateParser.zone(top.date()));
        }
        attributes.put(SegmentContext.MESSAGE_ID, top.id());
        final String mediaType = classification == null ? "message/rfc822" : classification.getMediaType();
        return new ArtifactContent(input.artifactId(), ArtifactKind.EMAIL, mediaType, true, reading.segments,
                reading.candidates, reading.warnings, reading.embedded, attributes);
    }

    /** What one message contributed at the artifact level. */
    private record MessageInfo(String id, OffsetDateTime date) {
    }

    /** Everything collected while reading one artifact. */
    private static final class Reading {
        private final String artifactId;
        private final ReadLimits limits;
        private final List<TextSegment> segments = new ArrayList<>();
        private final List<Candidate> candidates = new ArrayList<>();
        private final List<Notice> warnings = new ArrayList<>();
        private final List<ArtifactContent.EmbeddedArtifact> embedded = new ArrayList<>();
        private int textChars;
        private boolean embeddedCapped;

        Reading(final String artifactId, final ReadLimits limits) {
            this.artifactId = artifactId;
            this.limits = limits;
        }

        void candidate(final MentionType type, final String field, final String value, final String locator,
                       final String excerpt, final double confidence, final Map<String, String> attributes) {
            candidates.add(Candidate.newBuilder().setField(field).setType(type).setValue(value)
                    .setEvidence(Evidence.newBuilder().setArtifactId(artifactId).setLocator(locator).setExcerpt(excerpt).build())
                    .setConfidence(confidence).setExtractor(EXTRACTOR).setAttributes(attributes).build());
        }

        void embed(final String name, final String mediaType, final byte[] bytes) {
            if (embedded.size() >= limits.maxEmbedded() || bytes.length > limits.maxBytes()) {
                if (!embeddedCapped) {
                    embeddedCapped = true;
                    warnings.add(Notice.newBuilder().setCode("EMBEDDED_SKIPPED")
                            .setMessage("attachments beyond " + limits.maxEmbedded() + " or over " + limits.maxBytes()
                                    + " bytes were not read").setFields(List.of()).setArtifactId(artifactId)
                            .setEvidence(List.of()).build());
                }
                return;
            }
            embedded.add(new ArtifactContent.EmbeddedArtifact(name, mediaType, bytes));
        }
    }

    /** A decoded text part of a message body, and the attachments and attached messages beside it. */
    private static final class BodyParts {
        private final StringBuilder text = new StringBuilder();
        private final List<Message> attachedMessages = new ArrayList<>();
    }

    private static Message parse(final byte[] raw) throws IOException {
        final DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(new MimeConfig.Builder().setMaxLineLen(-1).setMaxHeaderLen(-1)
                .setMaxHeaderCount(-1).setStrictParsing(false).build());
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try (InputStream in = new ByteArrayInputStream(raw)) {
            return builder.parseMessage(in);
        } catch (final MimeIOException | RuntimeException e) {
            throw new IOException("not a readable email: " + oneLine(e.getMessage()), e);
        }
    }

    private MessageInfo readMessage(final Reading reading, final Message message, final int depth) throws IOException {
        final Map<String, String> headers = headerValues(message);
        final String id = messageId(message, headers);
        final String rawDate = headers.get("Date");
        final OffsetDateTime date = EmlDateParser.parse(rawDate);
        final List<Mailbox> from = mailboxes(headers.get("From"));
        final String author = from.isEmpty() ? headers.get("From") : display(from.get(0));

        final Map<String, String> base = new LinkedHashMap<>();
        base.put(SegmentContext.MESSAGE_ID, id);
        if (author != null && !author.isBlank()) {
            base.put(SegmentContext.AUTHOR, author);
        }
        if (date != null) {
            base.put(SegmentContext.ZONE, EmlDateParser.zone(date));
            base.put(SegmentContext.ANCHOR, date.toInstant().toString());
        }
        for (final String name : SHOWN_HEADERS) {
            final String value = headers.get(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            final Map<String, String> context = new LinkedHashMap<>(base);
            context.put(SegmentContext.ROLE, "Subject".equals(name) ? "subject" : "header");
            context.put(SegmentContext.FIELD, name);
            final String locator = "eml:message=" + id + ",header=" + name;
            reading.segments.add(new TextSegment(reading.artifactId, value, SegmentLocator.fixed(locator), context));
            if (ADDRESS_HEADERS.contains(name)) {
                addressCandidates(reading, value, participation(name), locator, value, 0.95, Map.of());
            } else if ("Date".equals(name)) {
                timeCandidate(reading, value, date, locator, value, 0.95, Map.of());
            }
        }

        final BodyParts parts = new BodyParts();
        collect(reading, message, parts, true);
        String body = parts.text.toString();
        final int room = Math.max(0, reading.limits.maxTextChars() - reading.textChars);
        if (body.length() > room) {
            body = body.substring(0, room);
        }
        reading.textChars += body.length();
        if (!body.isBlank()) {
            readBody(reading, id, body, base, date);
        }
        int index = 0;
        for (final Message attached : parts.attachedMessages) {
            index++;
            reading.embed(attachmentName(attached, "forwarded-" + index + ".eml"), "message/rfc822", write(attached));
            if (depth + 1 < Math.min(MAX_MESSAGE_DEPTH, reading.limits.maxDepth())) {
                readMessage(reading, attached, depth + 1);
            }
        }
        return new MessageInfo(id, date);
    }

    /** Splits the decoded body into logical messages and emits their segments and header candidates. */
    private static void readBody(final Reading reading, final String id, final String body,
                                 final Map<String, String> base, final OffsetDateTime messageDate) {
        final List<EmlThreadSplitter.Block> blocks = EmlThreadSplitter.blocks(body);
        final List<Map<String, String>> contexts = new ArrayList<>();
        for (final EmlThreadSplitter.Block block : blocks) {
            final Map<String, String> context = new LinkedHashMap<>(base);
            if (block.kind() != EmlThreadSplitter.Kind.BODY) {
                context.remove(SegmentContext.AUTHOR);
                context.remove(SegmentContext.ANCHOR);
                final String role = block.kind().name().toLowerCase(Locale.ROOT);
                final EmlThreadSplitter.InlineHeader from = block.header("From");
                if (from != null) {
                    final List<Mailbox> boxes = mailboxes(from.value());
                    context.put(SegmentContext.AUTHOR, boxes.isEmpty() ? from.value().strip() : display(boxes.get(0)));
                }
                final EmlThreadSplitter.InlineHeader dateHeader = block.header("Date");
                final OffsetDateTime date = dateHeader == null ? null : EmlDateParser.parse(dateHeader.value());
                if (date != null) {
                    context.put(SegmentContext.ZONE, EmlDateParser.zone(date));
                    context.put(SegmentContext.ANCHOR, date.toInstant().toString());
                }
                final Map<String, String> extra = Map.of(SegmentContext.ROLE, role);
                for (final EmlThreadSplitter.InlineHeader h : block.headers()) {
                    if (h.end() <= h.start()) {
                        continue;
                    }
                    final String locator = bodyLocator(id, h.start(), h.end());
                    final String excerpt = body.substring(h.start(), h.end());
                    if (ADDRESS_HEADERS.contains(h.name())) {
                        addressCandidates(reading, h.value(), participation(h.name()), locator, excerpt, 0.8, extra);
                    } else if ("Date".equals(h.name())) {
                        final Map<String, String> attributes = new LinkedHashMap<>(extra);
                        if (date == null && messageDate != null) {
                            // A zoneless forwarded date was rendered by the forwarder's client: its zone is the best guess.
                            attributes.put(SegmentContext.ZONE, EmlDateParser.zone(messageDate));
                        }
                        timeCandidate(reading, h.value().strip(), date, locator, excerpt, 0.8, attributes);
                    }
                }
            }
            contexts.add(context);
        }
        for (final EmlThreadSplitter.Part part : EmlThreadSplitter.parts(body, blocks)) {
            final Map<String, String> context = new LinkedHashMap<>(contexts.get(part.block()));
            context.put(SegmentContext.ROLE, part.role());
            final int offset = part.start();
            final SegmentLocator locator = (s, e) -> bodyLocator(id, offset + s, offset + e);
            reading.segments.add(new TextSegment(reading.artifactId, body.substring(part.start(), part.end()), locator, context));
        }
    }

    private static String bodyLocator(final String id, final int start, final int end) {
        return "eml:message=" + id + ",body,chars=" + start + "-" + end;
    }

    private static void addressCandidates(final Reading reading, final String value, final String participation,
                                          final String locator, final String excerpt, final double confidence,
                                          final Map<String, String> extra) {
        final List<Mailbox> boxes = mailboxes(value);
        if (boxes.isEmpty() && !value.isBlank()) {
            final Map<String, String> attributes = new LinkedHashMap<>(extra);
            attributes.put(SegmentContext.PARTICIPATION, participation);
            attributes.put(SegmentContext.NAME, value.strip());
            reading.candidate(MentionType.PERSON, FieldNames.APPROVED_CONTACTS, value.strip(), locator, excerpt,
                    confidence * 0.7, attributes);
            return;
        }
        for (final Mailbox box : boxes) {
            final String email = box.getAddress() == null ? "" : box.getAddress().strip();
            final boolean hasEmail = email.contains("@");
            final String name = box.getName() == null ? "" : box.getName().strip();
            final Map<String, String> attributes = new LinkedHashMap<>(extra);
            attributes.put(SegmentContext.PARTICIPATION, participation);
            if (!name.isEmpty()) {
                attributes.put(SegmentContext.NAME, name);
            }
            if (hasEmail) {
                attributes.put(SegmentContext.EMAIL, email.toLowerCase(Locale.ROOT));
            }
            final String person = !name.isEmpty() ? name : email;
            if (!person.isEmpty()) {
                reading.candidate(MentionType.PERSON, FieldNames.APPROVED_CONTACTS, person, locator, excerpt, confidence,
                        attributes);
            }
            if (hasEmail) {
                final Map<String, String> emailAttributes = new LinkedHashMap<>(extra);
                emailAttributes.put(SegmentContext.PARTICIPATION, participation);
                reading.candidate(MentionType.EMAIL_ADDRESS, FieldNames.TENANT, email.toLowerCase(Locale.ROOT), locator,
                        excerpt, confidence, emailAttributes);
            }
        }
    }

    private static void timeCandidate(final Reading reading, final String raw, final OffsetDateTime date,
                                      final String locator, final String excerpt, final double confidence,
                                      final Map<String, String> extra) {
        final Map<String, String> attributes = new LinkedHashMap<>(extra);
        attributes.put(SegmentContext.TIME_ROLE, "REPORT");
        if (date != null) {
            attributes.put(SegmentContext.ZONE, EmlDateParser.zone(date));
            attributes.put(SegmentContext.ANCHOR, date.toInstant().toString());
        }
        reading.candidate(MentionType.TIME_CLAIM, FieldNames.FIRST_OBSERVED_AT, raw, locator, excerpt,
                date == null ? confidence * 0.6 : confidence, attributes);
    }

    private static String participation(final String header) {
        return switch (header) {
            case "To" -> "RECIPIENT";
            case "Cc" -> "CC";
            default -> "SENDER";
        };
    }

    /**
     * Walks the MIME tree: the readable text goes to the body (text/plain preferred over its HTML
     * alternative), attached messages are kept to be read in turn, everything else is an attachment.
     */
    private static void collect(final Reading reading, final Entity entity, final BodyParts parts, final boolean top)
            throws IOException {
        final Body body = entity.getBody();
        final String mime = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        final boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType());
        if (body instanceof Multipart multipart) {
            final List<Entity> children = multipart.getBodyParts();
            if ("multipart/alternative".equals(mime)) {
                final Entity chosen = chooseAlternative(children);
                if (chosen != null) {
                    collect(reading, chosen, parts, false);
                }
                return;
            }
            for (final Entity child : children) {
                collect(reading, child, parts, false);
            }
            return;
        }
        if (body instanceof Message attached && !top) {
            parts.attachedMessages.add(attached);
            return;
        }
        if (body instanceof Message attached) {
            // A top-level message/rfc822 entity: its only content is the attached message.
            parts.attachedMessages.add(attached);
            return;
        }
        if (!(body instanceof SingleBody single)) {
            return;
        }
        final boolean text = body instanceof TextBody && (mime.equals("text/plain") || mime.equals("text/html"));
        if (text && !attachment) {
            String decoded = decode(single, entity.getCharset());
            if (mime.equals("text/html")) {
                decoded = htmlToText(decoded);
            }
            if (!decoded.isBlank()) {
                if (parts.text.length() > 0) {
                    parts.text.append("\n\n");
                }
                parts.text.append(decoded);
            }
            return;
        }
        final byte[] bytes = readAll(single);
        reading.embed(entity.getFilename() == null ? "attachment-" + (reading.embedded.size() + 1)
                : DecoderUtil.decodeEncodedWords(entity.getFilename(), DecodeMonitor.SILENT), mime, bytes);
    }

    private static Entity chooseAlternative(final List<Entity> children) {
        Entity html = null;
        Entity other = null;
        for (final Entity child : children) {
            final String mime = child.getMimeType() == null ? "" : child.getMimeType().toLowerCase(Locale.ROOT);
            if (mime.equals("text/plain") && child.getBody() instanceof TextBody tb && !isBlank(tb, child)) {
                return child;
            }
            if (mime.equals("text/html") && html == null) {
                html = child;
            } else if (child.isMultipart() && other == null) {
                other = child;
            }
        }
        return html != null ? html : other;
    }

    private static boolean isBlank(final TextBody body, final Entity entity) {
        try {
            return decode(body, entity.getCharset()).isBlank();
        } catch (final IOException e) {
            return true;
        }
    }

    /** HTML as a reader sees it: block elements and line breaks become new lines, markup and scripts vanish. */
    static String htmlToText(final String html) {
        final Document doc = Jsoup.parse(html);
        doc.select("script,style,head").remove();
        doc.select("br").after("\n");
        doc.select("p,div,li,tr,h1,h2,h3,h4,h5,h6,blockquote,table,pre").after("\n");
        final String text = doc.body() == null ? doc.text() : doc.body().wholeText();
        return text.replace('\u00A0', ' ')
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" ?\\n ?", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static String decode(final SingleBody body, final String charsetName) throws IOException {
        final byte[] bytes = readAll(body);
        Charset declared = null;
        if (charsetName != null) {
            try {
                declared = Charset.forName(charsetName.strip());
            } catch (final IllegalArgumentException e) {
                declared = null;
            }
        }
        // us-ascii is the MIME default even when the bytes are 8-bit: those are almost always UTF-8 or Windows-1252.
        if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, declared);
        }
        return decodeUtf8OrLatin(bytes);
    }

    private static String decodeUtf8OrLatin(final byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    private static byte[] readAll(final SingleBody body) throws IOException {
        try (InputStream in = body.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] write(final Message message) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DefaultMessageWriter().writeMessage(message, out);
        return out.toByteArray();
    }

    private static String attachmentName(final Message message, final String fallback) {
        final String subject = headerValues(message).get("Subject");
        if (subject == null || subject.isBlank()) {
            return fallback;
        }
        return subject.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]+", "_") + ".eml";
    }

    /** First value of each header, unfolded and RFC 2047-decoded; raw 8-bit headers are read as UTF-8. */
    private static Map<String, String> headerValues(final Message message) {
        final Map<String, String> values = new LinkedHashMap<>();
        if (message.getHeader() == null) {
            return values;
        }
        for (final Field field : message.getHeader().getFields()) {
            final String name = canonicalHeader(field.getName());
            if (!values.containsKey(name)) {
                values.put(name, headerValue(field));
            }
        }
        return values;
    }

    private static String canonicalHeader(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "from" -> "From";
            case "to" -> "To";
            case "cc" -> "Cc";
            case "reply-to" -> "Reply-To";
            case "subject" -> "Subject";
            case "date" -> "Date";
            case "message-id" -> "Message-ID";
            default -> name;
        };
    }

    private static String headerValue(final Field field) {
        String value;
        if (field.getRaw() != null) {
            final String raw = decodeUtf8OrLatin(field.getRaw().toByteArray());
            final int colon = raw.indexOf(':');
            value = colon >= 0 ? raw.substring(colon + 1) : raw;
        } else {
            value = field.getBody() == null ? "" : field.getBody();
        }
        value = FOLD.matcher(value).replaceAll("").strip();
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (final IllegalArgumentException e) {
            return value;
        }
    }

    private static String messageId(final Message message, final Map<String, String> headers) {
        final String id = headers.get("Message-ID");
        if (id != null && !id.isBlank()) {
            return id.strip().split("\\s+")[0];
        }
        final StringBuilder raw = new StringBuilder();
        if (message.getHeader() != null) {
            for (final Field field : message.getHeader().getFields()) {
                raw.append(field.getRaw() == null ? field.getName() + ": " + field.getBody() : field.getRaw().toString()).append('\n');
            }
        }
        return "<" + Hashing.sha256Hex(raw.toString()).substring(0, 16) + "@handoff>";
    }

    static List<Mailbox> mailboxes(final String value) {
        final List<Mailbox> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        if (!isAscii(value)) {
            // mime4j's address parser counts bytes, not characters: raw UTF-8 addresses (RFC 6532) lose their tail.
            return looseMailboxes(value);
        }
        try {
            final AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            for (final Address address : list) {
                if (address instanceof Mailbox box) {
                    out.add(withCommentName(box, value));
                } else if (address instanceof Group group) {
                    group.getMailboxes().forEach(out::add);
                }
            }
        } catch (final RuntimeException e) {
            LOGGER.debug("address list not parseable reason={}", e.getClass().getSimpleName());
        }
        out.removeIf(b -> (b.getAddress() == null || b.getAddress().isBlank()) && (b.getName() == null || b.getName().isBlank()));
        return out;
    }

    private static boolean isAscii(final String value) {
        return value.chars().allMatch(c -> c < 0x80);
    }

    /** Address list split by hand: commas outside quotes and angle brackets separate, {@code <addr>} or a bare address. */
    private static List<Mailbox> looseMailboxes(final String value) {
        final List<String> items = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                angle++;
            } else if (c == '>' && !quoted && angle > 0) {
                angle--;
            } else if (c == ',' && !quoted && angle == 0) {
                items.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        items.add(current.toString());
        final List<Mailbox> out = new ArrayList<>();
        for (final String item : items) {
            final String text = item.strip();
            final int lt = text.lastIndexOf('<');
            final int gt = text.lastIndexOf('>');
            String address;
            String name;
            if (lt >= 0 && gt > lt) {
                address = text.substring(lt + 1, gt).strip();
                name = text.substring(0, lt).strip();
            } else {
                final Matcher comment = COMMENT_NAME.matcher(text);
                name = comment.find() ? comment.group(1).strip() : "";
                address = comment.find(0) ? text.substring(0, comment.start()).strip() : text;
            }
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            final int at = address.lastIndexOf('@');
            if (at > 0) {
                out.add(new Mailbox(name.isEmpty() ? null : name, address.substring(0, at), address.substring(at + 1)));
            }
        }
        return out;
    }

    /** "user@host (Real Name)": the old comment form carries the name. */
    private static Mailbox withCommentName(final Mailbox box, final String value) {
        if ((box.getName() == null || box.getName().isBlank()) && value.indexOf(',') < 0) {
            final Matcher m = COMMENT_NAME.matcher(value.strip());
            if (m.find() && box.getLocalPart() != null) {
                return new Mailbox(m.group(1).strip(), box.getLocalPart(), box.getDomain());
            }
        }
        return box;
    }

    private static String display(final Mailbox box) {
        final String email = box.getAddress() == null ? "" : box.getAddress();
        if (box.getName() == null || box.getName().isBlank()) {
            return email;
        }
        return email.isEmpty() ? box.getName() : box.getName().strip() + " <" + email + ">";
    }

    /** The messages of an mbox file (split at "From " envelope lines), or the whole input as one message. */
    static List<byte[]> splitMbox(final byte[] bytes) {
        final String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("From ") || !MBOX_FROM.matcher(firstLine(text, 0)).matches()) {
            return List.of(bytes);
        }
        final List<byte[]> messages = new ArrayList<>();
        int messageStart = -1;
        int lineStart = 0;
        boolean previousBlank = true;
        while (lineStart < text.length()) {
            final String line = firstLine(text, lineStart);
            int next = lineStart + line.length();
            if (next < text.length() && text.charAt(next) == '\r') {
                next++;
            }
            if (next < text.length() && text.charAt(next) == '\n') {
                next++;
            }
            if (previousBlank && MBOX_FROM.matcher(line).matches()) {
                if (messageStart >= 0) {
                    messages.add(slice(bytes, messageStart, lineStart));
                }
                messageStart = next;
            }
            previousBlank = line.isBlank();
            lineStart = next;
        }
        if (messageStart >= 0 && messageStart < bytes.length) {
            messages.add(slice(bytes, messageStart, bytes.length));
        }
        return messages;
    }

    private static String firstLine(final String text, final int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(from, end);
    }

    private static byte[] slice(final byte[] bytes, final int start, final int end) {
        final byte[] out = new byte[end - start];
        System.arraycopy(bytes, start, out, 0, out.length);
        return out;
    }

    private static String oneLine(final String message) {
        return message == null ? "invalid MIME" : message.replaceAll("\\s+", " ").strip();
    }
}
