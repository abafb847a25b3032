package dev.handoff.privacy;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shape tests on candidate values: already-redacted markers and placeholders (not secrets),
 * look-alike identifiers (GUIDs, hashes), Shannon entropy, and lenient URL and base64 decoding.
 */
final class ValueShape {

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$\\{[^}]*}|\\{\\{[^}]*}}|<[^<>]{1,40}>|%[A-Za-z_][A-Za-z0-9_]*%|\\$[A-Z_][A-Z0-9_]*|:[a-z_]+");
    private static final Pattern REDACTED_WORDS = Pattern.compile(
            "(?i)\\[?\\s*(redacted|removed|masked|hidden|filtered|sanitized|scrubbed|omitted|"
                    + "your[_ -]?\\w+|xxx+|x{3,}|\\*+|\\.{3}|…|null|none|nil|undefined|n/?a|tbd|changeme|example|"
                    + "placeholder|dummy)\\s*(sha256:[0-9a-f]+)?\\s*]?");
    private static final Pattern MASKED = Pattern.compile("^[^*•#xX]{0,6}([*•#]{3,}|[xX]{4,})[^*•#]{0,6}$");
    private static final Pattern GUID = Pattern.compile(
            "(?i)^\\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}?$");
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern HEX = Pattern.compile("(?i)^[0-9a-f]+$");
    private static final Pattern BASE64ISH = Pattern.compile("^[A-Za-z0-9+/_-]+={0,2}$");
    private static final Set<String> NON_SECRET_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "0", "1",
            "bearer", "basic", "required", "optional", "expired", "invalid", "incorrect", "wrong", "reset", "empty",
            "unknown", "string", "value", "test", "none", "not set", "deleted", "********");

    private ValueShape() {
    }

    /** True for values a sanitizer or a template left behind: not a secret whatever the field name says. */
    static boolean isRedactedOrPlaceholder(final String raw) {
        if (raw == null) {
            return true;
        }
        final String value = stripQuotes(raw.trim());
        if (value.isEmpty()) {
            return true;
        }
        if (PLACEHOLDER.matcher(value).matches() || REDACTED_WORDS.matcher(value).matches()) {
            return true;
        }
        if (value.startsWith("[REDACTED") || value.contains("[REDACTED sha256:")) {
            return true;
        }
        if (MASKED.matcher(value).matches()) {
            return true;
        }
        // A single character repeated ("aaaaaaaa", "00000000") is filler, not a credential.
        return value.chars().distinct().count() == 1;
    }

    /** Words a field commonly holds that are not a credential (status words, booleans). */
    static boolean isCommonWord(final String value) {
        return NON_SECRET_WORDS.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    static boolean isGuid(final String value) {
        return GUID.matcher(value).matches();
    }

    static boolean isHex(final String value) {
        return HEX.matcher(value).matches();
    }

    static double shannonEntropy(final String value) {
        if (value.isEmpty()) {
            return 0;
        }
        final Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < value.length(); i++) {
            counts.merge(value.charAt(i), 1, Integer::sum);
        }
        double entropy = 0;
        for (final int count : counts.values()) {
            final double p = (double) count / value.length();
            entropy -= p * (Math.log(p) / Math.log(2));
        }
        return entropy;
    }

    static String stripQuotes(final String value) {
        String v = value;
        while (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    /**
     * Percent-decodes when the value holds {@code %XX} escapes; keeps the value when decoding fails.
     * A {@code +} is kept as is: in base64 values (SAML, tokens) it is data, not a space.
     */
    static String urlDecode(final String value) {
        if (!PERCENT_ESCAPE.matcher(value).find()) {
            return value;
        }
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            return value;
        }
    }

    /** Decodes standard or URL-safe base64 (padding optional, MIME line breaks allowed). */
    static Optional<byte[]> base64Bytes(final String value) {
        final String compact = value.replaceAll("\\s+", "");
        if (compact.length() < 8 || !BASE64ISH.matcher(compact).matches()) {
            return Optional.empty();
        }
        final String standard = compact.replace('-', '+').replace('_', '/');
        final String unpadded = standard.replaceAll("=+$", "");
        if (unpadded.length() % 4 == 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(
                    unpadded + "===".substring(0, (4 - unpadded.length() % 4) % 4)));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Base64-decodes into strict UTF-8 text that is mostly printable, or nothing. */
    static Optional<String> base64Text(final String value) {
        return base64Bytes(value).flatMap(ValueShape::printableUtf8);
    }

    static Optional<String> printableUtf8(final byte[] bytes) {
        try {
            final String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            final long control = text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t').count();
            return control == 0 && !text.isBlank() ? Optional.of(text) : Optional.empty();
        } catch (final CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
