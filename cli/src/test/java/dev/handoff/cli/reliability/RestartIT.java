package dev.handoff.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Decision;
import dev.handoff.common.HandoffConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker, and separately the schema registry, restarted in the middle of a run (same port; the
 * broker keeps its log directories): the services recover on their own, and a {@code read_committed}
 * verifier finds exactly one decision per packet, equal to the crash-free one. While the registry is
 * down, a service restarted then must treat it as an outage (retry), never as poison: the dead-letter
 * topic stays empty.
 */
@Tag("reliability")
class RestartIT {

    private final int packets = Integer.getInteger("handoff.reliability.restart.packets", 120);

    @Test
    void shouldDecideEveryPacketExactlyOnceWhenTheBrokerRestartsMidRun() throws Exception {
        run("broker", (cluster, router) -> {
            cluster.broker().stop();
            cluster.broker().start();
        });
    }

    @Test
    void shouldTreatARegistryRestartAsAnOutageAndDecideEveryPacketExactlyOnce() throws Exception {
        run("registry", (cluster, router) -> {
            final byte[] schemas = cluster.registry().export();
            cluster.registry().stop();
            // a router started now has no cached schemas: it must wait for the registry, not dead-letter
            router.kill();
            router.start();
            router.awaitLog("schema registry unreachable", Duration.ofMinutes(2));
            cluster.registry().restartWith(schemas);
        });
    }

    /** What happens to the cluster mid-run. */
    @FunctionalInterface
    interface Disruption {
        void apply(ReliabilityCluster cluster, ServiceProcess router) throws Exception;
    }

    private void run(final String what, final Disruption disruption) throws Exception {
        final long t0 = System.nanoTime();
        final Path repo = PacketCopies.repositoryRoot();
        final PacketCopies copies = new PacketCopies(repo.resolve("samples").resolve("packets"));
        final Map<String, String> settings = new HashMap<>();
        settings.put(HandoffConfig.COMMIT_INTERVAL_MS, "2000");
        // interval commits only, so that work stays uncommitted long enough to be interrupted
        settings.put(HandoffConfig.COMMIT_IDLE_MS, "-1");
        settings.put(HandoffConfig.ROUTER_GRACE_MS, "3600000");
        try (ReliabilityCluster cluster = new ReliabilityCluster(settings)) {
            // Given: the services as processes, reference data and a crash-free baseline per template
            final List<ServiceProcess> services = List.of(
                    cluster.startService("extractor", ReliabilityCluster.EXTRACTOR, "768m"),
                    cluster.startService("normalizer", ReliabilityCluster.NORMALIZER, "512m"),
                    cluster.startService("router", ReliabilityCluster.ROUTER, "512m"));
            for (final ServiceProcess s : services) {
                s.awaitRunning(1, Duration.ofMinutes(3));
            }
            cluster.publishReference(repo.resolve("samples").resolve("reference"));
            final Path work = cluster.root().resolve("packets");
            final Map<String, String> baseTemplate = copies.write(work.resolve("base"), "BASE", copies.templates().size());
            cluster.publishPackets(PacketCopies.dirs(work.resolve("base"), baseTemplate.keySet()));
            final DecisionLedger ledger = new DecisionLedger(cluster.bootstrapServers(), cluster.registryUrl());
            final Map<String, String> baseline = new HashMap<>();
            for (final Decision d : ledger.readCommitted(baseTemplate.keySet(), Duration.ofMinutes(5))) {
                baseline.put(baseTemplate.get(d.getPacketId()), DecisionLedger.summary(d));
            }
            final long deadLettersBefore = DeadLetterReader.readAll(cluster.bootstrapServers(), cluster.registryUrl()).size();

            // When: packets are in flight and the broker (or the registry) restarts under the services
            final Map<String, String> templateOf = copies.write(work.resolve("run"), "RESTART", packets);
            cluster.publishPackets(PacketCopies.dirs(work.resolve("run"), templateOf.keySet()));
            final boolean open;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) cluster.bootstrapServers()))) {
                open = KillSchedule.awaitOpenTransaction(admin, "handoff-router-");
            }
            final long d0 = System.nanoTime();
            disruption.apply(cluster, services.get(2));
            final long disruptionSeconds = (System.nanoTime() - d0) / 1_000_000_000L;
            ledger.readCommitted(templateOf.keySet(), Duration.ofMinutes(10));
            final boolean allAlive = ServiceProcess.allHealthy(services);
            cluster.stopServices();
            final List<Decision> committed = ledger.readCommitted(templateOf.keySet(), Duration.ofMinutes(1)).stream()
                    .filter(d -> templateOf.containsKey(d.getPacketId())).toList();
            final long deadLetters = DeadLetterReader.readAll(cluster.bootstrapServers(), cluster.registryUrl()).size()
                    - deadLettersBefore;

            // Then: nothing lost, nothing duplicated, nothing decided differently, nothing dead-lettered
            final Map<String, Integer> perPacket = DecisionLedger.countBy(committed, Decision::getPacketId);
            final long lost = templateOf.keySet().stream().filter(id -> !perPacket.containsKey(id)).count();
            final long duplicated = perPacket.values().stream().mapToInt(n -> n - 1).sum();
            final long mismatched = committed.stream()
                    .filter(d -> !DecisionLedger.summary(d).equals(baseline.get(templateOf.get(d.getPacketId())))).count();
            final Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("restarted", what);
            figures.put("packets", packets);
            figures.put("openRouterTransactionAtRestart", open);
            figures.put("downSeconds", disruptionSeconds);
            figures.put("lost", lost);
            figures.put("duplicated", duplicated);
            figures.put("mismatched", mismatched);
            figures.put("deadLetters", deadLetters);
            figures.put("seconds", (System.nanoTime() - t0) / 1_000_000_000L);
            ReliabilityFigures.record("RestartIT", figures);
            assertThat(allAlive).as("every service process alive after the restart").isTrue();
            assertThat(lost).as("packets without a committed decision").isZero();
            assertThat(duplicated).as("extra committed decisions").isZero();
            assertThat(mismatched).as("decisions that differ from the crash-free run").isZero();
            assertThat(deadLetters).as("dead letters caused by the restart").isZero();
        }
    }

}
