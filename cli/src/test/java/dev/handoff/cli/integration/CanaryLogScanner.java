package dev.handoff.cli.integration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of a run, at TRACE for handoff and DEBUG for Kafka clients and Streams, plus
 * everything written to standard output and error, and checks each one against the canary patterns as it
 * arrives (so a long DEBUG run needs no memory). Hits name the canary and the logger, never the text.
 */
final class CanaryLogScanner implements AutoCloseable {

    /** Loggers raised for the run; the broker's own internals stay at INFO (its DEBUG is request plumbing). */
    private static final Map<String, Level> LEVELS = levels();

    private final Map<String, String> needles;
    private final List<String> hits = new ArrayList<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong handoffEvents = new AtomicLong();
    private final Map<String, Level> previousLevels = new LinkedHashMap<>();
    private final List<Appender<ILoggingEvent>> consoleAppenders = new ArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> scanner;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;

    CanaryLogScanner(final Map<String, String> needles) {
        this.needles = Map.copyOf(needles);
        final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        scanner = new AppenderBase<>() {
            @Override
            protected void append(final ILoggingEvent e) {
                events.incrementAndGet();
                if (e.getLoggerName().startsWith("dev.handoff")) {
                    handoffEvents.incrementAndGet();
                }
                final StringBuilder all = new StringBuilder(256).append(e.getLoggerName()).append(' ')
                        .append(e.getThreadName()).append(' ').append(e.getFormattedMessage()).append(' ')
                        .append(e.getMDCPropertyMap());
                if (e.getArgumentArray() != null) {
                    all.append(' ').append(Arrays.deepToString(e.getArgumentArray()));
                }
                if (e.getThrowableProxy() != null) {
                    all.append(' ').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
                }
                scan(all.toString(), e.getLevel() + " " + e.getLoggerName());
            }
        };
        scanner.setContext(ctx);
        scanner.setName("canary-scanner");
        scanner.start();
        // The console keeps its usual WARN-and-above view; the scanner sees every level.
        for (final Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            final Appender<ILoggingEvent> a = it.next();
            final ThresholdFilter warn = new ThresholdFilter();
            warn.setLevel("WARN");
            warn.start();
            a.addFilter(warn);
            consoleAppenders.add(a);
        }
        root.addAppender(scanner);
        for (final Map.Entry<String, Level> l : LEVELS.entrySet()) {
            final Logger logger = ctx.getLogger(l.getKey());
            previousLevels.put(l.getKey(), logger.getLevel());
            logger.setLevel(l.getValue());
        }
        System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, console), true, StandardCharsets.UTF_8));
    }

    private static Map<String, Level> levels() {
        final Map<String, Level> m = new LinkedHashMap<>();
        m.put(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO);
        m.put("dev.handoff", Level.TRACE);
        m.put("org.apache.kafka", Level.DEBUG);
        m.put("io.apicurio", Level.DEBUG);
        m.put("org.apache.tika", Level.DEBUG);
        m.put("kafka", Level.INFO);
        m.put("state.change.logger", Level.INFO);
        for (final String broker : List.of("raft", "controller", "metadata", "image", "server", "storage",
                "coordinator", "security", "queue", "snapshot")) {
            m.put("org.apache.kafka." + broker, Level.INFO);
        }
        return m;
    }

    private synchronized void scan(final String text, final String where) {
        for (final Map.Entry<String, String> n : needles.entrySet()) {
            if (text.contains(n.getKey())) {
                hits.add(n.getValue() + " in a log event of " + where);
            }
        }
    }

    /** Log events seen (all levels). */
    long events() {
        return events.get();
    }

    long handoffEvents() {
        return handoffEvents.get();
    }

    /** Every canary pattern found in a log event or on the console, by canary name and place. */
    synchronized List<String> hits() {
        final List<String> out = new ArrayList<>(hits);
        final String consoleText = console.toString(StandardCharsets.UTF_8);
        for (final Map.Entry<String, String> n : needles.entrySet()) {
            if (consoleText.contains(n.getKey())) {
                out.add(n.getValue() + " on standard output or error");
            }
        }
        return out;
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.detachAppender(scanner);
        scanner.stop();
        consoleAppenders.forEach(Appender::clearAllFilters);
        final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        previousLevels.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
    }

    /** Writes to the real stream and keeps a copy to scan. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final ByteArrayOutputStream b;

        Tee(final OutputStream a, final ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(final int c) {
            synchronized (b) {
                b.write(c);
            }
            try {
                a.write(c);
            } catch (final IOException e) {
                // the real console is best effort; the copy is what the test scans
            }
        }

        @Override
        public void write(final byte[] buf, final int off, final int len) {
            synchronized (b) {
                b.write(buf, off, len);
            }
            try {
                a.write(buf, off, len);
            } catch (final IOException e) {
                // as above
            }
        }

        @Override
        public void flush() {
            try {
                a.flush();
            } catch (final IOException e) {
                // as above
            }
        }
    }
}
