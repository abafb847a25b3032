package dev.handoff.cli.reliability;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the figures of a reliability run (records, kills, lost, duplicated ...) as one Markdown
 * line in {@code <build dir>/reliability/figures.md}, which {@code reliability/run-full.sh} copies
 * into {@code reliability/RESULTS.md}, and in the test log.
 */
final class ReliabilityFigures {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReliabilityFigures.class);

    private ReliabilityFigures() {
    }

    static void record(final String test, final Map<String, Object> figures) {
        final String line = "| " + Instant.now() + " | " + test + " | "
                + figures.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                + " |";
        LOGGER.info("reliability figures: {}", line);
        System.out.println("RELIABILITY " + line);
        try {
            final Path dir = buildDirectory().resolve("reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("figures.md"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (final IOException | URISyntaxException e) {
            LOGGER.warn("cannot write figures file: {}", e.getClass().getSimpleName());
        }
    }

    /** The module's build directory: the parent of the test-classes directory. */
    static Path buildDirectory() throws URISyntaxException {
        return Path.of(ReliabilityFigures.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
