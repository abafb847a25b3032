package dev.handoff.normalization.impact;

import static dev.handoff.normalization.TestReference.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.ImpactLevel;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.TraceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpactMapperTest {

    private final ImpactMapper mapper = new ImpactMapper();

    @Test
    void shouldMapItilLabelDirectlyWithLossyStep() {
        // Given
        final Candidate itil = candidate("businessImpact", MentionType.ITIL_IMPACT, "1 - Extensive/Widespread",
                "ticket.csv", "csv:row=2,col=Impact", "field", "Impact");

        // When
        final List<NormalizedValue> values = mapper.map(List.of(itil));

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getImpact().getLevel()).isEqualTo(ImpactLevel.EXTENSIVE);
            assertThat(v.getConfidence()).isEqualTo(0.9);
            assertThat(v.getAttributes()).containsEntry("source", "ITIL");
            assertThat(v.getTrace()).singleElement().satisfies(s -> {
                assertThat(s.getStep()).isEqualTo("itil-map");
                assertThat(s.getLossy()).isTrue();
            });
        });
    }

    @Test
    void shouldMapEntireWorkforceNarrativeToExtensiveAndKeepWording() {
        // Given
        final Candidate statement = candidate("businessImpact", MentionType.IMPACT_STATEMENT,
                "Our entire workforce is locked out of every app", "mail.eml", "eml:message=<a@b>,body,chars=0-47");
        final Candidate users = candidate("businessImpact", MentionType.USERS_AFFECTED, "1,150", "mail.eml",
                "eml:message=<a@b>,body,chars=60-65");
        final Candidate region = candidate("businessImpact", MentionType.REGION, "EU", "mail.eml",
                "eml:message=<a@b>,body,chars=70-72");
        final Candidate workaround = candidate("businessImpact", MentionType.WORKAROUND, "false", "mail.eml",
                "eml:message=<a@b>,body,chars=80-93");

        // When
        final List<NormalizedValue> values = mapper.map(List.of(statement, users, region, workaround));

        // Then
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getImpact().getLevel()).isEqualTo(ImpactLevel.EXTENSIVE);
            assertThat(v.getImpact().getNarrative()).isEqualTo(statement.getValue());
            assertThat(v.getImpact().getUsersAffected()).isEqualTo(1150L);
            assertThat(v.getImpact().getRegions()).containsExactly("EU");
            assertThat(v.getImpact().getWorkaround()).isFalse();
            assertThat(v.getConfidence()).isEqualTo(0.6);
            assertThat(v.getTrace()).extracting(TraceStep::getLossy).containsOnly(true);
        });
    }

    @Test
    void shouldKeepContradictingStatementsAsSeparateValues() {
        // Given
        final Candidate few = candidate("businessImpact", MentionType.IMPACT_STATEMENT, "only a few users see the error",
                "ticket.csv", "csv:row=2,col=Comment");
        final Candidate all = candidate("businessImpact", MentionType.IMPACT_STATEMENT,
                "Since 09:05 nobody can open any app via SSO. All 420 staff, both plants.", "ticket.csv",
                "csv:row=3,col=Comment");

        // When
        final List<NormalizedValue> values = mapper.map(List.of(few, all));

        // Then
        assertThat(values).extracting(v -> v.getImpact().getLevel())
                .containsExactly(ImpactLevel.MINOR, ImpactLevel.EXTENSIVE);
        assertThat(values.get(1).getImpact().getUsersAffected()).isEqualTo(420L);
    }

    @Test
    void shouldPreferLongerCueForDepartmentScope() {
        // Given
        final Candidate statement = candidate("businessImpact", MentionType.IMPACT_STATEMENT,
                "the entire finance department cannot sign in", "note.md", "text:line=3,chars=0-44");

        // When
        final List<NormalizedValue> values = mapper.map(List.of(statement));

        // Then
        assertThat(values.get(0).getImpact().getLevel()).isEqualTo(ImpactLevel.SIGNIFICANT);
    }
}
