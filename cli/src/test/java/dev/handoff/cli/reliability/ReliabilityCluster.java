package dev.handoff.cli.reliability;

import dev.handoff.cli.PacketDirectory;
import dev.handoff.cli.Pipeline;
import dev.handoff.common.HandoffConfig;
import dev.handoff.core.ReferenceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a reliability test runs against: a restartable broker in the test JVM, an Apicurio registry
 * child process, a shared attachment directory, and handoff's services as separate JVMs. Reference
 * data and packets are published with the CLI's own {@link Pipeline} (services not started there).
 */
final class ReliabilityCluster implements AutoCloseable {

    static final String EXTRACTOR = "dev.handoff.extractor.ExtractorService";
    static final String NORMALIZER = "dev.handoff.normalizer.NormalizerService";
    static final String ROUTER = "dev.handoff.router.RouterService";

    private final Path root;
    private final RestartableBroker broker;
    private final RegistryProcess registry;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, String> serviceSettings = new LinkedHashMap<>();
    private Pipeline publisher;

    ReliabilityCluster(final Map<String, String> settings) throws IOException, InterruptedException {
        this.root = Files.createTempDirectory("handoff-reliability-");
        this.broker = new RestartableBroker(root.resolve("broker"));
        this.registry = new RegistryProcess(root.resolve("registry"));
        broker.start();
        registry.start();
        serviceSettings.put(HandoffConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        serviceSettings.put(HandoffConfig.REGISTRY_URL, registry.url());
        serviceSettings.put(HandoffConfig.ATTACHMENTS_DIR, root.resolve("attachments").toString());
        serviceSettings.put(HandoffConfig.STATE_DIR, root.resolve("state").toString());
        // a killed instance must leave its group quickly so its partitions move on
        serviceSettings.put("handoff.streams.consumer.session.timeout.ms", "10000");
        serviceSettings.put("handoff.streams.consumer.heartbeat.interval.ms", "2000");
        serviceSettings.putAll(settings);
        publisher = new Pipeline(HandoffConfig.of(serviceSettings), broker.bootstrapServers(), registry.url(), false);
    }

    Path root() {
        return root;
    }

    RestartableBroker broker() {
        return broker;
    }

    RegistryProcess registry() {
        return registry;
    }

    HandoffConfig config() {
        return publisher.config();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    /** Starts one service instance as its own JVM (not yet waited for). */
    ServiceProcess startService(final String name, final String mainClass, final String maxHeap) throws IOException {
        final Map<String, String> env = new LinkedHashMap<>();
        serviceSettings.forEach((k, v) -> env.put(k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), v));
        final ServiceProcess s = new ServiceProcess(name, mainClass, root.resolve("services").resolve(name), env, maxHeap);
        services.add(s);
        s.start();
        return s;
    }

    List<ServiceProcess> services() {
        return services;
    }

    void publishReference(final Path referenceDir) {
        publisher.publishReference(ReferenceFiles.read(referenceDir));
    }

    /** Publishes packet directories; returns submission id by packet id. */
    Map<String, String> publishPackets(final List<Path> packetDirs) throws IOException {
        final Instant now = Instant.now();
        final List<PacketDirectory> dirs = packetDirs.stream().map(d -> PacketDirectory.read(d, now)).toList();
        return publisher.publishPackets(dirs);
    }

    /** Stops every service gracefully (SIGTERM: Streams closes and commits). */
    void stopServices() throws InterruptedException {
        for (final ServiceProcess s : services) {
            s.stop();
        }
    }

    @Override
    public void close() throws Exception {
        for (final ServiceProcess s : services) {
            s.close();
        }
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
        registry.close();
        broker.close();
        if (!Boolean.getBoolean("handoff.reliability.keep")) {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
