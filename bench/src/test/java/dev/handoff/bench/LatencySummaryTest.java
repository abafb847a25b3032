package dev.handoff.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void shouldReportNearestRankPercentilesWhenLatenciesAreUnordered() {
        // Given
        final List<Long> millis = new ArrayList<>();
        for (long v = 100; v >= 1; v--) {
            millis.add(v);
        }

        // When
        final LatencySummary s = LatencySummary.of(millis);

        // Then
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p95()).isEqualTo(95);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
    }

    @Test
    void shouldMarkSummaryEmptyWhenNothingWasMeasured() {
        // Given
        final List<Long> none = List.of();

        // When
        final LatencySummary s = LatencySummary.of(none);

        // Then
        assertThat(s.count()).isZero();
        assertThat(s.p50()).isEqualTo(-1);
    }
}
