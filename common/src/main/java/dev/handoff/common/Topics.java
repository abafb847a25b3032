package dev.handoff.common;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.ArtifactTask;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.DeadLetter;
import dev.handoff.avro.Decision;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.PacketReceived;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import dev.handoff.core.ReferenceFiles;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The typed topic registry: every topic with its key and value serdes. */
public final class Topics {

    public final Topic<String, PacketReceived> packets;
    public final Topic<String, ArtifactTask> artifactTasks;
    public final Topic<String, ArtifactExtracted> artifactsExtracted;
    public final Topic<String, ArtifactNormalized> artifactsNormalized;
    public final Topic<String, Decision> staged;
    public final Topic<String, Decision> exceptions;
    public final Topic<String, DeadLetter> deadLetters;
    public final Topic<String, TenantRecord> tenants;
    public final Topic<String, EntitlementRecord> entitlements;
    public final Topic<String, SupportPlanRecord> supportPlans;
    public final Topic<String, ContactRecord> contacts;
    public final Topic<String, ProductSurfaceRecord> productSurfaces;

    private final AvroSerdes serdes;

    public Topics(final AvroSerdes serdes) {
        this.serdes = serdes;
        final Serde<String> key = Serdes.String();
        packets = new Topic<>(TopicNames.PACKETS, key, serdes.value(PacketReceived.class), false);
        artifactTasks = new Topic<>(TopicNames.ARTIFACT_TASKS, key, serdes.value(ArtifactTask.class), false);
        artifactsExtracted = new Topic<>(TopicNames.ARTIFACTS_EXTRACTED, key, serdes.value(ArtifactExtracted.class), false);
        artifactsNormalized = new Topic<>(TopicNames.ARTIFACTS_NORMALIZED, key, serdes.value(ArtifactNormalized.class), false);
        staged = new Topic<>(TopicNames.STAGED, key, serdes.value(Decision.class), false);
        exceptions = new Topic<>(TopicNames.EXCEPTIONS, key, serdes.value(Decision.class), false);
        deadLetters = new Topic<>(TopicNames.DEAD_LETTERS, key, serdes.value(DeadLetter.class), false);
        tenants = new Topic<>(TopicNames.REF_TENANTS, key, serdes.value(TenantRecord.class), true);
        entitlements = new Topic<>(TopicNames.REF_ENTITLEMENTS, key, serdes.value(EntitlementRecord.class), true);
        supportPlans = new Topic<>(TopicNames.REF_SUPPORT_PLANS, key, serdes.value(SupportPlanRecord.class), true);
        contacts = new Topic<>(TopicNames.REF_CONTACTS, key, serdes.value(ContactRecord.class), true);
        productSurfaces = new Topic<>(TopicNames.REF_PRODUCT_SURFACES, key, serdes.value(ProductSurfaceRecord.class), true);
    }

    public AvroSerdes serdes() {
        return serdes;
    }

    /** The reference topic a reference file is published to. */
    public Topic<String, ?> reference(final ReferenceFiles.Kind kind) {
        switch (kind) {
            case TENANTS: return tenants;
            case ENTITLEMENTS: return entitlements;
            case SUPPORT_PLANS: return supportPlans;
            case CONTACTS: return contacts;
            case PRODUCT_SURFACES: return productSurfaces;
            default: throw new IllegalArgumentException("unknown reference kind " + kind);
        }
    }

    public List<Topic<String, ?>> all() {
        return List.of(packets, artifactTasks, artifactsExtracted, artifactsNormalized, staged, exceptions,
                deadLetters, tenants, entitlements, supportPlans, contacts, productSurfaces);
    }
}
