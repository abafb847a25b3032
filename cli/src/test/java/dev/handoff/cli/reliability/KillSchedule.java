package dev.handoff.cli.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chaos schedule: each victim in turn is killed with SIGKILL at a random moment (0.5-4.5 s after the
 * previous kill, and not before the victim is RUNNING again) once its application has a transaction
 * ONGOING on the broker, then started again at once.
 * Transactional ids of Kafka Streams EOS v2 start with the application id ({@code handoff-extractor-...}),
 * so with two extractor instances the open transaction may be the other instance's.
 */
final class KillSchedule {

    private static final Logger LOGGER = LoggerFactory.getLogger(KillSchedule.class);

    /** What the schedule did. */
    record Result(int kills, int inOpenTransaction) {
    }

    private final String bootstrap;
    private final Random random;
    private final List<ServiceProcess> victims = new ArrayList<>();

    KillSchedule(final String bootstrap, final Random random) {
        this.bootstrap = bootstrap;
        this.random = random;
    }

    void add(final ServiceProcess victim) {
        victims.add(victim);
    }

    Result run() throws InterruptedException, ExecutionException {
        final AtomicInteger kills = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) bootstrap))) {
            long offset = 0;
            ScheduledFuture<?> last = null;
            for (final ServiceProcess victim : victims) {
                offset += 500 + random.nextInt(4000);
                last = scheduler.schedule(() -> {
                    // each kill hits a running instance, not one still starting after the previous kill
                    victim.awaitRunningSinceStart(Duration.ofMinutes(3));
                    final boolean ongoing = awaitOpenTransaction(admin, applicationOf(victim));
                    victim.kill();
                    kills.incrementAndGet();
                    open.addAndGet(ongoing ? 1 : 0);
                    LOGGER.info("kill -9 {} pid done; open transaction at kill: {}", victim.name(), ongoing);
                    victim.start();
                    return null;
                }, offset, TimeUnit.MILLISECONDS);
            }
            // single-threaded: the last kill finishes after all the others
            if (last != null) {
                last.get();
            }
        } finally {
            scheduler.shutdownNow();
        }
        return new Result(kills.get(), open.get());
    }

    static String applicationOf(final ServiceProcess s) {
        return "handoff-" + s.name().replaceAll("-\\d+$", "") + "-";
    }

    /** True once the application has an ONGOING transaction; false when none shows within 30 s. */
    static boolean awaitOpenTransaction(final Admin admin, final String transactionalPrefix) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> hasOpenTransaction(admin, transactionalPrefix));
            return true;
        } catch (final ConditionTimeoutException e) {
            return false;
        }
    }

    private static boolean hasOpenTransaction(final Admin admin, final String prefix)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (final TransactionListing t : admin.listTransactions().all().get(5, TimeUnit.SECONDS)) {
            if (t.transactionalId().startsWith(prefix) && t.state() == TransactionState.ONGOING) {
                return true;
            }
        }
        return false;
    }
}
