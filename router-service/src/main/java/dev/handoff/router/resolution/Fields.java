package dev.handoff.router.resolution;

import dev.handoff.avro.Alternative;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldResult;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.Notice;
import dev.handoff.avro.TraceStep;
import java.util.ArrayList;
import java.util.List;

/** Small constructors for field results and notices, so resolution code reads as decisions. */
public final class Fields {

    private Fields() {
    }

    public static FieldResult missing(final List<Alternative> alternatives, final List<TraceStep> trace) {
        return FieldResult.newBuilder().setValue(null).setStatus(FieldStatus.MISSING).setConfidence(0.0)
                .setEvidence(List.of()).setAlternatives(alternatives).setTrace(trace).build();
    }

    public static FieldResult of(final Object value, final FieldStatus status, final double confidence,
                                 final List<Evidence> evidence, final List<Alternative> alternatives,
                                 final List<TraceStep> trace) {
        return FieldResult.newBuilder().setValue(value).setStatus(status)
                .setConfidence(Math.max(0, Math.min(1, confidence))).setEvidence(evidence)
                .setAlternatives(alternatives).setTrace(trace).build();
    }

    public static Alternative alternative(final Object value, final double confidence, final List<Evidence> evidence) {
        return Alternative.newBuilder().setValue(value).setConfidence(Math.max(0, Math.min(1, confidence)))
                .setEvidence(evidence).build();
    }

    public static Notice notice(final String code, final String message, final List<String> fields,
                                final List<Evidence> evidence) {
        return Notice.newBuilder().setCode(code).setMessage(message).setFields(new ArrayList<>(fields))
                .setEvidence(evidence.stream().limit(6).toList()).build();
    }

    public static TraceStep step(final String step, final String input, final String output, final boolean lossy,
                                 final String reference) {
        return TraceStep.newBuilder().setStep(step).setInput(input).setOutput(output).setLossy(lossy)
                .setReference(reference).build();
    }
}
