package dev.handoff.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated corpus is reproducible and its gold is valid against CONTRACT.md sections 3 and 4.
 *
 * <p>canaries: the planted secrets are generated with {@link CorpusGenerator#CORPUS_SEED} and listed in each
 * packet's {@code expected/*.json} {@code mustNotContain}.
 */
class CorpusGeneratorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> REASONS = Set.of("TENANT_CONFLICT", "TENANT_UNRESOLVED", "ENVIRONMENT_UNCLEAR",
            "ENTITLEMENT_MISSING", "ENTITLEMENT_MISMATCH", "CONTACT_MISMATCH", "IMPACT_AMBIGUOUS", "TIMING_UNCERTAIN",
            "PRIVACY_SECRET", "PRIVACY_PERSONAL_DATA", "MANDATORY_FIELD_MISSING");
    private static final Set<String> WARNINGS = Set.of("ARTIFACT_UNREADABLE", "ARTIFACT_UNCLASSIFIED",
            "RECEIVED_AT_DEFAULTED", "LOSSY_NORMALIZATION");
    private static final Set<String> FLAGS = Set.of("SECRET_AUTH_HEADER", "SECRET_COOKIE", "SECRET_JWT",
            "SECRET_SAML_ASSERTION", "SECRET_PASSWORD", "SECRET_API_KEY", "SECRET_PRIVATE_KEY", "SECRET_OAUTH_CODE",
            "PII_EMAIL", "PII_PHONE", "PII_PAYMENT_CARD", "PII_NATIONAL_ID", "PII_IP_ADDRESS");
    private static final Set<String> FIELDS = Set.of("tenant", "environment", "productSurface", "firstObservedAt",
            "businessImpact", "responseTier", "approvedContacts");
    private static final Set<String> GOLD_KEYS = Set.of("decision", "reasons", "fields", "privacyFlags",
            "absentPrivacyFlags", "warnings", "mustNotContain");

    @TempDir
    static Path first;

    @BeforeAll
    static void generate() throws IOException {
        CorpusGenerator.generate(first, false);
    }

    @Test
    void shouldWriteIdenticalBytesOnEveryRun(@TempDir final Path second) throws IOException {
        // When
        CorpusGenerator.generate(second, false);

        // Then
        final Map<String, byte[]> a = files(first);
        final Map<String, byte[]> b = files(second);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void shouldWriteGoldWithOnlyContractCodesAndEveryReasonTwice() throws IOException {
        // When
        final Map<String, Integer> reasonCounts = new HashMap<>();
        final List<Path> golds = list(first.resolve("expected"));

        // Then
        assertThat(golds).hasSizeGreaterThanOrEqualTo(40);
        for (final Path g : golds) {
            final JsonNode gold = MAPPER.readTree(g.toFile());
            final String id = g.getFileName().toString().replace(".json", "");
            assertThat(first.resolve("packets").resolve(id)).as(id).isDirectory();
            gold.fieldNames().forEachRemaining(k -> assertThat(GOLD_KEYS).as(id).contains(k));
            final String decision = gold.get("decision").asText();
            assertThat(decision).as(id).isIn("STAGED", "EXCEPTION");
            assertThat(gold.path("reasons").isEmpty()).as(id + " EXCEPTION exactly when reasons").isEqualTo("STAGED".equals(decision));
            gold.path("reasons").forEach(r -> {
                assertThat(REASONS).as(id).contains(r.asText());
                reasonCounts.merge(r.asText(), 1, Integer::sum);
            });
            gold.path("warnings").forEach(w -> assertThat(WARNINGS).as(id).contains(w.asText()));
            gold.path("privacyFlags").forEach(f -> assertThat(FLAGS).as(id).contains(f.asText()));
            gold.path("absentPrivacyFlags").forEach(f -> assertThat(FLAGS).as(id).contains(f.asText()));
            gold.path("fields").fieldNames().forEachRemaining(f -> assertThat(FIELDS).as(id).contains(f));
        }
        assertThat(reasonCounts.keySet()).containsExactlyInAnyOrderElementsOf(REASONS);
        assertThat(reasonCounts.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }

    @Test
    void shouldPlantEverySecretOfTheGoldInItsPacket() throws IOException {
        for (final Path g : list(first.resolve("expected"))) {
            // Given
            final String id = g.getFileName().toString().replace(".json", "");
            final StringBuilder packetText = new StringBuilder();
            for (final Path f : list(first.resolve("packets").resolve(id))) {
                final String t = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                packetText.append(t).append('\n');
                if (f.toString().endsWith(".har")) {
                    // A SAMLResponse travels URL-encoded in a form post.
                    packetText.append(URLDecoder.decode(t.replace("+", "%2B"), StandardCharsets.ISO_8859_1));
                }
            }

            // When / Then: a card number is also listed without its spaces, as a normalizer might print it
            final String spaceless = packetText.toString().replace(" ", "");
            MAPPER.readTree(g.toFile()).path("mustNotContain")
                    .forEach(s -> assertThat(spaceless).as(id).contains(s.asText().replace(" ", "")));
        }
    }

    @Test
    void shouldKeepTheCorpusSmall() throws IOException {
        // When
        final long bytes = files(first).values().stream().mapToLong(b -> b.length).sum();

        // Then
        assertThat(bytes).isLessThan(5L * 1024 * 1024);
    }

    @Test
    void shouldWriteFourSamplePackets(@TempDir final Path samples) throws IOException {
        // When
        final int n = CorpusGenerator.generate(samples, true);

        // Then
        assertThat(n).isEqualTo(4);
        assertThat(list(samples.resolve("expected"))).hasSize(4);
        assertThat(samples.resolve("reference/tenants.jsonl")).isRegularFile();
    }

    private static List<Path> list(final Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static Map<String, byte[]> files(final Path root) throws IOException {
        final Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (final Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
