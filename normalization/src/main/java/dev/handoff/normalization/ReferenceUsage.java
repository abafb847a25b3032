package dev.handoff.normalization;

import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.ReferenceFacts;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Records which reference records one artifact's values used, then widens the set for every resolved
 * tenant (its entitlements, the plans they name, its roster) so the router decides without joins.
 */
public final class ReferenceUsage {

    private final Map<String, TenantRecord> tenants = new LinkedHashMap<>();
    private final Map<String, EntitlementRecord> entitlements = new LinkedHashMap<>();
    private final Map<String, SupportPlanRecord> plans = new LinkedHashMap<>();
    private final Map<String, ContactRecord> contacts = new LinkedHashMap<>();

    public void tenant(final TenantRecord record) {
        tenants.putIfAbsent(record.getTenantId(), record);
    }

    public void plan(final SupportPlanRecord record) {
        plans.putIfAbsent(record.getPlan(), record);
    }

    public void contact(final ContactRecord record) {
        contacts.putIfAbsent(record.getContactId(), record);
    }

    /** The facts: records used plus, for each tenant used, all its entitlements, their plans and its roster. */
    public ReferenceFacts toFacts(final ReferenceView reference) {
        for (final String tenantId : tenants.keySet()) {
            for (final EntitlementRecord e : reference.entitlements()) {
                if (tenantId.equals(e.getTenantId())) {
                    entitlements.putIfAbsent(e.getEntitlementId(), e);
                    final SupportPlanRecord plan = planNamed(reference, e.getPlan());
                    if (plan != null) {
                        plan(plan);
                    }
                }
            }
            for (final ContactRecord c : reference.contacts()) {
                if (tenantId.equals(c.getTenantId())) {
                    contact(c);
                }
            }
        }
        return ReferenceFacts.newBuilder().setTenants(new ArrayList<>(tenants.values()))
                .setEntitlements(new ArrayList<>(entitlements.values()))
                .setPlans(new ArrayList<>(plans.values()))
                .setContacts(new ArrayList<>(contacts.values())).build();
    }

    /** An entitlement names its plan by key; an alias is accepted too, since people type either. */
    private static SupportPlanRecord planNamed(final ReferenceView reference, final String name) {
        if (name == null) {
            return null;
        }
        final String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (final SupportPlanRecord p : reference.plans()) {
            if (p.getPlan().toLowerCase(Locale.ROOT).equals(wanted)) {
                return p;
            }
        }
        for (final SupportPlanRecord p : reference.plans()) {
            for (final String alias : p.getAliases()) {
                if (alias.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return p;
                }
            }
        }
        return null;
    }
}
