package dev.handoff.common;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.ParsedSchemaImpl;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.SchemaResolver;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.rest.client.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;

/**
 * An in-memory stand-in for the Apicurio registry, selected by a {@code mem://name} registry URL, so
 * TopologyTestDriver tests run the same Apicurio serializers without a network. Never used by the
 * running services: the embedded default and every deployment use a real registry.
 */
public final class InMemorySchemaResolver<D> implements SchemaResolver<Schema, D> {

    public static final String SCHEME = "mem://";

    private static final Map<String, Registry> REGISTRIES = new ConcurrentHashMap<>();

    private SchemaParser<Schema, D> parser;
    private Registry registry;

    /** Schemas of one named in-memory registry, by global id and by canonical text. */
    private static final class Registry {
        private final AtomicLong ids = new AtomicLong();
        private final Map<Long, ParsedSchema<Schema>> byId = new ConcurrentHashMap<>();
        private final Map<String, Long> byText = new ConcurrentHashMap<>();
    }

    @Override
    public void configure(final Map<String, ?> configs, final SchemaParser<Schema, D> schemaParser) {
        this.parser = schemaParser;
        final String url = String.valueOf(configs.get(io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL));
        this.registry = REGISTRIES.computeIfAbsent(url, u -> new Registry());
    }

    @Override
    public void setClient(final RegistryClient client) {
        // no client: everything stays in memory
    }

    @Override
    public void setArtifactResolverStrategy(final ArtifactReferenceResolverStrategy<Schema, D> strategy) {
        // the topic-id strategy is irrelevant in memory
    }

    @Override
    public SchemaParser<Schema, D> getSchemaParser() {
        return parser;
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchema(final Record<D> data) {
        final ParsedSchema<Schema> parsed = parser.getSchemaFromData(data);
        final String text = parsed.getParsedSchema().toString();
        final long id = registry.byText.computeIfAbsent(text, t -> {
            final long next = registry.ids.incrementAndGet();
            registry.byId.put(next, new ParsedSchemaImpl<Schema>().setParsedSchema(parsed.getParsedSchema())
                    .setRawSchema(t.getBytes(StandardCharsets.UTF_8)));
            return next;
        });
        return result(id);
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchemaByArtifactReference(final ArtifactReference reference) {
        final Long id = reference.getGlobalId() != null ? reference.getGlobalId() : reference.getContentId();
        if (id == null || !registry.byId.containsKey(id)) {
            throw new IllegalStateException("schema id " + id + " is not in the in-memory registry");
        }
        return result(id);
    }

    private SchemaLookupResult<Schema> result(final long id) {
        return SchemaLookupResult.<Schema>builder().parsedSchema(registry.byId.get(id)).globalId(id).contentId(id)
                .groupId("default").artifactId("mem-" + id).version("1").build();
    }

    @Override
    public void reset() {
        // nothing cached beyond the shared registry
    }

    @Override
    public void close() {
        // the shared registry lives as long as the JVM
    }
}
