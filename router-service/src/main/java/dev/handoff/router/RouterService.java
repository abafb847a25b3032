package dev.handoff.router;

import dev.handoff.common.AvroSerdes;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsService;
import dev.handoff.common.Topics;
import dev.handoff.router.policy.PacketDecider;
import dev.handoff.router.policy.RoutingConfig;
import java.time.Duration;

/** The router-service: aggregates per-packet state and publishes a staged record or an exception. */
public final class RouterService {

    public static final String NAME = "router";
    public static final String HISTORY_RETENTION_MS = "handoff.router.history.retention.ms";

    private RouterService() {
    }

    public static StreamsService create(final HandoffConfig config) {
        final Topics topics = new Topics(new AvroSerdes(config.get(HandoffConfig.REGISTRY_URL)));
        final RouterTopology.Timing timing = new RouterTopology.Timing(
                Duration.ofMillis(config.getLong(HandoffConfig.ROUTER_GRACE_MS)),
                Duration.ofMillis(config.getLong(HandoffConfig.ROUTER_PUNCTUATE_MS)),
                Duration.ofMillis(Long.parseLong(config.get(HISTORY_RETENTION_MS, String.valueOf(30L * 24 * 3600 * 1000)))));
        return new StreamsService(NAME,
                RouterTopology.build(topics, new PacketDecider(RoutingConfig.from(config)), timing,
                        IdleCommit.Policy.from(config)), config);
    }

    /** Runs one router instance against the configured cluster until SIGTERM. */
    public static void main(final String[] args) throws InterruptedException {
        System.exit(StreamsService.runUntilShutdown(create(HandoffConfig.load())));
    }
}
