package dev.handoff.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Checks that terminating the process that owns a registry leaves no registry process or files behind. */
class ApicurioRegistryShutdownIT {

    @TempDir
    Path scratch;

    @Test
    @Timeout(600)
    void shouldStopRegistryAndDeleteItsFilesWhenOwningJvmIsTerminated() throws Exception {
        // Given a JVM that started a registry and is still running
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process owner = new ProcessBuilder(List.of(java.toString(),
            "-D" + ApicurioHome.HOME_PROPERTY + "=" + ApicurioHome.locate().directory(),
            "-cp", System.getProperty("java.class.path"), RegistryHoldingProcess.class.getName()))
            .redirectError(scratch.resolve("owner.log").toFile())
            .start();
        long registryPid = -1;
        Path registryDirectory = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && registryPid < 0; line = out.readLine()) {
                if (line.startsWith(RegistryHoldingProcess.DIRECTORY_PREFIX)) {
                    registryDirectory = Path.of(line.substring(RegistryHoldingProcess.DIRECTORY_PREFIX.length()));
                } else if (line.startsWith(RegistryHoldingProcess.PID_PREFIX)) {
                    registryPid = Long.parseLong(line.substring(RegistryHoldingProcess.PID_PREFIX.length()));
                }
            }
        } catch (final IOException e) {
            owner.destroyForcibly();
            throw e;
        }
        assertThat(registryPid).as("registry pid announced; see %s", scratch.resolve("owner.log")).isPositive();
        assertThat(isAlive(registryPid)).isTrue();

        // When the owner gets SIGTERM, as the JVM's shutdown sequence does on Ctrl-C
        owner.destroy();

        // Then
        final long pid = registryPid;
        await().atMost(Duration.ofMinutes(2)).until(() -> !owner.isAlive() && !isAlive(pid));
        assertThat(registryDirectory).doesNotExist();
    }

    private static boolean isAlive(final long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).equals(Optional.of(true));
    }
}
