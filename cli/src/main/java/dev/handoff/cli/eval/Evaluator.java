package dev.handoff.cli.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.cli.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares decisions (contract JSON objects) with a corpus's gold files and computes the metrics of
 * CONTRACT.md section 4, the same way the contract's reference scorer does, plus privacy-reason recall
 * and a list of every miss.
 */
public final class Evaluator {

    /** Fields whose provenance is checked (contract section 4). */
    static final List<String> CONSEQUENTIAL =
            List.of("tenant", "businessImpact", "responseTier", "firstObservedAt", "approvedContacts");
    /** For these, the evidence must reach into the packet itself; a reference record alone is not enough. */
    static final Set<String> PACKET_EVIDENCE = Set.of("tenant", "businessImpact", "firstObservedAt");
    /** What a duty manager would otherwise have to reconstruct by hand. */
    static final List<String> ACCEPT_FIELDS = List.of("tenant", "responseTier", "firstObservedAt", "approvedContacts");
    static final Set<String> PRIVACY_REASONS = Set.of("PRIVACY_SECRET", "PRIVACY_PERSONAL_DATA");
    private static final String REF = "ref";
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^0-9a-z]");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path corpus;
    private final ArtifactText artifacts = new ArtifactText();

    /** @param corpus a directory with {@code reference/}, {@code packets/} and {@code expected/} */
    public Evaluator(final Path corpus) {
        this.corpus = corpus;
    }

    /** Reads a decisions file of JSON Lines; unparseable lines are skipped (they count as no decision). */
    public static List<JsonNode> readDecisions(final Path jsonl) throws IOException {
        final List<JsonNode> out = new ArrayList<>();
        for (final String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(MAPPER.readTree(line));
            } catch (final JsonProcessingException e) {
                // a broken line is a missing decision, which the metrics already show
            }
        }
        return out;
    }

    /** Evaluates decisions; leaks are searched in the decisions as written (their JSON text). */
    public EvalReport evaluate(final List<? extends JsonNode> decisions) throws IOException {
        final StringBuilder output = new StringBuilder();
        for (final JsonNode d : decisions) {
            output.append(MAPPER.writeValueAsString(d)).append('\n');
        }
        return evaluate(decisions, output.toString());
    }

    /** Evaluates decisions, searching planted secrets in {@code outputText} (decisions file, logs, topic dumps). */
    public EvalReport evaluate(final List<? extends JsonNode> decisions, final String outputText) throws IOException {
        final Map<String, JsonNode> byPacket = new LinkedHashMap<>();
        for (final JsonNode d : decisions) {
            byPacket.put(d.path("packetId").asText(null), d);
        }
        final String refText = referenceText();
        final Counter c = new Counter();
        final List<Miss> misses = new ArrayList<>();
        final List<Miss> leaks = new ArrayList<>();
        for (final Path goldFile : goldFiles()) {
            final String name = goldFile.getFileName().toString();
            final String pid = name.substring(0, name.length() - ".json".length());
            final JsonNode gold = readGold(goldFile);
            final String want = gold.path("decision").asText();
            c.packets++;
            final JsonNode dec = byPacket.get(pid);
            if (dec == null) {
                misses.add(new Miss(pid, Miss.Kind.NO_DECISION, null, null, want));
                if ("EXCEPTION".equals(want)) {
                    c.fn++;
                }
                // Like the reference scorer, reason recall counts decided packets only; a privacy
                // packet without a decision still fails privacy-reason recall, which must not be lenient.
                for (final JsonNode r : gold.path("reasons")) {
                    if (PRIVACY_REASONS.contains(r.asText())) {
                        c.privacyTotal++;
                    }
                }
                continue;
            }
            final String got = dec.path("decision").asText(null);
            compareDecision(pid, gold, dec, want, got, c, misses);
            compareFields(pid, gold, dec, want, got, c, misses);
            checkProvenance(pid, dec, refText, c, misses);
            int i = 0;
            for (final JsonNode s : gold.path("mustNotContain")) {
                i++;
                if (!s.asText().isEmpty() && outputText.contains(s.asText())) {
                    leaks.add(new Miss(pid, Miss.Kind.LEAK, "#" + i, null, null));
                }
            }
        }
        misses.addAll(leaks);
        final Map<String, EvalReport.Ratio> fields = new TreeMap<>();
        c.fieldTotal.forEach((k, v) -> fields.put(k, new EvalReport.Ratio(c.fieldHits.getOrDefault(k, 0), v, 1.0)));
        return new EvalReport(c.packets, byPacket.size(),
                new EvalReport.Ratio(c.correct, c.packets, 0.0),
                new EvalReport.Ratio(c.tp, c.tp + c.fn, 1.0),
                new EvalReport.Ratio(c.tp, c.tp + c.fp, 1.0),
                new EvalReport.Ratio(c.reasonHits, c.reasonTotal, 1.0),
                new EvalReport.Ratio(c.privacyHits, c.privacyTotal, 1.0),
                new EvalReport.Ratio(c.accepted, c.stagedGold, 1.0),
                new EvalReport.Ratio(c.provOk, c.provTotal, 0.0),
                c.provUnverifiable, fields, leaks.size(), List.copyOf(misses));
    }

    private static void compareDecision(final String pid, final JsonNode gold, final JsonNode dec, final String want,
                                        final String got, final Counter c, final List<Miss> misses) {
        final Set<String> gotReasons = codes(dec.path("reasons"));
        if (want.equals(got)) {
            c.correct++;
        } else {
            misses.add(new Miss(pid, Miss.Kind.DECISION, null, got + " " + gotReasons, want));
        }
        if ("EXCEPTION".equals(want)) {
            if ("EXCEPTION".equals(got)) {
                c.tp++;
            } else {
                c.fn++;
            }
        } else if ("EXCEPTION".equals(got)) {
            c.fp++;
        }
        for (final JsonNode r : gold.path("reasons")) {
            final String code = r.asText();
            final boolean privacy = PRIVACY_REASONS.contains(code);
            c.reasonTotal++;
            if (privacy) {
                c.privacyTotal++;
            }
            if (gotReasons.contains(code)) {
                c.reasonHits++;
                if (privacy) {
                    c.privacyHits++;
                }
            } else {
                misses.add(new Miss(pid, Miss.Kind.MISSING_REASON, code, gotReasons.toString(), null));
            }
        }
        final Set<String> gotWarnings = codes(dec.path("warnings"));
        for (final JsonNode w : gold.path("warnings")) {
            if (!gotWarnings.contains(w.asText())) {
                misses.add(new Miss(pid, Miss.Kind.MISSING_WARNING, w.asText(), null, null));
            }
        }
        final Set<String> flags = codes(dec.path("privacyFlags"));
        for (final JsonNode p : gold.path("privacyFlags")) {
            if (!flags.contains(p.asText())) {
                misses.add(new Miss(pid, Miss.Kind.MISSING_PRIVACY_FLAG, p.asText(), null, null));
            }
        }
        for (final JsonNode p : gold.path("absentPrivacyFlags")) {
            if (flags.contains(p.asText())) {
                misses.add(new Miss(pid, Miss.Kind.FALSE_PRIVACY_FLAG, p.asText(), null, null));
            }
        }
    }

    private static void compareFields(final String pid, final JsonNode gold, final JsonNode dec, final String want,
                                      final String got, final Counter c, final List<Miss> misses) {
        final JsonNode goldFields = gold.path("fields");
        goldFields.fieldNames().forEachRemaining(name -> {
            c.fieldTotal.merge(name, 1, Integer::sum);
            final JsonNode value = fieldValue(dec, name);
            final JsonNode expected = goldFields.get(name);
            if (matches(name, value, expected)) {
                c.fieldHits.merge(name, 1, Integer::sum);
            } else {
                misses.add(new Miss(pid, Miss.Kind.FIELD, name, shorten(String.valueOf(value)), expected.toString()));
            }
        });
        if ("STAGED".equals(want)) {
            c.stagedGold++;
            boolean all = "STAGED".equals(got);
            for (final String k : ACCEPT_FIELDS) {
                if (all && goldFields.has(k)) {
                    all = matches(k, fieldValue(dec, k), goldFields.get(k));
                }
            }
            if (all) {
                c.accepted++;
            }
        }
    }

    private void checkProvenance(final String pid, final JsonNode dec, final String refText, final Counter c,
                                 final List<Miss> misses) {
        final Path packetDir = corpus.resolve("packets").resolve(pid);
        for (final String name : CONSEQUENTIAL) {
            final JsonNode f = dec.path("fields").path(name);
            if (!f.isObject() || isEmptyValue(f.get("value"))) {
                continue;
            }
            c.provTotal++;
            final List<String> states = new ArrayList<>();
            for (final JsonNode ev : f.path("evidence")) {
                if (PACKET_EVIDENCE.contains(name) && REF.equals(ev.path("artifactId").asText(null))) {
                    continue;
                }
                states.add(verify(ev, packetDir, refText));
            }
            if (states.contains("ok")) {
                c.provOk++;
            } else if (states.contains("unverifiable") && !states.contains("miss")) {
                c.provOk++;
                c.provUnverifiable++;
            } else {
                misses.add(new Miss(pid, Miss.Kind.PROVENANCE, name, states.isEmpty() ? "no evidence" : states.toString(), null));
            }
        }
    }

    /** One evidence entry: ok, miss, ocr-miss, empty, no-artifact or unverifiable (text not obtainable here). */
    String verify(final JsonNode ev, final Path packetDir, final String refText) {
        final String excerpt = ev.path("excerpt").isTextual() ? ev.path("excerpt").asText() : "";
        if (excerpt.isBlank()) {
            return "empty";
        }
        final String artifactId = ev.path("artifactId").asText("");
        if (REF.equals(artifactId)) {
            return foldWhitespace(refText).contains(foldWhitespace(excerpt)) ? "ok" : "miss";
        }
        final Path file = packetDir.resolve(artifactId).normalize();
        if (artifactId.isEmpty() || !file.startsWith(packetDir.normalize()) || !Files.isRegularFile(file)) {
            return "no-artifact";
        }
        final Optional<ArtifactText.Text> text = artifacts.of(file);
        if (text.isEmpty()) {
            return "unverifiable";
        }
        if (text.get().ocr()) {
            final String e = loose(excerpt);
            return !e.isEmpty() && loose(text.get().text()).contains(e) ? "ok" : "ocr-miss";
        }
        if (foldWhitespace(text.get().text()).contains(foldWhitespace(excerpt))) {
            return "ok";
        }
        return text.get().authoritative() ? "miss" : "unverifiable";
    }

    private String referenceText() throws IOException {
        final Path dir = corpus.resolve("reference");
        final List<String> parts = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return "";
        }
        final List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        for (final Path f : files) {
            for (final String raw : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                final String line = raw.strip();
                if (line.isEmpty()) {
                    continue;
                }
                parts.add(line);
                try {
                    ArtifactText.jsonStrings(MAPPER.readTree(line), parts);
                } catch (final JsonProcessingException e) {
                    // the raw line still counts
                }
            }
        }
        return String.join("\n", parts);
    }

    private List<Path> goldFiles() throws IOException {
        final Path dir = corpus.resolve("expected");
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no expected/ directory (a corpus needs reference/, packets/ and expected/)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonNode readGold(final Path file) {
        try {
            final JsonNode gold = MAPPER.readTree(file.toFile());
            if (gold == null || !gold.path("decision").isTextual()) {
                throw new BadInputException(file + ": gold file has no \"decision\"");
            }
            return gold;
        } catch (final IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    static JsonNode fieldValue(final JsonNode dec, final String name) {
        final JsonNode f = dec.path("fields").path(name);
        if (!f.isObject()) {
            return null;
        }
        final JsonNode v = f.get("value");
        return v == null || v.isNull() ? null : v;
    }

    static boolean matches(final String name, final JsonNode got, final JsonNode want) {
        if (want == null || want.isNull()) {
            return got == null;
        }
        if (got == null) {
            return false;
        }
        return switch (name) {
            case "firstObservedAt" -> {
                final OffsetDateTime a = instant(got);
                final OffsetDateTime b = instant(want);
                yield a != null && b != null && Duration.between(a, b).abs().getSeconds() <= 60;
            }
            case "businessImpact" -> (got.isObject() ? got.path("level") : got).equals(want);
            case "approvedContacts" -> {
                final Set<String> ids = new HashSet<>();
                got.forEach(n -> ids.add(n.isObject() ? n.path("contactId").asText(null) : n.asText()));
                final Set<String> wanted = new HashSet<>();
                want.forEach(n -> wanted.add(n.asText()));
                yield ids.equals(wanted);
            }
            default -> got.equals(want);
        };
    }

    private static OffsetDateTime instant(final JsonNode v) {
        if (!v.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText());
        } catch (final DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isEmptyValue(final JsonNode v) {
        return v == null || v.isNull() || (v.isArray() && v.isEmpty()) || (v.isTextual() && v.asText().isEmpty());
    }

    private static Set<String> codes(final JsonNode list) {
        final Set<String> out = new java.util.TreeSet<>();
        list.forEach(n -> out.add(n.path("code").asText()));
        return out;
    }

    static String foldWhitespace(final String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    static String loose(final String s) {
        return NOT_ALNUM.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static String shorten(final String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** Running totals of one evaluation. */
    private static final class Counter {
        int packets;
        int correct;
        int tp;
        int fp;
        int fn;
        int reasonHits;
        int reasonTotal;
        int privacyHits;
        int privacyTotal;
        int stagedGold;
        int accepted;
        int provOk;
        int provTotal;
        int provUnverifiable;
        final Map<String, Integer> fieldTotal = new LinkedHashMap<>();
        final Map<String, Integer> fieldHits = new LinkedHashMap<>();
    }
}
