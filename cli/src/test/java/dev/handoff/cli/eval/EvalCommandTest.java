package dev.handoff.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.cli.BadInputException;
import dev.handoff.cli.EvalCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./handoff eval} rejects a corpus it cannot evaluate before starting anything. */
class EvalCommandTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Callable<Integer> parsed(final String... args) {
        final CommandLine cl = new CommandLine(EvalCommand.class);
        cl.parseArgs(args);
        return (Callable<Integer>) cl.getCommand();
    }

    @Test
    void shouldNameTheCorpusWhenExpectedIsMissing() throws IOException {
        // Given: packets and reference, but no gold
        Files.createDirectories(dir.resolve("packets"));
        Files.createDirectories(dir.resolve("reference"));

        // When / Then
        assertThatThrownBy(() -> parsed("--corpus", dir.toString()).call()).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("expected") + ": corpus has no expected/ directory");
    }

    @Test
    void shouldNameAMissingCorpusDirectory() {
        // Given
        final Path missing = dir.resolve("nope");

        // When / Then
        assertThatThrownBy(() -> parsed("--corpus", missing.toString()).call()).isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": corpus directory does not exist");
    }

    @Test
    void shouldRequireTheCorpusOption() {
        // When / Then
        assertThatThrownBy(() -> parsed("--report", "r.json")).isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--corpus");
    }

    @Test
    void shouldRejectAnUnreadableGatesFileBeforeRunning() throws IOException {
        // Given
        Files.createDirectories(dir.resolve("packets"));
        Files.createDirectories(dir.resolve("expected"));
        final Path gates = dir.resolve("gates.properties");

        // When / Then
        assertThatThrownBy(() -> parsed("--corpus", dir.toString(), "--gates", gates.toString()).call())
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(gates.toString());
        assertThat(Files.exists(gates)).isFalse();
    }
}
