package dev.handoff.privacy;

import dev.handoff.core.Hashing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Redactor} that knows the raw values found in one artifact (in memory only) and replaces
 * every occurrence, and every URL-encoded, JSON-escaped and base64 form, and each part of a JWT,
 * with {@code [REDACTED sha256:xxxxxxxx]} (the short hash of the raw value found).
 *
 * <p>Values of 8 characters or more are replaced wherever they occur; 4 to 7 characters only as a
 * whole token (so a 5-character password does not shred ordinary words); shorter values are
 * redacted in their own finding's excerpt only.
 */
public final class ValueRedactor implements Redactor {

    static final int ANYWHERE_MIN = 8;
    static final int TOKEN_MIN = 4;

    /** variant -> replacement, longest variant first so a JWT goes before its parts. */
    private final Map<String, String> replacements;
    private final Pattern pattern;

    private ValueRedactor(final Map<String, String> replacements) {
        this.replacements = replacements;
        this.pattern = replacements.isEmpty() ? null : compile(replacements.keySet());
    }

    /** A redactor for the given raw values. */
    public static ValueRedactor of(final Collection<String> rawValues) {
        final Map<String, String> variants = new LinkedHashMap<>();
        for (final String raw : rawValues) {
            if (raw == null || raw.trim().length() < TOKEN_MIN) {
                continue;
            }
            final String marker = marker(raw);
            for (final String variant : variants(raw)) {
                if (variant.length() >= TOKEN_MIN) {
                    variants.putIfAbsent(variant, marker);
                }
            }
        }
        final Map<String, String> ordered = new LinkedHashMap<>();
        variants.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new ValueRedactor(ordered);
    }

    /** The replacement text for a raw value: {@code [REDACTED sha256:1a2b3c4d]}. */
    public static String marker(final String raw) {
        return "[REDACTED sha256:" + Hashing.shortHash(raw) + "]";
    }

    /** How many distinct forms of secret values this redactor replaces (never the values themselves). */
    public int size() {
        return replacements.size();
    }

    @Override
    public String redact(final String text) {
        if (text == null || pattern == null || text.isEmpty()) {
            return text;
        }
        final Matcher m = pattern.matcher(text);
        final StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            final String hit = m.group();
            if (hit.length() < ANYWHERE_MIN && !wholeToken(text, m.start(), m.end())) {
                continue;
            }
            out.append(text, last, m.start()).append(replacements.get(hit));
            last = m.end();
        }
        if (last == 0) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    @Override
    public String toString() {
        return "ValueRedactor[" + replacements.size() + " forms]";
    }

    private static boolean wholeToken(final String text, final int start, final int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }

    private static Pattern compile(final Collection<String> variants) {
        final StringBuilder alternation = new StringBuilder();
        for (final String variant : variants) {
            if (alternation.length() > 0) {
                alternation.append('|');
            }
            alternation.append(Pattern.quote(variant));
        }
        return Pattern.compile(alternation.toString());
    }

    private static List<String> variants(final String raw) {
        final List<String> forms = new ArrayList<>();
        final String trimmed = raw.trim();
        forms.add(trimmed);
        forms.add(URLEncoder.encode(trimmed, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(trimmed, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(jsonEscaped(trimmed));
        forms.add(jsonEscaped(trimmed).replace("/", "\\/"));
        final byte[] bytes = trimmed.getBytes(StandardCharsets.UTF_8);
        final String b64 = Base64.getEncoder().encodeToString(bytes);
        forms.add(b64);
        forms.add(b64.replaceAll("=+$", ""));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        if (trimmed.contains("\n")) {
            // PEM blocks and pasted multi-line values reappear with other line endings.
            forms.add(trimmed.replace("\r\n", "\n").replace("\n", "\r\n"));
            forms.add(trimmed.replace("\r\n", "\n").replace("\n", "\\n"));
        }
        final Optional<JwtRecognizer.JwtParts> jwt = JwtRecognizer.parse(trimmed);
        jwt.ifPresent(parts -> {
            forms.add(parts.header() + "." + parts.payload());
            forms.add(parts.header());
            forms.add(parts.payload());
            if (!parts.signature().isEmpty()) {
                forms.add(parts.signature());
            }
        });
        return forms.stream().filter(f -> !f.isEmpty()).distinct().toList();
    }

    private static String jsonEscaped(final String value) {
        final StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
