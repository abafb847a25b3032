package dev.handoff.privacy;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a {@code SAMLResponse} value (URL, then base64, then raw deflate if it is not XML yet) and
 * tells whether it carries an {@code Assertion} or {@code EncryptedAssertion}: a bearer credential.
 * A status-only response, a {@code SAMLRequest} or a {@code RelayState} is not.
 */
final class SamlResponseInspector {

    private static final Pattern ASSERTION = Pattern.compile("<(?:[A-Za-z][\\w.-]*:)?(?:Encrypted)?Assertion[\\s>/]");
    private static final int MAX_INFLATED = 8 * 1024 * 1024;

    private SamlResponseInspector() {
    }

    static boolean holdsAssertion(final String value) {
        return decodeXml(value).map(xml -> ASSERTION.matcher(xml).find()).orElse(false);
    }

    /** The XML a SAML protocol message value encodes, if it decodes to XML at all. */
    static Optional<String> decodeXml(final String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String candidate = value.trim();
        if (candidate.startsWith("<")) {
            return Optional.of(candidate);
        }
        candidate = ValueShape.urlDecode(candidate);
        final Optional<byte[]> bytes = ValueShape.base64Bytes(candidate);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        final Optional<String> direct = ValueShape.printableUtf8(bytes.get()).map(String::trim);
        if (direct.isPresent() && direct.get().startsWith("<")) {
            return direct;
        }
        return inflate(bytes.get()).flatMap(ValueShape::printableUtf8).map(String::trim).filter(t -> t.startsWith("<"));
    }

    private static Optional<byte[]> inflate(final byte[] compressed) {
        final Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                final int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED) {
                    return Optional.empty();
                }
            }
            return out.size() == 0 ? Optional.empty() : Optional.of(out.toByteArray());
        } catch (final DataFormatException e) {
            return Optional.empty();
        } finally {
            inflater.end();
        }
    }
}
