package dev.handoff.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks how the unpacked registry is found and what a person is told when it is not. */
class ApicurioHomeTest {

    @TempDir
    Path root;

    @Test
    void shouldFindNestedFastJarWhenHomeIsSetExplicitly() throws IOException {
        // Given
        final Path launcher = touch(root.resolve("apicurio-registry-app-2.6.13.Final/quarkus-app/quarkus-run.jar"));

        // When
        final ApicurioHome home = ApicurioHome.locate(Optional.of(root.toString()), Optional.empty(),
            root, Optional.empty());

        // Then
        assertThat(home.launcherJar()).isEqualTo(launcher);
        assertThat(home.directory()).isEqualTo(launcher.getParent());
    }

    @Test
    void shouldFindRunnerJarUnderCliBuildWhenSearchingUpwardFromModule() throws IOException {
        // Given
        final Path launcher = touch(root.resolve("repo/cli/target/apicurio/apicurio-registry-app-2.6.13.Final-runner.jar"));
        final Path workingDirectory = Files.createDirectories(root.resolve("repo/router-service/src"));

        // When
        final ApicurioHome home = ApicurioHome.locate(Optional.empty(), Optional.empty(),
            workingDirectory, Optional.empty());

        // Then
        assertThat(home.launcherJar()).isEqualTo(launcher);
    }

    @Test
    void shouldUseEnvironmentWhenPropertyIsBlank() throws IOException {
        // Given
        final Path launcher = touch(root.resolve("from-env/quarkus-run.jar"));

        // When
        final ApicurioHome home = ApicurioHome.locate(Optional.of(" "), Optional.of(root.resolve("from-env").toString()),
            root, Optional.empty());

        // Then
        assertThat(home.launcherJar()).isEqualTo(launcher);
    }

    @Test
    void shouldNameSearchedPathsWhenExplicitHomeHoldsNoLauncher() throws IOException {
        // Given
        touch(root.resolve("repo/cli/target/apicurio/quarkus-run.jar"));
        final Path wrong = Files.createDirectories(root.resolve("empty"));

        // When / Then
        assertThatThrownBy(() -> ApicurioHome.locate(Optional.of(wrong.toString()), Optional.empty(),
            root.resolve("repo"), Optional.empty()))
            .isInstanceOf(EmbeddedStartupException.class)
            .hasMessageContaining("Apicurio Registry not found")
            .hasMessageContaining(wrong.toString())
            .hasMessageContaining(ApicurioHome.HOME_PROPERTY)
            .hasMessageNotContaining("\n");
    }

    private static Path touch(final Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.createFile(file);
    }
}
