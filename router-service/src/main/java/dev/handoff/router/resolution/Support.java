package dev.handoff.router.resolution;

import dev.handoff.avro.Evidence;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.TraceStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The support for one candidate value of a field across a packet: the normalized values behind it,
 * from which artifacts, and a combined confidence. Agreement across independent artifacts raises
 * confidence (noisy-or over each artifact's best value); a value seen only through OCR is capped, so a
 * single OCR mention never makes a value certain.
 */
public final class Support {

    /** The cap for values whose every mention came from OCR. */
    public static final double OCR_ONLY_CAP = 0.6;

    private final String key;
    private final List<NormalizedValue> values = new ArrayList<>();
    private final Map<String, Double> bestByArtifact = new LinkedHashMap<>();
    private boolean allOcr = true;

    public Support(final String key) {
        this.key = key;
    }

    public void add(final String artifactId, final NormalizedValue v, final double weight) {
        values.add(v);
        bestByArtifact.merge(artifactId, v.getConfidence() * weight, Math::max);
        if (!"true".equals(v.getAttributes().get("ocr"))) {
            allOcr = false;
        }
    }

    public String key() {
        return key;
    }

    public List<NormalizedValue> values() {
        return values;
    }

    public Set<String> artifacts() {
        return bestByArtifact.keySet();
    }

    public boolean ocrOnly() {
        return allOcr;
    }

    public double maxSingle() {
        return bestByArtifact.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    public double confidence() {
        double miss = 1.0;
        for (final double c : bestByArtifact.values()) {
            miss *= 1.0 - Math.max(0, Math.min(0.99, c));
        }
        final double c = 1.0 - miss;
        return allOcr ? Math.min(c, OCR_ONLY_CAP) : Math.min(c, 0.99);
    }

    /** Up to {@code max} distinct evidence entries, packet artifacts first, best values first. */
    public List<Evidence> evidence(final int max) {
        final Set<String> seen = new LinkedHashSet<>();
        final List<Evidence> packet = new ArrayList<>();
        final List<Evidence> ref = new ArrayList<>();
        values.stream().sorted(Comparator.comparingDouble(NormalizedValue::getConfidence).reversed()
                        .thenComparing(v -> v.getEvidence().isEmpty() ? "" : v.getEvidence().get(0).getLocator()))
                .forEach(v -> v.getEvidence().forEach(e -> {
                    if (seen.add(e.getArtifactId() + "|" + e.getLocator() + "|" + e.getExcerpt())) {
                        ("ref".equals(e.getArtifactId()) ? ref : packet).add(e);
                    }
                }));
        final List<Evidence> out = new ArrayList<>();
        packet.stream().limit(Math.max(1, max - Math.min(ref.size(), 2))).forEach(out::add);
        ref.stream().limit(2).forEach(out::add);
        return out;
    }

    /** The trace of the best-supported value. */
    public List<TraceStep> bestTrace() {
        return values.stream().max(Comparator.comparingDouble(NormalizedValue::getConfidence))
                .map(NormalizedValue::getTrace).orElse(List.of());
    }

    public NormalizedValue best() {
        return values.stream().max(Comparator.comparingDouble(NormalizedValue::getConfidence)).orElse(null);
    }
}
