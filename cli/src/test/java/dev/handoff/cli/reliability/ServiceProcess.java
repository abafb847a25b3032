package dev.handoff.cli.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One handoff service instance as its own JVM (as in production), started from the test's classpath
 * with {@code HANDOFF_*} environment variables; it can be killed with SIGKILL ({@code kill -9}) and
 * started again with the same settings. Its output and a GC log go to files in its directory.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final String name;
    private final String mainClass;
    private final Path directory;
    private final Map<String, String> env;
    private final String maxHeap;
    private Process process;
    private int starts;
    private int runningBeforeStart;
    private int kills;

    ServiceProcess(final String name, final String mainClass, final Path directory, final Map<String, String> env,
                   final String maxHeap) throws IOException {
        this.name = name;
        this.mainClass = mainClass;
        this.directory = directory;
        this.env = new LinkedHashMap<>(env);
        this.maxHeap = maxHeap;
        Files.createDirectories(directory);
    }

    String name() {
        return name;
    }

    synchronized void start() throws IOException {
        runningBeforeStart = runningTransitions();
        starts++;
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-XX:+UseG1GC",
                // an OutOfMemoryError ends the process, so "still alive" proves there was none
                "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + directory.resolve("gc-" + starts + ".log"),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.handoff.avro",
                "-cp", classpath(),
                mainClass));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("HANDOFF_"));
        pb.environment().putAll(env);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        process = pb.start();
    }

    /**
     * The services' classpath: {@code handoff.reliability.classpath} if set, else the packaged CLI
     * ({@code handoff-cli.jar} and {@code lib/} of this build directory, as {@code ./handoff service}
     * runs it), else the test's own classpath.
     */
    static String classpath() {
        final String explicit = System.getProperty("handoff.reliability.classpath");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        try {
            final Path build = ReliabilityFigures.buildDirectory();
            if (Files.isRegularFile(build.resolve("handoff-cli.jar")) && Files.isDirectory(build.resolve("lib"))) {
                return build.resolve("handoff-cli.jar") + java.io.File.pathSeparator + build.resolve("lib") + "/*";
            }
        } catch (final java.net.URISyntaxException e) {
            // fall back to the test classpath
        }
        return System.getProperty("java.class.path");
    }

    /** {@code kill -9}: no shutdown hook, no commit, the open transaction is left to the coordinator. */
    synchronized void kill() throws InterruptedException {
        kills++;
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the service closes Kafka Streams and commits. */
    synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Alive and its Kafka Streams client never went to ERROR: a client in ERROR leaves the JVM
     * running (it waits for SIGTERM) but processes nothing.
     */
    /** True when every one of the processes is healthy. */
    static boolean allHealthy(final java.util.List<ServiceProcess> services) throws IOException {
        for (final ServiceProcess s : services) {
            if (!s.isHealthy()) {
                return false;
            }
        }
        return true;
    }

    boolean isHealthy() throws IOException {
        return isAlive() && !logMentions("-> ERROR");
    }

    long pid() {
        return process.pid();
    }

    int kills() {
        return kills;
    }

    Path log() {
        return directory.resolve(name + ".log");
    }

    /** How many times the service reached RUNNING (from its state-listener log line). */
    int runningTransitions() throws IOException {
        if (!Files.exists(log())) {
            return 0;
        }
        int n = 0;
        for (final String line : Files.readAllLines(log(), StandardCharsets.UTF_8)) {
            if (line.contains("-> RUNNING")) {
                n++;
            }
        }
        return n;
    }

    /** Waits until the current process (since its last start) has reached RUNNING. */
    void awaitRunningSinceStart(final Duration timeout) throws IOException, InterruptedException {
        awaitRunning(runningBeforeStart + 1, timeout);
    }

    /** Waits until the service has reached RUNNING {@code times} times in total (across restarts). */
    void awaitRunning(final int times, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (runningTransitions() < times) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not RUNNING within " + timeout.toSeconds() + " s; see " + log());
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until the service's log mentions {@code text} (a state the service reports). */
    void awaitLog(final String text, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!logMentions(text)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not log '" + text + "' within " + timeout.toSeconds() + " s");
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
    }

    boolean logMentions(final String text) throws IOException {
        return Files.exists(log()) && Files.readString(log(), StandardCharsets.ISO_8859_1).contains(text);
    }

    /** The largest heap occupancy (before a collection) any GC log of this service reports, in MB. */
    long maxHeapUsedMb() throws IOException {
        return maxOverGcLogs(m -> Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    }

    /** The heap capacity the GC log reports (bounded by -Xmx), in MB. */
    long maxHeapCapacityMb() throws IOException {
        return maxOverGcLogs(m -> Long.parseLong(m.group(3)));
    }

    /** The largest value {@code figure} reads from any heap line of this service's GC logs (one per start). */
    private long maxOverGcLogs(final ToLongFunction<Matcher> figure) throws IOException {
        long max = 0;
        for (int i = 1; i <= starts; i++) {
            final Path gc = directory.resolve("gc-" + i + ".log");
            if (!Files.exists(gc)) {
                continue;
            }
            final Matcher m = GC_HEAP.matcher(Files.readString(gc, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                max = Math.max(max, figure.applyAsLong(m));
            }
        }
        return max;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
