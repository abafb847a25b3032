package dev.handoff.cli;

import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.Decision;
import dev.handoff.avro.PacketReceived;
import dev.handoff.cli.embedded.EmbeddedCluster;
import dev.handoff.common.ConsumerPositions;
import dev.handoff.common.AttachmentStore;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.DirectoryAttachmentStore;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.RegistryRules;
import dev.handoff.common.StreamsService;
import dev.handoff.common.StreamsSettings;
import dev.handoff.common.TopicAdmin;
import dev.handoff.common.TopicNames;
import dev.handoff.common.Topics;
import dev.handoff.core.ReferenceFiles;
import dev.handoff.extractor.ExtractorService;
import dev.handoff.normalizer.NormalizerService;
import dev.handoff.router.RouterService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the whole pipeline as the CLI drives it: the embedded default (or a given cluster),
 * topics, the three services, reference data and packets published as the ticketing platform would,
 * and the decisions collected with a read_committed consumer. Closing it stops everything it started
 * and removes its temporary directory.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(Pipeline.class);

    private final HandoffConfig config;
    private final EmbeddedCluster cluster;
    private final Path workDir;
    private final List<StreamsService> services = new ArrayList<>();
    private final Topics topics;
    private final AttachmentStore store;
    private KafkaConsumer<String, Decision> collector;

    /**
     * @param base               configuration (file + environment + options)
     * @param bootstrapServers   null for the embedded default
     * @param registryUrl        null for the embedded default
     * @param startServices      false when the services run elsewhere on the given cluster
     */
    public Pipeline(final HandoffConfig base, final String bootstrapServers, final String registryUrl,
                    final boolean startServices) throws IOException, InterruptedException {
        this.workDir = Files.createTempDirectory("handoff-run-");
        boolean ok = false;
        EmbeddedCluster started = null;
        try {
            final Map<String, String> o = new HashMap<>();
            if (bootstrapServers == null) {
                final long t0 = System.nanoTime();
                started = EmbeddedCluster.start();
                LOGGER.info("embedded broker {} and registry {} ready in {} ms", started.bootstrapServers(),
                        started.registryUrl(), (System.nanoTime() - t0) / 1_000_000);
                o.put(HandoffConfig.BOOTSTRAP_SERVERS, started.bootstrapServers());
                o.put(HandoffConfig.REGISTRY_URL, started.registryUrl());
                o.put(HandoffConfig.ATTACHMENTS_DIR, workDir.resolve("attachments").toString());
            } else {
                o.put(HandoffConfig.BOOTSTRAP_SERVERS, bootstrapServers);
                o.put(HandoffConfig.REGISTRY_URL, registryUrl);
            }
            o.put(HandoffConfig.STATE_DIR, workDir.resolve("state").toString());
            this.cluster = started;
            this.config = base.with(o);
            this.topics = new Topics(new AvroSerdes(config.get(HandoffConfig.REGISTRY_URL)));
            this.store = new DirectoryAttachmentStore(Path.of(config.get(HandoffConfig.ATTACHMENTS_DIR)));
            TopicAdmin.ensureTopics(config);
            RegistryRules.ensureBackward(config.get(HandoffConfig.REGISTRY_URL));
            openCollector();
            if (startServices) {
                services.add(ExtractorService.create(config));
                services.add(NormalizerService.create(config));
                services.add(RouterService.create(config));
                for (final StreamsService s : services) {
                    s.start();
                }
            }
            ok = true;
        } finally {
            if (!ok) {
                closeQuietly(started);
                deleteRecursively(workDir);
            }
        }
    }

    public HandoffConfig config() {
        return config;
    }

    /** The services this pipeline started (none when they run elsewhere). */
    public List<StreamsService> services() {
        return List.copyOf(services);
    }

    /** Publishes the reference directory to the compacted topics, in file order (later lines replace, tombstones delete). */
    public int publishReference(final List<ReferenceFiles.Entry> entries) {
        try (KafkaProducer<String, Object> producer = producer()) {
            for (final ReferenceFiles.Entry e : entries) {
                producer.send(new ProducerRecord<>(topics.reference(e.kind()).name(), e.key(), e.value()));
            }
            producer.flush();
        }
        return entries.size();
    }

    /** Stores the artifacts and publishes one packet-received event per packet; returns submission ids by packet id. */
    public Map<String, String> publishPackets(final List<PacketDirectory> packets) throws IOException {
        final Map<String, String> submissions = new LinkedHashMap<>();
        try (KafkaProducer<String, Object> producer = producer()) {
            for (final PacketDirectory p : packets) {
                final List<ArtifactRef> refs = new ArrayList<>();
                for (final PacketDirectory.ArtifactFile a : p.artifacts()) {
                    final byte[] bytes = Files.readAllBytes(a.path());
                    final URI uri = store.put(bytes);
                    refs.add(ArtifactRef.newBuilder().setArtifactId(a.fileName()).setKindHint(a.kindHint())
                            .setDescription(a.description()).setSha256(uri.getSchemeSpecificPart())
                            .setBytes(bytes.length).setStoreUri(uri.toString()).build());
                }
                final String submissionId = UUID.randomUUID().toString();
                final PacketReceived event = PacketReceived.newBuilder().setPacketId(p.packetId())
                        .setSubmissionId(submissionId).setReceivedAt(p.receivedAt())
                        .setReceivedAtDefaulted(p.receivedAtDefaulted()).setSource(p.source())
                        .setTicketId(p.ticketId()).setRequestedEscalation(p.requestedEscalation())
                        .setArtifacts(refs).setWarnings(p.warnings())
                        .setPublishedAtMillis(System.currentTimeMillis()).build();
                producer.send(new ProducerRecord<>(TopicNames.PACKETS, p.packetId(), event));
                submissions.put(p.packetId(), submissionId);
            }
            producer.flush();
        }
        return submissions;
    }

    /** Waits for one decision per submission; returns them in the order of the submissions map. */
    public List<Decision> awaitDecisions(final Map<String, String> submissions, final Duration timeout) {
        final Map<String, Decision> bySubmission = new HashMap<>();
        final java.util.Set<String> wanted = new java.util.HashSet<>(submissions.values());
        final long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        while (bySubmission.size() < wanted.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s with "
                        + bySubmission.size() + " of " + wanted.size() + " decisions");
            }
            for (final ConsumerRecord<String, Decision> r : collector.poll(Duration.ofMillis(200))) {
                if (r.value() != null && wanted.contains(r.value().getSubmissionId())) {
                    bySubmission.put(r.value().getSubmissionId(), r.value());
                }
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                LOGGER.info("decisions {}/{}", bySubmission.size(), wanted.size());
            }
            if (services.stream().anyMatch(s -> !s.isAlive())) {
                throw new IllegalStateException("a pipeline service stopped: "
                        + services.stream().filter(s -> !s.isAlive()).map(StreamsService::name).toList());
            }
        }
        final List<Decision> out = new ArrayList<>();
        submissions.values().forEach(s -> out.add(bySubmission.get(s)));
        return out;
    }

    private void openCollector() {
        final Properties p = StreamsSettings.client(config);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "handoff-cli-" + UUID.randomUUID());
        collector = new KafkaConsumer<>(p, new StringDeserializer(), topics.serdes().<Decision>valueDeserializer());
        // Only decisions of this run matter: start at the current end (submission ids filter the rest).
        ConsumerPositions.assignAtEnd(collector, List.of(TopicNames.STAGED, TopicNames.EXCEPTIONS));
    }

    private KafkaProducer<String, Object> producer() {
        final Properties p = StreamsSettings.client(config);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(),
                (org.apache.kafka.common.serialization.Serializer<Object>) (org.apache.kafka.common.serialization.Serializer<?>)
                        topics.serdes().valueSerializer());
    }

    @Override
    public void close() {
        if (collector != null) {
            closeQuietly(collector);
        }
        for (final StreamsService s : services) {
            closeQuietly(s);
        }
        closeQuietly(cluster);
        deleteRecursively(workDir);
    }

    private static void closeQuietly(final AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (final Exception e) {
            LOGGER.warn("while stopping {}: {}", c.getClass().getSimpleName(), e.getClass().getSimpleName());
        }
    }

    static void deleteRecursively(final Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (final IOException e) {
                    // best effort: a file still held open by a closing thread
                }
            });
        } catch (final IOException e) {
            LOGGER.warn("could not remove {}", dir);
        }
    }

    /** Reads packets for publishing; bad input fails before anything is started. */
    public static List<PacketDirectory> readPackets(final Path packets) {
        final Instant now = Instant.now();
        return PacketDirectory.discover(packets).stream().map(d -> PacketDirectory.read(d, now)).toList();
    }
}
