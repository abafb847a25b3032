package dev.handoff.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's Evaluator and the contract's reference scorer (shared/tools/score.py) agree on the same
 * decisions file: synthetic decisions for the project corpus with wrong decisions, dropped reasons,
 * invented excerpts and one leaked planted secret. Skips when python3, score.py or the corpus is absent.
 *
 * <p>canaries: the planted secrets are those of corpus/expected/*.json ({@code mustNotContain}).
 */
class ScoreCrossCheckTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> TEXT_SUFFIXES = List.of(".csv", ".json", ".eml", ".md", ".txt", ".xml");

    @TempDir
    Path tmp;

    @Test
    void shouldAgreeWithReferenceScorerOnTheProjectCorpus() throws Exception {
        // Given
        final Path root = walkUp(p -> Files.isDirectory(p.resolve("corpus/expected")));
        final Path shared = walkUp(p -> Files.isRegularFile(p.resolve("shared/tools/score.py")));
        Assumptions.assumeTrue(root != null && shared != null, "corpus or shared/tools/score.py not found");
        Assumptions.assumeTrue(python(), "python3 not available");
        final Path corpus = root.resolve("corpus");
        final List<JsonNode> decisions = synthesize(corpus);
        final Path file = tmp.resolve("decisions.jsonl");
        final StringBuilder b = new StringBuilder();
        for (final JsonNode d : decisions) {
            b.append(MAPPER.writeValueAsString(d)).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);

        // When
        final EvalReport ours = new Evaluator(corpus).evaluate(Evaluator.readDecisions(file),
                Files.readString(file, StandardCharsets.UTF_8));
        final Path out = tmp.resolve("score.json");
        final Process p = new ProcessBuilder("python3", shared.resolve("shared/tools/score.py").toString(), "--corpus",
                corpus.toString(), "--decisions", file.toString(), "--json", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("score.out").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        final JsonNode theirs = MAPPER.readTree(out.toFile());

        // Then
        assertThat(ours.decisionAccuracy().value()).isCloseTo(theirs.get("decisionAccuracy").asDouble(), within(1e-9));
        assertThat(ours.exceptionRecall().value()).isCloseTo(theirs.get("exceptionRecall").asDouble(), within(1e-9));
        assertThat(ours.exceptionPrecision().value()).isCloseTo(theirs.get("exceptionPrecision").asDouble(), within(1e-9));
        assertThat(ours.reasonRecall().value()).isCloseTo(theirs.get("reasonRecall").asDouble(), within(1e-9));
        assertThat(ours.acceptedWithoutReconstruction().value())
                .isCloseTo(theirs.get("acceptedWithoutReconstruction").asDouble(), within(1e-9));
        assertThat(ours.provenanceCompleteness().value())
                .isCloseTo(theirs.get("provenanceCompleteness").asDouble(), within(1e-9));
        assertThat(ours.leaks()).isEqualTo(theirs.get("leaks").asInt()).isPositive();
        // The synthetic errors are really there, so the agreement is not trivial.
        assertThat(ours.decisionAccuracy().value()).isLessThan(1.0);
        assertThat(ours.provenanceCompleteness().value()).isLessThan(1.0);
    }

    /** Decisions built from the gold, with deliberate errors spread over the packets. */
    private static List<JsonNode> synthesize(final Path corpus) throws IOException {
        final List<Path> golds;
        try (Stream<Path> s = Files.list(corpus.resolve("expected"))) {
            golds = s.sorted().toList();
        }
        final ArtifactText texts = new ArtifactText();
        final List<JsonNode> out = new ArrayList<>();
        boolean leaked = false;
        for (int i = 0; i < golds.size(); i++) {
            final String name = golds.get(i).getFileName().toString();
            final String pid = name.substring(0, name.length() - 5);
            final JsonNode gold = MAPPER.readTree(golds.get(i).toFile());
            if (i == 11) {
                continue; // one packet without a decision
            }
            final int idx = i;
            final ObjectNode d = MAPPER.createObjectNode();
            d.put("packetId", pid);
            final boolean flip = i % 7 == 3;
            final String decision = gold.get("decision").asText();
            d.put("decision", flip ? ("STAGED".equals(decision) ? "EXCEPTION" : "STAGED") : decision);
            final ArrayNode reasons = d.putArray("reasons");
            int r = 0;
            for (final JsonNode code : gold.path("reasons")) {
                if (!(i % 5 == 1 && r++ == 0) && !flip) {
                    reasons.addObject().put("code", code.asText()).put("message", "synthetic").putArray("fields");
                }
            }
            if (flip && "STAGED".equals(decision)) {
                reasons.addObject().put("code", "IMPACT_AMBIGUOUS").put("message", "synthetic").putArray("fields");
            }
            d.putArray("warnings");
            final ObjectNode fields = d.putObject("fields");
            final Path packet = corpus.resolve("packets").resolve(pid);
            final Path textFile = firstTextFile(packet);
            final String excerpt = textFile == null ? null : lastWords(texts.of(textFile).map(ArtifactText.Text::text).orElse(""));
            gold.path("fields").properties().forEach(e -> {
                final ObjectNode f = fields.putObject(e.getKey());
                final JsonNode v = e.getValue();
                if ("businessImpact".equals(e.getKey()) && !v.isNull()) {
                    f.putObject("value").put("level", v.asText());
                } else if ("approvedContacts".equals(e.getKey()) && !v.isNull()) {
                    final ArrayNode a = f.putArray("value");
                    v.forEach(id -> a.addObject().put("contactId", id.asText()));
                } else {
                    f.set("value", v);
                }
                final ArrayNode ev = f.putArray("evidence");
                if (List.of("responseTier", "approvedContacts").contains(e.getKey())) {
                    ev.addObject().put("artifactId", "ref").put("locator", "ref:support-plans/x")
                            .put("excerpt", e.getKey().equals("responseTier") ? v.asText() : "approvedForEscalation");
                } else if (textFile != null) {
                    ev.addObject().put("artifactId", textFile.getFileName().toString()).put("locator", "text:line=1")
                            .put("excerpt", idx % 4 == 2 ? "an excerpt nobody wrote" : excerpt);
                }
            });
            final ArrayNode flags = d.putArray("privacyFlags");
            if (!leaked && gold.path("mustNotContain").size() > 0) {
                leaked = true;
                flags.addObject().put("code", "SECRET_COOKIE").put("artifactId", "x").put("locator", "har:/log")
                        .put("excerpt", gold.path("mustNotContain").get(0).asText());
            }
            out.add(d);
        }
        return out;
    }

    private static Path firstTextFile(final Path packet) throws IOException {
        try (Stream<Path> s = Files.list(packet)) {
            return s.filter(p -> !"packet.json".equals(p.getFileName().toString()))
                    .filter(p -> TEXT_SUFFIXES.stream().anyMatch(x -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(x)))
                    .sorted().findFirst().orElse(null);
        }
    }

    private static String lastWords(final String text) {
        final String folded = Evaluator.foldWhitespace(text);
        return folded.length() <= 40 ? folded : folded.substring(folded.length() - 40).strip();
    }

    private static boolean python() {
        try {
            final Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path walkUp(final java.util.function.Predicate<Path> found) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !found.test(p)) {
            p = p.getParent();
        }
        return p;
    }
}
