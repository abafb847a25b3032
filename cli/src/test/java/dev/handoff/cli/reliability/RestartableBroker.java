package dev.handoff.cli.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker in the test JVM that, unlike the CLI's embedded broker, keeps its ports
 * and log directories across {@link #stop()} and {@link #start()}, so a test can restart "the same"
 * broker under running clients (the same approach as {@code EmbeddedKafkaBroker}: production jars,
 * storage format, {@code KafkaRaftServer}).
 */
final class RestartableBroker implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final Path directory;
    private final int brokerPort;
    private final int controllerPort;
    private final Properties properties;
    private KafkaRaftServer server;

    RestartableBroker(final Path directory) throws IOException {
        this.directory = directory;
        final int[] ports = freePorts(2);
        this.brokerPort = ports[0];
        this.controllerPort = ports[1];
        this.properties = brokerProperties();
        format();
    }

    String bootstrapServers() {
        return LOOPBACK + ":" + brokerPort;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        awaitReady();
    }

    /** Controlled shutdown; the log and metadata directories stay for the next {@link #start()}. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        final Map<String, String> s = new HashMap<>();
        s.put("node.id", "1");
        s.put("process.roles", "broker,controller");
        s.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
        s.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
        s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("controller.listener.names", "CONTROLLER");
        s.put("inter.broker.listener.name", "PLAINTEXT");
        s.put("controller.quorum.bootstrap.servers", LOOPBACK + ":" + controllerPort);
        s.put("log.dirs", directory.resolve("logs").toString());
        s.put("metadata.log.dir", directory.resolve("metadata").toString());
        s.put("num.partitions", "3");
        s.put("auto.create.topics.enable", "false");
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.min.isr", "1");
        s.put("offsets.topic.num.partitions", "5");
        s.put("transaction.state.log.num.partitions", "5");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        s.put("group.initial.rebalance.delay.ms", "0");
        // a killed service's member must leave the group quickly; services ask for 10 s sessions
        s.put("group.min.session.timeout.ms", "6000");
        // transactions left open by kill -9 are aborted soon after their timeout, not 10 s later
        s.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "2000");
        s.put("log.cleaner.dedupe.buffer.size", "2097152");
        final Properties p = new Properties();
        p.putAll(s);
        return p;
    }

    private void format() throws IOException {
        Files.createDirectories(directory);
        final Path file = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "reliability test broker");
        }
        final List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(),
                "-c", file.toString(), "--standalone", "--ignore-formatted"));
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int code;
        try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(args.toArray(new String[0]), ps);
        }
        if (code != 0) {
            throw new IllegalStateException("storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        final Map<String, Object> p = new HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (final ExecutionException | TimeoutException notYet) {
                    // the broker is still starting
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("broker " + bootstrapServers() + " did not answer within 60 s");
    }

    static int[] freePorts(final int count) throws IOException {
        final List<ServerSocket> held = new ArrayList<>();
        try {
            final int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                final ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (final ServerSocket s : held) {
                s.close();
            }
        }
    }
}
