package dev.handoff.extraction.reader;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.classify.ArtifactClassifier;
import java.util.List;

/** Shortcuts shared by the reader tests: classify like the orchestrator would, then pick candidates by type. */
final class ReaderTestSupport {

    private ReaderTestSupport() {
    }

    static Classification classify(final String name, final byte[] bytes) {
        return new ArtifactClassifier().classify(new ArtifactInput(name, null, bytes));
    }

    static Classification classification(final ArtifactKind kind, final String mediaType) {
        return Classification.newBuilder().setKind(kind).setMediaType(mediaType).setReason("test").setConfidence(1.0).build();
    }

    static List<Candidate> ofType(final ArtifactContent content, final MentionType type) {
        return content.candidates().stream().filter(c -> c.getType() == type).toList();
    }
}
