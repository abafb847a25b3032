package dev.handoff.normalizer;

import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import dev.handoff.common.Topic;
import dev.handoff.common.Topics;
import dev.handoff.normalization.ReferenceView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The five compacted reference topics as global state stores. A custom global processor stamps each
 * record with its version ({@code topic-partition@offset}) so every decision can cite the exact
 * reference record it used, and applies tombstones. Live updates flow in while packets are in flight.
 */
public final class ReferenceStores {

    public static final String TENANTS = "ref-tenants";
    public static final String ENTITLEMENTS = "ref-entitlements";
    public static final String PLANS = "ref-support-plans";
    public static final String CONTACTS = "ref-contacts";
    public static final String SURFACES = "ref-product-surfaces";

    /** Bumped on every reference change, so views can be cached between changes. */
    static final AtomicLong GENERATION = new AtomicLong();

    private ReferenceStores() {
    }

    public static void add(final StreamsBuilder builder, final Topics topics) {
        addStore(builder, topics.tenants, TENANTS);
        addStore(builder, topics.entitlements, ENTITLEMENTS);
        addStore(builder, topics.supportPlans, PLANS);
        addStore(builder, topics.contacts, CONTACTS);
        addStore(builder, topics.productSurfaces, SURFACES);
    }

    private static <V extends SpecificRecord> void addStore(final StreamsBuilder builder, final Topic<String, V> topic,
                                                            final String storeName) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), topic.valueSerde())
                        .withLoggingDisabled(),
                topic.name(), topic.consumed(), () -> new VersionStamper<>(storeName));
    }

    /** Writes each reference record with its version; null values (tombstones) delete. */
    static final class VersionStamper<V extends SpecificRecord> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private KeyValueStore<String, V> store;
        private ProcessorContext<Void, Void> context;

        VersionStamper(final String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(final Record<String, V> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                final V v = record.value();
                final String version = context.recordMetadata()
                        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("ts:" + record.timestamp());
                final int pos = v.getSchema().getField("version").pos();
                v.put(pos, version);
                store.put(record.key(), v);
            }
            GENERATION.incrementAndGet();
        }
    }

    /** A {@link ReferenceView} over the global stores, rebuilt only when reference data changed. */
    static final class StoreView implements ReferenceView {
        private final KeyValueStore<String, TenantRecord> tenants;
        private final KeyValueStore<String, EntitlementRecord> entitlements;
        private final KeyValueStore<String, SupportPlanRecord> plans;
        private final KeyValueStore<String, ContactRecord> contacts;
        private final KeyValueStore<String, ProductSurfaceRecord> surfaces;
        private long generation = -1;
        private ReferenceView snapshot;

        StoreView(final org.apache.kafka.streams.processor.api.ProcessingContext ctx) {
            tenants = ctx.getStateStore(TENANTS);
            entitlements = ctx.getStateStore(ENTITLEMENTS);
            plans = ctx.getStateStore(PLANS);
            contacts = ctx.getStateStore(CONTACTS);
            surfaces = ctx.getStateStore(SURFACES);
        }

        private ReferenceView current() {
            final long g = GENERATION.get();
            if (snapshot == null || g != generation) {
                snapshot = ReferenceView.of(all(tenants), all(entitlements), all(plans), all(contacts), all(surfaces));
                generation = g;
            }
            return snapshot;
        }

        private static <V> List<V> all(final KeyValueStore<String, V> store) {
            final List<V> out = new ArrayList<>();
            try (KeyValueIterator<String, V> it = store.all()) {
                it.forEachRemaining(kv -> out.add(kv.value));
            }
            return List.copyOf(out);
        }

        @Override public List<TenantRecord> tenants() { return current().tenants(); }
        @Override public List<EntitlementRecord> entitlements() { return current().entitlements(); }
        @Override public List<SupportPlanRecord> plans() { return current().plans(); }
        @Override public List<ContactRecord> contacts() { return current().contacts(); }
        @Override public List<ProductSurfaceRecord> surfaces() { return current().surfaces(); }
    }
}
