package dev.handoff.corpus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated packet: its manifest (null for a packet without one), its files in order, its gold
 * decision (CONTRACT.md section 4), a one-line summary and, for judgement calls, why the gold is what it is.
 */
final class PacketSpec {

    final String id;
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final Gold gold;
    final String summary;
    Map<String, Object> manifest;
    String why;

    PacketSpec(final String id, final String summary, final Gold gold) {
        this.id = id;
        this.summary = summary;
        this.gold = gold;
    }

    PacketSpec manifest(final String receivedAt, final String source, final String ticketId, final String requested,
                        final List<Map<String, Object>> artifacts) {
        manifest = ReferenceData.line("packetId", id, "receivedAt", receivedAt, "source", source, "ticketId", ticketId);
        if (requested != null) {
            manifest.put("requestedEscalation", requested);
        }
        if (artifacts != null) {
            manifest.put("artifacts", artifacts);
        }
        return this;
    }

    PacketSpec file(final String name, final byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    PacketSpec why(final String text) {
        why = text;
        return this;
    }
}
