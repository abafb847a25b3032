package dev.handoff.corpus;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fake-but-realistic secrets for the corpus (JWTs signed with a random key, session cookies, AKIA-style
 * access keys, passwords), drawn from a seeded generator so that every run plants the same values.
 */
final class FakeSecrets {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    FakeSecrets(final long seed) {
        this.random = new Random(seed);
    }

    byte[] bytes(final int n) {
        final byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A compact HS256 JWT; its three parts are all planted values. */
    String jwt(final String issuer, final String subject, final long exp) {
        final String header = B64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k%d\"}"
                .formatted(random.nextInt(90) + 10).getBytes(StandardCharsets.UTF_8));
        final String payload = B64URL.encodeToString(("{\"iss\":\"%s\",\"sub\":\"%s\",\"aud\":\"aster-portal\","
                + "\"exp\":%d,\"jti\":\"%s\"}").formatted(issuer, subject, exp, token(12)).getBytes(StandardCharsets.UTF_8));
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes(32), "HmacSHA256"));
            final byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64URL.encodeToString(sig);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A random URL-safe token such as a session cookie value. */
    String token(final int bytes) {
        return B64URL.encodeToString(bytes(bytes));
    }

    String awsAccessKeyId() {
        final StringBuilder b = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            b.append(UPPER_DIGITS.charAt(random.nextInt(UPPER_DIGITS.length())));
        }
        return b.toString();
    }

    String awsSecretKey() {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append((ALNUM + "+/").charAt(random.nextInt(ALNUM.length() + 2)));
        }
        return b.toString();
    }

    String password() {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            b.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return b.append("!").append(random.nextInt(90) + 10).toString();
    }

    /** A random SAML-response-like base64 blob (not a real assertion, but shaped like one). */
    String samlResponse(final String issuer) {
        final String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_" + token(16)
                + "\"><saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"><saml:Issuer>" + issuer
                + "</saml:Issuer><ds:SignatureValue>" + Base64.getEncoder().encodeToString(bytes(96))
                + "</ds:SignatureValue></saml:Assertion></samlp:Response>";
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }
}
