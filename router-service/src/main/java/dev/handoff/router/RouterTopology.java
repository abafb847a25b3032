package dev.handoff.router;

import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.Decision;
import dev.handoff.avro.DecisionHistory;
import dev.handoff.avro.DecisionKind;
import dev.handoff.avro.PacketAggregate;
import dev.handoff.avro.PacketReceived;
import dev.handoff.common.DecisionJson;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.ProvenanceHeaders;
import dev.handoff.common.Topics;
import dev.handoff.common.ops.HandoffMetrics;
import dev.handoff.core.Hashing;
import dev.handoff.router.policy.PacketDecider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * packets + artifacts-normalized (co-partitioned by packet id) -> per-submission state until every
 * artifact has reported or the grace period passes -> one decision -> staged or exceptions topic,
 * with provenance headers. State is deleted once the decision is published; the per-packet revision
 * history is purged after its retention, so state stays bounded however long the pipeline runs.
 */
public final class RouterTopology {

    public static final String AGGREGATES = "router-aggregates";
    public static final String HISTORY = "router-history";
    /** Open submissions by first-seen time, so the grace check visits only the due ones. */
    public static final String DEADLINES = "router-deadlines";

    /** Open aggregates in this JVM, for the state-size metric. */
    public static final AtomicLong OPEN_AGGREGATES = new AtomicLong();

    private RouterTopology() {
    }

    /** Timing of the router: grace for missing artifacts, how often to check, how long to keep history. */
    public record Timing(Duration grace, Duration punctuate, Duration historyRetention) {
    }

    public static Topology build(final Topics topics, final PacketDecider decider, final Timing timing,
                                 final IdleCommit.Policy commits) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGGREGATES), Serdes.String(),
                topics.serdes().<PacketAggregate>value()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY), Serdes.String(),
                topics.serdes().<DecisionHistory>value()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINES), Serdes.String(),
                Serdes.String()));
        final KStream<String, SpecificRecord> packets = builder.stream(topics.packets.name(), topics.packets.consumed())
                .mapValues(v -> (SpecificRecord) v, Named.as("packet-as-event"));
        final KStream<String, SpecificRecord> artifacts = builder
                .stream(topics.artifactsNormalized.name(), topics.artifactsNormalized.consumed())
                .mapValues(v -> (SpecificRecord) v, Named.as("artifact-as-event"));
        IdleCommit.watch(packets.merge(artifacts, Named.as("packet-events"))
                .filter((k, v) -> v != null && k != null, Named.as("drop-null-events")), commits, "commit-when-idle")
                .process(() -> new Aggregate(decider, timing), Named.as("aggregate-and-decide"), AGGREGATES, HISTORY,
                        DEADLINES)
                .to((key, decision, ctx) -> decision.getDecision() == DecisionKind.STAGED
                                ? topics.staged.name() : topics.exceptions.name(),
                        Produced.with(topics.staged.keySerde(), topics.staged.valueSerde()));
        return builder.build();
    }

    /** Collects a submission's artifacts and decides once all have reported or grace has passed. */
    static final class Aggregate implements Processor<String, SpecificRecord, String, Decision> {
        private static final Logger LOGGER = LoggerFactory.getLogger(Aggregate.class);
        private final PacketDecider decider;
        private final Timing timing;
        private ProcessorContext<String, Decision> context;
        private KeyValueStore<String, PacketAggregate> aggregates;
        private KeyValueStore<String, DecisionHistory> history;
        private KeyValueStore<String, String> deadlines;
        private final HandoffMetrics metrics = HandoffMetrics.forService(RouterService.NAME);

        Aggregate(final PacketDecider decider, final Timing timing) {
            this.decider = decider;
            this.timing = timing;
        }

        @Override
        public void init(final ProcessorContext<String, Decision> context) {
            this.context = context;
            this.aggregates = context.getStateStore(AGGREGATES);
            this.history = context.getStateStore(HISTORY);
            this.deadlines = context.getStateStore(DEADLINES);
            if (deadlines.approximateNumEntries() == 0) {
                // state written before the index existed: index it once
                try (KeyValueIterator<String, PacketAggregate> it = aggregates.all()) {
                    it.forEachRemaining(kv -> deadlines.put(deadlineKey(kv.value), kv.key));
                }
            }
            context.schedule(timing.punctuate(), PunctuationType.WALL_CLOCK_TIME, this::expire);
            metrics.gauge(HandoffMetrics.ROUTER_OPEN_PACKETS, "Submissions waiting for artifacts in the router's state",
                    OPEN_AGGREGATES::get);
            context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::purgeHistory);
        }

        @Override
        public void process(final Record<String, SpecificRecord> record) {
            final SpecificRecord v = record.value();
            final String packetId;
            final String submissionId;
            if (v instanceof PacketReceived p) {
                metrics.packetReceived();
                packetId = p.getPacketId();
                submissionId = p.getSubmissionId();
            } else if (v instanceof ArtifactNormalized a) {
                packetId = a.getPacketId();
                submissionId = a.getSubmissionId();
            } else {
                throw new IllegalArgumentException("unexpected record type " + v.getClass().getSimpleName());
            }
            final String key = packetId + "|" + submissionId;
            PacketAggregate agg = aggregates.get(key);
            if (agg == null) {
                agg = PacketAggregate.newBuilder().setPacketId(packetId).setSubmissionId(submissionId)
                        .setArtifacts(new ArrayList<>()).setFirstSeenMillis(System.currentTimeMillis()).build();
                OPEN_AGGREGATES.incrementAndGet();
                deadlines.put(deadlineKey(agg), key);
            }
            // The grace period runs from the last progress, not the first event: under a backlog a packet
            // whose artifacts still trickle in is not decided early.
            deadlines.delete(deadlineKey(agg));
            agg.setLastProgressMillis(System.currentTimeMillis());
            deadlines.put(deadlineKey(agg), key);
            if (v instanceof PacketReceived p) {
                agg.setPacket(p);
            } else {
                final ArtifactNormalized a = (ArtifactNormalized) v;
                final List<ArtifactNormalized> list = new ArrayList<>(agg.getArtifacts());
                list.removeIf(x -> x.getArtifact().getArtifactId().equals(a.getArtifact().getArtifactId()));
                list.add(a);
                agg.setArtifacts(list);
            }
            if (complete(agg)) {
                decide(key, agg);
            } else {
                aggregates.put(key, agg);
            }
        }

        private static String deadlineKey(final PacketAggregate agg) {
            return String.format(Locale.ROOT, "%019d|%s|%s",
                    Math.max(agg.getFirstSeenMillis(), agg.getLastProgressMillis()), agg.getPacketId(),
                    agg.getSubmissionId());
        }

        private static boolean complete(final PacketAggregate agg) {
            return agg.getPacket() != null && agg.getArtifacts().size() >= agg.getPacket().getArtifacts().size();
        }

        private void decide(final String key, final PacketAggregate agg) {
            final PacketReceived packet = agg.getPacket();
            final DecisionHistory prior = history.get(packet.getPacketId());
            final PacketDecider.Revision revision = prior == null ? PacketDecider.Revision.first()
                    : prior.getLastSubmissionId().equals(packet.getSubmissionId())
                    ? new PacketDecider.Revision(prior.getRevisions(), null)
                    : new PacketDecider.Revision(prior.getRevisions() + 1, prior.getLastDecisionId());
            final long now = System.currentTimeMillis();
            final long start = System.nanoTime();
            final Decision decision = decider.decide(packet, agg.getArtifacts(), revision, now);
            metrics.stageLatency("decide", Duration.ofNanos(System.nanoTime() - start));
            final String topic = decision.getDecision() == DecisionKind.STAGED
                    ? dev.handoff.common.TopicNames.STAGED : dev.handoff.common.TopicNames.EXCEPTIONS;
            final RecordHeaders headers = new RecordHeaders();
            ProvenanceHeaders.apply(headers, decision, topic, Hashing.sha256Hex(DecisionJson.toJsonLine(decision)));
            context.forward(new Record<>(packet.getPacketId(), decision, now, headers));
            aggregates.delete(key);
            deadlines.delete(deadlineKey(agg));
            OPEN_AGGREGATES.decrementAndGet();
            history.put(packet.getPacketId(), DecisionHistory.newBuilder().setPacketId(packet.getPacketId())
                    .setRevisions(revision.number()).setLastDecisionId(decision.getDecisionId())
                    .setLastSubmissionId(packet.getSubmissionId()).setLastDecidedMillis(now).build());
            metrics.decision(decision.getDecision().name(),
                    decision.getReasons().stream().map(n -> n.getCode()).toList(),
                    decision.getWarnings().stream().map(n -> n.getCode()).toList(),
                    decision.getPrivacyFlags().stream().map(f -> f.getCode().name()).toList(),
                    packet.getPublishedAtMillis(), System.currentTimeMillis());
            MDC.put("packetId", packet.getPacketId());
            try {
                LOGGER.info("packetId={} decision={} reasons={} revision={}", packet.getPacketId(),
                        decision.getDecision(), decision.getReasons().size(), revision.number());
            } finally {
                MDC.remove("packetId");
            }
        }

        /** Decides submissions whose missing artifacts did not arrive within the grace period. */
        private void expire(final long now) {
            // Only the due entries of the deadline index are read: reading every open aggregate each
            // second deserialized all of them and took most of the router's time under load.
            final List<KeyValue<String, PacketAggregate>> due = new ArrayList<>();
            final String upTo = String.format(Locale.ROOT, "%019d|\uffff", Math.max(0, now - timing.grace().toMillis()));
            final List<KeyValue<String, String>> entries = new ArrayList<>();
            try (KeyValueIterator<String, String> it = deadlines.range(String.format(Locale.ROOT, "%019d|", 0L), upTo)) {
                it.forEachRemaining(entries::add);
            }
            for (final KeyValue<String, String> e : entries) {
                final PacketAggregate agg = aggregates.get(e.value);
                if (agg == null) {
                    deadlines.delete(e.key);
                } else {
                    due.add(KeyValue.pair(e.value, agg));
                }
            }
            for (final KeyValue<String, PacketAggregate> kv : due) {
                if (kv.value.getPacket() != null) {
                    LOGGER.warn("packetId={} deciding after grace with {} of {} artifacts", kv.value.getPacketId(),
                            kv.value.getArtifacts().size(), kv.value.getPacket().getArtifacts().size());
                    decide(kv.key, kv.value);
                } else if (now - kv.value.getFirstSeenMillis() >= 10 * timing.grace().toMillis()) {
                    LOGGER.warn("packetId={} artifacts without a packet event for 10 grace periods: dropped",
                            kv.value.getPacketId());
                    aggregates.delete(kv.key);
                    deadlines.delete(deadlineKey(kv.value));
                    OPEN_AGGREGATES.decrementAndGet();
                }
            }
        }

        private void purgeHistory(final long now) {
            final List<String> old = new ArrayList<>();
            try (KeyValueIterator<String, DecisionHistory> it = history.all()) {
                while (it.hasNext()) {
                    final KeyValue<String, DecisionHistory> kv = it.next();
                    if (now - kv.value.getLastDecidedMillis() > timing.historyRetention().toMillis()) {
                        old.add(kv.key);
                    }
                }
            }
            old.forEach(history::delete);
        }
    }
}
