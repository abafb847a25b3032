package dev.handoff.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdleCommitTest {

    private static final long IDLE_MS = 20;
    private MockProcessorContext<String, String> context;
    private IdleCommit<String, String> step;

    @BeforeEach
    void setUp() {
        IdleCommit.forgetThreadActivity();
        context = new MockProcessorContext<>();
        step = new IdleCommit<>(new IdleCommit.Policy(IDLE_MS, 0));
        step.init(context);
    }

    private void input(final long atMs, final String value) {
        context.setCurrentSystemTimeMs(atMs);
        step.process(new Record<>("packet-1", value, atMs));
    }

    private void punctuate(final long atMs) {
        context.setCurrentSystemTimeMs(atMs);
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(atMs));
    }

    @Test
    void passesEveryRecordOnUnchanged() {
        input(1_000, "a");
        input(1_001, "b");
        assertEquals(2, context.forwarded().size());
        assertEquals("a", context.forwarded().get(0).record().value());
        assertEquals("packet-1", context.forwarded().get(1).record().key());
    }

    @Test
    void schedulesAWallClockCheckEveryIdlePeriod() {
        assertEquals(1, context.scheduledPunctuators().size());
        assertEquals(PunctuationType.WALL_CLOCK_TIME, context.scheduledPunctuators().get(0).getType());
        assertEquals(IDLE_MS, context.scheduledPunctuators().get(0).getInterval().toMillis());
    }

    @Test
    void asksForACommitOnceTheInputHasBeenQuietForTheIdlePeriod() {
        input(1_000, "a");
        punctuate(1_010);
        assertFalse(context.committed(), "input 10 ms ago: the task may still be busy");
        punctuate(1_020);
        assertTrue(context.committed(), "quiet for 20 ms: commit now, not at the next interval tick");
    }

    @Test
    void aBusyTaskLeavesCommittingToTheInterval() {
        for (long t = 1_000; t < 2_000; t += 5) {
            input(t, "r" + t);
            punctuate(t + 1);
        }
        assertFalse(context.committed(), "a record every 5 ms is never 20 ms of quiet");
    }

    @Test
    void aBusySiblingTaskOnTheSameThreadKeepsItFromCommitting() {
        final MockProcessorContext<String, String> siblingContext = new MockProcessorContext<>();
        final IdleCommit<String, String> sibling = new IdleCommit<>(new IdleCommit.Policy(IDLE_MS, 0));
        sibling.init(siblingContext);
        input(1_000, "a");
        for (long t = 1_005; t < 1_500; t += 5) {
            siblingContext.setCurrentSystemTimeMs(t);
            sibling.process(new Record<>("packet-2", "s" + t, t));
            punctuate(t + 1);
        }
        assertFalse(context.committed(), "its partition is drained, but the thread is still busy");
        punctuate(1_520);
        assertTrue(context.committed(), "the whole thread quiet for 20 ms");
        assertFalse(siblingContext.committed(), "one request commits every task of the thread");
    }

    @Test
    void aThreadAsksAtMostOncePerSpacingAndTheSpacingIsHalfTheCommitInterval() {
        step = new IdleCommit<>(new IdleCommit.Policy(IDLE_MS, 100));
        context = new MockProcessorContext<>();
        step.init(context);
        input(1_000, "a");
        punctuate(1_020);
        assertTrue(context.committed());
        context.resetCommit();
        input(1_030, "b");
        punctuate(1_060);
        assertFalse(context.committed(), "40 ms after the last request: the interval tick or a later check commits it");
        punctuate(1_120);
        assertTrue(context.committed(), "100 ms after the last request");
        assertEquals(200, IdleCommit.Policy.from(HandoffConfig.of(Map.of(HandoffConfig.COMMIT_INTERVAL_MS, "400")))
                .minSpacingMs());
    }

    @Test
    void asksOncePerQuietSpellAndNeverWithoutInput() {
        punctuate(1_000);
        assertFalse(context.committed(), "nothing processed, nothing to commit");
        input(1_000, "a");
        punctuate(1_030);
        assertTrue(context.committed());
        context.resetCommit();
        punctuate(1_060);
        punctuate(5_000);
        assertFalse(context.committed(), "already asked for this input");
        input(5_001, "b");
        punctuate(5_025);
        assertTrue(context.committed(), "new input, new commit");
    }

    @Test
    void offLeavesTheTopologyUntouchedAndTheDefaultIsOn() {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, String> in = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        assertTrue(in == IdleCommit.watch(in, IdleCommit.Policy.OFF, "commit-when-idle"));
        assertFalse(IdleCommit.Policy.from(HandoffConfig.of(Map.of(HandoffConfig.COMMIT_IDLE_MS, "-1"))).enabled());
        assertTrue(IdleCommit.Policy.from(HandoffConfig.of(Map.of())).enabled());
        IdleCommit.watch(in, new IdleCommit.Policy(IDLE_MS, 0), "commit-when-idle").to("out");
        assertTrue(builder.build().describe().toString().contains("commit-when-idle"));
    }
}
