package dev.handoff.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.cli.embedded.EmbeddedCluster;
import dev.handoff.common.DirectoryAttachmentStore;
import dev.handoff.common.HandoffConfig;
import dev.handoff.core.ReferenceFiles;
import dev.handoff.router.RouterTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The performance benchmark of issue 10, one JVM, one generated corpus: bare extraction (the limit),
 * Streams pass-through (the plumbing), the whole pipeline on the embedded broker and registry; writes
 * {@code latest.json}, {@code latest.md} and {@code latest.png} to the output directory.
 */
public final class Benchmark {

    private static final Logger LOGGER = LoggerFactory.getLogger(Benchmark.class);
    private static final int WARM_UP_PACKETS = 60;
    private static final int SERDE_RECORDS = 20_000;
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(15);

    private final BenchOptions options;
    private final Map<String, Object> results = new LinkedHashMap<>();

    private Benchmark(final BenchOptions options) {
        this.options = options;
    }

    public static void main(final String[] args) throws Exception {
        final BenchOptions options = BenchOptions.parse(args);
        final Benchmark b = new Benchmark(options);
        final Path work = Files.createTempDirectory("handoff-bench-");
        try {
            b.run(work);
        } finally {
            deleteRecursively(work);
        }
        System.exit(0);
    }

    private void run(final Path work) throws Exception {
        final long began = System.currentTimeMillis();
        results.put("machine", machine());
        final HandoffConfig base = HandoffConfig.load().with(Map.of(
                HandoffConfig.ATTACHMENTS_DIR, work.resolve("attachments").toString(),
                HandoffConfig.STATE_DIR, work.resolve("state").toString()));
        final long commitInterval = base.getLong(HandoffConfig.COMMIT_INTERVAL_MS);
        results.put("settings", Map.of("quick", options.quick(), "sizes", options.sizes(),
                "artifactsPerPacket", options.artifactsPerPacket(), "artifactSweep", options.artifactSweep(),
                "commitIntervalMs", commitInterval, "streamThreads", base.getInt(HandoffConfig.STREAM_THREADS),
                "partitions", base.getInt(HandoffConfig.PARTITIONS)));
        final DirectoryAttachmentStore store = new DirectoryAttachmentStore(work.resolve("attachments"));
        final BenchCorpus corpus = BenchCorpus.load(options.templates(), store);
        final List<ReferenceFiles.Entry> reference = new ArrayList<>();
        options.reference().forEach(r -> reference.addAll(ReferenceFiles.read(r)));
        results.put("corpus", Map.of("templatePackets", corpus.templateCount(), "templateArtifacts", corpus.poolSize(),
                "referenceRecords", reference.size()));

        // One corpus for every stage: generated once, in the order the stages use it.
        final List<BenchPacket> warmUp = corpus.generate(WARM_UP_PACKETS, options.artifactsPerPacket(),
                BenchCorpus.Screenshots.NONE);
        final Map<Integer, List<BenchPacket>> bySize = new LinkedHashMap<>();
        for (final int size : options.sizes()) {
            bySize.put(size, corpus.generate(size, options.artifactsPerPacket(), BenchCorpus.Screenshots.NONE));
        }
        final Map<Integer, List<BenchPacket>> byArtifacts = new LinkedHashMap<>();
        for (final int k : options.artifactSweep()) {
            byArtifacts.put(k, corpus.generate(options.sweepPackets(), k, BenchCorpus.Screenshots.NONE));
        }
        final List<BenchPacket> light = corpus.generate(options.lightLoadPackets(), options.artifactsPerPacket(),
                BenchCorpus.Screenshots.NONE);
        final List<BenchPacket> ocr = corpus.generate(options.ocrPackets(), options.artifactsPerPacket(),
                BenchCorpus.Screenshots.UNIQUE);
        final List<BenchPacket> repeated = corpus.generate(options.repeatedScreenshotPackets(),
                options.artifactsPerPacket(), BenchCorpus.Screenshots.REPEATED);
        final List<BenchPacket> pipelineWarmUp = corpus.generate(20, options.artifactsPerPacket(),
                BenchCorpus.Screenshots.NONE);
        // the same light load once more with idle commits off: what the commit interval alone imposes
        final List<BenchPacket> intervalOnlyWarmUp = corpus.generate(10, options.artifactsPerPacket(),
                BenchCorpus.Screenshots.NONE);
        final List<BenchPacket> intervalOnlyLight = corpus.generate(options.lightLoadPackets(),
                options.artifactsPerPacket(), BenchCorpus.Screenshots.NONE);
        final List<List<BenchPacket>> intervalOnly = List.of(intervalOnlyWarmUp, intervalOnlyLight);

        final List<ArtifactNormalized> passThroughRecords = new ArrayList<>();
        final Map<String, Object> bare = new LinkedHashMap<>();
        try (BareExtraction extraction = new BareExtraction(base, store, reference)) {
            if (options.pipelineOnly()) {
                // the pipeline alone, for before/after figures of a fix in a service
                runPipelineOnly(base, reference, pipelineWarmUp, bySize, light, intervalOnly);
                return;
            }
            extraction.run(warmUp);
            bare.put("warmUpPackets", WARM_UP_PACKETS);
            bare.put("bySize", passes(extraction, bySize));
            bare.put("byArtifactsPerPacket", passes(extraction, byArtifacts));
            bare.put("lightLoadCorpus", pass(extraction, light));
            bare.put("ocr", ocrFigures(extraction, ocr));
            bare.put("repeatedScreenshot", cacheFigures(extraction, repeated));
            // Realistic records for the plumbing test: what the normalizer really emits.
            for (final BenchPacket p : bySize.values().iterator().next()) {
                passThroughRecords.addAll(extraction.normalize(p.event()));
            }
        }
        results.put("bare", bare);
        final List<ArtifactNormalized> ptRecords = new ArrayList<>();
        while (ptRecords.size() < options.passThroughRecords()) {
            ptRecords.addAll(passThroughRecords);
        }

        if (options.bareOnly()) {
            results.put("finishedAt", Instant.now().toString());
            Files.createDirectories(options.out());
            Files.writeString(options.out().resolve("bare-only.json"),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
            return;
        }
        final long tCluster = System.currentTimeMillis();
        try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
            results.put("cluster", Map.of("startMillis", System.currentTimeMillis() - tCluster,
                    "registryPid", cluster.registry().pid()));
            final HandoffConfig config = base.with(Map.of(HandoffConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                    HandoffConfig.REGISTRY_URL, cluster.registryUrl()));
            LOGGER.info("serde cost: {} records", SERDE_RECORDS);
            results.put("serdeCost", SerdeCost.run(cluster.registryUrl(), passThroughRecords, SERDE_RECORDS));
            LOGGER.info("pass-through: {} records", options.passThroughRecords());
            final double load = MachineProbe.loadAverage();
            final StreamsPassThrough.Run pt = StreamsPassThrough.run(config,
                    ptRecords.subList(0, options.passThroughRecords()), PIPELINE_TIMEOUT);
            results.put("passThrough", Map.of("hops", 3, "records", pt.records(), "elapsedMs", pt.elapsedMillis(),
                    "recordsPerSecond", round(pt.recordsPerSecond()), "latencyMs", pt.latency(),
                    "load1Before", load, "load1After", MachineProbe.loadAverage()));
            final Map<String, Object> p = pipeline(base, cluster, reference, pipelineWarmUp, bySize, byArtifacts,
                    light, ocr, repeated);
            results.put("memory", memory(cluster.registry().pid()));
            p.put("lightLoadIntervalCommitsOnly", intervalCommitsOnly(base, cluster, reference, intervalOnly));
            results.put("pipeline", p);
        }
        results.put("ratios", ratios(commitInterval));
        results.put("goals", goals(commitInterval));
        results.put("finishedAt", Instant.now().toString());
        results.put("wallSeconds", (System.currentTimeMillis() - began) / 1000);
        write();
    }

    private void runPipelineOnly(final HandoffConfig base, final List<ReferenceFiles.Entry> reference,
                                 final List<BenchPacket> warmUp, final Map<Integer, List<BenchPacket>> bySize,
                                 final List<BenchPacket> light, final List<List<BenchPacket>> intervalOnly)
            throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
            final Map<String, Object> p = pipeline(base, cluster, reference, warmUp, bySize, Map.of(), light,
                    List.of(), List.of());
            p.put("lightLoadIntervalCommitsOnly", intervalCommitsOnly(base, cluster, reference, intervalOnly));
            results.put("pipeline", p);
            results.put("memory", memory(cluster.registry().pid()));
        }
        results.put("finishedAt", Instant.now().toString());
        Files.createDirectories(options.out());
        Files.writeString(options.out().resolve("pipeline-only.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
    }

    /**
     * The light load again with {@link dev.handoff.common.IdleCommit} off: each hop then waits for the
     * commit.interval.ms timer, the figure the latency goal was first measured against.
     */
    private Map<String, Object> intervalCommitsOnly(final HandoffConfig base, final EmbeddedCluster cluster,
                                                    final List<ReferenceFiles.Entry> reference,
                                                    final List<List<BenchPacket>> packets) throws Exception {
        final HandoffConfig off = base.with(Map.of(HandoffConfig.COMMIT_IDLE_MS, "-1"));
        try (PipelineLoad load = new PipelineLoad(off, cluster.bootstrapServers(), cluster.registryUrl(), reference,
                PIPELINE_TIMEOUT)) {
            LOGGER.info("pipeline light load, interval commits only: {} packets", packets.get(1).size());
            load.burst(packets.get(0));
            final Map<String, Object> l = figure(load.paced(packets.get(1), options.lightLoadIntervalMillis()));
            l.put("intervalMs", options.lightLoadIntervalMillis());
            return l;
        }
    }

    private Map<String, Object> pipeline(final HandoffConfig base, final EmbeddedCluster cluster,
                                         final List<ReferenceFiles.Entry> reference,
                                         final List<BenchPacket> warmUp, final Map<Integer, List<BenchPacket>> bySize,
                                         final Map<Integer, List<BenchPacket>> byArtifacts,
                                         final List<BenchPacket> light, final List<BenchPacket> ocr,
                                         final List<BenchPacket> repeated) throws Exception {
        final Map<String, Object> out = new LinkedHashMap<>();
        try (PipelineLoad load = new PipelineLoad(base, cluster.bootstrapServers(), cluster.registryUrl(), reference,
                PIPELINE_TIMEOUT)) {
            LOGGER.info("pipeline warm-up: {} packets", warmUp.size());
            out.put("warmUp", figure(load.burst(warmUp)));
            out.put("heapAfterWarmUpMiB", MachineProbe.mib(MachineProbe.heapAfterGcBytes()));
            LOGGER.info("pipeline light load: {} packets, one every {} ms", light.size(),
                    options.lightLoadIntervalMillis());
            final Map<String, Object> l = figure(load.paced(light, options.lightLoadIntervalMillis()));
            l.put("intervalMs", options.lightLoadIntervalMillis());
            out.put("lightLoad", l);
            final Map<String, Object> sizes = new LinkedHashMap<>();
            for (final Map.Entry<Integer, List<BenchPacket>> e : bySize.entrySet()) {
                LOGGER.info("pipeline burst: {} packets", e.getKey());
                final Map<String, Object> f = figure(load.burst(e.getValue()));
                f.put("heapAfterGcMiB", MachineProbe.mib(MachineProbe.heapAfterGcBytes()));
                f.put("openAggregates", RouterTopology.OPEN_AGGREGATES.get());
                f.put("rssMiB", MachineProbe.mib(MachineProbe.rssBytes(MachineProbe.selfPid()).orElse(-1)));
                sizes.put(String.valueOf(e.getKey()), f);
            }
            out.put("bySize", sizes);
            final Map<String, Object> ks = new LinkedHashMap<>();
            for (final Map.Entry<Integer, List<BenchPacket>> e : byArtifacts.entrySet()) {
                LOGGER.info("pipeline burst: {} packets of {} artifacts", e.getValue().size(), e.getKey());
                final Map<String, Object> f = figure(load.burst(e.getValue()));
                f.put("heapAfterGcMiB", MachineProbe.mib(MachineProbe.heapAfterGcBytes()));
                ks.put(String.valueOf(e.getKey()), f);
            }
            out.put("byArtifactsPerPacket", ks);
            if (!ocr.isEmpty()) {
                LOGGER.info("pipeline with screenshots: {} unique, {} repeated", ocr.size(), repeated.size());
                out.put("uniqueScreenshots", figure(load.burst(ocr)));
                out.put("repeatedScreenshot", figure(load.burst(repeated)));
            }
        }
        return out;
    }

    private Map<String, Object> passes(final BareExtraction extraction, final Map<Integer, List<BenchPacket>> sets) {
        final Map<String, Object> out = new LinkedHashMap<>();
        for (final Map.Entry<Integer, List<BenchPacket>> e : sets.entrySet()) {
            LOGGER.info("bare extraction: {} packets of {} artifacts", e.getValue().size(),
                    e.getValue().get(0).artifactCount());
            final Map<String, Object> f = pass(extraction, e.getValue());
            f.put("heapAfterGcMiB", MachineProbe.mib(MachineProbe.heapAfterGcBytes()));
            out.put(String.valueOf(e.getKey()), f);
        }
        return out;
    }

    private static Map<String, Object> pass(final BareExtraction extraction, final List<BenchPacket> packets) {
        final double load = MachineProbe.loadAverage();
        final BareExtraction.Pass p = extraction.run(packets);
        final int artifacts = packets.stream().mapToInt(BenchPacket::artifactCount).sum();
        final Map<String, Object> f = new LinkedHashMap<>();
        f.put("packets", packets.size());
        f.put("artifacts", artifacts);
        f.put("elapsedMs", p.totalNanos() / 1_000_000);
        f.put("packetsPerSecond", round(p.packetsPerSecond()));
        f.put("artifactsPerSecond", round(artifacts / (p.totalNanos() / 1e9)));
        f.put("meanPacketMs", round(p.meanMillis()));
        f.put("packetMs", LatencySummary.ofNanos(p.packetNanos()));
        f.put("staged", p.decisions().stream().filter(d -> "STAGED".equals(String.valueOf(d.getDecision()))).count());
        f.put("load1", load);
        return f;
    }

    /** Screenshot extraction alone (a new name per packet, so every one is read and OCRed). */
    private static Map<String, Object> ocrFigures(final BareExtraction extraction, final List<BenchPacket> packets) {
        final double load = MachineProbe.loadAverage();
        final List<Long> millis = new ArrayList<>();
        for (final BenchPacket p : packets) {
            millis.add(extraction.extractNanos(p.event(), screenshotOf(p)) / 1_000_000);
        }
        final Map<String, Object> f = new LinkedHashMap<>();
        f.put("screenshots", packets.size());
        f.put("screenshotMs", LatencySummary.of(millis));
        f.put("meanScreenshotMs", round(millis.stream().mapToLong(Long::longValue).average().orElse(0)));
        f.put("load1", load);
        return f;
    }

    /** The same screenshot bytes and name in every packet: the first is read, the rest come from the cache. */
    private static Map<String, Object> cacheFigures(final BareExtraction extraction, final List<BenchPacket> packets) {
        final double load = MachineProbe.loadAverage();
        final long hitsBefore = extraction.cacheHits();
        final List<Long> micros = new ArrayList<>();
        for (final BenchPacket p : packets) {
            micros.add(extraction.extractNanos(p.event(), screenshotOf(p)) / 1000);
        }
        final Map<String, Object> f = new LinkedHashMap<>();
        f.put("packets", packets.size());
        f.put("firstMs", round(micros.get(0) / 1000.0));
        f.put("repeatedMeanMs", round(micros.subList(1, micros.size()).stream().mapToLong(Long::longValue)
                .average().orElse(0) / 1000.0));
        f.put("cacheHits", extraction.cacheHits() - hitsBefore);
        f.put("load1", load);
        return f;
    }

    private static ArtifactRef screenshotOf(final BenchPacket p) {
        return p.event().getArtifacts().stream()
                .filter(a -> a.getArtifactId().toLowerCase(Locale.ROOT).endsWith(".png")).findFirst().orElseThrow();
    }

    private static Map<String, Object> figure(final PipelineLoad.Run r) {
        final Map<String, Object> f = new LinkedHashMap<>();
        f.put("packets", r.packets());
        f.put("artifacts", r.artifacts());
        f.put("elapsedMs", r.elapsedMillis());
        f.put("packetsPerSecond", round(r.packetsPerSecond()));
        f.put("artifactsPerSecond", round(r.artifactsPerSecond()));
        f.put("latencyMs", r.latency());
        f.put("staged", r.staged());
        f.put("commits", r.commits());
        f.put("commitsPerSecond", round(r.commits() / (r.elapsedMillis() / 1000.0)));
        if (!r.hopMedians().isEmpty()) {
            f.put("hopMedianMs", r.hopMedians());
        }
        f.put("load1", MachineProbe.loadAverage());
        return f;
    }

    private static Map<String, Object> memory(final long registryPid) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapAfterGcMiB", MachineProbe.mib(MachineProbe.heapAfterGcBytes()));
        m.put("benchJvmRssMiB", MachineProbe.mib(MachineProbe.rssBytes(MachineProbe.selfPid()).orElse(-1)));
        m.put("registryRssMiB", MachineProbe.mib(MachineProbe.rssBytes(registryPid).orElse(-1)));
        m.put("maxHeapMiB", MachineProbe.mib(Runtime.getRuntime().maxMemory()));
        m.put("note", "the bench JVM holds the broker, the three services and the benchmark itself");
        return m;
    }

    private Map<String, Object> ratios(final long commitInterval) {
        final Map<String, Object> r = new LinkedHashMap<>();
        final String largest = String.valueOf(options.sizes().get(options.sizes().size() - 1));
        final double bareRate = number(path("bare", "bySize", largest, "packetsPerSecond"));
        final double pipeRate = number(path("pipeline", "bySize", largest, "packetsPerSecond"));
        r.put("pipelineOverBareThroughput", round(pipeRate / bareRate));
        final double bareMean = number(path("bare", "lightLoadCorpus", "meanPacketMs"));
        final double p50 = ((LatencySummary) path("pipeline", "lightLoad", "latencyMs")).p50();
        r.put("lightLoadP50Ms", p50);
        r.put("barePacketMs", bareMean);
        r.put("addedP50InCommitIntervals", round((p50 - bareMean) / commitInterval));
        final double p50Off = ((LatencySummary) path("pipeline", "lightLoadIntervalCommitsOnly", "latencyMs")).p50();
        r.put("lightLoadP50MsIntervalCommitsOnly", p50Off);
        r.put("addedP50InCommitIntervalsIntervalCommitsOnly", round((p50Off - bareMean) / commitInterval));
        final double ptRate = number(path("passThrough", "recordsPerSecond"));
        r.put("passThroughRecordsPerSecond", ptRate);
        r.put("pipelineArtifactsPerSecond", number(path("pipeline", "bySize", largest, "artifactsPerSecond")));
        return r;
    }

    private Map<String, Object> goals(final long commitInterval) {
        final Map<String, Object> g = new LinkedHashMap<>();
        final Map<?, ?> ratios = (Map<?, ?>) results.get("ratios");
        final double throughput = number(ratios.get("pipelineOverBareThroughput"));
        g.put("throughputAtLeast0.6xBare", Map.of("measured", throughput, "met", throughput >= 0.6));
        final double added = number(ratios.get("addedP50InCommitIntervals"));
        g.put("addedP50AtMost3CommitIntervals", Map.of("measured", added, "met", added <= 3.0));
        final List<Double> heaps = new ArrayList<>();
        ((Map<?, ?>) path("pipeline", "bySize")).values()
                .forEach(v -> heaps.add(number(((Map<?, ?>) v).get("heapAfterGcMiB"))));
        final double growth = heaps.get(heaps.size() - 1) - heaps.get(0);
        // flat: under 64 MiB or 20 % growth from the smallest to the largest run
        g.put("heapFlat", Map.of("heapAfterGcMiB", heaps, "growthMiB", round(growth),
                "met", growth < Math.max(64, 0.2 * heaps.get(0))));
        return g;
    }

    private Object path(final String... keys) {
        Object o = results;
        for (final String k : keys) {
            o = ((Map<?, ?>) o).get(k);
        }
        return o;
    }

    private static double number(final Object o) {
        return ((Number) o).doubleValue();
    }

    private static double round(final double v) {
        return Math.round(v * 100) / 100.0;
    }

    private Map<String, Object> machine() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", MachineProbe.cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryMiB", MachineProbe.mib(MachineProbe.totalMemoryBytes()));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("load1AtStart", MachineProbe.loadAverage());
        m.put("startedAt", Instant.now().toString());
        return m;
    }

    private void write() throws IOException {
        Files.createDirectories(options.out());
        final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(options.out().resolve("latest.json"), mapper.writeValueAsString(results) + "\n");
        ThroughputChart.write(results, options.out().resolve("latest.png"));
        Files.writeString(options.out().resolve("latest.md"), BenchReport.markdown(results));
        LOGGER.info("wrote {}", options.out().toAbsolutePath());
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            LOGGER.warn("could not remove {}", dir);
        }
    }
}
