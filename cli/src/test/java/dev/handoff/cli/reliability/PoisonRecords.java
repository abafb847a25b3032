package dev.handoff.cli.reliability;

import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.PacketReceived;
import dev.handoff.avro.TenantRecord;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.TopicNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Generates records that cannot be read as their topic's type, each carrying a canary string so a
 * test can prove the dead-letter channel never repeats payload bytes: random bytes, an unknown schema
 * id behind the magic byte, truncated Avro, and a valid record of another topic's type.
 */
final class PoisonRecords {

    /** The kinds of poison, in the order they rotate. */
    enum Kind { RANDOM_BYTES, UNKNOWN_SCHEMA_ID, TRUNCATED_AVRO, WRONG_TYPE }

    /** One poison record and what it is. */
    record Poison(Kind kind, String topic, String key, byte[] value) {
    }

    private final String canary;
    private final Random random;
    private final Serializer<PacketReceived> packetSerializer;
    private final Serializer<TenantRecord> tenantSerializer;

    PoisonRecords(final String registryUrl, final String canary, final long seed) {
        this.canary = canary;
        this.random = new Random(seed);
        final AvroSerdes serdes = new AvroSerdes(registryUrl);
        this.packetSerializer = serdes.valueSerializer();
        this.tenantSerializer = serdes.valueSerializer();
    }

    /** Poison number {@code i} of the given kind for a topic. */
    Poison next(final Kind kind, final int i, final String topic) {
        final String key = "poison-" + i;
        return new Poison(kind, topic, key, switch (kind) {
            case RANDOM_BYTES -> randomBytes();
            case UNKNOWN_SCHEMA_ID -> unknownSchemaId(i);
            case TRUNCATED_AVRO -> truncated(i);
            case WRONG_TYPE -> wrongType(i, topic);
        });
    }

    private byte[] randomBytes() {
        final byte[] noise = new byte[16 + random.nextInt(200)];
        random.nextBytes(noise);
        noise[0] = (byte) (1 + random.nextInt(120));
        return concat(noise, canaryBytes());
    }

    private byte[] unknownSchemaId(final int i) {
        // Apicurio's wire format: magic byte 0, then an 8-byte global id no registry has handed out
        final ByteBuffer b = ByteBuffer.allocate(1 + 8);
        b.put((byte) 0).putLong(900_000_000L + i);
        return concat(b.array(), canaryBytes());
    }

    private byte[] truncated(final int i) {
        // packetId comes first in the record, so the canary is inside the bytes that remain
        final byte[] whole = packetSerializer.serialize(TopicNames.PACKETS, packet(i));
        return Arrays.copyOf(whole, Math.max(14 + canary.length(), whole.length * 2 / 3));
    }

    private byte[] wrongType(final int i, final String topic) {
        if (TopicNames.PACKETS.equals(topic)) {
            return tenantSerializer.serialize(TopicNames.REF_TENANTS, TenantRecord.newBuilder()
                    .setTenantId("TEN-" + canary + "-" + i).setDisplayName(canary).build());
        }
        return packetSerializer.serialize(TopicNames.PACKETS, packet(i));
    }

    private PacketReceived packet(final int i) {
        return PacketReceived.newBuilder().setPacketId(canary + "-" + i).setSubmissionId("s-" + i)
                .setReceivedAt("2026-11-20T10:00:00Z").setTicketId(canary)
                .setArtifacts(List.of(ArtifactRef.newBuilder().setArtifactId("note-" + canary + ".md")
                        .setSha256("0".repeat(64)).setBytes(10).setStoreUri("sha256:" + "0".repeat(64)).build()))
                .build();
    }

    private byte[] canaryBytes() {
        return (" " + canary + " ").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
