package dev.handoff.router.policy;

import dev.handoff.common.HandoffConfig;
import java.util.List;
import java.util.Set;

/**
 * Routing thresholds and the intake schema, from configuration (README "Configuration").
 *
 * @param mandatoryFields        fields that must have a value (the intake schema profile)
 * @param routedPrivacyCodes     personal-data codes outside the approved intake boundary
 * @param resolvedConfidence     below this a chosen value is LOW_CONFIDENCE
 * @param timingToleranceMinutes first-failure claims further apart than this conflict
 * @param impactConfidence       below this business impact is ambiguous
 */
public record RoutingConfig(List<String> mandatoryFields, Set<String> routedPrivacyCodes, double resolvedConfidence,
                            long timingToleranceMinutes, double impactConfidence) {

    public static RoutingConfig from(final HandoffConfig config) {
        return new RoutingConfig(config.getList(HandoffConfig.INTAKE_MANDATORY),
                Set.copyOf(config.getList(HandoffConfig.PRIVACY_ROUTED_CODES)),
                config.getDouble(HandoffConfig.RESOLVED_CONFIDENCE),
                config.getLong(HandoffConfig.TIMING_TOLERANCE_MINUTES),
                config.getDouble(HandoffConfig.IMPACT_CONFIDENCE));
    }

    public static RoutingConfig defaults() {
        return from(HandoffConfig.of(java.util.Map.of()));
    }
}
