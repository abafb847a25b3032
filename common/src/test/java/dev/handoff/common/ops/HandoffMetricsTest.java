package dev.handoff.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HandoffMetricsTest {

    @Test
    void shouldCountDecisionsByOutcomeAndEachDistinctReasonOnce() {
        // Given a fresh service registry
        final HandoffMetrics metrics = HandoffMetrics.forService("test-" + UUID.randomUUID().toString().substring(0, 8));

        // When an exception with a repeated reason code and a staged decision are recorded
        metrics.decision("EXCEPTION", List.of("TENANT_CONFLICT", "TENANT_CONFLICT"), List.of("ARTIFACT_UNREADABLE"),
                List.of("SECRET_COOKIE"), 1_000L, 3_500L);
        metrics.decision("STAGED", List.of(), List.of(), List.of(), 1_000L, 1_200L);

        // Then Prometheus sees one counter per outcome, the reason once, and the end-to-end histogram
        final String text = metrics.scrape();
        assertThat(text).containsPattern("handoff_decisions_total\\{outcome=\"EXCEPTION\",service=\"test-[0-9a-f]+\"} 1\\.0")
                .containsPattern("handoff_decisions_total\\{outcome=\"STAGED\",service=\"test-[0-9a-f]+\"} 1\\.0")
                .containsPattern("handoff_decision_reasons_total\\{code=\"TENANT_CONFLICT\",service=\"[^\"]+\"} 1\\.0")
                .containsPattern("handoff_warnings_total\\{code=\"ARTIFACT_UNREADABLE\",service=\"[^\"]+\"} 1\\.0")
                .containsPattern("handoff_privacy_flags_total\\{code=\"SECRET_COOKIE\",service=\"[^\"]+\"} 1\\.0")
                .containsPattern("handoff_end_to_end_latency_seconds_count\\{service=\"[^\"]+\"} 2")
                .containsPattern("handoff_end_to_end_latency_seconds_bucket\\{service=\"[^\"]+\",le=\"0\\.1\"} 0\n")
                .containsPattern("handoff_end_to_end_latency_seconds_bucket\\{service=\"[^\"]+\",le=\"0\\.25\"} 1\n")
                .containsPattern("handoff_end_to_end_latency_seconds_bucket\\{service=\"[^\"]+\",le=\"2\\.5\"} 2\n");
    }

    @Test
    void shouldNeverTurnFreeTextIntoALabelValue() {
        // Given a code that is really text (what a buggy caller might pass)
        final String text = "customer said: login broken for jane@example.com";

        // When it is used as a label
        final String label = HandoffMetrics.label(text);

        // Then it becomes the bounded OTHER value, while real codes pass unchanged
        assertThat(label).isEqualTo(HandoffMetrics.OTHER);
        assertThat(HandoffMetrics.label("PRIVACY_SECRET")).isEqualTo("PRIVACY_SECRET");
        assertThat(HandoffMetrics.label(null)).isEqualTo(HandoffMetrics.OTHER);
    }

    @Test
    void shouldCountArtifactsByKindAndOutcome() {
        // Given a fresh service registry
        final HandoffMetrics metrics = HandoffMetrics.forService("test-" + UUID.randomUUID().toString().substring(0, 8));

        // When two readable screenshots and an unreadable HAR are recorded
        metrics.artifact("SCREENSHOT", HandoffMetrics.ArtifactOutcome.READ);
        metrics.artifact("SCREENSHOT", HandoffMetrics.ArtifactOutcome.READ);
        metrics.artifact("HAR_SUMMARY", HandoffMetrics.ArtifactOutcome.UNREADABLE);

        // Then each kind/outcome pair has its own counter
        assertThat(metrics.scrape())
                .containsPattern("handoff_artifacts_total\\{kind=\"SCREENSHOT\",outcome=\"read\",service=\"[^\"]+\"} 2\\.0")
                .containsPattern("handoff_artifacts_total\\{kind=\"HAR_SUMMARY\",outcome=\"unreadable\",service=\"[^\"]+\"} 1\\.0");
    }
}
