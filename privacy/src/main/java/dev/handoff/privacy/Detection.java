package dev.handoff.privacy;

import dev.handoff.avro.PrivacyCode;
import java.util.List;

/**
 * One raw detection before it becomes a {@code PrivacyFinding}: holds the raw value in memory so the
 * redactor can learn it; never serialized, never logged.
 *
 * @param code        contract privacy code
 * @param value       the raw value as it appears in the artifact
 * @param locator     contract locator of the place it was found
 * @param label       the visible name kept in the excerpt ({@code Authorization: Bearer }, {@code sid=}), may be empty
 * @param detector    name of the rule that found it
 * @param alsoRedact  other literal forms of the value in the artifact (the base64 blob it was decoded from)
 */
record Detection(PrivacyCode code, String value, String locator, String label, String detector, List<String> alsoRedact) {

    Detection {
        alsoRedact = alsoRedact == null ? List.of() : List.copyOf(alsoRedact);
    }

    Detection(final PrivacyCode code, final String value, final String locator, final String label, final String detector) {
        this(code, value, locator, label, detector, List.of());
    }

    boolean secret() {
        return code.name().startsWith("SECRET_");
    }

    @Override
    public String toString() {
        // Never print the value: records print their components by default.
        return "Detection[" + code + " at " + locator + " by " + detector + "]";
    }
}
