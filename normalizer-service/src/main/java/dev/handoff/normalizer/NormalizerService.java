package dev.handoff.normalizer;

import dev.handoff.common.AvroSerdes;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsService;
import dev.handoff.common.Topics;
import dev.handoff.normalization.ArtifactNormalizer;

/** The normalizer-service: joins candidates with the reference data and normalizes them, traced. */
public final class NormalizerService {

    public static final String NAME = "normalizer";

    private NormalizerService() {
    }

    public static StreamsService create(final HandoffConfig config) {
        final Topics topics = new Topics(new AvroSerdes(config.get(HandoffConfig.REGISTRY_URL)));
        final ArtifactNormalizer normalizer = new ArtifactNormalizer();
        return new StreamsService(NAME,
                NormalizerTopology.build(topics, normalizer::normalize, IdleCommit.Policy.from(config)), config);
    }

    /** Runs one normalizer instance against the configured cluster until SIGTERM. */
    public static void main(final String[] args) throws InterruptedException {
        System.exit(StreamsService.runUntilShutdown(create(HandoffConfig.load())));
    }
}
