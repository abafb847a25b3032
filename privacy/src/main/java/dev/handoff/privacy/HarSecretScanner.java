package dev.handoff.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.PrivacyCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Structure-aware secret and personal-data scan of a HAR: headers, cookies, query strings, form and
 * JSON bodies, redirect URLs, each judged by its name and its URL- or base64-decoded value, with JSON
 * Pointer locators ({@code har:/log/entries/4/request/cookies/0}). A HAR that does not parse yields
 * nothing here so the caller can fall back to text rules.
 */
final class HarSecretScanner {

    private static final Logger LOGGER = LoggerFactory.getLogger(HarSecretScanner.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ARRAY_ITEM = Pattern.compile(".*/(headers|cookies|queryString|params)/\\d+$");
    private static final Pattern AUTH_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9_\\-]*)\\s+(\\S[\\s\\S]*)$");
    private static final Pattern FORM_BODY = Pattern.compile("^[A-Za-z0-9_.\\-\\[\\]%]+=[^&\\s]*(?:&[A-Za-z0-9_.\\-\\[\\]%]+=[^&\\s]*)*$");
    private static final Pattern MULTIPART_PART = Pattern.compile(
            "(?i)content-disposition:[^\\r\\n]*?\\bname=\"([^\"]+)\"[^\\r\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n([\\s\\S]*?)\\r?\\n--");
    private static final Pattern BASE64_SEGMENT = Pattern.compile("[A-Za-z0-9+/_\\-]{16,}={0,2}");
    private static final Set<String> SKIPPED_KEYS = Set.of("mimeType", "httpVersion", "method", "startedDateTime",
            "serverIPAddress", "connection", "pageref", "_resourceType", "_priority", "encoding", "expires", "path",
            "domain", "sameSite", "status", "version", "_fromCache", "_transferSize");
    private static final Set<String> URL_HEADERS = Set.of("location", "referer", "content-location", "refresh", "origin");
    private static final Set<String> AUTH_HEADERS = Set.of("authorization", "proxy-authorization");

    private final PrivacyRules rules;
    private final TextSecretRules textRules;
    private final PersonalDataDetectors personalData;

    HarSecretScanner(final PrivacyRules rules, final TextSecretRules textRules, final PersonalDataDetectors personalData) {
        this.rules = rules;
        this.textRules = textRules;
        this.personalData = personalData;
    }

    /** Detections of a parseable HAR, or empty when the bytes are not a HAR (truncated, not JSON, no log). */
    Optional<List<Detection>> scan(final byte[] bytes) {
        final Optional<JsonNode> root = parse(bytes);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        final List<Detection> out = new ArrayList<>();
        walk(root.get(), "", "", out);
        return Optional.of(out);
    }

    static Optional<JsonNode> parse(final byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            final JsonNode node = MAPPER.readTree(text);
            return node != null && node.path("log").isObject() ? Optional.of(node) : Optional.empty();
        } catch (final JsonProcessingException e) {
            // The message may quote artifact text: log only that parsing failed.
            LOGGER.debug("har.parse.failed location={}", e.getLocation() == null ? "?" : e.getLocation().getCharOffset());
            return Optional.empty();
        }
    }

    private void walk(final JsonNode node, final String pointer, final String key, final List<Detection> out) {
        if (node.isObject()) {
            if (ARRAY_ITEM.matcher(pointer).matches() && node.has("name")) {
                namedValue(node, pointer, out);
                return;
            }
            if ("postData".equals(key) || "content".equals(key)) {
                body(node, pointer, out);
            }
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String child = pointer + "/" + escape(field.getKey());
                final JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    walk(value, child, field.getKey(), out);
                } else if (value.isTextual()) {
                    leaf(field.getKey(), value.asText(), child, key, out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, key, out);
            }
        }
    }

    private void leaf(final String key, final String value, final String pointer, final String parentKey,
                      final List<Detection> out) {
        if (SKIPPED_KEYS.contains(key) || value.isEmpty()) {
            return;
        }
        if (("text".equals(key) || "params".equals(key)) && ("postData".equals(parentKey) || "content".equals(parentKey))) {
            return; // handled by body()
        }
        if ("url".equals(key) || "redirectURL".equals(key)) {
            url(value, locator(pointer), out);
            return;
        }
        freeText(value, locator(pointer), "", List.of(), out);
    }

    private void namedValue(final JsonNode item, final String pointer, final List<Detection> out) {
        final String name = item.path("name").asText("");
        final String value = item.path("value").asText("");
        final String kind = pointer.substring(pointer.lastIndexOf('/', pointer.lastIndexOf('/') - 1) + 1, pointer.lastIndexOf('/'));
        switch (kind) {
            case "headers" -> header(name, value, locator(pointer + "/value"), out);
            case "cookies" -> {
                if (CookieValues.isSecret(name, value, rules)) {
                    out.add(new Detection(PrivacyCode.SECRET_COOKIE, value, locator(pointer), name + "=", "har-cookie"));
                }
            }
            default -> parameter(name, value, locator(pointer + "/value"), out);
        }
    }

    private void header(final String name, final String value, final String locator, final List<Detection> out) {
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        if (AUTH_HEADERS.contains(lower)) {
            authorization(name, value, locator, out);
        } else if ("cookie".equals(lower) || "set-cookie".equals(lower)) {
            final boolean setCookie = "set-cookie".equals(lower);
            // Browsers join several Set-Cookie headers with line breaks.
            for (final String line : setCookie ? value.split("\\r?\\n") : new String[] {value}) {
                for (final CookieValues.Pair pair : CookieValues.parse(line, setCookie)) {
                    if (CookieValues.isSecret(pair, rules)) {
                        out.add(new Detection(PrivacyCode.SECRET_COOKIE, pair.value(), locator,
                                name + ": " + pair.name() + "=", "har-cookie-header"));
                    }
                }
            }
        } else if (URL_HEADERS.contains(lower)) {
            url(value, locator, out);
        } else {
            final SecretFieldNames.Category category = SecretFieldNames.classify(lower.startsWith("x-") ? lower.substring(2) : lower);
            if (category == SecretFieldNames.Category.NOT_SECRET) {
                return;
            }
            if (category == SecretFieldNames.Category.API_KEY || category == SecretFieldNames.Category.TOKEN) {
                if (!ValueShape.isRedactedOrPlaceholder(value) && value.trim().length() >= 6) {
                    out.add(new Detection(PrivacyCode.SECRET_API_KEY, value.trim(), locator, name + ": ", "har-key-header"));
                    if (JwtRecognizer.isJwt(value.trim())) {
                        out.add(new Detection(PrivacyCode.SECRET_JWT, value.trim(), locator, name + ": ", "har-key-header"));
                    }
                }
                return;
            }
            freeText(value, locator, name + ": ", List.of(), out);
        }
    }

    private void authorization(final String name, final String value, final String locator, final List<Detection> out) {
        final String trimmed = value.trim();
        if (ValueShape.isRedactedOrPlaceholder(trimmed)) {
            return;
        }
        final Matcher m = AUTH_SCHEME.matcher(trimmed);
        final String scheme = m.matches() ? m.group(1) + " " : "";
        final String credential = m.matches() ? m.group(2).trim() : trimmed;
        if (ValueShape.isRedactedOrPlaceholder(credential)) {
            return;
        }
        final String label = name + ": " + scheme;
        out.add(new Detection(PrivacyCode.SECRET_AUTH_HEADER, credential, locator, label, "har-authorization"));
        if (JwtRecognizer.isJwt(credential)) {
            out.add(new Detection(PrivacyCode.SECRET_JWT, credential, locator, label, "har-authorization"));
        }
    }

    private void parameter(final String name, final String value, final String locator, final List<Detection> out) {
        if (value.isEmpty()) {
            return;
        }
        final SecretFieldNames.Category category = SecretFieldNames.classify(ValueShape.urlDecode(name));
        if (category == SecretFieldNames.Category.NOT_SECRET) {
            // Protocol fields (SAMLRequest, RelayState, ids) are no secrets, but may still name a person.
            scanPersonal(ValueShape.urlDecode(value), locator, name + "=", out);
            return;
        }
        final List<PrivacyCode> codes = ParameterRules.codesFor(category, value, true);
        final String decoded = ValueShape.urlDecode(value);
        final List<String> forms = decoded.equals(value) ? List.of() : List.of(decoded);
        for (final PrivacyCode code : codes) {
            out.add(new Detection(code, value, locator, name + "=", "har-parameter", forms));
        }
        if (codes.isEmpty()) {
            freeText(decoded, locator, name + "=", forms.isEmpty() ? List.of() : List.of(value), out);
        }
    }

    private void url(final String url, final String locator, final List<Detection> out) {
        final int query = url.indexOf('?');
        final int fragment = url.indexOf('#');
        final List<String> parts = new ArrayList<>();
        if (query >= 0) {
            parts.add(url.substring(query + 1, fragment > query ? fragment : url.length()));
        }
        if (fragment >= 0) {
            parts.add(url.substring(fragment + 1));
        }
        for (final String part : parts) {
            for (final String pair : part.split("&")) {
                final int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameter(pair.substring(0, eq), pair.substring(eq + 1), locator, out);
                }
            }
        }
        // Path segments that decode from base64 (user contexts, state blobs) are checked decoded.
        final String path = query >= 0 ? url.substring(0, query) : fragment >= 0 ? url.substring(0, fragment) : url;
        for (final String segment : path.split("/")) {
            if (BASE64_SEGMENT.matcher(segment).matches()) {
                ValueShape.base64Text(segment).ifPresent(decoded -> scanText(decoded, locator, "", List.of(segment), out));
            }
        }
        final List<TextMatch> matches = new ArrayList<>(personalData.find(path));
        for (final TextMatch match : matches) {
            out.add(new Detection(match.code(), match.value(path), locator, match.label(), match.detector()));
        }
        for (final TextMatch match : textRules.find(path)) {
            out.add(new Detection(match.code(), match.value(path), locator, match.label(), match.detector()));
        }
    }

    private void body(final JsonNode holder, final String pointer, final List<Detection> out) {
        final String mime = holder.path("mimeType").asText("").toLowerCase(Locale.ROOT);
        final JsonNode textNode = holder.path("text");
        if (!textNode.isTextual() || textNode.asText().isEmpty()) {
            return;
        }
        final String locator = locator(pointer + "/text");
        String text = textNode.asText();
        List<String> forms = List.of();
        if ("base64".equalsIgnoreCase(holder.path("encoding").asText(""))) {
            if (!isTextual(mime)) {
                return; // image and font bytes: any "eyJ" inside is noise, not a token
            }
            final Optional<String> decoded = ValueShape.base64Text(text);
            if (decoded.isEmpty()) {
                return;
            }
            forms = List.of(text);
            text = decoded.get();
        }
        if (text.length() > rules.maxScanChars()) {
            text = text.substring(0, rules.maxScanChars());
        }
        final String trimmed = text.trim();
        if (mime.contains("x-www-form-urlencoded") || FORM_BODY.matcher(trimmed).matches()) {
            for (final String pair : trimmed.split("&")) {
                final int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameter(ValueShape.urlDecode(pair.substring(0, eq)), pair.substring(eq + 1), locator, out);
                }
            }
            return;
        }
        if (mime.contains("multipart/")) {
            final Matcher part = MULTIPART_PART.matcher(text);
            boolean any = false;
            while (part.find()) {
                any = true;
                parameter(part.group(1), part.group(2), locator, out);
            }
            if (any) {
                return;
            }
        }
        if (mime.contains("json") || trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                final JsonNode json = MAPPER.readTree(trimmed);
                if (json != null && json.isContainerNode()) {
                    json(json, "", locator, forms, out);
                    return;
                }
            } catch (final IOException e) {
                LOGGER.debug("har.body.notJson locator={}", locator);
            }
        }
        // Drawings, fonts and style sheets are full of digit runs that look like phones and addresses.
        final boolean personal = !(mime.startsWith("image/") || mime.startsWith("font/") || mime.contains("css"));
        scanText(text, locator, "", forms, out, personal);
    }

    private void json(final JsonNode node, final String key, final String locator, final List<String> forms,
                      final List<Detection> out) {
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                json(field.getValue(), field.getKey(), locator, forms, out);
            }
        } else if (node.isArray()) {
            for (final JsonNode item : node) {
                json(item, key, locator, forms, out);
            }
        } else if (node.isValueNode() && !node.isNull()) {
            final String value = node.asText();
            final String label = key.isEmpty() ? "" : key + ": ";
            SecretFieldNames.Category category = SecretFieldNames.classify(key);
            if (category == SecretFieldNames.Category.OAUTH_CODE) {
                // "code" in a JSON body is an error or status code far more often than an authorization code.
                category = SecretFieldNames.Category.UNKNOWN;
            }
            if (value.isEmpty()) {
                return;
            }
            if (category == SecretFieldNames.Category.NOT_SECRET) {
                scanPersonal(value, locator, label, out);
                return;
            }
            final List<PrivacyCode> codes = node.isTextual() ? ParameterRules.codesFor(category, value, true) : List.of();
            for (final PrivacyCode code : codes) {
                out.add(new Detection(code, value, locator, label, "har-json-body", forms));
            }
            if (codes.isEmpty()) {
                scanText(value, locator, label, forms, out);
            }
        }
    }

    private void freeText(final String text, final String locator, final String labelPrefix, final List<String> forms,
                          final List<Detection> out) {
        scanText(text, locator, labelPrefix, forms, out);
        // A value that is itself base64 text is checked decoded too.
        final String trimmed = text.trim();
        if (trimmed.length() >= 16 && BASE64_SEGMENT.matcher(trimmed).matches() && !JwtRecognizer.isJwt(trimmed)) {
            ValueShape.base64Text(trimmed).ifPresent(decoded -> scanText(decoded, locator, labelPrefix, List.of(trimmed), out));
        }
    }

    private void scanText(final String text, final String locator, final String labelPrefix, final List<String> forms,
                          final List<Detection> out) {
        scanText(text, locator, labelPrefix, forms, out, true);
    }

    private void scanText(final String text, final String locator, final String labelPrefix, final List<String> forms,
                          final List<Detection> out, final boolean personal) {
        for (final TextMatch match : textRules.find(text)) {
            out.add(new Detection(match.code(), match.value(text), locator, labelPrefix + match.label(), match.detector(), forms));
        }
        if (!personal) {
            return;
        }
        for (final TextMatch match : personalData.find(text)) {
            out.add(new Detection(match.code(), match.value(text), locator, labelPrefix + match.label(), match.detector(), forms));
        }
    }

    private void scanPersonal(final String text, final String locator, final String label, final List<Detection> out) {
        for (final TextMatch match : personalData.find(text)) {
            out.add(new Detection(match.code(), match.value(text), locator, label + match.label(), match.detector()));
        }
    }

    private static boolean isTextual(final String mime) {
        return mime.startsWith("text/") || mime.contains("json") || mime.contains("xml") || mime.contains("javascript")
                || mime.contains("x-www-form-urlencoded") || mime.contains("html");
    }

    private static String locator(final String pointer) {
        return "har:" + pointer;
    }

    /** RFC 6901 escaping of a key inside a JSON Pointer. */
    private static String escape(final String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
