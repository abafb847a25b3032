package dev.handoff.normalization.time;

import static dev.handoff.normalization.TestReference.candidate;
import static dev.handoff.normalization.TestReference.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.TraceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeNormalizerTest {

    private final TimeNormalizer normalizer = new TimeNormalizer(0.6);

    private static Candidate claim(final String text, final String... attributes) {
        final List<String> attrs = new ArrayList<>(List.of("timeRole", "FIRST_FAILURE"));
        attrs.addAll(List.of(attributes));
        return candidate("firstObservedAt", MentionType.TIME_CLAIM, text, "mail.eml",
                "eml:message=<m1@example>,body,chars=0-40", attrs.toArray(String[]::new));
    }

    private List<NormalizedValue> run(final Candidate... candidates) {
        return normalizer.normalize(List.of(candidates), Map.of());
    }

    private static List<String> instants(final List<NormalizedValue> values) {
        return values.stream().map(NormalizedValue::getValue).toList();
    }

    @Test
    void shouldKeepEveryIstReadingWhenNothingSettlesIt() {
        // Given
        final Candidate c = claim("around 9 IST this morning", "anchor", "2026-11-20T10:00:00Z");

        // When
        final List<NormalizedValue> values = run(c);

        // Then India +05:30, Israel +02:00, Ireland +01:00 (out of season in November), one group
        assertThat(instants(values)).containsExactlyInAnyOrder(
                "2026-11-20T03:30:00Z", "2026-11-20T07:00:00Z", "2026-11-20T08:00:00Z");
        assertThat(values).allSatisfy(v -> {
            assertThat(v.getAttributes()).containsEntry("ambiguous", "true").containsEntry("original", c.getValue())
                    .containsEntry("timeRole", "FIRST_FAILURE");
            assertThat(v.getConfidence()).isLessThanOrEqualTo(0.3);
        });
        assertThat(values.stream().map(v -> v.getAttributes().get("group")).distinct()).hasSize(1);
    }

    @Test
    void shouldSettleIstToIndiaWhenEmailZoneIsPlus0530() {
        // Given an email whose Date header carries +05:30
        final Candidate c = claim("around 9 IST this morning", "anchor", "2026-11-20T06:10:00Z", "zone", "+05:30");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-11-20T03:30:00Z");
        assertThat(values.get(0).getAttributes()).containsEntry("ambiguous", "false");
        assertThat(steps(values.get(0))).contains("zone-settle(artifact-zone)", "anchor-date", "to-utc");
    }

    @Test
    void shouldKeepWrittenOffsetAndFlagCestWrittenInNovember() {
        // Given
        final Candidate c = claim("20.11.2026 09:05 CEST");

        // When
        final List<NormalizedValue> values = run(c);

        // Then the literal +02:00 is primary, the real +01:00 of Central Europe in November the alternative
        assertThat(values).hasSize(2);
        final NormalizedValue primary = values.get(0);
        assertThat(primary.getValue()).isEqualTo("2026-11-20T07:05:00Z");
        assertThat(steps(primary)).contains("abbreviation-out-of-season");
        assertThat(values.get(1).getValue()).isEqualTo("2026-11-20T08:05:00Z");
        assertThat(primary.getConfidence()).isGreaterThan(values.get(1).getConfidence());
        assertThat(values.get(1).getAttributes().get("group")).isEqualTo(primary.getAttributes().get("group"));
    }

    @Test
    void shouldKeepBothReadingsWhenDayAndMonthAreAmbiguous() {
        // Given
        final Candidate c = claim("03/04/2026 09:14", "zone", "UTC");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactlyInAnyOrder("2026-04-03T09:14:00Z", "2026-03-04T09:14:00Z");
        assertThat(values).allSatisfy(v -> assertThat(v.getAttributes()).containsEntry("ambiguous", "true"));
    }

    @Test
    void shouldSettleDayMonthOrderFromAnotherDateOfTheArtifact() {
        // Given the same ticket also writes 20/11/2026, which can only be day first
        final Candidate ambiguous = claim("03/04/2026 09:14", "zone", "UTC");
        final Candidate other = claim("20/11/2026 10:00", "zone", "UTC");

        // When
        final List<NormalizedValue> values = run(ambiguous, other);

        // Then
        assertThat(instants(values)).containsExactly("2026-04-03T09:14:00Z", "2026-11-20T10:00:00Z");
        assertThat(steps(values.get(0))).contains("date-order-settle(artifact-dates)");
    }

    @Test
    void shouldReadMonthDayFormWithPacificAbbreviation() {
        // Given
        final Candidate c = claim("Nov 20, 9:14 AM PST", "anchor", "2026-11-20T18:00:00Z");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-11-20T17:14:00Z");
        assertThat(steps(values.get(0))).contains("anchor-year");
    }

    @Test
    void shouldReadMountainRegionWithDaylightAbbreviation() {
        // Given
        final Candidate c = claim("From 9:40 AM Mountain (MDT)", "anchor", "2026-10-20T16:02:44Z", "zone", "UTC");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-10-20T15:40:00Z");
        assertThat(steps(values.get(0))).contains("zone-resolve(place)", "zone-check");
    }

    @Test
    void shouldConvertCestToUtcWithLossyLastStep() {
        // Given
        final Candidate c = claim("09:05 CEST", "anchor", "2026-10-14T07:22:10Z");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-10-14T07:05:00Z");
        final List<TraceStep> trace = values.get(0).getTrace();
        assertThat(trace.get(0).getStep()).isEqualTo("parse");
        assertThat(trace.get(0).getInput()).isEqualTo("09:05 CEST");
        assertThat(trace.get(0).getLossy()).isFalse();
        assertThat(trace).anySatisfy(s -> {
            assertThat(s.getStep()).isEqualTo("zone-resolve");
            assertThat(s.getOutput()).startsWith("+02:00");
        });
        assertThat(trace.get(trace.size() - 1).getStep()).isEqualTo("to-utc");
        assertThat(trace.get(trace.size() - 1).getLossy()).isTrue();
    }

    @Test
    void shouldReadZonelessTimeInTheArtifactZoneAndSaySo() {
        // Given an email dated Wed, 14 Oct 2026 09:31:00 +0200
        final Candidate c = claim("since 09:05 this morning", "anchor", "2026-10-14T07:31:00Z", "zone", "+02:00");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-10-14T07:05:00Z");
        assertThat(steps(values.get(0))).contains("zone-resolve(artifact-zone)");
    }

    @Test
    void shouldReadPlaceNamedZoneWithAbbreviation() {
        // Given
        final Candidate c = claim("Since 09:05 Vienna time (CEST)", "anchor", "2026-10-14T07:22:10Z", "zone", "UTC");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-10-14T07:05:00Z");
        assertThat(values.get(0).getAttributes()).containsEntry("zone", "Vienna time (CEST)");
    }

    @Test
    void shouldReadRfc5322AndIsoForms() {
        // Given
        final Candidate rfc = claim("Wed, 14 Oct 2026 09:31:00 +0200 (CEST)");
        final Candidate iso = claim("2026-11-20 09:14:03Z");
        final Candidate machine = claim("2026-10-14T07:40:00.000Z");

        // When
        final List<NormalizedValue> values = run(rfc, iso, machine);

        // Then
        assertThat(instants(values)).containsExactly("2026-10-14T07:31:00Z", "2026-11-20T09:14:03Z",
                "2026-10-14T07:40:00Z");
    }

    @Test
    void shouldTakeYesterdayFromTheAnchor() {
        // Given
        final Candidate c = claim("yesterday at 17:30 CET", "anchor", "2026-11-20T08:00:00Z");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-11-19T16:30:00Z");
        assertThat(steps(values.get(0))).contains("anchor-date", "relative");
    }

    @Test
    void shouldNotTakeTheOtherClockTimeAsZoneOfTheFirst() {
        // Given a note that writes both the local and the UTC time
        final Candidate c = claim("Start 09:05 CEST = 07:05 UTC", "anchor", "2026-10-14T08:00:00Z");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-10-14T07:05:00Z");
    }

    @Test
    void shouldDropTextWithoutTime() {
        // Given
        final Candidate c = claim("as soon as possible please");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(values).isEmpty();
    }

    @Test
    void shouldReadZonelessCellInTheZoneItsColumnNames() {
        // Given a ticket's "Created (UTC)" cell
        final Candidate c = candidate("firstObservedAt", MentionType.TIME_CLAIM, "2026-10-14 07:22:10", "ticket.csv",
                "csv:row=2,col=Created (UTC)", "timeRole", "REPORT", "field", "Created (UTC)");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-10-14T07:22:10Z");
        assertThat(values.get(0).getAttributes()).containsEntry("timeRole", "REPORT");
        assertThat(values.get(0).getConfidence()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void shouldSettleIstByExplicitOffsetInTheSameText() {
        // Given
        final Candidate c = claim("outage began 09:00 IST (UTC+05:30)", "anchor", "2026-11-20T10:00:00Z");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-11-20T03:30:00Z");
        assertThat(steps(values.get(0))).contains("zone-settle(explicit-offset)");
    }

    @Test
    void shouldReadLowerCaseAbbreviationRightAfterTheTime() {
        // Given
        final Candidate c = claim("Nov 20 at 9:14 am pst", "anchor", "2026-11-20T18:00:00Z");

        // When
        final List<NormalizedValue> values = run(c);

        // Then
        assertThat(instants(values)).containsExactly("2026-11-20T17:14:00Z");
    }
}
