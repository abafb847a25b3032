package dev.handoff.extractor;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.ArtifactTask;
import dev.handoff.avro.PacketReceived;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * packet received -> one task per artifact (its own topic, so each artifact is its own committed unit
 * of work) -> extraction -> artifacts-extracted. Keys stay the packet id so every packet-keyed topic
 * is co-partitioned for the router.
 */
public final class ExtractorTopology {

    private ExtractorTopology() {
    }

    public static Topology build(final Topics topics, final Function<ArtifactTask, ArtifactExtracted> handler,
                                 final IdleCommit.Policy commits) {
        final StreamsBuilder builder = new StreamsBuilder();
        IdleCommit.watch(builder.stream(topics.packets.name(), topics.packets.consumed())
                .filter((packetId, packet) -> packet != null, Named.as("drop-null-packets")),
                        commits, "commit-when-idle-packets")
                .flatMapValues(ExtractorTopology::fanOut, Named.as("fan-out-artifacts"))
                .to(topics.artifactTasks.name(), topics.artifactTasks.produced());
        IdleCommit.watch(builder.stream(topics.artifactTasks.name(), topics.artifactTasks.consumed())
                .filter((packetId, task) -> task != null, Named.as("drop-null-tasks")),
                        commits, "commit-when-idle-tasks")
                .mapValues(handler::apply, Named.as("extract-artifact"))
                .to(topics.artifactsExtracted.name(), topics.artifactsExtracted.produced());
        return builder.build();
    }

    static List<ArtifactTask> fanOut(final PacketReceived packet) {
        final List<ArtifactTask> tasks = new ArrayList<>();
        for (final ArtifactRef a : packet.getArtifacts()) {
            tasks.add(ArtifactTask.newBuilder().setPacketId(packet.getPacketId())
                    .setSubmissionId(packet.getSubmissionId()).setReceivedAt(packet.getReceivedAt())
                    .setArtifactCount(packet.getArtifacts().size()).setArtifact(a)
                    .setPublishedAtMillis(packet.getPublishedAtMillis()).build());
        }
        return tasks;
    }
}
