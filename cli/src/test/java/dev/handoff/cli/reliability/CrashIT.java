package dev.handoff.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Decision;
import dev.handoff.common.HandoffConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under {@code kill -9}, the way Kafka's own EOS system tests do it: the three services
 * run as separate JVMs (two extractor instances), packets are published, each service is killed with
 * SIGKILL while it has a transaction open (commit interval raised to 5 s so transactions stay open),
 * then restarted; a {@code read_committed} verifier then requires exactly one decision per packet,
 * equal to the decision of a crash-free run of the same template.
 *
 * <p>CI size: 300 packets, one kill per service. Full size ({@code reliability/run-full.sh}):
 * {@code -Dhandoff.reliability.packets=2000 -Dhandoff.reliability.kills=3}.
 */
@Tag("reliability")
class CrashIT {

    private final int packets = Integer.getInteger("handoff.reliability.packets", 300);
    private final int killsPerService = Integer.getInteger("handoff.reliability.kills", 1);
    private final long seed = Long.getLong("handoff.reliability.seed", System.nanoTime());

    @Test
    void shouldDecideEveryPacketExactlyOnceWhenEachServiceIsKilledMidTransaction() throws Exception {
        final long t0 = System.nanoTime();
        final Random random = new Random(seed);
        final Path repo = PacketCopies.repositoryRoot();
        final PacketCopies copies = new PacketCopies(repo.resolve("samples").resolve("packets"));
        final Map<String, String> settings = new HashMap<>();
        settings.put(HandoffConfig.COMMIT_INTERVAL_MS, "5000");
        // interval commits only, so that work stays uncommitted long enough to be interrupted
        settings.put(HandoffConfig.COMMIT_IDLE_MS, "-1");
        // the router's grace runs from the first event; a backlog must not make it decide early
        settings.put(HandoffConfig.ROUTER_GRACE_MS, "3600000");
        try (ReliabilityCluster cluster = new ReliabilityCluster(settings)) {
            // Given: the services as separate processes, reference data, and a crash-free baseline per template
            final List<ServiceProcess> services = new ArrayList<>();
            services.add(cluster.startService("extractor-1", ReliabilityCluster.EXTRACTOR, "768m"));
            services.add(cluster.startService("extractor-2", ReliabilityCluster.EXTRACTOR, "768m"));
            services.add(cluster.startService("normalizer", ReliabilityCluster.NORMALIZER, "512m"));
            services.add(cluster.startService("router", ReliabilityCluster.ROUTER, "512m"));
            for (final ServiceProcess s : services) {
                s.awaitRunning(1, Duration.ofMinutes(3));
            }
            cluster.publishReference(repo.resolve("samples").resolve("reference"));
            final Path work = cluster.root().resolve("packets");
            final Map<String, String> baseTemplate = copies.write(work.resolve("base"), "BASE", copies.templates().size());
            cluster.publishPackets(PacketCopies.dirs(work.resolve("base"), baseTemplate.keySet()));
            final DecisionLedger ledger = new DecisionLedger(cluster.bootstrapServers(), cluster.registryUrl());
            final Map<String, String> baselineByTemplate = new HashMap<>();
            for (final Decision d : ledger.readCommitted(baseTemplate.keySet(), Duration.ofMinutes(5))) {
                baselineByTemplate.put(baseTemplate.get(d.getPacketId()), DecisionLedger.summary(d));
            }
            assertThat(baselineByTemplate).as("crash-free baseline decisions").hasSize(copies.templates().size());

            // When: the packets are published and every service is killed -9 with a transaction open, then restarted
            final Map<String, String> templateOf = copies.write(work.resolve("crash"), "CRASH", packets);
            final long publishStart = System.nanoTime();
            cluster.publishPackets(PacketCopies.dirs(work.resolve("crash"), templateOf.keySet()));
            final List<ServiceProcess> victims = List.of(services.get(0), services.get(2), services.get(3));
            final KillSchedule schedule = new KillSchedule(cluster.bootstrapServers(), random);
            for (int round = 0; round < killsPerService; round++) {
                for (final ServiceProcess victim : victims) {
                    schedule.add(victim);
                }
            }
            final KillSchedule.Result killed = schedule.run();
            for (final ServiceProcess victim : victims) {
                victim.awaitRunningSinceStart(Duration.ofMinutes(3));
            }
            final int kills = killed.kills();
            final int killsInOpenTransaction = killed.inOpenTransaction();
            // wait until every packet has a committed decision (or the deadline passes), then count
            ledger.readCommitted(templateOf.keySet(), Duration.ofMinutes(packets >= 1000 ? 40 : 8));
            final long decidedMillis = (System.nanoTime() - publishStart) / 1_000_000;
            final boolean allAlive = ServiceProcess.allHealthy(services);
            cluster.stopServices();
            final List<Decision> committed = ledger.readCommitted(templateOf.keySet(), Duration.ofMinutes(1)).stream()
                    .filter(d -> templateOf.containsKey(d.getPacketId())).toList();
            final long uncommitted = ledger.uncommittedRecordCount();

            // Then: exactly one decision per packet, each equal to its template's crash-free decision
            final Map<String, Integer> perPacket = DecisionLedger.countBy(committed, Decision::getPacketId);
            final Map<String, Integer> perSubmission = DecisionLedger.countBy(committed, Decision::getSubmissionId);
            final long lost = templateOf.keySet().stream().filter(id -> !perPacket.containsKey(id)).count();
            final long duplicated = perPacket.values().stream().mapToInt(n -> n - 1).sum();
            final long duplicatedSubmissions = perSubmission.values().stream().mapToInt(n -> n - 1).sum();
            final Map<String, String> mismatched = new LinkedHashMap<>();
            for (final Decision d : committed) {
                final String expected = baselineByTemplate.get(templateOf.get(d.getPacketId()));
                if (!DecisionLedger.summary(d).equals(expected)) {
                    mismatched.put(d.getPacketId(), DecisionLedger.summary(d) + " expected " + expected);
                }
            }
            final Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("packets", packets);
            figures.put("serviceProcesses", services.size());
            figures.put("kills", kills);
            figures.put("killsWithOpenTransaction", killsInOpenTransaction);
            figures.put("decisionsCommitted", committed.size());
            figures.put("lost", lost);
            figures.put("duplicated", duplicated);
            figures.put("mismatched", mismatched.size());
            figures.put("decisionRecordsIncludingAborted", uncommitted);
            figures.put("publishToLastDecisionSeconds", decidedMillis / 1000);
            figures.put("totalSeconds", (System.nanoTime() - t0) / 1_000_000_000L);
            figures.put("seed", seed);
            ReliabilityFigures.record("CrashIT", figures);
            assertThat(allAlive).as("every service process alive before the graceful stop").isTrue();
            assertThat(kills).isEqualTo(killsPerService * victims.size());
            assertThat(lost).as("packets without a committed decision").isZero();
            assertThat(duplicated).as("extra committed decisions per packet id").isZero();
            assertThat(duplicatedSubmissions).as("extra committed decisions per submission id").isZero();
            assertThat(mismatched).as("decisions that differ from the crash-free run").isEmpty();
        }
    }


}
