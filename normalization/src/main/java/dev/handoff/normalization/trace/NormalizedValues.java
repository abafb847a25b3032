package dev.handoff.normalization.trace;

import dev.handoff.avro.Evidence;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.TraceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link NormalizedValue} with rounded confidence and mutable copies of its lists, as Avro expects. */
public final class NormalizedValues {

    private NormalizedValues() {
    }

    public static NormalizedValue.Builder of(final String field, final String value, final double confidence,
                                             final List<Evidence> evidence, final List<TraceStep> trace,
                                             final Map<String, String> attributes) {
        return NormalizedValue.newBuilder().setField(field).setValue(value)
                .setConfidence(round(confidence))
                .setEvidence(new ArrayList<>(evidence)).setTrace(new ArrayList<>(trace))
                .setAttributes(new LinkedHashMap<>(attributes));
    }

    /** Two decimals: confidences are judgements, not measurements. */
    public static double round(final double confidence) {
        final double clamped = Math.max(0.0, Math.min(1.0, confidence));
        return Math.round(clamped * 100.0) / 100.0;
    }
}
