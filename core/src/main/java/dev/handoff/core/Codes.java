package dev.handoff.core;

/** Reason and warning codes of CONTRACT.md section 3. Reasons route to the exception queue; warnings never do. */
public final class Codes {

    // Reasons.
    public static final String TENANT_CONFLICT = "TENANT_CONFLICT";
    public static final String TENANT_UNRESOLVED = "TENANT_UNRESOLVED";
    public static final String ENVIRONMENT_UNCLEAR = "ENVIRONMENT_UNCLEAR";
    public static final String ENTITLEMENT_MISSING = "ENTITLEMENT_MISSING";
    public static final String ENTITLEMENT_MISMATCH = "ENTITLEMENT_MISMATCH";
    public static final String CONTACT_MISMATCH = "CONTACT_MISMATCH";
    public static final String IMPACT_AMBIGUOUS = "IMPACT_AMBIGUOUS";
    public static final String TIMING_UNCERTAIN = "TIMING_UNCERTAIN";
    public static final String PRIVACY_SECRET = "PRIVACY_SECRET";
    public static final String PRIVACY_PERSONAL_DATA = "PRIVACY_PERSONAL_DATA";
    public static final String MANDATORY_FIELD_MISSING = "MANDATORY_FIELD_MISSING";

    // Warnings.
    public static final String ARTIFACT_UNREADABLE = "ARTIFACT_UNREADABLE";
    public static final String ARTIFACT_UNCLASSIFIED = "ARTIFACT_UNCLASSIFIED";
    public static final String RECEIVED_AT_DEFAULTED = "RECEIVED_AT_DEFAULTED";
    public static final String LOSSY_NORMALIZATION = "LOSSY_NORMALIZATION";
    public static final String ARTIFACT_MISSING = "ARTIFACT_MISSING";

    private Codes() {
    }
}
