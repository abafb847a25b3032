package dev.handoff.privacy;

// canaries (fake secrets planted in src/test/resources/privacy-gold.jsonl, generated for this test, never real):
//   0.AQsAIB0afQEvFtmMTi3li8A1Z7OeWsHBtygmkmjqneYkcP27P8snos42ahTCPmTE
//   0.AQsARtMsx34WvvSpUWykaDmP7VHMc7g0cr
//   008MM7lb8IAwsKhQpLHFdpJ8qifWpDaQNuLjg1X_4Q
//   4E5pV1ticRDpUKcwGQ14TuMt/DNePFXinUdP0TtiuKMKUrGoUhinKGFw3uGkyvDJ
//   wi9ohS91k3/dmeJBKRx3RSnvyweaBhanbrFC+UWeXnMmFLe16r6+fwoMEtPk3b2d
//   2SIMza4m53Yt5aGTE+VX+6M436UJBoHnnBDPfaXFKZehOYQs0A02X8C8y65BQ5Fc
//   0VRJ6Y+BlY3HlxolsHLkytPHaXdrs38cFVdFtXExaiJmIl0GkXZyPjNg62GMxU/6
//   anYcIPMWh8/D5npe7nwzmNA+Zyocn+Vu3P+CF0Vt0DltPfWtMo2diRntQXd9TlQq
//   wWxHfpau5prtaZMyFobfPG2mEJjhnhB+UTzGfbXpqlEo3j0vlt5Fq17CY0S2F86Y
//   PBr9fJIikCRGF6BajI4kLeoAgx64GKL5DGQLQCs8==
//   -----END RSA PRIVATE KEY-----
//   AIzaSyCanaryb2KJS3z9cbqq9wgjAdQiWCCzb1a
//   AKIAQ3CANARX2JOFT6M4
//   AKIAQ3CANARY2JOFT6M4
//   Aut0mn!Canary#9
//   CfDJ8EFYllhPMLNE5jizRLAbpdlN2CrJAQqCbPftU5et60sYwoOvotplpTo9NIH
//   Cs8Q~dOHCLS.qo9KplNbF15mgAhw6oMYDPrVsN-
//   EDEF930C31451F34F8EBF76113B42F0B
//   ETmPCTha24sons8P72PckYenqjmkmgytBHsWeO7Z1A8il3iTMmtFvEQfa0BIAsQAx0
//   Herbst2026!Canary
//   Ka7#canaryPass
//   Msx34WvvSpUWykaDmP7VHMc7g0cr
//   PC6ofJAcKLgLrof_hys2DN
//   PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoyLjA6cHJvdG9jb2wiIHhtbG5zOnNhbWw9InVybjpvYXNpczpuYW1lczp0YzpTQU1MOjIuMDphc3NlcnRpb24iIElEPSJfY2FuYXJ5MSIgVmVyc2lvbj0iMi4wIiBJc3N1ZUluc3RhbnQ9IjIwMjYtMTAtMjdUMTQ6NTU6MDFaIj48c2FtbDpJc3N1ZXI%2BaHR0cHM6Ly9pZHAuY2FuYXJ5LmV4YW1wbGU8L3NhbWw6SXNzdWVyPjxzYW1scDpTdGF0dXM%2BPHNhbWxwOlN0YXR1c0NvZGUgVmFsdWU9InVybjpvYXNpczpuYW1lczp0YzpTQU1MOjIuMDpzdGF0dXM6U3VjY2VzcyIvPjwvc2FtbHA6U3RhdHVzPjxzYW1sOkFzc2VydGlvbiBJRD0iX2NhbmFyeUExIiBWZXJzaW9uPSIyLjAiIElzc3VlSW5zdGFudD0iMjAyNi0xMC0yN1QxNDo1NTowMVoiPjxzYW1sOlN1YmplY3Q%2BPHNhbWw6TmFtZUlEPmNhbmFyeS51c2VyQGNvbnRvc28uZXhhbXBsZTwvc2FtbDpOYW1lSUQ%2BPC9zYW1sOlN1YmplY3Q%2BPC9zYW1sOkFzc2VydGlvbj48L3NhbWxwOlJlc3BvbnNlPg%3D%3D
//   PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoyLjA6cHJvdG9jb2wiIHhtbG5zOnNhbWw9InVybjpvYXNpczpuYW1lczp0YzpTQU1MOjIuMDphc3NlcnRpb24iIElEPSJfY2FuYXJ5OSIgVmVyc2lvbj0iMi4wIiBJc3N1ZUluc3RhbnQ9IjIwMjYtMTAtMjdUMTQ6NTU6MDFaIj48c2FtbDpJc3N1ZXI+aHR0cHM6Ly9pZHAuY2FuYXJ5LmV4YW1wbGU8L3NhbWw6SXNzdWVyPjxzYW1scDpTdGF0dXM+PHNhbWxwOlN0YXR1c0NvZGUgVmFsdWU9InVybjpvYXNpczpuYW1lczp0YzpTQU1MOjIuMDpzdGF0dXM6U3VjY2VzcyIvPjwvc2FtbHA6U3RhdHVzPjxzYW1sOkFzc2VydGlvbiBJRD0iX2NhbmFyeUExIiBWZXJzaW9uPSIyLjAiIElzc3VlSW5zdGFudD0iMjAyNi0xMC0yN1QxNDo1NTowMVoiPjxzYW1sOlN1YmplY3Q+PHNhbWw6TmFtZUlEPmNhbmFyeS51c2VyQGNvbnRvc28uZXhhbXBsZTwvc2FtbDpOYW1lSUQ+PC9zYW1sOlN1YmplY3Q+PC9zYW1sOkFzc2VydGlvbj48L3NhbWxwOlJlc3BvbnNlPg==
//   PpcqlUXE_1ndVlNpPZmJtHWSQWPkoI5QNOJYrlZ9q3Qi18dkBqVaIfJeit3Cu9oMwXacBSJTqIKJ7S3QAchWSMOuxEwueRxW
//   QlTpXDlpgfpOPv-dlMIof_4yH1PtLzSUGCCYYWklR_UNZhou
//   Sommer#Fake2026
//   Tr0ub4dor&Canary
//   WERNGYNnY523kG-2KG0wN-WRYKK5PSVYifkTXiGirke
//   Winter!Canary42
//   c3ZjLWNhbmFyeTpCbDRja2JpcmQhQ2FuYXJ5
//   eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImNhbmFyeS1rMSJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmNhbmFyeS1pZHAuZXhhbXBsZSIsInN1YiI6ImNhbmFyeS11c2VyLTIzIiwiYXVkIjoiaGFuZG9mZi1jYW5hcnkiLCJleHAiOjE4OTM0NTYwMDB9.SxymIm7E1MVoVuT74954nwRD_Xkfd7LLTI8SijNdu5np3CXMbdRFTQSKI67VqktUASHE4C2j239cjIz9F7Aaez
//   eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImNhbmFyeS1rMSJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmNhbmFyeS1pZHAuZXhhbXBsZSIsInN1YiI6ImNhbmFyeS11c2VyLTMyIiwiYXVkIjoiaGFuZG9mZi1jYW5hcnkiLCJleHAiOjE4OTM0NTYwMDB9.hU1QAwE8gguRIvGzyDTak5M1ktOnIFWX8OHpcdSo6dA5cLLGjNlwCTJaVfZhgLxM0PHJ7tEt_h2Xi9_x38aX9w
//   eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImNhbmFyeS1rMSJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmNhbmFyeS1pZHAuZXhhbXBsZSIsInN1YiI6ImNhbmFyeS1zdmMtMDQiLCJhdWQiOiJoYW5kb2ZmLWNhbmFyeSIsImV4cCI6MTg5MzQ1NjAwMH0.vnCPHL95wZSKOOBNUxH_28Qczg_BLZehJXZFXiewY8NezZzySsjOJ8e27_8WDgMyDIexLK4E2GlYrENi50fQ2V
//   eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImNhbmFyeS1rMSJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmNhbmFyeS1pZHAuZXhhbXBsZSIsInN1YiI6ImNhbmFyeS11c2VyLTE3IiwiYXVkIjoiaGFuZG9mZi1jYW5hcnkiLCJleHAiOjE4OTM0NTYwMDB9.EhmSVkyeiLU7EUaF-TDG5j8EE8eVxgTj0R6ekNiMRoK-VKJDFlcjq4gfBLoO-8lW2dgMMpFkFJXHcJizlG8Hji
//   eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImNhbmFyeS1rMSJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmNhbmFyeS1pZHAuZXhhbXBsZSIsInN1YiI6ImNhbmFyeS11c2VyLTMxIiwiYXVkIjoiaGFuZG9mZi1jYW5hcnkiLCJleHAiOjE4OTM0NTYwMDB9.c1slRpykCfkhAaWs7PGvhSci23VdF3TKJSk6x9klv7lnlUU4HkaMKr-wGfGfJ5XfC4o1XSX203kpWB547i8VXt
//   ghp_Canary9mSFI2kqH5QtnP2mqDJkxON4ylwtUD
//   glpat-Canary-TdED8e63ZyCOp
//   npm_CanaryMVcXdadEZFirao1S7qJhDcXbaCIOVf
//   rc0g7cMHV7PmDakyWUpSvvW43xsM
//   sk_live_51Canary7SWYOog3DTjDd4bKSVrupEQz
//   tok_QZSW3EULsPuXKYRbdbowlSf5vrRIc3
//   xoxb-4815162342-1123581321-CanarykUDetAnQ7CGcLPgT
//   xoxp-2718281828-3141592653-Canary8e7499fc8450a964bb04

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.core.Hashing;
import dev.handoff.core.TextSegment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Measures the scanner on the privacy gold set: planted secrets and personal data over HAR, email,
 * ticket, note and OCR text, plus look-alikes (ids, placeholders, versions, SAMLRequest) that must
 * not be flagged. Prints recall and precision and writes them to the build directory.
 */
class PrivacyGoldSetTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Span(String code, String value) {
    }

    record GoldDoc(String id, String format, String text, List<Span> planted, List<String> lookalikes) {
    }

    record Figures(int plantedSecrets, int foundSecrets, int plantedPersonal, int foundPersonal,
                   int findings, int truePositives, int lookalikes, int lookalikesFlagged, List<String> misses,
                   List<String> falsePositives) {
        double secretRecall() {
            return plantedSecrets == 0 ? 1 : (double) foundSecrets / plantedSecrets;
        }

        double personalRecall() {
            return plantedPersonal == 0 ? 1 : (double) foundPersonal / plantedPersonal;
        }

        double precision() {
            return findings == 0 ? 1 : (double) truePositives / findings;
        }
    }

    @Test
    void shouldFindEveryPlantedSecretWithHighPrecisionOnGoldSet() throws IOException {
        // Given
        final List<GoldDoc> docs = load();
        final DefaultPrivacyScanner scanner = new DefaultPrivacyScanner();

        // When
        final Figures figures = measure(scanner, docs);

        // Then
        final String summary = String.format(Locale.ROOT,
                "privacy gold set: docs=%d planted=%d (secrets=%d, personal=%d) lookalikes=%d%n"
                        + "secret recall=%.3f (%d/%d) personal recall=%.3f (%d/%d) precision=%.3f (%d/%d) lookalikes flagged=%d%n"
                        + "misses=%s%nfalse positives=%s%n",
                docs.size(), figures.plantedSecrets() + figures.plantedPersonal(), figures.plantedSecrets(),
                figures.plantedPersonal(), figures.lookalikes(), figures.secretRecall(), figures.foundSecrets(),
                figures.plantedSecrets(), figures.personalRecall(), figures.foundPersonal(), figures.plantedPersonal(),
                figures.precision(), figures.truePositives(), figures.findings(), figures.lookalikesFlagged(),
                figures.misses(), figures.falsePositives());
        System.out.print(summary);
        writeFigures(summary);
        assertThat(docs.stream().mapToInt(d -> d.planted().size()).sum()).isGreaterThanOrEqualTo(60);
        assertThat(docs.stream().flatMap(d -> d.planted().stream()).map(Span::code).distinct().count())
                .isGreaterThanOrEqualTo(10);
        assertThat(figures.lookalikes()).isGreaterThanOrEqualTo(30);
        assertThat(figures.misses()).as("planted secrets missed").filteredOn(m -> m.contains("SECRET_")).isEmpty();
        assertThat(figures.secretRecall()).isEqualTo(1.0);
        assertThat(figures.precision()).isGreaterThanOrEqualTo(0.90);
        assertThat(figures.lookalikesFlagged()).isZero();
    }

    static Figures measure(final DefaultPrivacyScanner scanner, final List<GoldDoc> docs) {
        int plantedSecrets = 0;
        int foundSecrets = 0;
        int plantedPersonal = 0;
        int foundPersonal = 0;
        int findings = 0;
        int truePositives = 0;
        int lookalikes = 0;
        int lookalikesFlagged = 0;
        final List<String> misses = new ArrayList<>();
        final List<String> falsePositives = new ArrayList<>();
        for (final GoldDoc doc : docs) {
            final PrivacyReport report = scan(scanner, doc);
            // One flag per code and value counts once, whatever number of places it sits in.
            final Set<String> flagged = new LinkedHashSet<>();
            final Map<String, String> detectorOf = new java.util.HashMap<>();
            for (final PrivacyFinding finding : report.findings()) {
                final String key = finding.getCode() + "|" + finding.getValueHash();
                flagged.add(key);
                detectorOf.putIfAbsent(key, finding.getDetector() + "@" + finding.getLocator() + " " + finding.getExcerpt());
            }
            final Set<String> plantedKeys = new LinkedHashSet<>();
            for (final Span span : doc.planted()) {
                final String key = span.code() + "|" + Hashing.shortHash(span.value());
                plantedKeys.add(key);
                final boolean secret = span.code().startsWith("SECRET_");
                final boolean hit = flagged.contains(key);
                if (secret) {
                    plantedSecrets++;
                    foundSecrets += hit ? 1 : 0;
                } else {
                    plantedPersonal++;
                    foundPersonal += hit ? 1 : 0;
                }
                if (!hit) {
                    misses.add(doc.id() + ":" + span.code() + ":" + Hashing.shortHash(span.value()));
                }
            }
            for (final String key : flagged) {
                findings++;
                if (plantedKeys.contains(key)) {
                    truePositives++;
                } else {
                    falsePositives.add(doc.id() + ":" + key + " " + detectorOf.get(key));
                }
            }
            for (final String lookalike : doc.lookalikes()) {
                lookalikes++;
                final String hash = Hashing.shortHash(lookalike);
                if (report.findings().stream().anyMatch(f -> f.getValueHash().equals(hash))) {
                    lookalikesFlagged++;
                }
            }
        }
        return new Figures(plantedSecrets, foundSecrets, plantedPersonal, foundPersonal, findings, truePositives,
                lookalikes, lookalikesFlagged, misses, falsePositives);
    }

    static PrivacyReport scan(final DefaultPrivacyScanner scanner, final GoldDoc doc) {
        final byte[] bytes = doc.text().getBytes(StandardCharsets.UTF_8);
        if ("har".equals(doc.format())) {
            return scanner.scan(doc.id() + ".har", ArtifactKind.HAR_SUMMARY, bytes, List.of());
        }
        final ArtifactKind kind = switch (doc.format()) {
            case "email" -> ArtifactKind.EMAIL;
            case "ticket" -> ArtifactKind.TICKET_EXPORT;
            case "ocr" -> ArtifactKind.SCREENSHOT;
            default -> ArtifactKind.ESCALATION_NOTE;
        };
        final TextSegment segment = DefaultPrivacyScanner.lineSegment(doc.id(), doc.text());
        return scanner.scan(doc.id(), kind, bytes, List.of(segment));
    }

    static List<GoldDoc> load() throws IOException {
        final List<GoldDoc> docs = new ArrayList<>();
        try (InputStream in = PrivacyGoldSetTest.class.getResourceAsStream("/privacy-gold.jsonl")) {
            assertThat(in).as("privacy-gold.jsonl on the test classpath").isNotNull();
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                final JsonNode node = MAPPER.readTree(line);
                final List<Span> planted = new ArrayList<>();
                node.path("planted").forEach(p -> planted.add(new Span(p.path("code").asText(), p.path("value").asText())));
                final List<String> lookalikes = new ArrayList<>();
                node.path("lookalikes").forEach(l -> lookalikes.add(l.asText()));
                docs.add(new GoldDoc(node.path("id").asText(), node.path("format").asText(), node.path("text").asText(),
                        planted, lookalikes));
            }
        }
        return docs;
    }

    private static void writeFigures(final String summary) throws IOException {
        final Path target = Path.of(System.getProperty("privacy.figures.dir", targetDir()));
        Files.createDirectories(target);
        Files.writeString(target.resolve("privacy-gold-figures.txt"), summary, StandardCharsets.UTF_8);
    }

    private static String targetDir() {
        // Test classes live in <build dir>/test-classes: write beside them, in the module's own build dir.
        try {
            final Path classes = Path.of(PrivacyGoldSetTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().toString();
        } catch (final java.net.URISyntaxException e) {
            return "target";
        }
    }
}
