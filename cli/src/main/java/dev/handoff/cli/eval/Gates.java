package dev.handoff.cli.eval;

import dev.handoff.cli.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Quality gates on an {@link EvalReport}, read from a properties file such as {@code eval/gates.properties}
 * ({@code decisionAccuracy.min=0.95}, {@code leaks.max=0}, ...). A failing gate names the packets behind it.
 */
public final class Gates {

    /** One gate that failed: the metric, its value, the threshold, and the packets that pulled it down. */
    public record Failure(String metric, double value, String bound, List<String> packets) {
        public String describe() {
            return String.format(Locale.ROOT, "gate %s: %s, required %s; packets: %s", metric,
                    "leaks".equals(metric) ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, "%.3f", value), bound, packets.isEmpty() ? "(none named)" : String.join(", ", packets));
        }
    }

    private final Properties thresholds;

    private Gates(final Properties thresholds) {
        this.thresholds = thresholds;
    }

    public static Gates read(final Path file) {
        final Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (final IOException e) {
            throw new BadInputException(file + ": cannot read gates file (" + e.getClass().getSimpleName() + ")");
        }
        for (final String key : p.stringPropertyNames()) {
            final String metric = key.replaceAll("\\.(min|max)$", "");
            if (metric.equals(key) || !METRICS.contains(metric)) {
                throw new BadInputException(file + ": unknown gate " + key + " (known: " + METRICS + " with .min or .max)");
            }
            try {
                Double.parseDouble(p.getProperty(key).strip());
            } catch (final NumberFormatException e) {
                throw new BadInputException(file + ": gate " + key + " is not a number");
            }
        }
        return new Gates(p);
    }

    private static final List<String> METRICS = List.of("decisionAccuracy", "exceptionRecall", "exceptionPrecision",
            "reasonRecall", "privacyReasonRecall", "acceptedWithoutReconstruction", "provenanceCompleteness", "leaks");

    /** Every failing gate, in the order of the metrics; empty when all pass. */
    public List<Failure> check(final EvalReport report) {
        final List<Failure> out = new ArrayList<>();
        for (final String metric : METRICS) {
            final double value = value(report, metric);
            final String min = thresholds.getProperty(metric + ".min");
            final String max = thresholds.getProperty(metric + ".max");
            // A tiny epsilon so that 19/20 = 0.95 passes a 0.95 gate despite binary fractions.
            if (min != null && value < Double.parseDouble(min.strip()) - 1e-9) {
                out.add(new Failure(metric, value, ">= " + min.strip(), packets(report, metric)));
            }
            if (max != null && value > Double.parseDouble(max.strip()) + 1e-9) {
                out.add(new Failure(metric, value, "<= " + max.strip(), packets(report, metric)));
            }
        }
        return out;
    }

    private static double value(final EvalReport r, final String metric) {
        return switch (metric) {
            case "decisionAccuracy" -> r.decisionAccuracy().value();
            case "exceptionRecall" -> r.exceptionRecall().value();
            case "exceptionPrecision" -> r.exceptionPrecision().value();
            case "reasonRecall" -> r.reasonRecall().value();
            case "privacyReasonRecall" -> r.privacyReasonRecall().value();
            case "acceptedWithoutReconstruction" -> r.acceptedWithoutReconstruction().value();
            case "provenanceCompleteness" -> r.provenanceCompleteness().value();
            case "leaks" -> r.leaks();
            default -> throw new IllegalArgumentException(metric);
        };
    }

    private static List<String> packets(final EvalReport r, final String metric) {
        final Predicate<Miss> behind = switch (metric) {
            case "decisionAccuracy" -> m -> m.kind() == Miss.Kind.DECISION || m.kind() == Miss.Kind.NO_DECISION;
            case "exceptionRecall" -> m -> (m.kind() == Miss.Kind.DECISION || m.kind() == Miss.Kind.NO_DECISION)
                    && "EXCEPTION".equals(m.expected());
            case "exceptionPrecision" -> m -> m.kind() == Miss.Kind.DECISION && "STAGED".equals(m.expected());
            case "reasonRecall" -> m -> m.kind() == Miss.Kind.MISSING_REASON;
            case "privacyReasonRecall" -> m -> (m.kind() == Miss.Kind.MISSING_REASON
                    && Evaluator.PRIVACY_REASONS.contains(m.subject())) || m.kind() == Miss.Kind.NO_DECISION;
            case "acceptedWithoutReconstruction" -> m -> m.kind() == Miss.Kind.FIELD || m.kind() == Miss.Kind.DECISION;
            case "provenanceCompleteness" -> m -> m.kind() == Miss.Kind.PROVENANCE;
            case "leaks" -> m -> m.kind() == Miss.Kind.LEAK;
            default -> m -> false;
        };
        final Set<String> out = new LinkedHashSet<>();
        r.misses().stream().filter(behind).forEach(m -> out.add(m.packetId()));
        return List.copyOf(out);
    }
}
