package dev.handoff.common;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serdes backed by the Apicurio Registry (schemas registered per topic, TopicIdStrategy,
 * schema id in the payload rather than in headers so state stores work too). With a registry URL
 * of the form {@code mem://name} an in-memory registry is used: for TopologyTestDriver tests only.
 */
public final class AvroSerdes {

    static {
        // Avro 1.12 only instantiates trusted classes when reading: trust handoff's generated ones.
        org.apache.avro.util.ClassSecurityValidator.setGlobal(org.apache.avro.util.ClassSecurityValidator.composite(
                org.apache.avro.util.ClassSecurityValidator.getGlobal(),
                c -> c.getName().startsWith("dev.handoff.avro.")));
    }

    private final Map<String, Object> config;

    public AvroSerdes(final String registryUrl) {
        this(registryUrl, Map.of());
    }

    public AvroSerdes(final String registryUrl, final Map<String, ?> extra) {
        final Map<String, Object> c = new HashMap<>();
        c.put(SerdeConfig.REGISTRY_URL, registryUrl);
        c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "RETURN_OR_UPDATE");
        c.put(SerdeConfig.ENABLE_HEADERS, false);
        c.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // A registry that cannot be reached is an outage: retry for a while, then fail the task
        // (never treat it as a poison pill).
        c.put(SerdeConfig.RETRY_COUNT, 10);
        c.put(SerdeConfig.RETRY_BACKOFF_MS, 500);
        if (registryUrl.startsWith(InMemorySchemaResolver.SCHEME)) {
            c.put(SerdeConfig.SCHEMA_RESOLVER, InMemorySchemaResolver.class.getName());
        }
        c.putAll(extra);
        this.config = Map.copyOf(c);
    }

    public Map<String, Object> config() {
        return config;
    }

    /** A value serde for any generated Avro record type. */
    public <T extends SpecificRecord> Serde<T> value() {
        return serde(false);
    }

    /**
     * A value serde that only reads records of {@code type}: a valid record of another topic's type
     * fails in the deserializer, so the deserialization handler dead-letters it. (Read as the wrong
     * type, it would fail in the topology with a ClassCastException, which Kafka Streams treats as
     * fatal: the thread dies on it again and again, and the handler never sees it.)
     */
    public <T extends SpecificRecord> Serde<T> value(final Class<T> type) {
        final Serde<T> s = serde(false);
        final Deserializer<T> inner = s.deserializer();
        return Serdes.serdeFrom(s.serializer(), new Deserializer<T>() {
            @Override
            public T deserialize(final String topic, final byte[] data) {
                return checked(inner.deserialize(topic, data));
            }

            @Override
            public T deserialize(final String topic, final org.apache.kafka.common.header.Headers headers, final byte[] data) {
                return checked(inner.deserialize(topic, headers, data));
            }

            private T checked(final Object value) {
                if (value != null && !type.isInstance(value)) {
                    // class names only: never the payload
                    throw new org.apache.kafka.common.errors.SerializationException("a "
                            + value.getClass().getSimpleName() + " record where " + type.getSimpleName() + " is expected");
                }
                return type.cast(value);
            }

            @Override
            public void close() {
                inner.close();
            }
        });
    }

    public <T extends SpecificRecord> Serializer<T> valueSerializer() {
        final AvroKafkaSerializer<T> s = new SchemaCachingAvroSerializer<>();
        s.configure(config, false);
        return s;
    }

    public <T extends SpecificRecord> Deserializer<T> valueDeserializer() {
        final AvroKafkaDeserializer<T> d = new AvroKafkaDeserializer<>();
        d.configure(config, false);
        return d;
    }

    private <T extends SpecificRecord> Serde<T> serde(final boolean isKey) {
        final AvroKafkaSerializer<T> s = new SchemaCachingAvroSerializer<>();
        final AvroKafkaDeserializer<T> d = new AvroKafkaDeserializer<>();
        s.configure(config, isKey);
        d.configure(config, isKey);
        return Serdes.serdeFrom(s, d);
    }
}
