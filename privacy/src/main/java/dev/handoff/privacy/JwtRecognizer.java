package dev.handoff.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a JWS compact token by structure: three base64url parts whose header decodes to a JSON
 * object with {@code alg} and whose payload decodes to JSON. Base64 image data that merely contains
 * {@code eyJ} has no such structure and is not a JWT.
 */
final class JwtRecognizer {

    /** A candidate: header and payload start like base64url JSON objects; the signature may be empty. */
    static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9_\\-+/=])ey[A-Za-z0-9_-]{8,}\\.ey[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*(?![A-Za-z0-9_\\-+/])");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The three parts of a recognised token, for redacting each part separately. */
    record JwtParts(String header, String payload, String signature) {
        @Override
        public String toString() {
            return "JwtParts[redacted]";
        }
    }

    private JwtRecognizer() {
    }

    static Optional<JwtParts> parse(final String candidate) {
        final String token = candidate.trim();
        final String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        final Optional<JsonNode> header = json(parts[0]);
        if (header.isEmpty() || !header.get().isObject() || !header.get().hasNonNull("alg")) {
            return Optional.empty();
        }
        final Optional<JsonNode> payload = json(parts[1]);
        if (payload.isEmpty() || !(payload.get().isObject() || payload.get().isArray())) {
            return Optional.empty();
        }
        return Optional.of(new JwtParts(parts[0], parts[1], parts[2]));
    }

    static boolean isJwt(final String value) {
        return parse(value).isPresent();
    }

    /** Every structurally valid JWT inside a longer text, as [start, end) ranges. */
    static List<int[]> findAll(final String text) {
        final List<int[]> ranges = new ArrayList<>();
        final Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (isJwt(m.group())) {
                ranges.add(new int[] {m.start(), m.end()});
            }
        }
        return ranges;
    }

    private static Optional<JsonNode> json(final String part) {
        if (!part.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return ValueShape.base64Text(part).flatMap(text -> {
            try {
                return Optional.ofNullable(MAPPER.readTree(text));
            } catch (final IOException e) {
                return Optional.empty();
            }
        });
    }
}
