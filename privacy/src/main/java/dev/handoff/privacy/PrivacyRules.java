package dev.handoff.privacy;

import dev.handoff.avro.PrivacyCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Configuration of the privacy scan: the personal-data boundary (which PII codes are scrubbed by the
 * redactor like secrets), the phone region guess, the entropy threshold of the generic key rule and
 * the cookie names known to carry no credential.
 *
 * @param redactedPiiCodes     PII codes outside the intake boundary: their values are redacted everywhere
 * @param defaultPhoneRegion   ISO region used to read phone numbers written without a country code
 * @param entropyThreshold     minimum Shannon entropy (bits per char) of a value caught only by a keyword
 * @param nonSecretCookieNames lower-case cookie names (or prefixes ending in {@code *}) that never hold credentials
 * @param maxScanChars         longest string scanned by text rules; longer strings are scanned up to this length
 */
public record PrivacyRules(
        Set<PrivacyCode> redactedPiiCodes,
        String defaultPhoneRegion,
        double entropyThreshold,
        Set<String> nonSecretCookieNames,
        int maxScanChars) {

    /** Analytics, consent and preference cookies: identifiers of a browser, not credentials. */
    public static final Set<String> DEFAULT_NON_SECRET_COOKIES = Set.of(
            "_ga", "_ga_*", "_gid", "_gat", "_gat_*", "_gcl_*", "_fbp", "_fbc", "_hj*", "_clck", "_clsk",
            "ajs_anonymous_id", "optanonconsent", "optanonalertboxclosed", "cookieconsent*", "consent*",
            "cookie_consent*", "euconsent*", "locale", "lang", "language", "i18n*", "theme", "timezone", "tz",
            "*_geoip_*", "geoip*", "country", "currency", "ai_user", "ai_session", "mbox", "s_cc", "s_sq");

    public PrivacyRules {
        redactedPiiCodes = redactedPiiCodes == null || redactedPiiCodes.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(redactedPiiCodes));
        defaultPhoneRegion = defaultPhoneRegion == null || defaultPhoneRegion.isBlank()
                ? "US" : defaultPhoneRegion.toUpperCase(Locale.ROOT);
        nonSecretCookieNames = nonSecretCookieNames == null ? Set.of()
                : nonSecretCookieNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (entropyThreshold <= 0) {
            throw new IllegalArgumentException("entropyThreshold must be positive");
        }
        if (maxScanChars <= 0) {
            throw new IllegalArgumentException("maxScanChars must be positive");
        }
    }

    /** Card numbers and national identifiers outside the boundary, US phone region, entropy 3.5 as gitleaks uses. */
    public static PrivacyRules defaults() {
        return new PrivacyRules(EnumSet.of(PrivacyCode.PII_PAYMENT_CARD, PrivacyCode.PII_NATIONAL_ID),
                "US", 3.5, DEFAULT_NON_SECRET_COOKIES, 4_000_000);
    }

    /** True when a cookie of this name carries a browser preference or analytics id, not a credential. */
    public boolean isNonSecretCookie(final String name) {
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        for (final String pattern : nonSecretCookieNames) {
            if (matchesWildcard(pattern, lower)) {
                return true;
            }
        }
        return false;
    }

    public boolean redacts(final PrivacyCode code) {
        return code.name().startsWith("SECRET_") || redactedPiiCodes.contains(code);
    }

    private static boolean matchesWildcard(final String pattern, final String value) {
        if (!pattern.contains("*")) {
            return pattern.equals(value);
        }
        final String regex = Arrays.stream(pattern.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return value.matches(regex);
    }
}
