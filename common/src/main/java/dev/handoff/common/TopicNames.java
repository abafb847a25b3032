package dev.handoff.common;

import java.util.List;

/**
 * Every topic name handoff uses, in one place (the README's topics table lists the same).
 * A deployment may prefix them all with {@code handoff.topic.prefix}.
 */
public final class TopicNames {

    /** Input: packet-received events from the ticketing platform, keyed by packet id. */
    public static final String PACKETS = "handoff.packets.received";
    /** Internal: one task per artifact (fan-out), keyed by packet id. */
    public static final String ARTIFACT_TASKS = "handoff.extractor.artifact-tasks";
    /** Internal: per-artifact field candidates and privacy findings, keyed by packet id. */
    public static final String ARTIFACTS_EXTRACTED = "handoff.extractor.artifacts-extracted";
    /** Internal: per-artifact normalized values with the reference facts used, keyed by packet id. */
    public static final String ARTIFACTS_NORMALIZED = "handoff.normalizer.artifacts-normalized";
    /** Output: staged escalation records, keyed by packet id. */
    public static final String STAGED = "handoff.decisions.staged";
    /** Output: exceptions for the duty manager's queue, keyed by packet id. */
    public static final String EXCEPTIONS = "handoff.decisions.exceptions";
    /** Dead letters: records that could not be read, with origin and error class, never the payload. */
    public static final String DEAD_LETTERS = "handoff.dead-letters";

    /** Reference data (compacted), keyed by the reference key. */
    public static final String REF_TENANTS = "handoff.ref.tenants";
    public static final String REF_ENTITLEMENTS = "handoff.ref.entitlements";
    public static final String REF_SUPPORT_PLANS = "handoff.ref.support-plans";
    public static final String REF_CONTACTS = "handoff.ref.contacts";
    public static final String REF_PRODUCT_SURFACES = "handoff.ref.product-surfaces";

    public static final List<String> REFERENCE = List.of(
            REF_TENANTS, REF_ENTITLEMENTS, REF_SUPPORT_PLANS, REF_CONTACTS, REF_PRODUCT_SURFACES);

    public static final List<String> ALL = List.of(
            PACKETS, ARTIFACT_TASKS, ARTIFACTS_EXTRACTED, ARTIFACTS_NORMALIZED, STAGED, EXCEPTIONS, DEAD_LETTERS,
            REF_TENANTS, REF_ENTITLEMENTS, REF_SUPPORT_PLANS, REF_CONTACTS, REF_PRODUCT_SURFACES);

    private TopicNames() {
    }

    public static boolean isReference(final String name) {
        return REFERENCE.contains(name);
    }
}
