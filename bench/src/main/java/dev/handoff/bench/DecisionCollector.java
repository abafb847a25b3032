package dev.handoff.bench;

import dev.handoff.avro.Decision;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.TopicNames;
import dev.handoff.common.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads both decision topics (read_committed, as the staging system would) on its own thread and
 * notes when each decision arrived, so publish-to-decision latency is the consumer's receive time
 * minus {@code Decision.publishedAtMillis}.
 */
final class DecisionCollector extends CommittedTail<Decision> {

    /** One decision as received. */
    record Received(String submissionId, long publishedAtMillis, long receivedAtMillis, boolean staged) {

        long latencyMillis() {
            return receivedAtMillis - publishedAtMillis;
        }
    }

    private final Map<String, Received> received = new HashMap<>();

    DecisionCollector(final HandoffConfig config, final Topics topics) {
        super(config, topics.serdes().<Decision>valueDeserializer(), List.of(TopicNames.STAGED, TopicNames.EXCEPTIONS),
                "handoff-bench-decisions");
        start();
    }

    @Override
    void onRecord(final ConsumerRecord<String, Decision> r, final long now) {
        final Decision d = r.value();
        if (d != null) {
            synchronized (this) {
                received.put(d.getSubmissionId(), new Received(d.getSubmissionId(), d.getPublishedAtMillis(), now,
                        TopicNames.STAGED.equals(r.topic())));
                notifyAll();
            }
        }
    }

    /** Waits until every submission has its decision; throws with the count when the timeout passes. */
    synchronized List<Received> await(final Collection<String> submissions, final Duration timeout)
            throws InterruptedException {
        final long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            final List<Received> out = new ArrayList<>();
            for (final String s : submissions) {
                final Received r = received.get(s);
                if (r != null) {
                    out.add(r);
                }
            }
            if (out.size() == submissions.size()) {
                submissions.forEach(received::remove);
                return out;
            }
            final long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s with " + out.size()
                        + " of " + submissions.size() + " decisions");
            }
            wait(Math.min(left, 1000));
        }
    }
}
