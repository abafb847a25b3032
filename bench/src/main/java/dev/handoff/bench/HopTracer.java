package dev.handoff.bench;

import dev.handoff.common.HandoffConfig;
import dev.handoff.common.TopicNames;
import dev.handoff.common.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where publish-to-decision latency goes: reads the input and the three internal topics with
 * read_committed (what the next service can see) and notes, per submission, when the last record of
 * each topic became visible. Used only at light load: it reads every record, which would slow a burst.
 */
final class HopTracer extends CommittedTail<SpecificRecord> {

    /** The topics in pipeline order; each hop ends when its last record for a packet is visible. */
    static final List<String> TOPICS = List.of(TopicNames.PACKETS, TopicNames.ARTIFACT_TASKS,
            TopicNames.ARTIFACTS_EXTRACTED, TopicNames.ARTIFACTS_NORMALIZED);

    private final Map<String, Map<String, Long>> lastSeen = new HashMap<>();

    HopTracer(final HandoffConfig config, final Topics topics) {
        super(config, topics.serdes().<SpecificRecord>valueDeserializer(), TOPICS, "handoff-bench-hops");
        start();
    }

    @Override
    void onRecord(final ConsumerRecord<String, SpecificRecord> r, final long now) {
        final SpecificRecord v = r.value();
        if (v != null && v.getSchema().getField("submissionId") != null) {
            final String submission = String.valueOf(v.get(v.getSchema().getField("submissionId").pos()));
            synchronized (this) {
                lastSeen.computeIfAbsent(submission, s -> new HashMap<>()).merge(r.topic(), now, Math::max);
            }
        }
    }

    /**
     * Median milliseconds each hop added: publish to visible on each topic in turn, then to the decision.
     * Keys name the service that did the hop.
     */
    synchronized Map<String, Long> medianHops(final List<DecisionCollector.Received> decisions) {
        final List<String> names = List.of("publish (producer to broker)", "extractor fan-out",
                "extractor extraction", "normalizer", "router");
        final Map<String, List<Long>> hops = new LinkedHashMap<>();
        names.forEach(n -> hops.put(n, new ArrayList<>()));
        for (final DecisionCollector.Received d : decisions) {
            final Map<String, Long> seen = lastSeen.get(d.submissionId());
            if (seen == null || seen.size() < TOPICS.size()) {
                continue;
            }
            long previous = d.publishedAtMillis();
            for (int i = 0; i < TOPICS.size(); i++) {
                final long t = seen.get(TOPICS.get(i));
                hops.get(names.get(i)).add(t - previous);
                previous = t;
            }
            hops.get(names.get(TOPICS.size())).add(d.receivedAtMillis() - previous);
        }
        final Map<String, Long> out = new LinkedHashMap<>();
        hops.forEach((k, v) -> out.put(k, LatencySummary.of(v).p50()));
        return out;
    }
}
