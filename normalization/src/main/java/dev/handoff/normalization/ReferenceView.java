package dev.handoff.normalization;

import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import java.util.List;

/**
 * The reference data as of now (CONTRACT.md section 2). In the normalizer-service it is backed by
 * global state stores over the compacted reference topics; each record's {@code version} names the
 * topic offset it was read from. Tests back it with plain lists.
 */
public interface ReferenceView {

    List<TenantRecord> tenants();

    List<EntitlementRecord> entitlements();

    List<SupportPlanRecord> plans();

    List<ContactRecord> contacts();

    List<ProductSurfaceRecord> surfaces();

    /** A fixed view, for tests and the bare-extraction benchmark. */
    static ReferenceView of(final List<TenantRecord> tenants, final List<EntitlementRecord> entitlements,
                            final List<SupportPlanRecord> plans, final List<ContactRecord> contacts,
                            final List<ProductSurfaceRecord> surfaces) {
        return new ReferenceView() {
            @Override public List<TenantRecord> tenants() { return tenants; }
            @Override public List<EntitlementRecord> entitlements() { return entitlements; }
            @Override public List<SupportPlanRecord> plans() { return plans; }
            @Override public List<ContactRecord> contacts() { return contacts; }
            @Override public List<ProductSurfaceRecord> surfaces() { return surfaces; }
        };
    }
}
