package dev.handoff.cli.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running inside this JVM from
 * the production Kafka jars, on free loopback ports and a temporary directory it deletes on close.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Placeholder in property overrides replaced by the client listener port. */
    public static final String BROKER_PORT_PLACEHOLDER = "{brokerPort}";
    /** Placeholder in property overrides replaced by the controller listener port. */
    public static final String CONTROLLER_PORT_PLACEHOLDER = "{controllerPort}";

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int MAX_START_ATTEMPTS = 5;

    private final KafkaRaftServer server;
    private final Path workDirectory;
    private final int brokerPort;
    private final int controllerPort;
    private final String listenerName;
    private final Map<String, Object> clientProperties;
    private final long startupMillis;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(final Started started, final String listenerName, final long startupMillis) {
        this.server = started.server();
        this.workDirectory = started.workDirectory();
        this.brokerPort = started.brokerPort();
        this.controllerPort = started.controllerPort();
        this.listenerName = listenerName;
        this.clientProperties = started.clientProperties();
        this.startupMillis = startupMillis;
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a broker with the defaults (PLAINTEXT on loopback, 3 partitions per new topic).
     *
     * @return the running broker
     */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /**
     * Returns a builder for a broker with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the bootstrap address clients use.
     *
     * @return {@code 127.0.0.1:port}
     */
    public String bootstrapServers() {
        return LOOPBACK + ":" + brokerPort;
    }

    /**
     * Returns the client listener port.
     *
     * @return the port
     */
    public int brokerPort() {
        return brokerPort;
    }

    /**
     * Returns the controller listener port.
     *
     * @return the port
     */
    public int controllerPort() {
        return controllerPort;
    }

    /**
     * Returns the name of the listener clients connect to, as it appears in {@code listeners}.
     *
     * @return the listener name, {@code PLAINTEXT} unless changed with the builder
     */
    public String listenerName() {
        return listenerName;
    }

    /**
     * Returns the properties any client needs to reach this broker: the bootstrap servers plus the
     * client properties given to the builder (security settings, for instance).
     *
     * @return an unmodifiable copy
     */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /**
     * Returns the temporary directory holding the log and metadata directories; it is gone after
     * {@link #close()}.
     *
     * @return the directory
     */
    public Path workDirectory() {
        return workDirectory;
    }

    /**
     * Returns how long start took, from choosing ports to the first successful cluster description.
     *
     * @return milliseconds
     */
    public long startupMillis() {
        return startupMillis;
    }

    /** Shuts the broker down, waits for it and deletes its directory; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        stopAndDelete(server, workDirectory);
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs close() too and finds it done
        }
    }

    private static void stopAndDelete(final KafkaRaftServer server, final Path directory) {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (final RuntimeException e) {
                LOGGER.warn("Embedded Kafka broker did not shut down cleanly: {}", e.toString());
            }
        }
        try {
            WorkDirectory.deleteRecursively(directory);
        } catch (final IOException e) {
            LOGGER.warn("Cannot delete the embedded Kafka directory {}: {}", directory, e.toString());
        }
    }

    private static Map<String, Object> clientPropertiesFor(final Builder builder, final int brokerPort) {
        final Map<String, Object> properties = new LinkedHashMap<>(builder.clientProperties);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LOOPBACK + ":" + brokerPort);
        return Map.copyOf(properties);
    }

    private record Started(KafkaRaftServer server, Path workDirectory, int brokerPort, int controllerPort,
                           Map<String, Object> clientProperties) {
    }

    /** Settings for an embedded broker; every setting has a default that suits a local run. */
    public static final class Builder {

        private int numPartitions = 3;
        private String listenerName = "PLAINTEXT";
        private String securityProtocol = "PLAINTEXT";
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private final List<String> formatArguments = new ArrayList<>();
        // Generous by default: on a loaded 2-core machine a cold start took over 60 s; override with
        // -Dhandoff.embedded.ready.timeout.seconds or HANDOFF_EMBEDDED_READY_TIMEOUT_SECONDS.
        private Duration readyTimeout = EmbeddedTimeouts.ready();

        private Builder() {
        }

        /**
         * Sets {@code num.partitions}, the partition count of topics created without one.
         *
         * @param partitions at least 1
         * @return this builder
         */
        public Builder numPartitions(final int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("num.partitions must be at least 1, got " + partitions);
            }
            this.numPartitions = partitions;
            return this;
        }

        /**
         * Names the client listener and its security protocol (for example
         * {@code withListenerSecurity("SASL_PLAINTEXT", "SASL_PLAINTEXT")}); it is also the
         * inter-broker listener. The SASL mechanism and JAAS settings go in {@link #property}.
         *
         * @param name the listener name as used in {@code listeners}
         * @param protocol a Kafka security protocol name
         * @return this builder
         */
        public Builder withListenerSecurity(final String name, final String protocol) {
            this.listenerName = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
            this.securityProtocol = Objects.requireNonNull(protocol, "protocol").toUpperCase(Locale.ROOT);
            if (CONTROLLER_LISTENER.equals(listenerName)) {
                throw new IllegalArgumentException("the client listener cannot be named " + CONTROLLER_LISTENER);
            }
            return this;
        }

        /**
         * Sets one broker property, applied after every default so it wins; the value may contain
         * {@value #BROKER_PORT_PLACEHOLDER} and {@value #CONTROLLER_PORT_PLACEHOLDER}.
         *
         * @param key the broker property
         * @param value its value
         * @return this builder
         */
        public Builder property(final String key, final String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets several broker properties; see {@link #property(String, String)}.
         *
         * @param properties the broker properties
         * @return this builder
         */
        public Builder properties(final Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * Adds properties every client needs besides the bootstrap servers (security settings);
         * the readiness check uses them too.
         *
         * @param properties client properties
         * @return this builder
         */
        public Builder clientProperties(final Map<String, ?> properties) {
            clientProperties.putAll(properties);
            return this;
        }

        /**
         * Adds arguments to the storage format step, for example
         * {@code --add-scram SCRAM-SHA-256=[name=admin,password=...]}.
         *
         * @param arguments extra {@code kafka-storage format} arguments
         * @return this builder
         */
        public Builder formatArguments(final List<String> arguments) {
            formatArguments.addAll(arguments);
            return this;
        }

        /**
         * Sets how long to wait for the broker to answer a cluster description.
         *
         * @param timeout the deadline
         * @return this builder
         */
        public Builder readyTimeout(final Duration timeout) {
            this.readyTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Formats storage, starts the broker and waits until it answers.
         *
         * @return the running broker
         * @throws EmbeddedStartupException when it cannot start
         */
        public EmbeddedKafkaBroker start() {
            final long begin = System.nanoTime();
            RuntimeException lastBindFailure = null;
            for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
                final List<Integer> ports = LoopbackPorts.pick(2);
                final Path directory = WorkDirectory.create("handoff-kafka-");
                KafkaRaftServer server = null;
                try {
                    final Properties properties = brokerProperties(directory, ports.get(0), ports.get(1));
                    format(directory, properties);
                    server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
                    server.startup();
                    final Map<String, Object> clients = clientPropertiesFor(this, ports.get(0));
                    awaitReady(clients, begin);
                    return new EmbeddedKafkaBroker(new Started(server, directory, ports.get(0), ports.get(1), clients),
                        listenerName, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
                } catch (final RuntimeException e) {
                    stopAndDelete(server, directory);
                    if (!LoopbackPorts.isBindFailure(e)) {
                        throw e instanceof EmbeddedStartupException ese ? ese
                            : new EmbeddedStartupException("Embedded Kafka broker failed to start: " + oneLine(e), e);
                    }
                    // another process took a port between our probe and Kafka's bind: pick new ports
                    LOGGER.info("Embedded Kafka broker port taken (attempt {} of {}), retrying", attempt, MAX_START_ATTEMPTS);
                    lastBindFailure = e;
                }
            }
            throw new EmbeddedStartupException("Embedded Kafka broker could not bind loopback ports after "
                + MAX_START_ATTEMPTS + " attempts: " + oneLine(lastBindFailure), lastBindFailure);
        }

        private void awaitReady(final Map<String, Object> clients, final long begin) {
            final long deadline = begin + readyTimeout.toNanos();
            final Map<String, Object> adminProperties = new HashMap<>(clients);
            adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            Exception last = null;
            try (Admin admin = Admin.create(adminProperties)) {
                while (System.nanoTime() < deadline) {
                    try {
                        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                            return;
                        }
                    } catch (final ExecutionException | TimeoutException e) {
                        last = e;
                    }
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedStartupException("Interrupted while waiting for the embedded Kafka broker", e);
            }
            throw new EmbeddedStartupException("Embedded Kafka broker on "
                + clients.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " did not answer within "
                + readyTimeout.toSeconds() + " s: " + oneLine(last), last);
        }

        private Properties brokerProperties(final Path directory, final int brokerPort, final int controllerPort) {
            final Map<String, String> settings = new LinkedHashMap<>();
            settings.put("node.id", "1");
            settings.put("process.roles", "broker,controller");
            settings.put("listeners", listenerName + "://" + LOOPBACK + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
            settings.put("advertised.listeners", listenerName + "://" + LOOPBACK + ":" + brokerPort);
            settings.put("listener.security.protocol.map",
                listenerName + ":" + securityProtocol + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
            settings.put("controller.listener.names", CONTROLLER_LISTENER);
            settings.put("inter.broker.listener.name", listenerName);
            settings.put("controller.quorum.bootstrap.servers", LOOPBACK + ":" + controllerPort);
            settings.put("log.dirs", directory.resolve("logs").toString());
            settings.put("metadata.log.dir", directory.resolve("metadata").toString());
            settings.put("num.partitions", Integer.toString(numPartitions));
            settings.put("auto.create.topics.enable", "false");
            settings.put("offsets.topic.replication.factor", "1");
            settings.put("offsets.topic.min.isr", "1");
            // 50 partitions each (the default) cost seconds of startup on two cores for nothing
            settings.put("offsets.topic.num.partitions", "5");
            settings.put("transaction.state.log.num.partitions", "5");
            settings.put("transaction.state.log.replication.factor", "1");
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("share.coordinator.state.topic.replication.factor", "1");
            settings.put("share.coordinator.state.topic.min.isr", "1");
            settings.put("group.initial.rebalance.delay.ms", "0");
            // the default dedupe buffer puts 128 MB on the heap of whatever JVM hosts the broker
            settings.put("log.cleaner.dedupe.buffer.size", "2097152");
            overrides.forEach((key, value) -> settings.put(key, value
                .replace(BROKER_PORT_PLACEHOLDER, Integer.toString(brokerPort))
                .replace(CONTROLLER_PORT_PLACEHOLDER, Integer.toString(controllerPort))));
            final Properties properties = new Properties();
            properties.putAll(settings);
            return properties;
        }

        private void format(final Path directory, final Properties properties) {
            final Path propertiesFile = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propertiesFile)) {
                properties.store(out, "embedded handoff broker");
            } catch (final IOException e) {
                throw new EmbeddedStartupException("Cannot write " + propertiesFile + ": " + e.getMessage(), e);
            }
            final List<String> arguments = new ArrayList<>(List.of("format",
                "-t", Uuid.randomUuid().toString(), "-c", propertiesFile.toString(), "--standalone", "--ignore-formatted"));
            arguments.addAll(formatArguments);
            // the format tool prints to the stream it is given; our stdout carries JSON lines
            final ByteArrayOutputStream output = new ByteArrayOutputStream();
            final int exitCode;
            try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(arguments.toArray(new String[0]), printStream);
            } catch (final RuntimeException e) {
                throw new EmbeddedStartupException("Kafka storage format failed: " + oneLine(e), e);
            }
            if (exitCode != 0) {
                throw new EmbeddedStartupException("Kafka storage format exited with " + exitCode + ": "
                    + output.toString(StandardCharsets.UTF_8).strip().replace('\n', ' '));
            }
        }
    }

    private static String oneLine(final Throwable failure) {
        if (failure == null) {
            return "no answer";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final String message = root.getMessage() == null ? root.getClass().getSimpleName()
            : root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
