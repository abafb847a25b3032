package dev.handoff.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of CONTRACT.md section 4 for one corpus run, with every miss per packet. Ratios are
 * 0..1; a ratio whose denominator is zero is reported as the reference scorer does (1.0 for recall and
 * precision, 0.0 for provenance) and marked {@code n/a} in the table.
 */
public record EvalReport(
        int packets,
        int decisions,
        Ratio decisionAccuracy,
        Ratio exceptionRecall,
        Ratio exceptionPrecision,
        Ratio reasonRecall,
        Ratio privacyReasonRecall,
        Ratio acceptedWithoutReconstruction,
        Ratio provenanceCompleteness,
        int provenanceUnverifiable,
        Map<String, Ratio> fieldAccuracy,
        int leaks,
        List<Miss> misses) {

    /** hits out of total, with the value the reference scorer reports when total is zero. */
    public record Ratio(int hits, int total, double whenEmpty) {
        public double value() {
            return total == 0 ? whenEmpty : (double) hits / total;
        }

        String percent() {
            return total == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * hits / total);
        }

        String counted() {
            return String.format(Locale.ROOT, "%-7s (%d/%d)", percent(), hits, total);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The fixed-width table printed by {@code ./handoff eval}, followed by one line per miss. */
    public String toTable() {
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "packets %d  decisions %d%n", packets, decisions));
        row(b, "decision accuracy", decisionAccuracy.counted());
        row(b, "exception recall", exceptionRecall.counted());
        row(b, "exception precision", exceptionPrecision.counted());
        row(b, "reason-code recall", reasonRecall.counted());
        row(b, "privacy-reason recall", privacyReasonRecall.counted());
        row(b, "accepted w/o reconstruction", acceptedWithoutReconstruction.counted());
        row(b, "provenance completeness", provenanceCompleteness.counted() + " " + provenanceUnverifiable + " unverifiable");
        fieldAccuracy.forEach((k, v) -> row(b, "  field " + k, v.counted()));
        row(b, "leaks", Integer.toString(leaks));
        if (!misses.isEmpty()) {
            b.append(String.format(Locale.ROOT, "misses (%d)%n", misses.size()));
            misses.forEach(m -> b.append("  - ").append(m.describe()).append(System.lineSeparator()));
        }
        return b.toString();
    }

    private static void row(final StringBuilder b, final String label, final String value) {
        b.append(String.format(Locale.ROOT, "%-30s %s%n", label, value));
    }

    /** The report as JSON; key names follow the reference scorer's {@code --json} output. */
    public ObjectNode toJson() {
        final ObjectNode o = MAPPER.createObjectNode();
        o.put("packets", packets);
        o.put("decisions", decisions);
        o.put("decisionAccuracy", decisionAccuracy.value());
        o.put("exceptionRecall", exceptionRecall.value());
        o.put("exceptionPrecision", exceptionPrecision.value());
        o.put("reasonRecall", reasonRecall.value());
        o.put("privacyReasonRecall", privacyReasonRecall.value());
        o.put("acceptedWithoutReconstruction", acceptedWithoutReconstruction.value());
        o.put("provenanceCompleteness", provenanceCompleteness.value());
        o.put("provenanceUnverifiable", provenanceUnverifiable);
        final ObjectNode fields = o.putObject("fieldAccuracy");
        fieldAccuracy.forEach((k, v) -> fields.put(k, v.value()));
        o.put("leaks", leaks);
        final ArrayNode ms = o.putArray("misses");
        for (final Miss m : misses) {
            final ObjectNode n = ms.addObject();
            n.put("packetId", m.packetId());
            n.put("kind", m.kind().name());
            n.put("subject", m.subject());
            n.put("got", m.got());
            n.put("expected", m.expected());
            n.put("text", m.describe());
        }
        return o;
    }

    public String toJsonString() {
        try {
            return MAPPER.writeValueAsString(toJson());
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write report", e);
        }
    }
}
