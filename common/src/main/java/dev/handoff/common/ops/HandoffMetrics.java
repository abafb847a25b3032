package dev.handoff.common.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * handoff's own metrics for one service, in a Prometheus registry that service's endpoint serves.
 * Labels only ever carry bounded values (outcomes, codes, artifact kinds, stage names): never a
 * packet id, a person, a tenant or artifact text, so cardinality stays fixed however much flows.
 */
public final class HandoffMetrics {

    public static final String PACKETS_RECEIVED = "handoff.packets.received";
    public static final String DECISIONS = "handoff.decisions";
    public static final String DECISION_REASONS = "handoff.decision.reasons";
    public static final String WARNINGS = "handoff.warnings";
    public static final String PRIVACY_FLAGS = "handoff.privacy.flags";
    public static final String ARTIFACTS = "handoff.artifacts";
    public static final String STAGE_LATENCY = "handoff.stage.latency";
    public static final String END_TO_END_LATENCY = "handoff.end.to.end.latency";
    public static final String OCR = "handoff.ocr";
    public static final String CACHE_HIT_RATIO = "handoff.extraction.cache.hit.ratio";
    public static final String DEAD_LETTERS = "handoff.dead.letters";
    public static final String ROUTER_OPEN_PACKETS = "handoff.router.open.packets";

    /** A label value that is not a known-shaped code becomes this, so data can never become a label. */
    public static final String OTHER = "OTHER";

    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    /** Buckets from 5 ms (a decision) to 10 min (a slow OCR plus the router's grace period). */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(600),
    };
    private static final ConcurrentMap<String, HandoffMetrics> BY_SERVICE = new ConcurrentHashMap<>();

    private final String service;
    private final PrometheusMeterRegistry registry;

    private HandoffMetrics(final String service) {
        this.service = service;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // never closed: lives as long as the JVM, like the registry it feeds
        new JvmGcMetrics().bindTo(registry);
    }

    /**
     * The metrics of one service in this JVM. In production a JVM runs one service; the embedded
     * default runs three, each with its own registry and endpoint.
     */
    public static HandoffMetrics forService(final String service) {
        return BY_SERVICE.computeIfAbsent(label(service), HandoffMetrics::new);
    }

    public String service() {
        return service;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition of everything in this service's registry. */
    public String scrape() {
        return registry.scrape();
    }

    public void packetReceived() {
        Counter.builder(PACKETS_RECEIVED).description("Packet-received events seen").register(registry).increment();
    }

    /**
     * One published decision: its outcome, each distinct reason, warning and privacy code once, and
     * the end-to-end latency from the packet's publication (skipped when the publisher did not stamp it).
     */
    public void decision(final String outcome, final Collection<String> reasonCodes, final Collection<String> warningCodes,
                         final Collection<String> privacyCodes, final long publishedAtMillis, final long decidedAtMillis) {
        Counter.builder(DECISIONS).description("Decisions published, by outcome").tag("outcome", label(outcome))
                .register(registry).increment();
        for (final String code : distinct(reasonCodes)) {
            Counter.builder(DECISION_REASONS).description("Decisions carrying a reason code").tag("code", code)
                    .register(registry).increment();
        }
        for (final String code : distinct(warningCodes)) {
            Counter.builder(WARNINGS).description("Decisions carrying a warning code").tag("code", code)
                    .register(registry).increment();
        }
        for (final String code : distinct(privacyCodes)) {
            Counter.builder(PRIVACY_FLAGS).description("Decisions carrying a privacy flag code").tag("code", code)
                    .register(registry).increment();
        }
        if (publishedAtMillis > 0 && decidedAtMillis >= publishedAtMillis) {
            histogram(END_TO_END_LATENCY, "Packet published to decision published").register(registry)
                    .record(Duration.ofMillis(decidedAtMillis - publishedAtMillis));
        }
    }

    /** One artifact read by the extractor: its kind and the reader outcome ({@link ArtifactOutcome}). */
    public void artifact(final String kind, final ArtifactOutcome outcome) {
        Counter.builder(ARTIFACTS).description("Artifacts extracted, by kind and reader outcome")
                .tag("kind", label(kind)).tag("outcome", outcome.label()).register(registry).increment();
    }

    /** Time one record spent in a stage (extract, normalize, decide). */
    public void stageLatency(final String stage, final Duration elapsed) {
        histogram(STAGE_LATENCY, "Time one record spends in a pipeline stage").tag("stage", label(stage))
                .register(registry).record(elapsed);
    }

    /** Extraction time of an image artifact, which OCR dominates. */
    public void ocr(final Duration elapsed) {
        histogram(OCR, "Extraction time of image artifacts (OCR)").register(registry).record(elapsed);
    }

    /** One record routed to the dead-letter topic, by the topic it came from (a handoff topic name). */
    public void deadLetter(final String sourceTopic) {
        Counter.builder(DEAD_LETTERS).description("Records routed to the dead-letter topic")
                .tag("topic", label(sourceTopic)).register(registry).increment();
    }

    /** A gauge read at scrape time; registering the same name twice keeps the first. */
    public void gauge(final String name, final String description, final Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }

    /** A bounded label value: codes, kinds and outcomes pass, anything else becomes {@value #OTHER}. */
    public static String label(final String raw) {
        if (raw == null || !CODE.matcher(raw).matches()) {
            return OTHER;
        }
        return raw;
    }

    private static Set<String> distinct(final Collection<String> codes) {
        final Set<String> out = new TreeSet<>();
        if (codes != null) {
            codes.forEach(c -> out.add(label(c)));
        }
        return out;
    }

    private static Timer.Builder histogram(final String name, final String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1]);
    }

    /** What the extractor made of an artifact. */
    public enum ArtifactOutcome {
        /** Read and mined. */
        READ,
        /** Not readable within the bounds (hostile, truncated, encrypted, too large). */
        UNREADABLE,
        /** The claim check or the reader failed; the packet carries an ARTIFACT_UNREADABLE warning. */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
