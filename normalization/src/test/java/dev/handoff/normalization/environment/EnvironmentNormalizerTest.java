package dev.handoff.normalization.environment;

import static dev.handoff.normalization.TestReference.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.normalization.TestReference;
import dev.handoff.normalization.tenant.AliasIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentNormalizerTest {

    private final EnvironmentNormalizer normalizer = new EnvironmentNormalizer(
            AliasIndex.of(List.of(TestReference.brightlakeCeramics(), TestReference.quarryPeak())), 0.6);

    @Test
    void shouldTakeEnvironmentFromTenantIdentifierAndCueWords() {
        // Given
        final Candidate guid = candidate("tenant", MentionType.DIRECTORY_GUID, "9ec5d99a-9aaa-481f-b5dc-466e77cf911c",
                "trace.har", "har:/log/entries/1/request/url");
        final Candidate cue = candidate("environment", MentionType.ENVIRONMENT_CUE, "Prod", "ticket.csv",
                "csv:row=2,col=Environment", "field", "Environment");
        final Candidate live = candidate("environment", MentionType.ENVIRONMENT_CUE, "live", "mail.eml",
                "eml:message=<a@b>,body,chars=4-8");

        // When
        final List<NormalizedValue> values = normalizer.normalize(List.of(guid, cue, live));

        // Then
        assertThat(values).extracting(NormalizedValue::getValue).containsExactly("TEST", "PRODUCTION", "PRODUCTION");
        assertThat(values.get(0).getAttributes()).containsEntry("tenantId", "TEN-7001");
        assertThat(values.get(1).getAttributes()).containsEntry("cue", "Prod");
    }

    @Test
    void shouldReadTestHostVariantOfProductionIdentifier() {
        // Given
        final Candidate host = candidate("tenant", MentionType.HOSTNAME, "brightlake-test.aster-access.example",
                "trace.har", "har:/log/entries/0/request/url");

        // When
        final List<NormalizedValue> values = normalizer.normalize(List.of(host));

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isEqualTo("TEST");
            assertThat(v.getAttributes()).containsEntry("tenantId", "TEN-7001");
        });
    }
}
