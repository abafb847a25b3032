package dev.handoff.bench;

import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.common.AvroSerdes;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one record costs the serdes, on one thread against the real registry: Apicurio's own Avro
 * serializer, the one handoff uses (schema text cached per schema), and the deserializer. The
 * profile of the pipeline found the serdes a fifth of the normalizer's CPU; this keeps that measured.
 */
final class SerdeCost {

    private static final int WARM_UP = 2_000;

    private SerdeCost() {
    }

    static Map<String, Object> run(final String registryUrl, final List<ArtifactNormalized> records, final int count) {
        final AvroSerdes serdes = new AvroSerdes(registryUrl);
        final String topic = "bench.serde-cost." + UUID.randomUUID().toString().substring(0, 6);
        final AvroKafkaSerializer<ArtifactNormalized> apicurio = new AvroKafkaSerializer<>();
        apicurio.configure(serdes.config(), false);
        final Serializer<ArtifactNormalized> handoff = serdes.valueSerializer();
        final Deserializer<ArtifactNormalized> deserializer = serdes.valueDeserializer();
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", count);
        out.put("apicurioSerializerMicros", serializeMicros(apicurio, topic, records, count));
        out.put("handoffSerializerMicros", serializeMicros(handoff, topic, records, count));
        final byte[][] bytes = new byte[records.size()][];
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            bytes[i] = handoff.serialize(topic, records.get(i));
            total += bytes[i].length;
        }
        out.put("meanRecordBytes", total / records.size());
        out.put("deserializerMicros", deserializeMicros(deserializer, topic, bytes, count));
        out.put("load1", MachineProbe.loadAverage());
        apicurio.close();
        handoff.close();
        deserializer.close();
        return out;
    }

    private static double serializeMicros(final Serializer<ArtifactNormalized> s, final String topic,
                                          final List<ArtifactNormalized> records, final int count) {
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += s.serialize(topic, records.get(i % records.size())).length;
        }
        final long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sink += s.serialize(topic, records.get(i % records.size())).length;
        }
        final double micros = (System.nanoTime() - start) / 1_000.0 / count;
        return sink == 0 ? -1 : Math.round(micros * 10) / 10.0;
    }

    private static double deserializeMicros(final Deserializer<ArtifactNormalized> d, final String topic,
                                            final byte[][] bytes, final int count) {
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += d.deserialize(topic, bytes[i % bytes.length]).getValues().size();
        }
        final long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sink += d.deserialize(topic, bytes[i % bytes.length]).getValues().size();
        }
        final double micros = (System.nanoTime() - start) / 1_000.0 / count;
        return sink < 0 ? -1 : Math.round(micros * 10) / 10.0;
    }
}
