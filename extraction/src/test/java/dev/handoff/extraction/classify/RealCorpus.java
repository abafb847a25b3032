package dev.handoff.extraction.classify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds /shared/corpus/real by walking up from the working directory; tests skip when it is absent. */
public final class RealCorpus {

    private RealCorpus() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve("shared/corpus/real");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            final Path sibling = dir.resolve("../shared/corpus/real").normalize();
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
            dir = dir.getParent();
        }
        assumeTrue(false, "shared/corpus/real not found above the working directory");
        return null;
    }

    /** The regular files of one corpus folder, sorted by name. */
    public static List<Path> files(final String folder) {
        try (Stream<Path> stream = Files.list(root().resolve(folder))) {
            return stream.filter(Files::isRegularFile).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(final Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
