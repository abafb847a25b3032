package dev.handoff.bench;

import java.util.Locale;
import java.util.Map;

/** Renders the result file as the short markdown report (tables, goals, the chart's file name). */
final class BenchReport {

    private BenchReport() {
    }

    static String markdown(final Map<String, Object> r) {
        final StringBuilder b = new StringBuilder();
        final Map<?, ?> m = map(r, "machine");
        final Map<?, ?> s = map(r, "settings");
        b.append("# handoff benchmark\n\n");
        b.append(String.format(Locale.ROOT, "%s, %s cores, %s MiB, %s; started %s, load average %s at start; "
                        + "%s mode, commit.interval.ms %s, %s partitions, %s stream thread(s) per service; "
                        + "%s s wall.%n%n",
                m.get("cpu"), m.get("cores"), m.get("memoryMiB"), m.get("java"), m.get("startedAt"),
                m.get("load1AtStart"), Boolean.TRUE.equals(s.get("quick")) ? "quick" : "full",
                s.get("commitIntervalMs"), s.get("partitions"), s.get("streamThreads"), r.get("wallSeconds")));
        b.append("Command: `./bench/run.sh").append(Boolean.TRUE.equals(s.get("quick")) ? " --quick" : "")
                .append("`. Every figure carries the 1-minute load average (`load1`) when it was taken. ")
                .append("![throughput](latest.png)\n\n");

        b.append("## Goals\n\n| goal | measured | met |\n| --- | --- | --- |\n");
        final Map<?, ?> g = map(r, "goals");
        final Map<?, ?> t = (Map<?, ?>) g.get("throughputAtLeast0.6xBare");
        row(b, "pipeline throughput >= 0.6x bare extraction (no OCR)", t.get("measured") + "x", t.get("met"));
        final Map<?, ?> l = (Map<?, ?>) g.get("addedP50AtMost3CommitIntervals");
        row(b, "added p50 latency <= 3x commit.interval.ms (light load)", l.get("measured") + " intervals",
                l.get("met"));
        final Map<?, ?> h = (Map<?, ?>) g.get("heapFlat");
        row(b, "heap after GC flat over the packet counts", h.get("heapAfterGcMiB") + " MiB", h.get("met"));
        b.append('\n');

        b.append("## Throughput by packet count\n\n")
                .append("| packets | bare packets/s | bare heap MiB | load1 | pipeline packets/s | ")
                .append("pipeline artifacts/s | ")
                .append("p50 / p95 / p99 ms | commits/s | heap after GC MiB | open aggregates | load1 |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        final Map<?, ?> bareSizes = (Map<?, ?>) map(r, "bare").get("bySize");
        final Map<?, ?> pipeSizes = (Map<?, ?>) map(r, "pipeline").get("bySize");
        for (final Object k : bareSizes.keySet()) {
            final Map<?, ?> bb = (Map<?, ?>) bareSizes.get(k);
            final Map<?, ?> pp = (Map<?, ?>) pipeSizes.get(k);
            b.append("| ").append(k).append(" | ").append(bb.get("packetsPerSecond")).append(" | ")
                    .append(bb.get("heapAfterGcMiB")).append(" | ").append(bb.get("load1")).append(" | ")
                    .append(pp.get("packetsPerSecond")).append(" | ").append(pp.get("artifactsPerSecond")).append(" | ")
                    .append(latency(pp.get("latencyMs"))).append(" | ").append(pp.get("commitsPerSecond")).append(" | ")
                    .append(pp.get("heapAfterGcMiB")).append(" | ")
                    .append(pp.get("openAggregates")).append(" | ").append(pp.get("load1")).append(" |\n");
        }
        b.append("\n## Throughput by artifacts per packet\n\n")
                .append("| artifacts/packet | packets | bare packets/s | bare artifacts/s | pipeline packets/s | ")
                .append("pipeline artifacts/s | pipeline p50 / p95 / p99 ms | load1 |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        final Map<?, ?> bareK = (Map<?, ?>) map(r, "bare").get("byArtifactsPerPacket");
        final Map<?, ?> pipeK = (Map<?, ?>) map(r, "pipeline").get("byArtifactsPerPacket");
        for (final Object k : bareK.keySet()) {
            final Map<?, ?> bb = (Map<?, ?>) bareK.get(k);
            final Map<?, ?> pp = (Map<?, ?>) pipeK.get(k);
            b.append("| ").append(k).append(" | ").append(bb.get("packets")).append(" | ")
                    .append(bb.get("packetsPerSecond")).append(" | ").append(bb.get("artifactsPerSecond")).append(" | ")
                    .append(pp.get("packetsPerSecond")).append(" | ").append(pp.get("artifactsPerSecond")).append(" | ")
                    .append(latency(pp.get("latencyMs"))).append(" | ").append(pp.get("load1")).append(" |\n");
        }

        final Map<?, ?> ratios = map(r, "ratios");
        final Map<?, ?> light = (Map<?, ?>) map(r, "pipeline").get("lightLoad");
        final Map<?, ?> pt = map(r, "passThrough");
        b.append("\n## Latency and plumbing\n\n");
        b.append(String.format(Locale.ROOT, "- Light load (one packet every %s ms, %s packets): publish-to-decision "
                        + "p50 / p95 / p99 = %s ms (load1 %s); bare per-packet time %s ms; added p50 = %s x "
                        + "commit.interval.ms.%n", light.get("intervalMs"), light.get("packets"),
                latency(light.get("latencyMs")), light.get("load1"), ratios.get("barePacketMs"),
                ratios.get("addedP50InCommitIntervals")));
        b.append("- Where the light-load latency goes (median ms per hop, last record of a packet visible to "
                + "read_committed): ").append(light.get("hopMedianMs")).append(String.format(Locale.ROOT,
                "; %s commits by the three services (%s/s).%n", light.get("commits"), light.get("commitsPerSecond")));
        final Map<?, ?> off = (Map<?, ?>) map(r, "pipeline").get("lightLoadIntervalCommitsOnly");
        b.append(String.format(Locale.ROOT, "- The same light load with idle commits off (`handoff.commit.idle.ms=-1`, "
                        + "each hop waits for the commit.interval.ms timer): p50 / p95 / p99 = %s ms, added p50 = %s x "
                        + "commit.interval.ms; per hop %s; %s commits (%s/s).%n", latency(off.get("latencyMs")),
                ratios.get("addedP50InCommitIntervalsIntervalCommitsOnly"), off.get("hopMedianMs"), off.get("commits"),
                off.get("commitsPerSecond")));
        b.append(String.format(Locale.ROOT, "- Streams pass-through (3 hops, real serdes and registry, "
                        + "exactly_once_v2, "
                        + "ArtifactNormalized records): %s records/s end to end, %s records, p50 / p95 / p99 %s ms "
                        + "(load1 %s -> %s).%n", pt.get("recordsPerSecond"), pt.get("records"),
                latency(pt.get("latencyMs")), pt.get("load1Before"), pt.get("load1After")));
        final Map<?, ?> serde = map(r, "serdeCost");
        b.append(String.format(Locale.ROOT, "- Serdes, one thread, real registry, %s ArtifactNormalized records "
                        + "(mean %s bytes): Apicurio's serializer %s us/record, handoff's (schema text cached) %s "
                        + "us/record, deserializer %s us/record (load1 %s).%n", serde.get("records"),
                serde.get("meanRecordBytes"), serde.get("apicurioSerializerMicros"),
                serde.get("handoffSerializerMicros"), serde.get("deserializerMicros"), serde.get("load1")));
        b.append(String.format(Locale.ROOT, "- Pipeline / bare throughput at the largest count: %sx; pipeline "
                + "artifacts/s %s against pass-through records/s %s.%n", ratios.get("pipelineOverBareThroughput"),
                ratios.get("pipelineArtifactsPerSecond"), ratios.get("passThroughRecordsPerSecond")));

        final Map<?, ?> ocr = (Map<?, ?>) map(r, "bare").get("ocr");
        final Map<?, ?> cache = (Map<?, ?>) map(r, "bare").get("repeatedScreenshot");
        final Map<?, ?> uniq = (Map<?, ?>) map(r, "pipeline").get("uniqueScreenshots");
        final Map<?, ?> rep = (Map<?, ?>) map(r, "pipeline").get("repeatedScreenshot");
        b.append("\n## OCR and the content-hash cache\n\n");
        b.append(String.format(Locale.ROOT, "- OCR, bare: %s screenshots, mean %s ms each (p50 / p95 / p99 %s ms, "
                        + "load1 %s).%n", ocr.get("screenshots"), ocr.get("meanScreenshotMs"),
                latency(ocr.get("screenshotMs")), ocr.get("load1")));
        b.append(String.format(Locale.ROOT, "- Same screenshot in %s packets, bare: first %s ms, repeated mean %s ms "
                        + "(%s cache hits, load1 %s).%n", cache.get("packets"), cache.get("firstMs"),
                cache.get("repeatedMeanMs"), cache.get("cacheHits"), cache.get("load1")));
        b.append(String.format(Locale.ROOT, "- Pipeline, screenshot in every packet: unique %s packets/s (p50 %s ms), "
                        + "repeated %s packets/s (p50 %s ms).%n", uniq.get("packetsPerSecond"),
                p50(uniq.get("latencyMs")), rep.get("packetsPerSecond"), p50(rep.get("latencyMs"))));

        final Map<?, ?> mem = map(r, "memory");
        b.append("\n## Memory\n\n");
        b.append(String.format(Locale.ROOT, "- Bench JVM (broker + three services + benchmark): heap after GC %s MiB "
                        + "of %s MiB max, RSS %s MiB. Registry child process RSS %s MiB.%n", mem.get("heapAfterGcMiB"),
                mem.get("maxHeapMiB"), mem.get("benchJvmRssMiB"), mem.get("registryRssMiB")));
        return b.toString();
    }

    private static void row(final StringBuilder b, final String goal, final Object measured, final Object met) {
        b.append("| ").append(goal).append(" | ").append(measured).append(" | ")
                .append(Boolean.TRUE.equals(met) ? "yes" : "**no**").append(" |\n");
    }

    private static String latency(final Object o) {
        if (o instanceof LatencySummary l) {
            return l.p50() + " / " + l.p95() + " / " + l.p99();
        }
        return String.valueOf(o);
    }

    private static Object p50(final Object o) {
        return o instanceof LatencySummary l ? l.p50() : o;
    }

    private static Map<?, ?> map(final Map<String, Object> r, final String key) {
        return (Map<?, ?>) r.get(key);
    }
}
