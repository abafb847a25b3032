package dev.handoff.cli.reliability;

import dev.handoff.cli.embedded.ApicurioHome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Apicurio registry as a child process behind a {@link TcpGate} whose port stays the same across
 * {@link #stop()} and {@link #start()}, so running services see an outage and then the registry again
 * at the same URL. The registry keeps schemas in memory: a restarted one is empty, so
 * {@link #restartWith(byte[])} imports the previous content before the gate opens again.
 */
final class RegistryProcess implements AutoCloseable {

    private final ApicurioHome home = ApicurioHome.locate();
    private final Path directory;
    private final TcpGate gate;
    private int port;
    private Process process;
    private int launches;

    RegistryProcess(final Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        this.gate = new TcpGate(RestartableBroker.freePorts(1)[0]);
    }

    /** The URL clients use: the gate's port. */
    String url() {
        return "http://127.0.0.1:" + gate.port() + "/apis/registry/v2";
    }

    private String privateUrl() {
        return "http://127.0.0.1:" + port + "/apis/registry/v2";
    }

    /** Starts the registry and opens the gate to it. */
    synchronized void start() throws IOException, InterruptedException {
        launch();
        gate.open(port);
    }

    /** Starts a new registry, imports {@code export} while clients still cannot reach it, then opens the gate. */
    synchronized void restartWith(final byte[] export) throws IOException, InterruptedException {
        launch();
        importExport(export);
        gate.open(port);
    }

    private void launch() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        launches++;
        final int[] ports = RestartableBroker.freePorts(2);
        port = ports[0];
        final int managementPort = ports[1];
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Djava.io.tmpdir=" + directory, "-jar", home.launcherJar().toString()));
        process = new ProcessBuilder(cmd).directory(home.directory().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("registry.log").toFile())).start();
        awaitReady();
    }

    /** Closes the gate and stops the registry process: clients now see connection refused. */
    synchronized void stop() throws InterruptedException {
        gate.close();
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    /** The registry's content (artifacts with their global and content ids) as an export zip. */
    byte[] export() throws IOException, InterruptedException {
        final HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(privateUrl() + "/admin/export"))
                .header("Accept", "application/zip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("registry export answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    /**
     * Imports an export into this (empty) registry, keeping global ids: what a registry with durable
     * storage would still hold after a restart. The in-memory registry forgets everything otherwise,
     * and ids in records already on the topics would then point at nothing or at another schema.
     */
    private void importExport(final byte[] zip) throws IOException, InterruptedException {
        final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(privateUrl() + "/admin/import"))
                .header("Content-Type", "application/zip").header("X-Registry-Preserve-GlobalId", "true")
                .header("X-Registry-Preserve-ContentId", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("registry import answered HTTP " + r.statusCode());
        }
    }

    int launches() {
        return launches;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitReady() throws InterruptedException {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest probe = HttpRequest.newBuilder(URI.create(privateUrl() + "/system/info"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("registry exited with " + process.exitValue() + "; see "
                        + directory.resolve("registry.log"));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (final IOException notYet) {
                // connection refused until Quarkus has bound the port
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("registry on port " + port + " not ready within 120 s");
    }
}
