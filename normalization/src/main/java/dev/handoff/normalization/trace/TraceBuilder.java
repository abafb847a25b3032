package dev.handoff.normalization.trace;

import dev.handoff.avro.Evidence;
import dev.handoff.avro.TraceStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the ordered normalization steps of one value ({@code step, input, output, lossy, reference})
 * and names reference records the same way everywhere ({@code ref:<stem>/<key>@<version>}).
 */
public final class TraceBuilder {

    private final List<TraceStep> steps = new ArrayList<>();

    public static TraceBuilder start() {
        return new TraceBuilder();
    }

    public TraceBuilder step(final String name, final String input, final String output, final boolean lossy) {
        return step(name, input, output, lossy, null);
    }

    public TraceBuilder step(final String name, final String input, final String output, final boolean lossy,
                             final String reference) {
        steps.add(TraceStep.newBuilder().setStep(name).setInput(input).setOutput(output).setLossy(lossy)
                .setReference(reference).build());
        return this;
    }

    /** A copy, so one builder can be forked for several interpretations. */
    public TraceBuilder copy() {
        final TraceBuilder other = new TraceBuilder();
        other.steps.addAll(steps);
        return other;
    }

    public List<TraceStep> build() {
        return new ArrayList<>(steps);
    }

    /** {@code ref:<stem>/<key>@<version>}, or without {@code @} when the record has no version. */
    public static String reference(final String stem, final String key, final String version) {
        return "ref:" + stem + "/" + key + (version == null || version.isBlank() ? "" : "@" + version);
    }

    /** Evidence citing a reference record: artifactId {@code ref}, excerpt the text as written in the record. */
    public static Evidence refEvidence(final String stem, final String key, final String excerpt) {
        return new Evidence("ref", "ref:" + stem + "/" + key, excerpt);
    }
}
