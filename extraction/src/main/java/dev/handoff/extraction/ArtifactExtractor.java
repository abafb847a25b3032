package dev.handoff.extraction;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.Codes;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.candidate.CandidateMiner;
import dev.handoff.extraction.classify.ArtifactClassifier;
import dev.handoff.extraction.reader.ArtifactReader;
import dev.handoff.privacy.PrivacyReport;
import dev.handoff.privacy.PrivacyScanner;
import dev.handoff.privacy.Redactor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one untrusted artifact into redacted candidates: classify, read under a time limit on a
 * bounded pool, mine every segment, read embedded artifacts, scan for secrets and redact every string
 * that leaves. A hostile, huge or broken file becomes a warning on the result; this class never throws
 * for bad input. Thread-safe.
 */
public final class ArtifactExtractor implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ArtifactExtractor.class);

    /** Name/version written into the whole-segment text candidates. */
    public static final String TEXT_EXTRACTOR = "segment-text/1";
    /** Cut of one segment's text candidate. */
    public static final int MAX_SEGMENT_TEXT = 8_000;
    /** Total text candidates per artifact, embedded artifacts included. */
    public static final int MAX_ARTIFACT_TEXT = 256 * 1024;
    /** Embedded artifacts are followed this deep (an attachment of an attachment). */
    public static final int MAX_EMBEDDED_DEPTH = 2;
    /** Attribute naming the embedded artifact a candidate came from. */
    public static final String EMBEDDED = "embedded";
    public static final long DEFAULT_CACHE_SIZE = 512;
    private static final double UNCLASSIFIED_BELOW = 0.5;
    private static final int QUEUE = 256;
    /** The pool may grow to this many times its size while threads are stuck in uninterruptible parsers. */
    private static final int STUCK_THREAD_FACTOR = 4;

    private final ReadLimits limits;
    private final PrivacyScanner scanner;
    private final ReaderRegistry registry;
    private final Function<ArtifactInput, Classification> classifier;
    private final CandidateMiner miner = new CandidateMiner();
    private final ExtractionCache cache;
    private final ThreadPoolExecutor pool;
    private final int maxThreads;

    public ArtifactExtractor(final ReadLimits limits, final PrivacyScanner scanner, final long cacheSize) {
        this(limits, scanner, cacheSize, ReaderRegistry.defaults(), new ArtifactClassifier()::classify);
    }

    /** For other reader sets and classifiers (tests, a service with extra formats). */
    public ArtifactExtractor(final ReadLimits limits, final PrivacyScanner scanner, final long cacheSize,
                             final ReaderRegistry registry, final Function<ArtifactInput, Classification> classifier) {
        this.limits = limits;
        this.scanner = scanner;
        this.registry = registry;
        this.classifier = classifier;
        this.cache = new ExtractionCache(cacheSize);
        final int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.maxThreads = threads * STUCK_THREAD_FACTOR;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                new ReaderThreads());
        this.pool.allowCoreThreadTimeOut(true);
    }

    public static ArtifactExtractor withDefaults(final PrivacyScanner scanner) {
        return new ArtifactExtractor(ReadLimits.defaults(), scanner, DEFAULT_CACHE_SIZE);
    }

    /** Extracts one artifact; identical input (bytes, id, kind hint) is served from the cache. */
    public ExtractionResult extract(final ArtifactInput input) {
        return cache.get(input, this::extractUncached);
    }

    public ExtractionCache.Stats cacheStats() {
        return cache.stats();
    }

    /** Stops the reader threads; a reader stuck in native code is abandoned (the threads are daemons). */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private ExtractionResult extractUncached(final ArtifactInput input) {
        final String id = input.artifactId();
        final byte[] bytes = input.bytes() == null ? new byte[0] : input.bytes();
        final List<Notice> warnings = new ArrayList<>();
        final Classification classification = classify(input);
        final Collected collected = new Collected();
        boolean readable = false;
        Map<String, String> attributes = Map.of();

        if (bytes.length > limits.maxBytes()) {
            warnings.add(notice(Codes.ARTIFACT_UNREADABLE, id + ": " + bytes.length + " bytes is over the "
                    + limits.maxBytes() + "-byte limit; not parsed", id));
        } else {
            final Outcome outcome = readAndMine(new ArtifactInput(id, input.kindHint(), bytes), classification, null);
            if (outcome.problem() != null) {
                warnings.add(notice(Codes.ARTIFACT_UNREADABLE, id + ": " + outcome.problem(), id));
            } else {
                readable = outcome.content().readable();
                attributes = outcome.content().attributes();
                collected.add(outcome, id, null);
                warnings.addAll(outcome.content().warnings());
                embedded(id, outcome.content(), 1, collected, warnings);
            }
        }
        if (classification.getConfidence() < UNCLASSIFIED_BELOW
                || classification.getKind() == ArtifactKind.OTHER && !collected.hasText()) {
            warnings.add(notice(Codes.ARTIFACT_UNCLASSIFIED, id + ": could not tell what kind of artifact this is ("
                    + classification.getReason() + ")", id));
        }

        final Optional<PrivacyReport> report = scan(id, classification.getKind(), bytes, collected.segments);
        if (report.isEmpty()) {
            // Fail closed: without a scan nothing of the artifact's text may leave.
            warnings.add(notice(Codes.ARTIFACT_UNREADABLE, id + ": privacy scan failed; no text of it is used", id));
            return new ExtractionResult(classification, readable, false, List.of(), List.of(),
                    redactNotices(warnings, Redactor.none(), id), Map.of());
        }
        final Redactor redactor = report.get().redactor();
        final List<Candidate> candidates = dedupe(redactCandidates(collected.candidates, redactor));
        final List<PrivacyFinding> findings = report.get().findings();
        return new ExtractionResult(classification, readable, !report.get().hasSecrets(), candidates, findings,
                redactNotices(warnings, redactor, id), redactMap(attributes, redactor));
    }

    private Classification classify(final ArtifactInput input) {
        try {
            final Classification c = classifier.apply(input);
            if (c != null) {
                return c;
            }
        } catch (final RuntimeException | StackOverflowError e) {
            LOGGER.warn("classification failed artifactId={} error={}", input.artifactId(), e.getClass().getSimpleName());
        }
        final ArtifactKind kind = input.kindHint() == null ? ArtifactKind.OTHER : input.kindHint();
        return Classification.newBuilder().setKind(kind).setMediaType("application/octet-stream")
                .setReason("classification failed").setConfidence(0.0).build();
    }

    /** Reads embedded artifacts (attachments) depth-first, within the depth and count limits. */
    private void embedded(final String parentId, final ArtifactContent content, final int depth,
                          final Collected collected, final List<Notice> warnings) {
        for (final ArtifactContent.EmbeddedArtifact child : content.embedded()) {
            if (depth > MAX_EMBEDDED_DEPTH || collected.embeddedCount >= limits.maxEmbedded()) {
                warnings.add(notice(Codes.ARTIFACT_UNREADABLE, parentId + ": embedded artifact '" + child.name()
                        + "' not read (limit of " + limits.maxEmbedded() + " embedded artifacts, depth "
                        + MAX_EMBEDDED_DEPTH + ")", parentId));
                continue;
            }
            collected.embeddedCount++;
            final byte[] bytes = child.bytes() == null ? new byte[0] : child.bytes();
            if (bytes.length > limits.maxBytes()) {
                warnings.add(notice(Codes.ARTIFACT_UNREADABLE, parentId + ": embedded artifact '" + child.name()
                        + "' is over the byte limit; not parsed", parentId));
                continue;
            }
            // Evidence of an attachment is cited under the artifact the packet actually holds.
            final ArtifactInput input = new ArtifactInput(parentId, null, bytes);
            final Classification classification = classify(input);
            final Outcome outcome = readAndMine(input, classification, child.name());
            if (outcome.problem() != null) {
                warnings.add(notice(Codes.ARTIFACT_UNREADABLE, parentId + ": embedded artifact '" + child.name()
                        + "': " + outcome.problem(), parentId));
                continue;
            }
            collected.add(outcome, parentId, child.name());
            warnings.addAll(outcome.content().warnings());
            embedded(parentId, outcome.content(), depth + 1, collected, warnings);
        }
    }

    /** What one read produced: content and mined candidates, or a one-line problem. */
    private record Outcome(ArtifactContent content, List<Candidate> candidates, String problem) {
    }

    private Outcome readAndMine(final ArtifactInput input, final Classification classification, final String embeddedName) {
        final Optional<ArtifactReader> reader = registry.readerFor(classification);
        if (reader.isEmpty()) {
            return new Outcome(null, List.of(), "no reader for " + classification.getMediaType());
        }
        final Callable<Outcome> task = () -> {
            final ArtifactContent content = reader.get().read(input, classification, limits);
            if (content == null) {
                throw new IOException("reader returned nothing");
            }
            return new Outcome(content, mine(content, input.artifactId(), embeddedName), null);
        };
        return runBounded(task, input.artifactId(), readerName(reader.get()));
    }

    private List<Candidate> mine(final ArtifactContent content, final String artifactId, final String embeddedName) {
        final List<Candidate> out = new ArrayList<>();
        for (final Candidate c : content.candidates()) {
            out.add(rehome(c, artifactId, embeddedName));
        }
        for (final TextSegment segment : content.segments()) {
            for (final Candidate c : miner.mine(segment)) {
                out.add(rehome(c, artifactId, embeddedName));
            }
        }
        return out;
    }

    /** Embedded candidates cite the packet's artifact and say which attachment they came from. */
    private static Candidate rehome(final Candidate c, final String artifactId, final String embeddedName) {
        if (embeddedName == null && artifactId.equals(c.getEvidence().getArtifactId())) {
            return c;
        }
        final Map<String, String> attrs = new HashMap<>(c.getAttributes());
        if (embeddedName != null) {
            attrs.put(EMBEDDED, embeddedName);
        }
        return copy(c, c.getValue(), evidence(artifactId, c.getEvidence().getLocator(), c.getEvidence().getExcerpt()), attrs);
    }

    /**
     * Runs a task on the bounded pool. The time limit counts from when the task starts, so a busy
     * pool delays work instead of failing it; waiting for a thread is itself bounded by the limit.
     */
    private <T> T runBoundedRaw(final Callable<T> task, final CountDownLatch started) throws Exception {
        final Duration timeout = limits.timeout();
        final AtomicBoolean running = new AtomicBoolean();
        final Future<T> future = pool.submit(() -> {
            running.set(true);
            started.countDown();
            try {
                return task.call();
            } finally {
                running.set(false);
            }
        });
        try {
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                future.cancel(true);
                throw new TimeoutException("queue");
            }
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException | InterruptedException e) {
            future.cancel(true);
            if (running.get()) {
                replaceStuckThread();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /**
     * A parser that ignores interruption keeps its thread; give the pool one more so hostile files
     * cannot starve the healthy ones, up to a fixed ceiling.
     */
    private synchronized void replaceStuckThread() {
        final int size = pool.getMaximumPoolSize();
        if (size < maxThreads) {
            pool.setMaximumPoolSize(size + 1);
            pool.setCorePoolSize(size + 1);
            LOGGER.warn("reader thread stuck after timeout; pool grown threads={}", size + 1);
        }
    }

    private Outcome runBounded(final Callable<Outcome> task, final String artifactId, final String readerName) {
        try {
            return runBoundedRaw(task, new CountDownLatch(1));
        } catch (final TimeoutException e) {
            LOGGER.warn("artifact read timed out artifactId={} reader={}", artifactId, readerName);
            return problem("reading took longer than " + limits.timeout().toSeconds() + " s and was stopped");
        } catch (final RejectedExecutionException e) {
            return problem("not read: the extractor is overloaded");
        } catch (final InterruptedException e) {
            return problem("reading was interrupted");
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            LOGGER.warn("artifact unreadable artifactId={} reader={} error={}", artifactId, readerName,
                    cause.getClass().getSimpleName());
            return problem(describe(cause, readerName));
        } catch (final Exception e) {
            return problem(describe(e, readerName));
        }
    }

    private static String readerName(final ArtifactReader reader) {
        final String name = reader.getClass().getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Outcome problem(final String message) {
        return new Outcome(null, List.of(), message);
    }

    /** A one-line reason naming the problem, never the exception message (it may quote content). */
    static String describe(final Throwable t, final String readerName) {
        if (t instanceof OutOfMemoryError) {
            return "too large to read in memory (" + readerName + ")";
        }
        if (t instanceof StackOverflowError) {
            return "nested too deeply to read (" + readerName + ")";
        }
        if (t instanceof IOException) {
            return "corrupt or truncated (" + t.getClass().getSimpleName() + " in " + readerName + ")";
        }
        return "could not be read (" + t.getClass().getSimpleName() + " in " + readerName + ")";
    }

    private Optional<PrivacyReport> scan(final String id, final ArtifactKind kind, final byte[] bytes,
                                         final List<TextSegment> segments) {
        try {
            final PrivacyReport report = runBoundedRaw(() -> scanner.scan(id, kind, bytes, segments), new CountDownLatch(1));
            return Optional.ofNullable(report);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (final Exception e) {
            final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOGGER.warn("privacy scan failed artifactId={} error={}", id, cause.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Accumulates segments, candidates and whole-segment text across an artifact and its attachments. */
    private static final class Collected {
        private final List<TextSegment> segments = new ArrayList<>();
        private final List<Candidate> candidates = new ArrayList<>();
        private int textChars;
        private int embeddedCount;

        void add(final Outcome outcome, final String artifactId, final String embeddedName) {
            candidates.addAll(outcome.candidates());
            for (final TextSegment segment : outcome.content().segments()) {
                segments.add(segment);
                if (segment.text().isBlank() || textChars >= MAX_ARTIFACT_TEXT) {
                    continue;
                }
                final int cut = Math.min(segment.text().length(),
                        Math.min(MAX_SEGMENT_TEXT, MAX_ARTIFACT_TEXT - textChars));
                textChars += cut;
                final String text = segment.text().substring(0, cut);
                candidates.add(Candidate.newBuilder()
                        .setField("text")
                        .setType(MentionType.OTHER)
                        .setValue(text)
                        .setEvidence(Evidence.newBuilder().setArtifactId(artifactId)
                                .setLocator(segment.locate(0, cut)).setExcerpt(text).build())
                        .setConfidence(1.0)
                        .setExtractor(TEXT_EXTRACTOR)
                        .setAttributes(textAttributes(segment, embeddedName))
                        .build());
            }
        }

        private static Map<String, String> textAttributes(final TextSegment segment, final String embeddedName) {
            final Map<String, String> attrs = new HashMap<>(segment.context());
            if (embeddedName != null) {
                attrs.put(EMBEDDED, embeddedName);
            }
            return attrs;
        }

        boolean hasText() {
            return segments.stream().anyMatch(s -> !s.text().isBlank());
        }
    }

    private static List<Candidate> redactCandidates(final List<Candidate> candidates, final Redactor redactor) {
        final List<Candidate> out = new ArrayList<>(candidates.size());
        for (final Candidate c : candidates) {
            final Evidence e = c.getEvidence();
            out.add(copy(c, redact(redactor, c.getValue()),
                    evidence(e.getArtifactId(), redact(redactor, e.getLocator()), redact(redactor, e.getExcerpt())),
                    redactMap(c.getAttributes(), redactor)));
        }
        return out;
    }

    private static Map<String, String> redactMap(final Map<String, String> map, final Redactor redactor) {
        final Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, redact(redactor, v)));
        return out;
    }

    private static List<Notice> redactNotices(final List<Notice> notices, final Redactor redactor, final String id) {
        final List<Notice> out = new ArrayList<>(notices.size());
        for (final Notice n : notices) {
            final List<Evidence> evidence = new ArrayList<>();
            for (final Evidence e : n.getEvidence()) {
                evidence.add(evidence(e.getArtifactId(), redact(redactor, e.getLocator()), redact(redactor, e.getExcerpt())));
            }
            out.add(Notice.newBuilder().setCode(n.getCode()).setMessage(redact(redactor, n.getMessage()))
                    .setFields(new ArrayList<>(n.getFields()))
                    .setArtifactId(n.getArtifactId() == null ? id : n.getArtifactId())
                    .setEvidence(evidence).build());
        }
        return out;
    }

    /**
     * Builds a fresh candidate rather than {@code Candidate.newBuilder(c)}: the copying builder deep-copies
     * the enum through Avro's class-security check, which refuses generated enums unless configured.
     */
    private static Candidate copy(final Candidate c, final String value, final Evidence evidence,
                                  final Map<String, String> attributes) {
        return Candidate.newBuilder().setField(c.getField()).setType(c.getType()).setValue(value).setEvidence(evidence)
                .setConfidence(c.getConfidence()).setExtractor(c.getExtractor()).setAttributes(attributes).build();
    }

    private static Evidence evidence(final String artifactId, final String locator, final String excerpt) {
        return Evidence.newBuilder().setArtifactId(artifactId).setLocator(locator).setExcerpt(excerpt).build();
    }

    private static String redact(final Redactor redactor, final String text) {
        return text == null ? null : redactor.redact(text);
    }

    /** Identical mentions (type, value, locator) collapse to the most confident one. */
    static List<Candidate> dedupe(final List<Candidate> candidates) {
        final Map<String, Candidate> byKey = new LinkedHashMap<>();
        for (final Candidate c : candidates) {
            final String key = c.getType() + "\u0000" + c.getValue() + "\u0000" + c.getEvidence().getLocator();
            final Candidate seen = byKey.get(key);
            if (seen == null || c.getConfidence() > seen.getConfidence()) {
                byKey.put(key, c);
            }
        }
        return List.copyOf(byKey.values());
    }

    private static Notice notice(final String code, final String message, final String artifactId) {
        return Notice.newBuilder().setCode(code).setMessage(message).setFields(List.of())
                .setArtifactId(artifactId).setEvidence(List.of()).build();
    }

    /** Daemon threads, so a reader stuck in native code cannot keep the JVM alive. */
    private static final class ReaderThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable r) {
            final Thread t = new Thread(r, "artifact-reader-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
