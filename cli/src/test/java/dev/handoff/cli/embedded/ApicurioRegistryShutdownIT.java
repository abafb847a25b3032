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
        try {
            final Announcement announced = readAnnouncement(owner);
            assertThat(announced.pid()).as("registry pid announced; see %s", scratch.resolve("owner.log")).isPositive();
            assertThat(isAlive(announced.pid())).isTrue();

            // When the owner gets SIGTERM, which runs the same shutdown hooks as Ctrl-C
            owner.destroy();

            // Then
            await().atMost(Duration.ofMinutes(2)).until(() -> !owner.isAlive() && !isAlive(announced.pid()));
            assertThat(announced.directory()).doesNotExist();
        } finally {
            // SIGTERM, not SIGKILL: a killed owner would orphan its registry
            owner.destroy();
        }
    }

    private record Announcement(long pid, Path directory) {
    }

    private static Announcement readAnnouncement(final Process owner) throws IOException {
        long pid = -1;
        Path directory = null;
        final BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        // stop at the pid line: the owner prints nothing more until it is terminated
        while (pid < 0) {
            final String line = out.readLine();
            if (line == null) {
                break;
            }
            if (line.startsWith(RegistryHoldingProcess.DIRECTORY_PREFIX)) {
                directory = Path.of(line.substring(RegistryHoldingProcess.DIRECTORY_PREFIX.length()));
            } else if (line.startsWith(RegistryHoldingProcess.PID_PREFIX)) {
                pid = Long.parseLong(line.substring(RegistryHoldingProcess.PID_PREFIX.length()));
            }
        }
        return new Announcement(pid, directory);
    }

    private static boolean isAlive(final long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).equals(Optional.of(true));
    }
}
