package dev.handoff.extractor;

import dev.handoff.common.AttachmentStore;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsService;
import dev.handoff.common.Topics;
import dev.handoff.extraction.ArtifactExtractor;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.privacy.DefaultPrivacyScanner;
import java.time.Duration;

/** The extractor-service: fans packets out to per-artifact extraction and publishes what it found. */
public final class ExtractorService {

    public static final String NAME = "extractor";

    private ExtractorService() {
    }

    public static ArtifactExtractor extractor(final HandoffConfig config) {
        final ReadLimits d = ReadLimits.defaults();
        final ReadLimits limits = new ReadLimits(config.getLong(HandoffConfig.EXTRACT_MAX_BYTES), d.maxTextChars(),
                config.getLong(HandoffConfig.EXTRACT_MAX_PIXELS), d.maxEmbedded(), d.maxDepth(),
                Duration.ofMillis(config.getLong(HandoffConfig.EXTRACT_TIMEOUT_MS)));
        return new ArtifactExtractor(limits, new DefaultPrivacyScanner(), config.getInt(HandoffConfig.EXTRACT_CACHE_ENTRIES));
    }

    public static StreamsService create(final HandoffConfig config) {
        final Topics topics = new Topics(new AvroSerdes(config.get(HandoffConfig.REGISTRY_URL)));
        final ArtifactExtractor extractor = extractor(config);
        final ArtifactTaskHandler handler = new ArtifactTaskHandler(AttachmentStore.from(config), extractor::extract,
                extractor::cacheStats);
        return new StreamsService(NAME, ExtractorTopology.build(topics, handler, IdleCommit.Policy.from(config)),
                config);
    }

    /** Runs one extractor instance against the configured cluster until SIGTERM. */
    public static void main(final String[] args) throws InterruptedException {
        System.exit(StreamsService.runUntilShutdown(create(HandoffConfig.load())));
    }
}
