package dev.handoff.cli.integration;

import dev.handoff.cli.Pipeline;
import dev.handoff.cli.embedded.ApicurioRegistryServer;
import dev.handoff.cli.embedded.EmbeddedCluster;
import dev.handoff.cli.embedded.EmbeddedKafkaBroker;
import dev.handoff.common.HandoffConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CLI's pipeline on the same embedded default (in-process KRaft broker, real Apicurio registry child
 * process), started here with a patient registry deadline: on a loaded 2-core box the registry JVM alone
 * can take more than the default 60 s to answer, which says nothing about what these tests check.
 */
final class EmbeddedPipeline implements AutoCloseable {

    private static final Duration REGISTRY_READY = Duration.ofMinutes(5);

    private final EmbeddedCluster cluster;
    private final Pipeline pipeline;
    private final Path attachments;

    private EmbeddedPipeline(final EmbeddedCluster cluster, final Pipeline pipeline, final Path attachments) {
        this.cluster = cluster;
        this.pipeline = pipeline;
        this.attachments = attachments;
    }

    /** Starts the broker, the registry, the topics and the three services with {@code overrides} on the defaults. */
    static EmbeddedPipeline start(final Map<String, String> overrides) throws IOException, InterruptedException {
        final EmbeddedCluster cluster = EmbeddedCluster.start(EmbeddedKafkaBroker.builder(),
                ApicurioRegistryServer.builder().readyTimeout(REGISTRY_READY));
        Path attachments = null;
        try {
            attachments = Files.createTempDirectory("handoff-it-attachments-");
            final Map<String, String> o = new HashMap<>(overrides);
            o.put(HandoffConfig.ATTACHMENTS_DIR, attachments.toString());
            final Pipeline pipeline = new Pipeline(HandoffConfig.of(o), cluster.bootstrapServers(), cluster.registryUrl(), true);
            return new EmbeddedPipeline(cluster, pipeline, attachments);
        } catch (final IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            deleteQuietly(attachments);
            throw e;
        }
    }

    Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            cluster.close();
            deleteQuietly(attachments);
        }
    }

    private static void deleteQuietly(final Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
