package dev.handoff.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handoff.avro.EnvironmentRecord;
import dev.handoff.avro.TenantRecord;
import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.avro.AvroSchemaParser;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class SchemaCachingAvroSerializerTest {

    private static TenantRecord tenant(final String id) {
        return TenantRecord.newBuilder().setTenantId(id).setDisplayName("Tenant " + id).build();
    }

    private static Record<SpecificRecord> record(final SpecificRecord payload) {
        return new Record<>() {
            @Override
            public io.apicurio.registry.resolver.data.Metadata metadata() {
                return null;
            }

            @Override
            public SpecificRecord payload() {
                return payload;
            }
        };
    }

    /** Apicurio's own parser, counting how often it renders a schema. */
    private static final class CountingParser extends AvroSchemaParser<SpecificRecord> {
        final AtomicInteger rendered = new AtomicInteger();

        CountingParser() {
            super(new DefaultAvroDatumProvider<>(true));
        }

        @Override
        public ParsedSchema<org.apache.avro.Schema> getSchemaFromData(final Record<SpecificRecord> data) {
            rendered.incrementAndGet();
            return super.getSchemaFromData(data);
        }
    }

    @Test
    void rendersEachSchemaOnceAndGivesWhatApicurioWouldHaveGiven() {
        final CountingParser apicurio = new CountingParser();
        final SchemaCachingAvroSerializer.CachingParser<SpecificRecord> cached =
                new SchemaCachingAvroSerializer.CachingParser<>(apicurio);
        final ParsedSchema<org.apache.avro.Schema> first = cached.getSchemaFromData(record(tenant("TEN-1")));
        for (int i = 0; i < 100; i++) {
            assertSame(first, cached.getSchemaFromData(record(tenant("TEN-" + i))));
        }
        assertEquals(1, apicurio.rendered.get(), "one schema, rendered once for 101 records");
        assertArrayEquals(new AvroSchemaParser<SpecificRecord>(new DefaultAvroDatumProvider<>(true))
                .getSchemaFromData(record(tenant("TEN-2"))).getRawSchema(), first.getRawSchema());

        final ParsedSchema<org.apache.avro.Schema> other = cached.getSchemaFromData(
                record(EnvironmentRecord.newBuilder().setLabel("prod").build()));
        assertEquals(2, apicurio.rendered.get(), "another schema is rendered for itself");
        assertEquals("EnvironmentRecord", other.getParsedSchema().getName());
    }

    @Test
    void recordsWrittenWithTheCachedSchemaReadBackUnchanged() {
        final AvroSerdes serdes = new AvroSerdes("mem://caching-" + UUID.randomUUID());
        final Serializer<TenantRecord> serializer = serdes.valueSerializer();
        final Deserializer<TenantRecord> deserializer = serdes.valueDeserializer();
        assertTrue(((SchemaCachingAvroSerializer<?>) serializer).schemaParser()
                instanceof SchemaCachingAvroSerializer.CachingParser, "the serdes handoff builds use the cache");
        for (final TenantRecord t : List.of(tenant("TEN-1"), tenant("TEN-2"), tenant("TEN-3"))) {
            assertEquals(t, deserializer.deserialize("handoff.reference.tenants",
                    serializer.serialize("handoff.reference.tenants", t)));
        }
    }
}
