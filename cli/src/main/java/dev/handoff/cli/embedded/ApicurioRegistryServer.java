package dev.handoff.cli.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry 2.x server (in-memory H2 storage) run as a child JVM on a free
 * loopback port, with its output in a log file of its own; closing it, or the JVM exiting,
 * stops the child and deletes its directory.
 */
public final class ApicurioRegistryServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ApicurioRegistryServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String API_PATH = "/apis/registry/v2";
    private static final int MAX_START_ATTEMPTS = 3;
    private static final int LOG_LINES_IN_ERRORS = 5;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Writing the class-data archive at exit took 3-24 s here depending on load; it happens once. */
    private static final Duration ARCHIVING_STOP_GRACE = Duration.ofSeconds(60);
    /**
     * C1-only JIT and the serial collector halve the registry's startup on two busy cores
     * (measured 8.6 s to 4.4 s) at the same resident size; the registry sees little load.
     */
    private static final List<String> DEFAULT_JVM_OPTIONS =
        List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Launched launched;
    private final Process process;
    private final Path workDirectory;
    private final Path logFile;
    private final int port;
    private final long startupMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ApicurioRegistryServer(final Launched launched, final long startupMillis) {
        this.launched = launched;
        this.process = launched.process();
        this.workDirectory = launched.workDirectory();
        this.logFile = launched.logFile();
        this.port = launched.port();
        this.startupMillis = startupMillis;
    }

    /**
     * Starts the registry found by {@link ApicurioHome#locate()} with the default settings.
     *
     * @return the running registry
     */
    public static ApicurioRegistryServer start() {
        return builder().start();
    }

    /**
     * Returns a builder for a registry with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the v2 REST API base URL that the Apicurio serdes take as {@code apicurio.registry.url}.
     *
     * @return {@code http://127.0.0.1:port/apis/registry/v2}
     */
    public String url() {
        return baseUrl() + API_PATH;
    }

    /**
     * Returns the server root, under which {@code /apis/ccompat/v7} and {@code /health} also live.
     *
     * @return {@code http://127.0.0.1:port}
     */
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + port;
    }

    /**
     * Returns the HTTP port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the operating-system id of the registry process.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Tells whether the registry process still runs.
     *
     * @return true while alive
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Returns the registry's combined stdout and stderr; it is deleted by {@link #close()}.
     *
     * @return the log file
     */
    public Path logFile() {
        return logFile;
    }

    /**
     * Returns the temporary directory holding the log; it is gone after {@link #close()}.
     *
     * @return the directory
     */
    public Path workDirectory() {
        return workDirectory;
    }

    /**
     * Returns how long start took, from launching the JVM to the first answer of the system API.
     *
     * @return milliseconds
     */
    public long startupMillis() {
        return startupMillis;
    }

    /**
     * Returns the resident memory of the registry process where the platform exposes it
     * ({@code /proc} on Linux).
     *
     * @return bytes, or empty when unknown
     */
    public OptionalLong residentMemoryBytes() {
        final Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (final String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    final String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024L);
                }
            }
        } catch (final IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * Stops the registry (SIGTERM, then SIGKILL after 10 s, or 60 s on the one run that writes the
     * class-data archive) and deletes its directory; later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        launched.shutDown(STOP_GRACE, true, true);
    }

    /**
     * Stops a process: SIGTERM, then SIGKILL after the grace period.
     *
     * @return true when it exited on SIGTERM within the grace period
     */
    /** Watchdogs by registry pid; a strong reference keeps each one's stdin pipe open. */
    private static final java.util.Map<Long, Process> WATCHDOGS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A shutdown hook does not run when this JVM is killed with SIGKILL. A tiny shell process waits on a
     * pipe from this JVM; when the JVM dies the pipe closes and the watchdog stops the registry, so no
     * registry process outlives the CLI whatever ends it.
     */
    private static void startWatchdog(final long pid) {
        try {
            final Process watchdog = new ProcessBuilder("sh", "-c",
                    "read -r _; kill -TERM " + pid + " 2>/dev/null; sleep 10; kill -KILL " + pid + " 2>/dev/null")
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            WATCHDOGS.put(pid, watchdog);
        } catch (final IOException e) {
            LOGGER.warn("no watchdog for the Apicurio registry pid {} ({}): a SIGKILL of this JVM would leave it running",
                    pid, e.getClass().getSimpleName());
        }
    }

    private static void stopWatchdog(final long pid) {
        final Process watchdog = WATCHDOGS.remove(pid);
        if (watchdog != null) {
            watchdog.destroy();
        }
    }

    private static boolean stop(final Process process, final Duration grace) {
        try {
            return stopRegistry(process, grace);
        } finally {
            if (!process.isAlive()) {
                stopWatchdog(process.pid());
            }
        }
    }

    private static boolean stopRegistry(final Process process, final Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOGGER.warn("Apicurio registry pid {} ignored SIGTERM for {} s, killing it", process.pid(), grace.toSeconds());
            process.destroyForcibly();
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void deleteQuietly(final Path directory) {
        try {
            WorkDirectory.deleteRecursively(directory);
        } catch (final IOException e) {
            LOGGER.warn("Cannot delete the registry directory {}: {}", directory, e.toString());
        }
    }

    private static List<String> lastLines(final Path file, final int count) {
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> !line.isBlank()).toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (final IOException e) {
            return List.of();
        }
    }

    /**
     * One launched registry JVM and everything to undo for it.
     *
     * @param archiveDump where the JVM writes a class-data archive at exit, when it was asked to
     * @param archive where a complete archive is moved for later launches
     */
    private record Launched(Process process, Path workDirectory, Path logFile, int port,
                            Optional<Path> archiveDump, Optional<Path> archive, Thread shutdownHook) {

        private Launched withHook(final Thread hook) {
            return new Launched(process, workDirectory, logFile, port, archiveDump, archive, hook);
        }

        /**
         * Stops the process, keeps a class-data archive it wrote on a clean exit after a complete
         * start (one written after a failed start lacks most classes), and deletes the rest.
         */
        private void shutDown(final Duration grace, final boolean removeHook, final boolean startedFully) {
            if (removeHook && shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (final IllegalStateException shuttingDown) {
                    // the JVM is exiting and the hook stops the process anyway
                }
            }
            final boolean archiving = startedFully && archiveDump.isPresent() && process.isAlive();
            if (archiving) {
                LOGGER.info("Apicurio registry is writing its class-data archive once, for faster starts later");
            }
            final boolean clean = stop(process, archiving ? ARCHIVING_STOP_GRACE : grace);
            archiveDump.ifPresent(dump -> settleArchive(dump, archive.orElseThrow(), clean && startedFully));
            deleteQuietly(workDirectory);
        }
    }

    private static void settleArchive(final Path dump, final Path archive, final boolean clean) {
        try {
            // a JVM killed while dumping leaves a partial file that later launches must never map
            if (clean && Files.isRegularFile(dump) && Files.size(dump) > 0) {
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOGGER.debug("Saved the registry class-data archive {}", archive);
            } else {
                Files.deleteIfExists(dump);
            }
        } catch (final IOException e) {
            LOGGER.debug("Cannot keep the registry class-data archive {}: {}", archive, e.toString());
            try {
                Files.deleteIfExists(dump);
            } catch (final IOException ignored) {
                // a stray temporary file in the registry directory is harmless
            }
        }
    }

    /** Settings for the registry child process. */
    public static final class Builder {

        private ApicurioHome home;
        private Path javaExecutable;
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        // Generous by default: on a loaded 2-core machine a cold start took over 60 s; override with
        // -Dhandoff.embedded.ready.timeout.seconds or HANDOFF_EMBEDDED_READY_TIMEOUT_SECONDS.
        private Duration readyTimeout = EmbeddedTimeouts.ready();
        private boolean useClassDataArchive = true;
        private Path classDataArchive;

        private Builder() {
        }

        /**
         * Uses this registry instead of {@link ApicurioHome#locate()}.
         *
         * @param registryHome the unpacked registry
         * @return this builder
         */
        public Builder home(final ApicurioHome registryHome) {
            this.home = Objects.requireNonNull(registryHome, "registryHome");
            return this;
        }

        /**
         * Uses this {@code java} instead of the one running this JVM.
         *
         * @param executable the java launcher
         * @return this builder
         */
        public Builder javaExecutable(final Path executable) {
            this.javaExecutable = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /**
         * Replaces the JVM options (default {@code -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}).
         *
         * @param options JVM options placed before {@code -jar}
         * @return this builder
         */
        public Builder jvmOptions(final List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Adds a Quarkus or registry setting passed as {@code -Dkey=value}; it wins over the defaults.
         *
         * @param key the setting
         * @param value its value
         * @return this builder
         */
        public Builder systemProperty(final String key, final String value) {
            systemProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Keeps the registry's loaded classes in this class-data-sharing archive: the first launch
         * writes it when the registry stops cleanly, later launches map it and start about three
         * times faster on a busy machine. Default: a file beside the launcher jar, when writable.
         *
         * @param archive the archive file
         * @return this builder
         */
        public Builder classDataArchive(final Path archive) {
            this.classDataArchive = Objects.requireNonNull(archive, "archive");
            this.useClassDataArchive = true;
            return this;
        }

        /**
         * Starts the registry without a class-data-sharing archive.
         *
         * @return this builder
         */
        public Builder withoutClassDataArchive() {
            this.useClassDataArchive = false;
            return this;
        }

        /**
         * Sets how long to wait for the registry to answer.
         *
         * @param timeout the deadline (default 60 s)
         * @return this builder
         */
        public Builder readyTimeout(final Duration timeout) {
            this.readyTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Launches the registry and waits until its system API answers.
         *
         * @return the running registry
         * @throws EmbeddedStartupException when it is missing, dies, or does not answer in time
         */
        public ApicurioRegistryServer start() {
            final ApicurioHome registryHome = home != null ? home : ApicurioHome.locate();
            final Path java = javaExecutable != null ? javaExecutable : currentJava();
            final long begin = System.nanoTime();
            for (int attempt = 1; ; attempt++) {
                final Launched launched = launch(registryHome, java);
                try {
                    awaitReady(launched, begin);
                    return new ApicurioRegistryServer(launched, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
                } catch (final PortTakenException e) {
                    discard(launched);
                    if (attempt >= MAX_START_ATTEMPTS) {
                        throw new EmbeddedStartupException("Apicurio registry could not bind a loopback port after "
                            + MAX_START_ATTEMPTS + " attempts: " + e.getMessage());
                    }
                    // another process took the port between our probe and the registry's bind
                    LOGGER.info("Apicurio registry port taken (attempt {} of {}), retrying", attempt, MAX_START_ATTEMPTS);
                } catch (final RuntimeException e) {
                    discard(launched);
                    throw e;
                }
            }
        }

        private Launched launch(final ApicurioHome registryHome, final Path java) {
            final List<Integer> ports = LoopbackPorts.pick(2);
            final int port = ports.get(0);
            final Path directory = WorkDirectory.create("handoff-apicurio-");
            final Path log = directory.resolve("registry.log");
            final List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmOptions);
            final Optional<Path> archive = archiveFor(registryHome);
            Optional<Path> dump = Optional.empty();
            if (archive.isPresent() && Files.isRegularFile(archive.get())) {
                // a stale or foreign archive is ignored by the JVM with a warning in the log, not fatal
                command.add("-XX:SharedArchiveFile=" + archive.get());
            } else if (archive.isPresent()) {
                // a private name: two registries starting at once must not write the same file
                dump = Optional.of(archive.get().resolveSibling(archive.get().getFileName() + "."
                    + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp"));
                command.add("-XX:ArchiveClassesAtExit=" + dump.get());
            }
            final Map<String, String> settings = new LinkedHashMap<>();
            settings.put("quarkus.http.host", LOOPBACK);
            settings.put("quarkus.http.port", Integer.toString(port));
            // the management interface binds 0.0.0.0 when a build enables it; 2.6.13 does not
            settings.put("quarkus.management.host", LOOPBACK);
            settings.put("quarkus.management.port", Integer.toString(ports.get(1)));
            settings.put("java.io.tmpdir", directory.toString());
            settings.putAll(systemProperties);
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(registryHome.launcherJar().toString());
            final ProcessBuilder builder = new ProcessBuilder(command)
                .directory(registryHome.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
            final Process process;
            try {
                process = builder.start();
            } catch (final IOException e) {
                deleteQuietly(directory);
                throw new EmbeddedStartupException("Cannot launch " + java + " for the Apicurio registry: " + e.getMessage(), e);
            }
            startWatchdog(process.pid());
            final Launched withoutHook = new Launched(process, directory, log, port, dump, archive, null);
            // Ctrl-C or a SIGTERM to this JVM must not leave a registry JVM running, nor its files
            final Thread hook = new Thread(() -> withoutHook.shutDown(Duration.ofSeconds(5), false, false),
                "apicurio-registry-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            return withoutHook.withHook(hook);
        }

        private Optional<Path> archiveFor(final ApicurioHome registryHome) {
            if (!useClassDataArchive) {
                return Optional.empty();
            }
            if (classDataArchive != null) {
                return Optional.of(classDataArchive.toAbsolutePath());
            }
            final Path directory = registryHome.directory();
            if (!Files.isWritable(directory)) {
                return Optional.empty();
            }
            // one archive per JDK build: another JDK would reject it anyway
            final String runtime = System.getProperty("java.vm.version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
            return Optional.of(directory.resolve("handoff-registry-" + runtime + ".jsa"));
        }

        private void awaitReady(final Launched launched, final long begin) {
            final long deadline = begin + readyTimeout.toNanos();
            final URI probe = URI.create("http://" + LOOPBACK + ":" + launched.port() + API_PATH + "/system/info");
            final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            final HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build();
            while (System.nanoTime() < deadline) {
                if (!launched.process().isAlive()) {
                    throw died(launched);
                }
                try {
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (final IOException notYet) {
                    // connection refused until Quarkus has bound the port
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedStartupException("Interrupted while waiting for the Apicurio registry", e);
                }
                // waiting on the exit future doubles as the poll interval and notices death at once
                try {
                    launched.process().onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (final TimeoutException stillRunning) {
                    // the normal case while it boots
                } catch (final ExecutionException e) {
                    throw new EmbeddedStartupException("Cannot watch the Apicurio registry process: " + e.getMessage(), e);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedStartupException("Interrupted while waiting for the Apicurio registry", e);
                }
            }
            throw new EmbeddedStartupException("Apicurio registry on port " + launched.port() + " did not answer within "
                + readyTimeout.toSeconds() + " s; last log lines: " + joined(lastLines(launched.logFile(), LOG_LINES_IN_ERRORS)));
        }

        private static RuntimeException died(final Launched launched) {
            final List<String> tail = lastLines(launched.logFile(), LOG_LINES_IN_ERRORS);
            final String text = String.join("\n", tail).toLowerCase(Locale.ROOT);
            if (text.contains("address already in use") || text.contains("port already bound")) {
                return new PortTakenException("port " + launched.port() + " was taken: " + joined(tail));
            }
            return new EmbeddedStartupException("Apicurio registry exited with code " + launched.process().exitValue()
                + " during startup; last log lines: " + joined(tail));
        }

        private static void discard(final Launched launched) {
            launched.shutDown(STOP_GRACE, true, false);
        }

        private static String joined(final List<String> lines) {
            return lines.isEmpty() ? "(none)" : lines.stream().map(String::strip).collect(Collectors.joining(" | "));
        }

        private static Path currentJava() {
            final String executable = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "java.exe" : "java";
            return Path.of(System.getProperty("java.home"), "bin", executable);
        }
    }

    /** A startup that failed only because the chosen port was taken; start retries it. */
    private static final class PortTakenException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PortTakenException(final String message) {
            super(message, null, false, false);
        }
    }
}
