package dev.handoff.common;

import dev.handoff.common.ops.HandoffMetrics;
import dev.handoff.common.ops.OpsEndpoint;
import dev.handoff.common.ops.StreamsReadiness;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every handoff service shares: build the topology, start Kafka Streams with
 * exactly-once, replace a failed stream thread a bounded number of times (a registry outage heals;
 * a bug does not loop forever), stop cleanly. Several instances of one service share the work by
 * partition.
 */
public class StreamsService implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(StreamsService.class);
    private static final int MAX_REPLACEMENTS = 10;
    private static final long REPLACEMENT_WINDOW_MS = 10 * 60_000L;

    private final String name;
    private final KafkaStreams streams;
    private final Deque<Long> failures = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final StreamsReadiness readiness = new StreamsReadiness();
    private final HandoffMetrics metrics;
    private final KafkaStreamsMetrics streamsMetrics;
    private final int metricsPort;
    private final String metricsHost;
    private OpsEndpoint endpoint;

    public StreamsService(final String name, final Topology topology, final HandoffConfig config) {
        this(name, topology, StreamsSettings.streams(config, name, UUID.randomUUID().toString().substring(0, 8)),
                config.getInt(HandoffConfig.METRICS_PORT), config.get(OpsEndpoint.HOST_CONFIG, OpsEndpoint.DEFAULT_HOST));
    }

    public StreamsService(final String name, final Topology topology, final Properties props) {
        this(name, topology, props, -1, OpsEndpoint.DEFAULT_HOST);
    }

    private StreamsService(final String name, final Topology topology, final Properties props, final int metricsPort,
                           final String metricsHost) {
        this.name = name;
        this.streams = new KafkaStreams(topology, props);
        this.metricsPort = metricsPort;
        this.metricsHost = metricsHost;
        streams.setUncaughtExceptionHandler(this::onUncaught);
        streams.setStateListener((now, before) -> {
            LOGGER.info("service={} state {} -> {}", name, before, now);
            if (now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.setGlobalStateRestoreListener(readiness);
        this.metrics = HandoffMetrics.forService(name);
        // Kafka Streams, consumer and producer metrics (incl. records-lag) next to handoff's own
        // re-read every 10 s (not the 60 s default) so thread, consumer and lag meters appear soon after start
        this.streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(),
                Executors.newSingleThreadScheduledExecutor(r -> {
                    final Thread t = new Thread(r, name + "-metrics-refresh");
                    t.setDaemon(true);
                    return t;
                }), Duration.ofSeconds(10));
        streamsMetrics.bindTo(metrics.registry());
    }

    private synchronized StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaught(final Throwable e) {
        final long now = System.currentTimeMillis();
        failures.addLast(now);
        while (!failures.isEmpty() && failures.peekFirst() < now - REPLACEMENT_WINDOW_MS) {
            failures.removeFirst();
        }
        final boolean outage = DeadLetters.isOutage(e);
        LOGGER.error("service={} stream thread failed ({}{}); {} failures in the last 10 min", name,
                e.getClass().getSimpleName(), outage ? ", schema registry unreachable" : "", failures.size());
        if (failures.size() > MAX_REPLACEMENTS) {
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    public String name() {
        return name;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Starts Kafka Streams and, when {@code handoff.metrics.port} is 0 or more, the metrics and health endpoint. */
    public void start() {
        if (metricsPort >= 0 && endpoint == null) {
            try {
                endpoint = OpsEndpoint.start(metricsHost, metricsPort, metrics, () -> readiness.health(streams.state()));
            } catch (final IOException e) {
                throw new UncheckedIOException("service " + name + ": cannot open metrics port " + metricsPort, e);
            }
        }
        streams.start();
    }

    /** The bound metrics/health port, or -1 when the endpoint is off. */
    public int metricsPort() {
        return endpoint == null ? -1 : endpoint.port();
    }

    public HandoffMetrics metrics() {
        return metrics;
    }

    /** Blocks until the service is RUNNING (or fails), for the embedded default. */
    public void awaitRunning(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("service " + name + " stopped while starting");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service " + name + " not running after " + timeout.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Liveness: the client has not died. Readiness: RUNNING (not restoring, not rebalancing). */
    public boolean isAlive() {
        final KafkaStreams.State s = streams.state();
        return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING
                && s != KafkaStreams.State.PENDING_ERROR;
    }

    public boolean isReady() {
        return readiness.health(streams.state()).ready();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** Runs a service from a {@code main}: starts it and blocks until SIGTERM/Ctrl-C. */
    /**
     * Runs a service from a {@code main}: starts it and blocks until SIGTERM/Ctrl-C (exit code 0) or until
     * Kafka Streams gives up in ERROR (exit code 1), so an orchestrator restarts a dead service instead of
     * keeping a JVM that does nothing.
     */
    public static int runUntilShutdown(final StreamsService service) throws InterruptedException {
        final java.util.concurrent.atomic.AtomicBoolean signalled = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled.set(true);
            service.close();
            service.stopped.countDown();
        }, service.name() + "-shutdown"));
        service.start();
        service.stopped.await();
        if (signalled.get()) {
            return 0;
        }
        LOGGER.error("service={} stopped in state {}: exiting so it can be restarted", service.name(),
                service.streams().state());
        service.close();
        return 1;
    }
}
