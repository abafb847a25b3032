package dev.handoff.bench;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.extraction.ArtifactExtractor;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ExtractionResult;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.privacy.DefaultPrivacyScanner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Extraction cost per artifact kind on one thread (issue "Extraction"): every file under the given folders
 * is read once to warm up, then read again N times by an extractor whose cache is off, so each read parses.
 * Prints artifacts per second per kind and OCR seconds per screenshot as a Markdown table.
 *
 * <p>Usage: {@code java -cp ... dev.handoff.bench.ArtifactsPerKind [--rounds N] DIR...}
 */
public final class ArtifactsPerKind {

    private record Sample(ArtifactKind kind, long nanos, boolean readable) {
    }

    private ArtifactsPerKind() {
    }

    public static void main(final String[] args) throws IOException {
        int rounds = 3;
        final List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--rounds".equals(args[i])) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                roots.add(Path.of(args[i]));
            }
        }
        final List<Path> files = new ArrayList<>();
        for (final Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("packet.json"))
                        .filter(p -> !p.toString().contains("/expected/")).sorted().forEach(files::add);
            }
        }
        final Map<ArtifactKind, List<Sample>> byKind = new TreeMap<>();
        try (ArtifactExtractor warm = new ArtifactExtractor(ReadLimits.defaults(), new DefaultPrivacyScanner(), 0);
             ArtifactExtractor timed = new ArtifactExtractor(ReadLimits.defaults(), new DefaultPrivacyScanner(), 0)) {
            for (final Path f : files) {
                warm.extract(new ArtifactInput(f.getFileName().toString(), null, Files.readAllBytes(f)));
            }
            for (int r = 0; r < rounds; r++) {
                for (final Path f : files) {
                    final byte[] bytes = Files.readAllBytes(f);
                    final long t0 = System.nanoTime();
                    final ExtractionResult result = timed.extract(new ArtifactInput(f.getFileName().toString(), null, bytes));
                    final long dt = System.nanoTime() - t0;
                    byKind.computeIfAbsent(result.classification().getKind(), k -> new ArrayList<>())
                            .add(new Sample(result.classification().getKind(), dt, result.readable()));
                }
            }
        }
        final PrintStream out = System.out;
        out.println("| kind | artifacts read | mean ms per artifact | artifacts/s (one thread) |");
        out.println("| --- | ---: | ---: | ---: |");
        long total = 0;
        int count = 0;
        for (final Map.Entry<ArtifactKind, List<Sample>> e : byKind.entrySet()) {
            final long sum = e.getValue().stream().mapToLong(Sample::nanos).sum();
            total += sum;
            count += e.getValue().size();
            final double meanMs = sum / 1e6 / e.getValue().size();
            out.printf("| %s | %d | %.1f | %.1f |%n", e.getKey(), e.getValue().size(), meanMs, 1000.0 / meanMs);
        }
        out.printf("| all | %d | %.1f | %.1f |%n", count, total / 1e6 / count, count / (total / 1e9));
        final List<Sample> shots = byKind.getOrDefault(ArtifactKind.SCREENSHOT, List.of());
        if (!shots.isEmpty()) {
            out.printf("%nOCR: %.2f s per screenshot (mean of %d reads, including privacy scan and mining)%n",
                    shots.stream().mapToLong(Sample::nanos).average().orElse(0) / 1e9, shots.size());
        }
        out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }
}
