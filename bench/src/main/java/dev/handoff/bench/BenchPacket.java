package dev.handoff.bench;

import dev.handoff.avro.PacketReceived;

/**
 * One generated packet: its packet-received event (artifacts already in the attachment store) and
 * whether it carries a screenshot, so OCR cost can be kept apart.
 */
record BenchPacket(PacketReceived event, boolean screenshot) {

    int artifactCount() {
        return event.getArtifacts().size();
    }
}
