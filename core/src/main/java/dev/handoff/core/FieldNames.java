package dev.handoff.core;

import java.util.List;

/** Decision field names of CONTRACT.md section 3, plus the packet-level request a candidate can feed. */
public final class FieldNames {

    public static final String TENANT = "tenant";
    public static final String ENVIRONMENT = "environment";
    public static final String PRODUCT_SURFACE = "productSurface";
    public static final String FIRST_OBSERVED_AT = "firstObservedAt";
    public static final String BUSINESS_IMPACT = "businessImpact";
    public static final String RESPONSE_TIER = "responseTier";
    public static final String APPROVED_CONTACTS = "approvedContacts";
    /** Not a decision field: what escalation the packet asks for (SEV1_BRIDGE ...). */
    public static final String REQUESTED_ESCALATION = "requestedEscalation";

    public static final List<String> DECISION_FIELDS = List.of(
            TENANT, ENVIRONMENT, PRODUCT_SURFACE, FIRST_OBSERVED_AT, BUSINESS_IMPACT, RESPONSE_TIER, APPROVED_CONTACTS);

    private FieldNames() {
    }
}
