package dev.handoff.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates read from a properties file fail with the packets behind the failing metric. */
class GatesTest {

    @TempDir
    Path dir;

    private static EvalReport report(final int correct, final int leaks, final List<Miss> misses) {
        final EvalReport.Ratio full = new EvalReport.Ratio(20, 20, 1.0);
        return new EvalReport(20, 20, new EvalReport.Ratio(correct, 20, 0.0), full, full, full,
                new EvalReport.Ratio(1, 2, 1.0), full, full, 0, Map.of(), leaks, misses);
    }

    private Gates gates(final String text) throws IOException {
        final Path f = dir.resolve("gates.properties");
        Files.writeString(f, text);
        return Gates.read(f);
    }

    @Test
    void shouldPassAtExactlyTheThreshold() throws IOException {
        // Given: 19/20 = 0.95 against a 0.95 gate
        final Gates g = gates("decisionAccuracy.min=0.95\nleaks.max=0\n");

        // When / Then
        assertThat(g.check(report(19, 0, List.of()))).isEmpty();
    }

    @Test
    void shouldNameThePacketsOfEveryFailingGate() throws IOException {
        // Given
        final Gates g = gates("decisionAccuracy.min=0.95\nprivacyReasonRecall.min=1.0\nleaks.max=0\n");
        final List<Miss> misses = List.of(
                new Miss("PKT-7", Miss.Kind.DECISION, null, "STAGED []", "EXCEPTION"),
                new Miss("PKT-9", Miss.Kind.DECISION, null, "EXCEPTION [X]", "STAGED"),
                new Miss("PKT-7", Miss.Kind.MISSING_REASON, "PRIVACY_SECRET", "[]", null),
                new Miss("PKT-3", Miss.Kind.LEAK, "#1", null, null));

        // When
        final List<Gates.Failure> failures = g.check(report(18, 1, misses));

        // Then
        assertThat(failures).extracting(Gates.Failure::describe).containsExactly(
                "gate decisionAccuracy: 0.900, required >= 0.95; packets: PKT-7, PKT-9",
                "gate privacyReasonRecall: 0.500, required >= 1.0; packets: PKT-7",
                "gate leaks: 1, required <= 0; packets: PKT-3");
    }

    @Test
    void shouldRejectAnUnknownGate() throws IOException {
        // Given
        final Path f = dir.resolve("bad.properties");
        Files.writeString(f, "accuracy.min=0.9\n");

        // When / Then
        assertThatThrownBy(() -> Gates.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("unknown gate accuracy.min");
    }

    @Test
    void shouldReadTheProjectGatesFile() {
        // Given: eval/gates.properties at the repository root
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("eval/gates.properties"))) {
            root = root.getParent();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null, "eval/gates.properties not found");

        // When
        final Gates g = Gates.read(root.resolve("eval/gates.properties"));

        // Then: a run below 95 % decision accuracy fails the project's gates
        assertThat(g.check(report(18, 0, List.of()))).extracting(Gates.Failure::metric).contains("decisionAccuracy");
    }
}
