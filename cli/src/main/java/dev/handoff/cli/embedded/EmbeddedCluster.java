package dev.handoff.cli.embedded;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: an in-process Kafka broker and an Apicurio registry child process,
 * started together and closed together, so a run needs nothing installed or running.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedCluster.class);

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistryServer registry;

    private EmbeddedCluster(final EmbeddedKafkaBroker broker, final ApicurioRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * Starts a default broker and registry.
     *
     * @return the running cluster
     */
    public static EmbeddedCluster start() {
        return start(EmbeddedKafkaBroker.builder(), ApicurioRegistryServer.builder());
    }

    /**
     * Starts the broker and the registry in parallel (the registry JVM takes seconds to boot,
     * the broker about as long); if either fails, the other is closed and the failure thrown.
     *
     * @param brokerSettings the broker builder
     * @param registrySettings the registry builder
     * @return the running cluster
     * @throws EmbeddedStartupException when either cannot start
     */
    public static EmbeddedCluster start(final EmbeddedKafkaBroker.Builder brokerSettings,
                                        final ApicurioRegistryServer.Builder registrySettings) {
        Objects.requireNonNull(brokerSettings, "brokerSettings");
        Objects.requireNonNull(registrySettings, "registrySettings");
        final ExecutorService starter = Executors.newFixedThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "embedded-cluster-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            final CompletableFuture<ApicurioRegistryServer> registryFuture =
                CompletableFuture.supplyAsync(registrySettings::start, starter);
            final CompletableFuture<EmbeddedKafkaBroker> brokerFuture =
                CompletableFuture.supplyAsync(brokerSettings::start, starter);
            final EmbeddedKafkaBroker broker = joinOrCleanUp(brokerFuture, registryFuture);
            final ApicurioRegistryServer registry = joinOrCleanUp(registryFuture, brokerFuture);
            LOGGER.info("Embedded Kafka broker ready at {} (controller port {}) in {} ms",
                broker.bootstrapServers(), broker.controllerPort(), broker.startupMillis());
            LOGGER.info("Embedded Apicurio registry ready at {} (pid {}) in {} ms",
                registry.url(), registry.pid(), registry.startupMillis());
            return new EmbeddedCluster(broker, registry);
        } finally {
            starter.shutdown();
        }
    }

    /**
     * Returns the bootstrap address of the broker.
     *
     * @return {@code 127.0.0.1:port}
     */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Returns the registry's v2 API URL for {@code apicurio.registry.url}.
     *
     * @return the URL
     */
    public String registryUrl() {
        return registry.url();
    }

    /**
     * Returns the broker, for its ports, client properties and directory.
     *
     * @return the broker
     */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    /**
     * Returns the registry, for its port, process and log.
     *
     * @return the registry
     */
    public ApicurioRegistryServer registry() {
        return registry;
    }

    /** Closes the registry first (nothing depends on it once clients stop), then the broker. */
    @Override
    public void close() {
        final long begin = System.nanoTime();
        try {
            registry.close();
        } finally {
            broker.close();
        }
        LOGGER.info("Embedded cluster stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    private static <T extends AutoCloseable, O extends AutoCloseable> T joinOrCleanUp(
        final CompletableFuture<T> wanted, final CompletableFuture<O> other) {
        try {
            return wanted.join();
        } catch (final CompletionException e) {
            // the other half may still be starting: close it whenever it is ready, and say why
            other.handle((started, failure) -> {
                closeQuietly(started);
                return null;
            }).join();
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                : new EmbeddedStartupException("Embedded cluster failed to start: " + e.getCause(), e.getCause());
        }
    }

    private static void closeQuietly(final AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (final Exception e) {
            LOGGER.warn("Cannot close {} after a failed start: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
