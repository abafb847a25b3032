package dev.handoff.common;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

/**
 * Apicurio's Avro serializer without rendering each record's schema to JSON.
 *
 * <p>Apicurio 2.6 finds the registered schema by its content: for every record its parser turns the
 * record's {@link Schema} into JSON text, which the benchmark profile found to be about a fifth of the
 * normalizer's CPU. The text of one schema never changes, so the parsed form is kept per schema
 * (equal schemas share it); everything else, registration and the wire format included, is
 * Apicurio's own.
 */
final class SchemaCachingAvroSerializer<U> extends AvroKafkaSerializer<U> {

    private volatile CachingParser<U> parser;

    @Override
    public SchemaParser<Schema, U> schemaParser() {
        final SchemaParser<Schema, U> inner = super.schemaParser();
        if (inner == null) {
            return null; // not configured yet
        }
        CachingParser<U> p = parser;
        if (p == null || p.inner != inner) {
            p = new CachingParser<>(inner);
            parser = p;
        }
        return p;
    }

    /** Delegates to Apicurio's parser; remembers what it made of each record schema. */
    static final class CachingParser<U> implements SchemaParser<Schema, U> {
        /** Records of generated classes bring a handful of schemas; beyond this, stop remembering. */
        static final int MAX_SCHEMAS = 256;
        private final SchemaParser<Schema, U> inner;
        private final Map<Schema, ParsedSchema<Schema>> plain = new ConcurrentHashMap<>();
        private final Map<Schema, ParsedSchema<Schema>> dereferenced = new ConcurrentHashMap<>();

        CachingParser(final SchemaParser<Schema, U> inner) {
            this.inner = inner;
        }

        @Override
        public String artifactType() {
            return inner.artifactType();
        }

        @Override
        public Schema parseSchema(final byte[] rawSchema, final Map<String, ParsedSchema<Schema>> resolvedReferences) {
            return inner.parseSchema(rawSchema, resolvedReferences);
        }

        @Override
        public ParsedSchema<Schema> getSchemaFromData(final Record<U> data) {
            return fromData(data, false);
        }

        @Override
        public ParsedSchema<Schema> getSchemaFromData(final Record<U> data, final boolean dereference) {
            return fromData(data, dereference);
        }

        private ParsedSchema<Schema> fromData(final Record<U> data, final boolean dereference) {
            if (!(data.payload() instanceof GenericContainer container) || container.getSchema() == null) {
                return render(data, dereference);
            }
            final Map<Schema, ParsedSchema<Schema>> cache = dereference ? dereferenced : plain;
            final ParsedSchema<Schema> known = cache.get(container.getSchema());
            if (known != null) {
                return known;
            }
            final ParsedSchema<Schema> parsed = render(data, dereference);
            if (cache.size() < MAX_SCHEMAS) {
                cache.put(container.getSchema(), parsed);
            }
            return parsed;
        }

        /** Apicurio's own rendering, through the same entry point Apicurio would have used. */
        private ParsedSchema<Schema> render(final Record<U> data, final boolean dereference) {
            return dereference ? inner.getSchemaFromData(data, true) : inner.getSchemaFromData(data);
        }

        @Override
        public ParsedSchema<Schema> getSchemaFromLocation(final String location) {
            return inner.getSchemaFromLocation(location);
        }

        @Override
        public boolean supportsExtractSchemaFromData() {
            return inner.supportsExtractSchemaFromData();
        }

        @Override
        public boolean supportsGetSchemaFromLocation() {
            return inner.supportsGetSchemaFromLocation();
        }
    }
}
