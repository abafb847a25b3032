package dev.handoff.extraction.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.SegmentLocator;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.ArtifactClassifier;
import dev.handoff.extraction.classify.TextDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Reads a ticket export in JSON (Zendesk, Freshdesk, Jira, Salesforce and similar shapes, also recorded API
 * cassettes whose HTTP bodies are base64) by walking it generically: text keys become segments, creation and
 * update times, requesters, comment authors and organizations become candidates.
 *
 * <p>Locator: {@code json:} followed by the RFC 6901 JSON Pointer of the string value ({@code json:/tickets/0/description}).
 * Where a string holds a JSON document of its own (a base64 {@code base64_string} body of a recorded HTTP
 * exchange, or a JSON string body) the pointer continues through the decoded document, for example
 * {@code json:/http_interactions/0/response/body/base64_string/audits/0/events/0/body}. HTML values are read as
 * their text; the locator names the whole value.
 */
public final class TicketJsonReader implements ArtifactReader {

    static final String EXTRACTOR = "TicketJsonReader/1";

    private static final Set<String> SUBJECT_KEYS = Set.of("subject", "summary", "title", "raw_subject", "short_description");
    private static final Set<String> BODY_KEYS = Set.of("description", "body", "comment", "text", "html_body", "plain_body",
            "body_text", "description_text", "description_html", "value", "note", "content", "message", "html_value",
            "plain_value");
    private static final Set<String> TIME_KEYS = Set.of("created_at", "createdat", "created", "updated", "updated_at",
            "updatedat", "createddate", "created_date", "sys_created_on", "opened_at", "creation_date");
    private static final Set<String> REQUESTER_KEYS = Set.of("requester", "reporter", "submitter", "requested_by",
            "requester_email", "reporter_email", "suppliedemail", "contactemail");
    private static final Set<String> AUTHOR_KEYS = Set.of("author", "from_email", "from", "updateauthor", "created_by");
    private static final Set<String> ORG_KEYS = Set.of("organization", "organisation", "company", "company_name",
            "organization_name", "account", "account_name", "customer", "customer_name", "suppliedcompany");
    private static final Set<String> IMPACT_KEYS = Set.of("impact", "business_impact", "businessimpact", "urgency");
    private static final Set<String> ENV_KEYS = Set.of("environment", "env", "instance");
    private static final List<String> LABEL_KEYS = List.of("title", "name", "label", "field", "display_name", "displayName");
    private static final Pattern HTML = Pattern.compile("<(/?[a-zA-Z][a-zA-Z0-9]*)(\\s[^>]*)?/?>");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern BLOB = Pattern.compile("^[A-Za-z0-9+/=\\r\\n]{200,}$");

    @Override
    public boolean canRead(final Classification classification) {
        return ArtifactClassifier.MEDIA_JSON.equals(classification.getMediaType())
                && classification.getKind() != ArtifactKind.HAR_SUMMARY;
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
        DocumentReaderBudget.checkSize(input, limits, "JSON file");
        final String text = TextDecoder.decode(input.bytes()).text();
        final Walk walk = new Walk(input.artifactId(), limits);
        final JsonNode root = walk.parse(text);
        walk.visit(root, "", new Scope(null, null, null), 0);
        final Map<String, String> attributes = new LinkedHashMap<>();
        if (walk.firstAnchor != null) {
            attributes.put(SegmentContext.ANCHOR, walk.firstAnchor);
            attributes.put(SegmentContext.ZONE, walk.firstZone);
        }
        if (walk.budget.wasCut()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, walk.budget.note());
        }
        return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), true,
                walk.segments, walk.candidates, List.of(), List.of(), attributes);
    }

    /** What holds for a subtree: the ticket's own creation time and zone, and who wrote it. */
    private record Scope(String anchor, String zone, String author) {
    }

    /** One walk over one document. */
    private static final class Walk {
        private final String artifactId;
        private final ReadLimits limits;
        private final ObjectMapper mapper;
        private final DocumentReaderCandidates make;
        private final DocumentReaderBudget budget;
        private final List<TextSegment> segments = new ArrayList<>();
        private final List<Candidate> candidates = new ArrayList<>();
        private String firstAnchor;
        private final Map<String, String> displayNames = new HashMap<>();
        private String firstZone;

        Walk(final String artifactId, final ReadLimits limits) {
            this.artifactId = artifactId;
            this.limits = limits;
            this.mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Math.max(1, limits.maxDepth())).build()).build());
            this.make = new DocumentReaderCandidates(artifactId, EXTRACTOR);
            this.budget = new DocumentReaderBudget(limits);
        }

        JsonNode parse(final String text) {
            try {
                final JsonNode node = mapper.readTree(text);
                if (node == null || node.isMissingNode()) {
                    throw new IllegalArgumentException("JSON file holds no value");
                }
                return node;
            } catch (final StreamConstraintsException e) {
                throw new IllegalArgumentException("JSON nested deeper than " + limits.maxDepth() + " levels");
            } catch (final JsonProcessingException e) {
                final JsonLocation at = e.getLocation();
                throw new IllegalArgumentException("JSON cannot be parsed (corrupt or truncated"
                        + (at == null ? "" : " near line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
            }
        }

        void visit(final JsonNode node, final String pointer, final Scope outer, final int depth) {
            if (depth > limits.maxDepth() || budget.exhausted()) {
                return;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    visit(node.get(i), pointer + "/" + i, outer, depth + 1);
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            final Scope scope = scopeOf(node, outer);
            labelledValue(node, pointer, scope, depth);
            // Jira: custom fields are named in a "names" map beside "fields" (customfield_10204 -> Business Impact)
            final JsonNode names = node.get("names");
            if (names != null && names.isObject()) {
                names.fields().forEachRemaining(e -> {
                    if (e.getValue().isTextual()) {
                        displayNames.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String key = field.getKey();
                final String shownName = displayNames.getOrDefault(key, key);
                final String lower = shownName.equals(key) ? key.toLowerCase(Locale.ROOT)
                        : shownName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
                final JsonNode value = field.getValue();
                final String at = pointer + "/" + escape(key);
                if (value.isObject() && value.path("value").isValueNode() && !value.path("value").isNull()
                        && !shownName.equals(key)) {
                    text(lower, shownName, value.path("value").asText(), at + "/value", scope, depth);
                }
                if (value.isTextual()) {
                    text(lower, key, value.asText(), at, scope, depth);
                } else if (value.isObject()) {
                    if (REQUESTER_KEYS.contains(lower)) {
                        personObject(value, at, "REQUESTER");
                    } else if (AUTHOR_KEYS.contains(lower)) {
                        personObject(value, at, "COMMENT_AUTHOR");
                    } else if (ORG_KEYS.contains(lower) && value.path("name").isTextual()) {
                        org(value.path("name").asText(), at + "/name");
                    }
                    visit(value, at, scope, depth + 1);
                } else if (value.isArray()) {
                    visit(value, at, scope, depth + 1);
                }
            }
        }

        /**
         * Custom fields arrive as {"title": "Business impact", "value": "2 - Significant/Large"} (Zendesk,
         * Freshdesk, ServiceNow REST): the label names what the value is, so read the value as if the label
         * were its key.
         */
        private void labelledValue(final JsonNode node, final String pointer, final Scope scope, final int depth) {
            final JsonNode value = node.get("value");
            if (value == null || !value.isValueNode() || value.isNull()) {
                return;
            }
            for (final String labelKey : LABEL_KEYS) {
                final JsonNode label = node.get(labelKey);
                if (label != null && label.isTextual() && !label.asText().isBlank()) {
                    final String key = label.asText().strip();
                    final String lower = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                            .replaceAll("^_|_$", "");
                    if (IMPACT_KEYS.contains(lower) || ENV_KEYS.contains(lower) || ORG_KEYS.contains(lower)
                            || lower.endsWith("_impact") || lower.startsWith("impact")) {
                        final String mapped = IMPACT_KEYS.contains(lower) || ENV_KEYS.contains(lower)
                                || ORG_KEYS.contains(lower) ? lower : "impact";
                        text(mapped, key, value.asText(), pointer + "/value", scope, depth);
                    }
                    return;
                }
            }
        }

        private Scope scopeOf(final JsonNode node, final Scope outer) {
            String anchor = outer.anchor();
            String zone = outer.zone();
            for (final String key : List.of("created_at", "createdAt", "created", "CreatedDate", "sys_created_on")) {
                final JsonNode created = node.get(key);
                if (created != null && created.isTextual()) {
                    final OffsetDateTime time = offsetTime(created.asText());
                    if (time != null) {
                        anchor = time.toInstant().toString();
                        zone = time.getOffset().getId();
                        if (firstAnchor == null) {
                            firstAnchor = anchor;
                            firstZone = zone;
                        }
                        break;
                    }
                }
            }
            String author = outer.author();
            for (final String key : List.of("author", "from_email", "from", "updateAuthor")) {
                final JsonNode who = node.get(key);
                if (who == null) {
                    continue;
                }
                final String described = describe(who);
                if (described != null) {
                    author = described;
                    break;
                }
            }
            return new Scope(anchor, zone, author);
        }

        private static String describe(final JsonNode who) {
            if (who.isTextual()) {
                return who.asText().isBlank() ? null : who.asText().strip();
            }
            if (who.isObject()) {
                final String email = firstText(who, "emailAddress", "email", "address");
                final String name = firstText(who, "displayName", "name");
                if (name != null && email != null) {
                    return name + " <" + email + ">";
                }
                return email != null ? email : name;
            }
            return null;
        }

        private void text(final String lower, final String key, final String raw, final String at, final Scope scope,
                final int depth) {
            if (raw.isBlank()) {
                return;
            }
            if ("base64_string".equals(lower) || ("string".equals(lower) && raw.stripLeading().startsWith("{"))) {
                final String decoded = "string".equals(lower) ? raw : decodeBase64(raw);
                if (decoded != null && nested(decoded, at, scope, depth)) {
                    return;
                }
                if (decoded == null) {
                    return;
                }
            }
            if (BLOB.matcher(raw).matches()) {
                return;
            }
            final boolean html = HTML.matcher(raw).find();
            final String shown = html ? Jsoup.parse(raw).text() : raw;
            if (shown.isBlank()) {
                return;
            }
            final String role = SUBJECT_KEYS.contains(lower) ? "subject" : BODY_KEYS.contains(lower) ? "body" : "field";
            final Map<String, String> context = new HashMap<>();
            context.put(SegmentContext.ROLE, role);
            context.put(SegmentContext.FIELD, key);
            putIfPresent(context, SegmentContext.ANCHOR, scope.anchor());
            putIfPresent(context, SegmentContext.ZONE, scope.zone());
            if (!"field".equals(role)) {
                putIfPresent(context, SegmentContext.AUTHOR, scope.author());
            }
            final String locator = "json:" + at;
            segments.add(new TextSegment(artifactId, budget.take(shown), SegmentLocator.fixed(locator), context));

            final String value = raw.strip();
            if (TIME_KEYS.contains(lower)) {
                final Map<String, String> attrs = new HashMap<>();
                attrs.put(SegmentContext.TIME_ROLE, "REPORT");
                attrs.put("field", key);
                putIfPresent(attrs, SegmentContext.ANCHOR, scope.anchor());
                putIfPresent(attrs, SegmentContext.ZONE, scope.zone());
                candidates.add(make.of(FieldNames.FIRST_OBSERVED_AT, MentionType.TIME_CLAIM, value, locator, value, attrs));
            } else if (REQUESTER_KEYS.contains(lower)) {
                make.person(candidates, value, "REQUESTER", locator, Map.of());
            } else if (AUTHOR_KEYS.contains(lower)) {
                make.person(candidates, value, "COMMENT_AUTHOR", locator, Map.of());
            } else if (ORG_KEYS.contains(lower)) {
                org(value, at);
            } else if (IMPACT_KEYS.contains(lower)) {
                candidates.add(make.of(FieldNames.BUSINESS_IMPACT, MentionType.ITIL_IMPACT, value, locator, value,
                        Map.of("field", key)));
            } else if (ENV_KEYS.contains(lower)) {
                candidates.add(make.of(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, value, locator, value, Map.of()));
            }
        }

        /** Walks a JSON document held inside a string; false when the string is not JSON. */
        private boolean nested(final String decoded, final String at, final Scope scope, final int depth) {
            final String trimmed = decoded.strip();
            if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
                return false;
            }
            try {
                final JsonNode inner = mapper.readTree(trimmed);
                visit(inner, at, scope, depth + 1);
                return true;
            } catch (final JsonProcessingException e) {
                return false;
            }
        }

        private void personObject(final JsonNode who, final String at, final String participation) {
            final String email = firstText(who, "emailAddress", "email", "address");
            final String name = firstText(who, "displayName", "name");
            if (email == null && name == null) {
                return;
            }
            final Map<String, String> attrs = new HashMap<>();
            attrs.put(SegmentContext.PARTICIPATION, participation);
            putIfPresent(attrs, SegmentContext.NAME, name);
            if (email != null && DocumentReaderCandidates.isEmail(email)) {
                attrs.put(SegmentContext.EMAIL, email.strip().toLowerCase(Locale.ROOT));
            }
            final String nameKey = who.path("displayName").isTextual() ? "displayName" : "name";
            final String emailKey = who.path("emailAddress").isTextual() ? "emailAddress"
                    : who.path("email").isTextual() ? "email" : "address";
            final String excerptKey = name != null ? nameKey : emailKey;
            final String excerpt = who.path(excerptKey).asText();
            candidates.add(make.of(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, name != null ? name : email,
                    "json:" + at + "/" + excerptKey, excerpt, attrs));
            if (attrs.containsKey(SegmentContext.EMAIL)) {
                candidates.add(make.of(FieldNames.TENANT, MentionType.EMAIL_ADDRESS, attrs.get(SegmentContext.EMAIL),
                        "json:" + at + "/" + emailKey, who.path(emailKey).asText(),
                        Map.of(SegmentContext.PARTICIPATION, participation)));
            }
        }

        private void org(final String name, final String at) {
            final String value = name.strip();
            if (value.isEmpty() || value.startsWith("@") || value.chars().allMatch(Character::isDigit)) {
                return;
            }
            candidates.add(make.of(FieldNames.TENANT, MentionType.ORG_NAME, value, "json:" + at, value, Map.of()));
        }
    }

    private static String firstText(final JsonNode node, final String... keys) {
        for (final String key : keys) {
            final JsonNode v = node.get(key);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText().strip();
            }
        }
        return null;
    }

    static OffsetDateTime offsetTime(final String text) {
        final String normalized = COMPACT_OFFSET.matcher(text.strip()).replaceFirst("$1:$2").replace(' ', 'T');
        try {
            return OffsetDateTime.parse(normalized);
        } catch (final DateTimeParseException e) {
            return null;
        }
    }

    private static String decodeBase64(final String value) {
        try {
            return new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }

    /** RFC 6901 escaping of one reference token. */
    static String escape(final String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static void putIfPresent(final Map<String, String> map, final String key, final String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
