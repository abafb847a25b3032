package dev.handoff.extraction.reader;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.Notice;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.SegmentLocator;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HAR 1.2 files (also request-only, version-less, BOM-prefixed and truncated ones) into
 * segments located by JSON Pointer ({@code har:/log/entries/3/request/url}) and the candidates a
 * capture gives directly: machine times with HTTP status, hosts, SSO protocol endpoints and redirect chains.
 */
public final class HarReader implements ArtifactReader {

    public static final String EXTRACTOR = "HarReader/1";
    /** Warning code when a HAR was cut off and only the entries before the cut were read. */
    public static final String ARTIFACT_TRUNCATED = "ARTIFACT_TRUNCATED";
    /** Artifact and candidate attribute: the redirect chains, query strings cut off. */
    public static final String REDIRECT_CHAIN = "redirectChain";

    private static final int MAX_BODY_CHARS = 256 * 1024;
    private static final Pattern SSO_CUE = Pattern.compile(
            "(?i)(SAMLRequest|SAMLResponse|saml2?|/authorize|/token|openid|wsfed|ws-fed|oauth2)");
    private static final Pattern ERROR_PARAM = Pattern.compile("(?i)[?&#](error|error_code|error_description)=");
    private static final Pattern BODY_SSO_ERROR = Pattern.compile(
            "(?i)(AADSTS\\d{4,}|urn:oasis:names:tc:SAML:2\\.0:status:(Requester|Responder|AuthnFailed|RequestDenied|InvalidNameIDPolicy|NoPassive|VersionMismatch)"
                    + "|\"error\"\\s*:\\s*\"(invalid_[a-z_]+|unauthorized_client|access_denied|interaction_required|login_required|consent_required)\")");
    private static final Set<String> TEXT_TYPES = Set.of("json", "xml", "javascript", "html", "text", "x-www-form-urlencoded",
            "ecmascript", "csv", "graphql", "event-stream", "problem");

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public boolean canRead(final Classification classification) {
        return classification != null && classification.getKind() == ArtifactKind.HAR_SUMMARY;
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits)
            throws IOException {
        final byte[] bytes = input.bytes();
        if (bytes.length > limits.maxBytes()) {
            throw new IOException("HAR has " + bytes.length + " bytes, over the limit of " + limits.maxBytes());
        }
        final ParsedHar parsed = parse(bytes, limits);
        if (parsed.entries().isEmpty()) {
            throw new IOException(parsed.truncated()
                    ? "not a readable HAR: invalid JSON before the first entry (" + parsed.problem() + ")"
                    : "not a HAR: no log.entries found");
        }
        final Extraction x = new Extraction(input.artifactId());
        final List<List<String>> chains = redirectChains(parsed.entries());
        for (int i = 0; i < parsed.entries().size(); i++) {
            readEntry(x, i, parsed.entries().get(i), chains);
        }
        final List<Notice> warnings = new ArrayList<>();
        if (parsed.truncated()) {
            warnings.add(Notice.newBuilder().setCode(ARTIFACT_TRUNCATED)
                    .setMessage("HAR is cut off or invalid after entry " + (parsed.entries().size() - 1) + " ("
                            + parsed.problem() + "); read the " + parsed.entries().size() + " complete entries before it")
                    .setFields(List.of()).setArtifactId(input.artifactId()).setEvidence(List.of()).build());
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        final String firstStarted = parsed.entries().get(0).path("startedDateTime").asText("");
        final String anchor = toInstant(firstStarted);
        if (anchor != null) {
            attributes.put(SegmentContext.ANCHOR, anchor);
            attributes.put(SegmentContext.ZONE, "Z");
        }
        if (!chains.isEmpty()) {
            attributes.put(REDIRECT_CHAIN, joinChains(chains));
        }
        final String mediaType = classification == null ? "application/json" : classification.getMediaType();
        return new ArtifactContent(input.artifactId(), ArtifactKind.HAR_SUMMARY, mediaType, true, x.segments,
                x.candidates, warnings, List.of(), attributes);
    }

    /** Entries read before any syntax error, and whether one was met. */
    private record ParsedHar(List<JsonNode> entries, boolean truncated, String problem) {
    }

    /**
     * Streams through the document so that a file cut in the middle still yields every entry
     * completed before the cut; each entry is small enough to become a tree.
     */
    private ParsedHar parse(final byte[] bytes, final ReadLimits limits) throws IOException {
        int offset = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3;
        }
        final JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Math.max(16, limits.maxDepth()))
                        .maxStringLength(Math.max(1, (int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))).build())
                .build();
        final List<JsonNode> entries = new ArrayList<>();
        try (JsonParser p = factory.createParser(bytes, offset, bytes.length - offset)) {
            p.setCodec(mapper);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a HAR: the file does not start with a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String name = p.currentName();
                p.nextToken();
                if ("log".equals(name) && p.currentToken() == JsonToken.START_OBJECT) {
                    readLog(p, entries);
                } else {
                    p.skipChildren();
                }
            }
        } catch (final JacksonException e) {
            return new ParsedHar(entries, true, oneLine(e.getOriginalMessage()));
        }
        return new ParsedHar(entries, false, null);
    }

    private static void readLog(final JsonParser p, final List<JsonNode> entries) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            p.nextToken();
            if ("entries".equals(name) && p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    final JsonNode entry = p.readValueAsTree();
                    if (entry != null) {
                        entries.add(entry);
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** Collects segments and candidates of one artifact. */
    private static final class Extraction {
        private final String artifactId;
        private final List<TextSegment> segments = new ArrayList<>();
        private final List<Candidate> candidates = new ArrayList<>();
        private final Set<String> hostsSeen = new LinkedHashSet<>();
        private final Set<String> cuesSeen = new LinkedHashSet<>();

        Extraction(final String artifactId) {
            this.artifactId = artifactId;
        }

        TextSegment segment(final String pointer, final String text, final String role, final String field) {
            final Map<String, String> context = new LinkedHashMap<>();
            context.put(SegmentContext.ROLE, role);
            if (field != null) {
                context.put(SegmentContext.FIELD, field);
            }
            final TextSegment segment = new TextSegment(artifactId, text, SegmentLocator.fixed("har:" + pointer), context);
            segments.add(segment);
            return segment;
        }

        void candidate(final String field, final MentionType type, final String value, final String pointer,
                       final String excerpt, final double confidence, final Map<String, String> attributes) {
            candidates.add(Candidate.newBuilder().setField(field).setType(type).setValue(value)
                    .setEvidence(Evidence.newBuilder().setArtifactId(artifactId).setLocator("har:" + pointer)
                            .setExcerpt(excerpt).build())
                    .setConfidence(confidence).setExtractor(EXTRACTOR).setAttributes(attributes).build());
        }
    }

    private static void readEntry(final Extraction x, final int index, final JsonNode entry, final List<List<String>> chains) {
        final String base = "/log/entries/" + index;
        final JsonNode request = entry.path("request");
        final JsonNode response = entry.path("response");
        final String url = request.path("url").asText("");
        final String method = request.path("method").asText("");
        final boolean hasResponse = response.isObject();
        final int status = hasResponse ? response.path("status").asInt(0) : -1;

        if (!url.isEmpty()) {
            x.segment(base + "/request/url", url, "har-url", "url");
        }
        pairs(x, request.path("headers"), base + "/request/headers", "har-header", ": ");
        pairs(x, request.path("cookies"), base + "/request/cookies", "har-header", "=");
        pairs(x, request.path("queryString"), base + "/request/queryString", "har-body", "=");
        final JsonNode postData = request.path("postData");
        textField(x, postData.path("text"), base + "/request/postData/text", "har-body", "postData");
        pairs(x, postData.path("params"), base + "/request/postData/params", "har-body", "=");

        boolean bodyShowsError = false;
        if (hasResponse) {
            final String statusLine = (response.path("status").asText("") + " " + response.path("statusText").asText("")).strip();
            if (!statusLine.isEmpty()) {
                x.segment(base + "/response/status", statusLine, "har-status", "status");
            }
            pairs(x, response.path("headers"), base + "/response/headers", "har-header", ": ");
            pairs(x, response.path("cookies"), base + "/response/cookies", "har-header", "=");
            final String redirectUrl = response.path("redirectURL").asText("");
            if (!redirectUrl.isEmpty()) {
                x.segment(base + "/response/redirectURL", redirectUrl, "har-url", "redirectURL");
            }
            final JsonNode content = response.path("content");
            if (isReadableText(content)) {
                final String text = content.path("text").asText();
                x.segment(base + "/response/content/text", text, "har-body", "content");
                bodyShowsError = BODY_SSO_ERROR.matcher(text).find();
            }
            textField(x, response.path("_error"), base + "/response/_error", "har-error", "_error");
        }
        textField(x, entry.path("_error"), base + "/_error", "har-error", "_error");
        final boolean hasError = isText(entry.path("_error")) || isText(response.path("_error"));
        final String postText = postData.path("text").asText("");
        final boolean failure = status >= 400 || status == 0 || hasError || ERROR_PARAM.matcher(url).find()
                || bodyShowsError || BODY_SSO_ERROR.matcher(postText).find();

        final String chain = chainOf(chains, cut(url));
        final String started = entry.path("startedDateTime").asText("");
        if (!started.isEmpty()) {
            x.segment(base + "/startedDateTime", started, "har-time", "startedDateTime");
            final Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(SegmentContext.TIME_ROLE, "MACHINE");
            attributes.put(SegmentContext.ZONE, "Z");
            final String instant = toInstant(started);
            if (instant != null) {
                attributes.put(SegmentContext.ANCHOR, instant);
            }
            attributes.put("status", status < 0 ? "" : Integer.toString(status));
            attributes.put("method", method);
            attributes.put("url", cut(url));
            attributes.put("failure", Boolean.toString(failure));
            if (status < 0) {
                attributes.put("requestOnly", "true");
            }
            if (chain != null) {
                attributes.put(REDIRECT_CHAIN, chain);
            }
            x.candidate(FieldNames.FIRST_OBSERVED_AT, MentionType.TIME_CLAIM, started, base + "/startedDateTime", started,
                    instant == null ? 0.5 : 0.9, attributes);
        }
        hostCandidate(x, url, base + "/request/url", chain);
        cueCandidates(x, url, base + "/request/url");
        for (int i = 0; i < postData.path("params").size(); i++) {
            final String name = postData.path("params").get(i).path("name").asText("");
            final Matcher m = SSO_CUE.matcher(name);
            if (m.find() && x.cuesSeen.add(name.toLowerCase(Locale.ROOT))) {
                x.candidate(FieldNames.PRODUCT_SURFACE, MentionType.SURFACE_CUE, name,
                        base + "/request/postData/params/" + i + "/name", name, 0.8,
                        Map.of(SegmentContext.ROLE, "har-body"));
            }
        }
    }

    private static void hostCandidate(final Extraction x, final String url, final String pointer, final String chain) {
        final String host = host(url);
        if (host == null || !x.hostsSeen.add(host)) {
            return;
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SegmentContext.ROLE, "har-url");
        if (chain != null) {
            attributes.put(REDIRECT_CHAIN, chain);
        }
        // The excerpt is the URL up to its query: verbatim, and no token in a query string leaks.
        x.candidate(FieldNames.TENANT, MentionType.HOSTNAME, host, pointer, cut(url), 0.7, attributes);
    }

    private static void cueCandidates(final Extraction x, final String url, final String pointer) {
        final Matcher m = SSO_CUE.matcher(url);
        while (m.find()) {
            final String cue = m.group(1);
            final String key = cue.toLowerCase(Locale.ROOT) + "@" + host(url);
            // A cue only in the query string (a param name) is reported by name, never with the value after it.
            if (x.cuesSeen.add(key)) {
                final String excerpt = m.start() < cut(url).length() ? cut(url) : cue;
                x.candidate(FieldNames.PRODUCT_SURFACE, MentionType.SURFACE_CUE, cue, pointer, excerpt, 0.8,
                        Map.of(SegmentContext.ROLE, "har-url"));
            }
        }
    }

    /** name/value arrays (headers, cookies, query strings, form params): one segment per pair. */
    private static void pairs(final Extraction x, final JsonNode array, final String pointer, final String role,
                              final String separator) {
        if (!array.isArray()) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            final JsonNode pair = array.get(i);
            final String name = pair.path("name").asText("");
            final String value = pair.path("value").asText("");
            if (name.isEmpty() && value.isEmpty()) {
                continue;
            }
            x.segment(pointer + "/" + i, name + separator + value, role, name);
        }
    }

    private static void textField(final Extraction x, final JsonNode node, final String pointer, final String role,
                                  final String field) {
        if (isText(node)) {
            final String text = node.asText();
            x.segment(pointer, text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text, role, field);
        }
    }

    private static boolean isText(final JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    private static boolean isReadableText(final JsonNode content) {
        final JsonNode text = content.path("text");
        if (!isText(text) || text.asText().length() > MAX_BODY_CHARS) {
            return false;
        }
        if ("base64".equalsIgnoreCase(content.path("encoding").asText(""))) {
            return false;
        }
        final String mime = content.path("mimeType").asText("").toLowerCase(Locale.ROOT);
        return mime.isEmpty() || TEXT_TYPES.stream().anyMatch(mime::contains);
    }

    /** Chains of 3xx hops in capture order: each hop's target continues the chain whose last URL it left from. */
    static List<List<String>> redirectChains(final List<JsonNode> entries) {
        final List<List<String>> chains = new ArrayList<>();
        for (final JsonNode entry : entries) {
            final JsonNode response = entry.path("response");
            final int status = response.path("status").asInt(0);
            if (status < 300 || status >= 400) {
                continue;
            }
            final String from = entry.path("request").path("url").asText("");
            String to = response.path("redirectURL").asText("");
            if (to.isEmpty()) {
                for (final JsonNode h : response.path("headers")) {
                    if ("location".equalsIgnoreCase(h.path("name").asText(""))) {
                        to = h.path("value").asText("");
                    }
                }
            }
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            final String fromCut = cut(from);
            final String toCut = cut(resolve(from, to));
            List<String> chain = null;
            for (final List<String> c : chains) {
                if (c.get(c.size() - 1).equals(fromCut)) {
                    chain = c;
                }
            }
            if (chain == null) {
                chain = new ArrayList<>(List.of(fromCut));
                chains.add(chain);
            }
            chain.add(toCut);
        }
        return chains;
    }

    private static String chainOf(final List<List<String>> chains, final String url) {
        for (final List<String> c : chains) {
            if (c.contains(url)) {
                return String.join(" -> ", c);
            }
        }
        return null;
    }

    private static String joinChains(final List<List<String>> chains) {
        final List<String> joined = new ArrayList<>();
        chains.forEach(c -> joined.add(String.join(" -> ", c)));
        return String.join("; ", joined);
    }

    private static String resolve(final String base, final String target) {
        try {
            return URI.create(base).resolve(target.strip()).toString();
        } catch (final IllegalArgumentException e) {
            return target;
        }
    }

    /** The URL without query string or fragment, so tokens in them never travel further. */
    static String cut(final String url) {
        int end = url.length();
        final int q = url.indexOf('?');
        final int h = url.indexOf('#');
        if (q >= 0) {
            end = q;
        }
        if (h >= 0 && h < end) {
            end = h;
        }
        return url.substring(0, end);
    }

    private static String host(final String url) {
        try {
            final String host = URI.create(cut(url).strip()).getHost();
            return host == null || host.isBlank() ? null : host.toLowerCase(Locale.ROOT);
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }

    private static String toInstant(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().toString();
        } catch (final DateTimeParseException e) {
            return null;
        }
    }

    private static String oneLine(final String message) {
        return message == null ? "invalid JSON" : message.replaceAll("\\s+", " ").strip();
    }
}
