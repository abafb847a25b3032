package dev.handoff.privacy;

// canaries: "Pa55w0rd!Canary", "ghp_CanaryR8s7Q2wLx5Zt9Ve3Nm1Ky4Hb6Jc0Df", the JWT built in jwt() below,
//   "eyJhbGciOiJSUzI1NiJ9.Q2FuYXJ5.c2ln" (not a JWT: payload is not JSON), "Bearer 7Qx9Canary2Lm4Zt8Vw"

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single rules on short texts: what a person reading the text would call a secret or personal data, and what not. */
class TextAndPersonalDataRulesTest {

    private final PrivacyRules rules = PrivacyRules.defaults();
    private final TextSecretRules secrets = new TextSecretRules(rules);
    private final PersonalDataDetectors personal = new PersonalDataDetectors(rules);

    private static String b64(final String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jwt() {
        return b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"canary\",\"exp\":1893456000}")
                + ".c2lnbmF0dXJlLWNhbmFyeS1ub3QtcmVhbA";
    }

    private List<PrivacyCode> secretCodes(final String text) {
        return secrets.find(text).stream().map(TextMatch::code).toList();
    }

    private List<PrivacyCode> personalCodes(final String text) {
        return personal.find(text).stream().map(TextMatch::code).toList();
    }

    @Test
    void shouldRecogniseJwtByStructureOnly() {
        // Given
        final String token = jwt();

        // When / Then
        assertThat(JwtRecognizer.isJwt(token)).isTrue();
        assertThat(JwtRecognizer.isJwt("eyJhbGciOiJSUzI1NiJ9.Q2FuYXJ5.c2ln")).isFalse();
        assertThat(secretCodes("pasted: Bearer " + token)).contains(PrivacyCode.SECRET_AUTH_HEADER, PrivacyCode.SECRET_JWT);
        assertThat(secretCodes("iVBORw0KGgoAAAANSUhEUgeyJhbGciOiJIUzI1NiJ9AAAAeyJzdWIiOiIxIn0AAAA=")).isEmpty();
    }

    @Test
    void shouldFlagPasswordInContextButNotPasswordProse() {
        // Given / When / Then
        assertThat(secretCodes("login: admin password: Pa55w0rd!Canary")).containsExactly(PrivacyCode.SECRET_PASSWORD);
        assertThat(secretCodes("the password is wrong and a password reset link was sent")).isEmpty();
        assertThat(secretCodes("password: ******** and pwd=[REDACTED] and Passwort: ${PASSWORD}")).isEmpty();
    }

    @Test
    void shouldFlagProviderKeysButNotDocumentationExamples() {
        // Given / When / Then
        assertThat(secretCodes("token ghp_CanaryR8s7Q2wLx5Zt9Ve3Nm1Ky4Hb6Jc0Df")).containsExactly(PrivacyCode.SECRET_API_KEY);
        assertThat(secretCodes("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")).isEmpty();
        assertThat(secretCodes("x-request-id: 3f2a8c1e-7b4d-4e19-9a0c-5d6e7f8a9b01 traceId=4bf92f3577b34da6a3ce929d0e0e4736"))
                .isEmpty();
    }

    @Test
    void shouldFlagCookieLineButNotAnalyticsCookies() {
        // Given / When
        final List<TextMatch> matches = secrets.find("Cookie: _ga=GA1.2.1873420981.1792600000; sid=Canary8f3kQz1vX9; locale=de-AT");

        // Then
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo(PrivacyCode.SECRET_COOKIE);
            assertThat(m.label()).isEqualTo("sid=");
        });
    }

    @Test
    void shouldAcceptCardsOnlyWhenLuhnAndIssuerHold() {
        // Given / When / Then
        assertThat(personalCodes("card 4111 1111 1111 1111")).containsExactly(PrivacyCode.PII_PAYMENT_CARD);
        assertThat(personalCodes("order 4111 1111 1111 1112")).isEmpty();
        assertThat(personalCodes("epoch 1792600000123")).doesNotContain(PrivacyCode.PII_PAYMENT_CARD);
    }

    @Test
    void shouldValidateNationalIdCheckDigits() {
        // Given / When / Then
        assertThat(NationalIdChecks.validSsn("536-22-8714")).isTrue();
        assertThat(NationalIdChecks.validSsn("666-22-8714")).isFalse();
        assertThat(NationalIdChecks.validDniOrNie("12345678Z")).isTrue();
        assertThat(NationalIdChecks.validDniOrNie("12345678A")).isFalse();
        assertThat(NationalIdChecks.validBsn("111222333")).isTrue();
        assertThat(NationalIdChecks.validBsn("111222334")).isFalse();
        assertThat(NationalIdChecks.validAadhaar("234123412346")).isTrue();
        assertThat(NationalIdChecks.validAadhaar("234123412347")).isFalse();
        assertThat(NationalIdChecks.validNino("GB 12 34 56 A")).isFalse();
        assertThat(personalCodes("NINO JK 48 21 93 B")).containsExactly(PrivacyCode.PII_NATIONAL_ID);
        assertThat(personalCodes("order 111222333 shipped")).isEmpty();
    }

    @Test
    void shouldFlagAddressesButNotVersions() {
        // Given / When / Then
        assertThat(personalCodes("client 203.0.113.45 via 2001:db8:85a3::8a2e:370:7334"))
                .containsExactly(PrivacyCode.PII_IP_ADDRESS, PrivacyCode.PII_IP_ADDRESS);
        assertThat(personalCodes("agent v1.2.3.4, Version 10.0.19045.3693, Chrome/120.0.6099.109, bind 0.0.0.0, at 10:14:05"))
                .isEmpty();
        assertThat(personalCodes("mac 00:1A:2B:3C:4D:5E, logo@2x.png")).isEmpty();
    }

    @Test
    void shouldFlagPhonesWhenFormattedButNotTimestamps() {
        // Given / When / Then
        assertThat(personalCodes("call +43 664 1234567")).containsExactly(PrivacyCode.PII_PHONE);
        assertThat(personalCodes("created 2026-10-27 14:55:03, epoch 1792600000, ticket 4821337")).isEmpty();
    }

    @Test
    void shouldScanTruncatedHarAsTextWhenJsonIsCut() {
        // Given
        final String cut = "{\"log\":{\"entries\":[{\"request\":{\"headers\":[{\"name\":\"Authorization\",\"value\":\"Bearer 7Qx9Canary2Lm4Zt8Vw";
        final DefaultPrivacyScanner scanner = new DefaultPrivacyScanner();

        // When
        final PrivacyReport report = scanner.scan("cut.har", ArtifactKind.HAR_SUMMARY, cut.getBytes(StandardCharsets.UTF_8), List.of());

        // Then
        assertThat(report.findings()).extracting(PrivacyFinding::getCode).contains(PrivacyCode.SECRET_AUTH_HEADER);
        assertThat(report.findings()).extracting(PrivacyFinding::getLocator).allMatch(l -> l.startsWith("text:line=1,chars="));
        assertThat(report.redactor().redact(cut)).doesNotContain("7Qx9Canary2Lm4Zt8Vw");
    }
}
