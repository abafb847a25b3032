package dev.handoff.privacy;

import dev.handoff.avro.PrivacyCode;
import java.util.List;

/**
 * Codes for a named value (query or form parameter, JSON key, header) by what its name says and what
 * the value is once URL-decoded: passwords, OAuth codes, tokens (JWT when JWT-shaped, API key
 * otherwise), client secrets and API keys, SAML responses that carry an assertion.
 */
final class ParameterRules {

    private ParameterRules() {
    }

    /**
     * @param structured true when the name comes from structure (a form field, a query parameter),
     *                   false when it is a loose label in prose, which needs a stronger value
     */
    static List<PrivacyCode> codesFor(final SecretFieldNames.Category category, final String raw, final boolean structured) {
        final String value = ValueShape.stripQuotes(ValueShape.urlDecode(raw == null ? "" : raw).trim());
        if (ValueShape.isRedactedOrPlaceholder(value)) {
            return List.of();
        }
        final boolean jwt = JwtRecognizer.isJwt(value);
        switch (category) {
            case PASSWORD:
                return structured || !ValueShape.isCommonWord(value) ? List.of(PrivacyCode.SECRET_PASSWORD) : List.of();
            case OAUTH_CODE:
                return value.length() >= 6 && !value.chars().allMatch(Character::isDigit)
                        ? List.of(PrivacyCode.SECRET_OAUTH_CODE) : List.of();
            case SAML_RESPONSE:
                return SamlResponseInspector.holdsAssertion(value) ? List.of(PrivacyCode.SECRET_SAML_ASSERTION) : List.of();
            case TOKEN:
                if (jwt) {
                    return List.of(PrivacyCode.SECRET_JWT);
                }
                return value.length() >= 6 && !ValueShape.isCommonWord(value)
                        ? List.of(PrivacyCode.SECRET_API_KEY) : List.of();
            case API_KEY:
                if (jwt) {
                    return List.of(PrivacyCode.SECRET_API_KEY, PrivacyCode.SECRET_JWT);
                }
                return value.length() >= 6 && !ValueShape.isCommonWord(value)
                        ? List.of(PrivacyCode.SECRET_API_KEY) : List.of();
            default:
                return jwt ? List.of(PrivacyCode.SECRET_JWT) : List.of();
        }
    }
}
