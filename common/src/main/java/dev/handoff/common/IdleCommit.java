package dev.handoff.common;

import java.time.Duration;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Watches a stream thread's input: once the thread has processed records and then seen none for
 * {@code idleMs}, asks Kafka Streams to commit now rather than at the next {@code commit.interval.ms}
 * tick. Placed right after a topology's source, it passes every record on unchanged.
 *
 * <p>Under exactly-once a record is invisible to the next service (read_committed) until the
 * transaction that wrote it commits, so at light load each of handoff's four hops otherwise waits for
 * the interval timer: most of a packet's time from publish to decision. Asking after every record
 * instead costs one transaction per record and cut throughput by two thirds in the benchmark.
 * Quiet is judged per stream thread, not per task: with exactly_once_v2 a thread commits all its tasks
 * in one transaction, and one task of several going quiet during a burst (its partition drained
 * while the others are busy) must not add a transaction. A busy thread is never quiet, so steady load
 * commits on the interval as before; a thread that goes quiet between its upstream's commits during a
 * burst does commit, at most twice per interval. A record that takes longer than {@code idleMs} (OCR)
 * is committed right after it, which is cheap beside it. Measured costs: docs/decisions/0010.
 */
public final class IdleCommit<K, V> implements Processor<K, V, K, V> {

    /** What the stream thread running this task has processed; shared by all its tasks' steps. */
    private static final ThreadLocal<ThreadActivity> THREAD = ThreadLocal.withInitial(ThreadActivity::new);

    private final Policy policy;
    private ProcessorContext<K, V> context;

    private static final class ThreadActivity {
        private boolean pending;
        private long lastInputMs;
        private long lastRequestMs = Long.MIN_VALUE / 2;
    }

    IdleCommit(final Policy policy) {
        this.policy = policy;
    }

    /**
     * {@code idleMs < 0}: interval commits only; otherwise commit once the input has been quiet that long,
     * at most once per {@code minSpacingMs} per thread.
     */
    public record Policy(long idleMs, long minSpacingMs) {
        public static final Policy OFF = new Policy(-1, 0);

        public boolean enabled() {
            return idleMs >= 0;
        }

        public static Policy from(final HandoffConfig config) {
            // at most two idle commits per commit interval: under bursts a thread goes quiet between
            // its upstream's commits, and each idle commit there is one more transaction
            return new Policy(config.getLong(HandoffConfig.COMMIT_IDLE_MS),
                    config.getLong(HandoffConfig.COMMIT_INTERVAL_MS) / 2);
        }
    }

    /** {@code stream} through an idle-commit step named {@code name}, or {@code stream} itself when off. */
    public static <K, V> KStream<K, V> watch(final KStream<K, V> stream, final Policy policy, final String name) {
        if (!policy.enabled()) {
            return stream;
        }
        return stream.process(() -> new IdleCommit<>(policy), Named.as(name));
    }

    @Override
    public void init(final ProcessorContext<K, V> context) {
        this.context = context;
        context.schedule(Duration.ofMillis(Math.max(1, policy.idleMs())), PunctuationType.WALL_CLOCK_TIME,
                this::commitIfQuiet);
    }

    @Override
    public void process(final Record<K, V> record) {
        context.forward(record);
        final ThreadActivity thread = THREAD.get();
        thread.pending = true;
        thread.lastInputMs = context.currentSystemTimeMs();
    }

    void commitIfQuiet(final long now) {
        final ThreadActivity thread = THREAD.get();
        if (thread.pending && now - thread.lastInputMs >= policy.idleMs()
                && now - thread.lastRequestMs >= policy.minSpacingMs()) {
            // commits every task of this thread (one transaction under exactly_once_v2)
            context.commit();
            thread.pending = false;
            thread.lastRequestMs = now;
        }
    }

    /** Tests only: start the calling thread with nothing processed. */
    static void forgetThreadActivity() {
        THREAD.remove();
    }
}
