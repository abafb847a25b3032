package dev.handoff.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line: {@code [--packets N] [--artifacts-per-packet K] [--quick|--smoke]
 * [--bare-only|--pipeline-only] [--out DIR] [--templates DIR]... [--reference DIR]...}. Quick mode
 * keeps one run near ten minutes on a busy two-core machine; the full run goes to 10,000 packets;
 * smoke only proves every stage runs;
 * bare-only and pipeline-only measure one side alone (before/after figures of a fix).
 */
record BenchOptions(boolean quick, boolean bareOnly, boolean pipelineOnly, List<Integer> sizes,
                    int artifactsPerPacket, List<Integer> artifactSweep, int sweepPackets, int lightLoadPackets,
                    long lightLoadIntervalMillis, int passThroughRecords, int ocrPackets,
                    int repeatedScreenshotPackets, Path out, List<Path> templates, List<Path> reference) {

    static BenchOptions parse(final String[] args) {
        boolean quick = false;
        boolean smoke = false;
        boolean bareOnly = false;
        boolean pipelineOnly = false;
        Integer packets = null;
        int k = 5;
        Path out = Path.of("bench/results");
        final List<Path> templates = new ArrayList<>();
        final List<Path> reference = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--smoke" -> smoke = true;
                case "--bare-only" -> bareOnly = true;
                case "--pipeline-only" -> pipelineOnly = true;
                case "--packets" -> packets = Integer.parseInt(args[++i]);
                case "--artifacts-per-packet" -> k = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--templates" -> templates.add(Path.of(args[++i]));
                case "--reference" -> reference.add(Path.of(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: [--packets N] [--artifacts-per-packet K] [--quick] [--out DIR]"
                        + " [--templates DIR]... [--reference DIR]...)");
            }
        }
        if (templates.isEmpty() || reference.isEmpty()) {
            throw new IllegalArgumentException("--templates and --reference are required (bench/run.sh sets them)");
        }
        final int largest = packets != null ? packets : quick ? 1000 : 10_000;
        final List<Integer> sizes = new ArrayList<>();
        for (final int s : List.of(100, 1000, 10_000)) {
            if (s < largest) {
                sizes.add(s);
            }
        }
        sizes.add(largest);
        if (smoke) {
            // a minute-long run that only proves every stage works end to end
            return new BenchOptions(true, bareOnly, pipelineOnly, List.of(20), k, List.of(3, 10), 5, 5, 500, 200, 2, 3,
                    out, templates, reference);
        }
        return quick
                ? new BenchOptions(true, bareOnly, pipelineOnly, sizes, k, List.of(3, 10, 50), 20, 20, 1000, 1000, 4, 8,
                        out, templates, reference)
                : new BenchOptions(false, bareOnly, pipelineOnly, sizes, k, List.of(3, 10, 25, 50), 100, 60, 1000,
                        10_000, 10, 30, out, templates, reference);
    }
}
