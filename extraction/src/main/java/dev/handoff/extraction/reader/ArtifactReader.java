package dev.handoff.extraction.reader;

import dev.handoff.avro.Classification;
import dev.handoff.core.ArtifactContent;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;

/**
 * Reads one artifact format into located text segments and the candidates its structure gives
 * directly. Plain Java, no Kafka. A reader throws on bytes it cannot read; the caller turns that
 * into an ARTIFACT_UNREADABLE warning with a one-line reason and goes on with the packet.
 */
public interface ArtifactReader {

    /** True when this reader handles artifacts so classified. */
    boolean canRead(Classification classification);

    ArtifactContent read(ArtifactInput input, Classification classification, ReadLimits limits) throws Exception;
}
