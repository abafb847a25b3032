package dev.handoff.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real HARs of the shared corpus (SOURCES.md says which carry credentials) and the contract's
 * example packets: the right codes on the secret-bearing files, none on the clean and placeholder
 * ones, and no planted value left after redaction.
 */
class RealHarCorpusTest {

    private static final Set<PrivacyCode> SECRETS = Set.of(PrivacyCode.SECRET_AUTH_HEADER, PrivacyCode.SECRET_COOKIE,
            PrivacyCode.SECRET_JWT, PrivacyCode.SECRET_SAML_ASSERTION, PrivacyCode.SECRET_PASSWORD,
            PrivacyCode.SECRET_API_KEY, PrivacyCode.SECRET_PRIVATE_KEY, PrivacyCode.SECRET_OAUTH_CODE);

    private final DefaultPrivacyScanner scanner = new DefaultPrivacyScanner();

    private static Path shared() {
        final var shared = SharedCorpus.shared();
        assumeTrue(shared.isPresent(), "shared/corpus not found above the working directory");
        return shared.get();
    }

    private PrivacyReport scanHar(final Path file) throws IOException {
        assumeTrue(Files.isRegularFile(file), "missing " + file);
        return scanner.scan(file.getFileName().toString(), ArtifactKind.HAR_SUMMARY, Files.readAllBytes(file), List.of());
    }

    private static Set<PrivacyCode> codes(final PrivacyReport report) {
        return report.findings().stream().map(PrivacyFinding::getCode).collect(Collectors.toSet());
    }

    private static Path har(final String name) {
        return shared().resolve("corpus/real/har").resolve(name);
    }

    @Test
    void shouldFlagCookieAuthHeaderAndPasswordWhenAuth0LoginHarCarriesThem() throws IOException {
        // Given
        final Path file = har("jfromaniello_example_auth0_login.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then
        assertThat(codes(report)).contains(PrivacyCode.SECRET_COOKIE, PrivacyCode.SECRET_AUTH_HEADER,
                PrivacyCode.SECRET_PASSWORD);
        assertThat(report.findings()).filteredOn(f -> f.getCode() == PrivacyCode.SECRET_PASSWORD)
                .extracting(PrivacyFinding::getLocator).contains("har:/log/entries/2/request/postData/text");
    }

    @Test
    void shouldFlagPasswordAndSessionCookieWhenFormLoginHarCarriesThem() throws IOException {
        // Given
        final Path file = har("graftpunk_form_login_session.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then
        assertThat(codes(report)).contains(PrivacyCode.SECRET_PASSWORD, PrivacyCode.SECRET_COOKIE);
    }

    @Test
    void shouldFlagJwtAndAuthHeaderWhenBearerJwtIsSent() throws IOException {
        // Given
        final Path file = har("grounzero_sample_jwt_pii.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then
        assertThat(codes(report)).contains(PrivacyCode.SECRET_JWT, PrivacyCode.SECRET_AUTH_HEADER,
                PrivacyCode.SECRET_COOKIE, PrivacyCode.PII_PAYMENT_CARD, PrivacyCode.PII_EMAIL);
        assertThat(report.findings()).filteredOn(f -> f.getCode() == PrivacyCode.SECRET_JWT)
                .extracting(PrivacyFinding::getLocator).contains("har:/log/entries/0/request/headers/0/value");
    }

    @Test
    void shouldFlagApiKeyAuthorizationSchemeWhenLaunchDarklyStreamIsCaptured() throws IOException {
        // Given
        final Path file = har("mitmproxy_event_stream_launchdarkly.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then
        assertThat(codes(report)).contains(PrivacyCode.SECRET_AUTH_HEADER);
        assertThat(report.findings()).extracting(PrivacyFinding::getExcerpt)
                .anyMatch(e -> e.startsWith("authorization: api_key [REDACTED sha256:"));
    }

    @Test
    void shouldFlagApiKeyInQueryButNotAnalyticsCookiesWhenWebSocketIsCaptured() throws IOException {
        // Given
        final Path file = har("mitmproxy_websocket.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then
        assertThat(codes(report)).contains(PrivacyCode.SECRET_API_KEY).doesNotContain(PrivacyCode.SECRET_COOKIE);
        assertThat(report.findings()).extracting(PrivacyFinding::getLocator)
                .contains("har:/log/entries/0/request/queryString/0/value");
    }

    @Test
    void shouldFlagAuthHeaderButNotJwtWhenBearerTokenIsNotDecodable() throws IOException {
        // Given
        final Path file = har("stackhawk_harrier_sample.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then
        assertThat(codes(report)).contains(PrivacyCode.SECRET_AUTH_HEADER).doesNotContain(PrivacyCode.SECRET_JWT);
    }

    @Test
    void shouldNotFlagAuthHeaderWhenHarHoldsTemplatePlaceholders() throws IOException {
        // Given
        final Path file = har("grafana_har-to-k6_full_request_only.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then: "Bearer ${token}" is a template; the form's literal password is still a password
        assertThat(codes(report)).doesNotContain(PrivacyCode.SECRET_AUTH_HEADER, PrivacyCode.SECRET_JWT,
                PrivacyCode.SECRET_API_KEY);
    }

    @Test
    void shouldFindNoSecretWhenBrowserHarsCarryNoCredentials() throws IOException {
        // Given
        final List<String> clean = List.of("mitmproxy_firefox.har", "mitmproxy_safari.har", "mitmproxy_charles.har",
                "haralyzer_humanssuck_net.har", "mitmproxy_with_bom.har", "mitmproxy_error_log.har",
                "stackhawk_harrier_mixed_http_versions.har");

        for (final String name : clean) {
            // When
            final PrivacyReport report = scanHar(har(name));

            // Then: base64 images holding "eyJ" are not JWTs
            assertThat(report.hasSecrets()).as(name).isFalse();
            assertThat(codes(report)).as(name).doesNotContain(PrivacyCode.PII_PAYMENT_CARD, PrivacyCode.PII_NATIONAL_ID);
        }
    }

    @Test
    void shouldScanTruncatedHarAsTextWithoutFailing() throws IOException {
        // Given
        final Path file = har("mitmproxy_brokenfile_corrupt.har");

        // When
        final PrivacyReport report = scanHar(file);

        // Then
        assertThat(report.hasSecrets()).isFalse();
    }

    @Test
    void shouldTellAssertionsFromStatusOnlyResponsesWhenSamlResponsesAreDecoded() throws IOException {
        // Given
        final Path saml = shared().resolve("corpus/real/har/saml");
        final String expired = Files.readString(saml.resolve("python3saml_expired_response.xml.base64"));
        final String signed = Files.readString(saml.resolve("python3saml_signed_message_response.xml.base64"));
        final String status = Files.readString(saml.resolve("python3saml_status_responder_with_message.xml.base64"));

        // When / Then
        assertThat(SamlResponseInspector.holdsAssertion(expired)).isTrue();
        assertThat(SamlResponseInspector.holdsAssertion(signed)).isTrue();
        assertThat(SamlResponseInspector.holdsAssertion(status)).isFalse();
        assertThat(ParameterRules.codesFor(SecretFieldNames.classify("SAMLResponse"), signed.trim(), true))
                .containsExactly(PrivacyCode.SECRET_SAML_ASSERTION);
        assertThat(ParameterRules.codesFor(SecretFieldNames.classify("SAMLRequest"), signed.trim(), true)).isEmpty();
    }

    @Test
    void shouldFlagCookieAndJwtAndLeakNothingWhenExamplePacketHarIsRedacted() throws IOException {
        // Given
        final Path packet = shared().resolve("contract/examples/packets/PKT-EX-0003/full.har");
        final JsonNode expected = new ObjectMapper().readTree(
                shared().resolve("contract/examples/expected/PKT-EX-0003.json").toFile());
        final String original = Files.readString(packet, StandardCharsets.UTF_8);

        // When
        final PrivacyReport report = scanHar(packet);
        final String redacted = report.redactor().redact(original);

        // Then
        assertThat(codes(report)).contains(PrivacyCode.SECRET_COOKIE, PrivacyCode.SECRET_JWT,
                PrivacyCode.SECRET_AUTH_HEADER);
        assertThat(report.findings()).extracting(PrivacyFinding::getLocator)
                .contains("har:/log/entries/1/request/cookies/0", "har:/log/entries/2/response/content/text");
        for (final JsonNode value : expected.path("mustNotContain")) {
            assertThat(redacted).doesNotContain(value.asText());
            assertThat(report.findings()).extracting(PrivacyFinding::getExcerpt)
                    .noneMatch(excerpt -> excerpt.contains(value.asText()));
        }
        assertThat(redacted).contains("[REDACTED sha256:");
    }

    @Test
    void shouldFlagNoSecretWhenExamplePacketHarsAreClean() throws IOException {
        // Given
        final Path packets = shared().resolve("contract/examples/packets");

        for (final String file : List.of("PKT-EX-0001/capture.har", "PKT-EX-0002/trace.har")) {
            // When
            final PrivacyReport report = scanHar(packets.resolve(file));

            // Then
            assertThat(codes(report)).as(file).doesNotContainAnyElementsOf(SECRETS)
                    .doesNotContain(PrivacyCode.PII_PAYMENT_CARD, PrivacyCode.PII_NATIONAL_ID);
        }
    }
}
