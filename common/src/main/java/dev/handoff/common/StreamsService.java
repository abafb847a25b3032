package dev.handoff.common;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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

    public StreamsService(final String name, final Topology topology, final HandoffConfig config) {
        this(name, topology, StreamsSettings.streams(config, name, UUID.randomUUID().toString().substring(0, 8)));
    }

    public StreamsService(final String name, final Topology topology, final Properties props) {
        this.name = name;
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(this::onUncaught);
        streams.setStateListener((now, before) -> LOGGER.info("service={} state {} -> {}", name, before, now));
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

    public void start() {
        streams.start();
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
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    /** Runs a service from a {@code main}: starts it and blocks until SIGTERM/Ctrl-C. */
    public static void runUntilShutdown(final StreamsService service) throws InterruptedException {
        final CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            done.countDown();
        }, service.name() + "-shutdown"));
        service.start();
        done.await();
    }
}
