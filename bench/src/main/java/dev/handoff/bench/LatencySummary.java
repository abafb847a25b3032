package dev.handoff.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a set of latencies, in milliseconds. */
record LatencySummary(int count, long p50, long p95, long p99, long max) {

    static LatencySummary of(final List<Long> millis) {
        final long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencySummary(0, -1, -1, -1, -1);
        }
        return new LatencySummary(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    static LatencySummary ofNanos(final long[] nanos) {
        return of(Arrays.stream(nanos).map(n -> n / 1_000_000).boxed().toList());
    }

    private static long rank(final long[] sorted, final int percentile) {
        final int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
