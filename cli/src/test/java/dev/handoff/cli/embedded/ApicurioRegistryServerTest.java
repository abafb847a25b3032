package dev.handoff.cli.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks what a person is told when the registry process cannot start. */
class ApicurioRegistryServerTest {

    @TempDir
    Path root;

    @Test
    void shouldQuoteRegistryLogWhenProcessExitsDuringStartup() throws IOException {
        // Given a launcher that is not a jar at all: the real java refuses it and exits
        final Path launcher = root.resolve("quarkus-run.jar");
        Files.writeString(launcher, "not a jar", StandardCharsets.UTF_8);
        final ApicurioRegistryServer.Builder settings = ApicurioRegistryServer.builder()
            .home(new ApicurioHome(root, launcher))
            .readyTimeout(Duration.ofSeconds(60));

        // When / Then
        assertThatThrownBy(settings::start)
            .isInstanceOf(EmbeddedStartupException.class)
            .hasMessageContaining("exited with code 1")
            .hasMessageContaining("Invalid or corrupt jarfile")
            .hasMessageNotContaining("\n");
    }
}
