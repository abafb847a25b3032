package dev.handoff.normalization.entitlement;

import static dev.handoff.normalization.TestReference.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.normalization.ReferenceUsage;
import dev.handoff.normalization.TestReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanClaimNormalizerTest {

    private final PlanClaimNormalizer normalizer = new PlanClaimNormalizer();

    @Test
    void shouldMapPlanAliasToPlanAndTier() {
        // Given
        final Candidate claim = candidate("responseTier", MentionType.PLAN_CLAIM, "SIGC", "crm.xlsx", "xlsx:Account!D2");

        // When
        final List<NormalizedValue> values = normalizer.normalize(List.of(claim), TestReference.plans(),
                new ReferenceUsage());

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TIER1_15MIN");
            assertThat(v.getAttributes()).containsEntry("source", "CRM_CLAIM").containsEntry("plan", "Signature Care")
                    .containsEntry("hidden", "false");
            assertThat(v.getEvidence()).contains(new Evidence("ref", "ref:support-plans/Signature Care", "SIGC"));
            assertThat(v.getTrace()).extracting(s -> s.getOutput()).containsExactly("Signature Care", "TIER1_15MIN");
        });
    }

    @Test
    void shouldKeepHiddenSheetClaimAsHiddenAndWeak() {
        // Given an archived row on a hidden sheet
        final Candidate claim = candidate("responseTier", MentionType.PLAN_CLAIM, "Foundation Care (FNDC)", "crm.xlsx",
                "xlsx:Archive!D9", "hidden", "true");

        // When
        final List<NormalizedValue> values = normalizer.normalize(List.of(claim), TestReference.plans(),
                new ReferenceUsage());

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TIER3_8H");
            assertThat(v.getAttributes()).containsEntry("hidden", "true");
            assertThat(v.getConfidence()).isLessThanOrEqualTo(0.2);
        });
    }

    @Test
    void shouldKeepEntitlementClaimAsStated() {
        // Given
        final Candidate claim = candidate("responseTier", MentionType.ENTITLEMENT_CLAIM,
                "status=EXPIRED;validFrom=2025-01-01;validTo=2025-12-31", "crm.xlsx", "xlsx:Account!E2");

        // When
        final List<NormalizedValue> values = normalizer.normalize(List.of(claim), TestReference.plans(),
                new ReferenceUsage());

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isNull();
            assertThat(v.getAttributes()).containsEntry("status", "EXPIRED").containsEntry("validFrom", "2025-01-01")
                    .containsEntry("validTo", "2025-12-31").containsEntry("source", "CRM_CLAIM");
        });
    }
}
