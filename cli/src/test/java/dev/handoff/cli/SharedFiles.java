package dev.handoff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the shared folder (contract examples, real corpus) beside the repository, as CI lays it out. */
public final class SharedFiles {

    private SharedFiles() {
    }

    public static Optional<Path> shared() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("shared/contract"))) {
                return Optional.of(p.resolve("shared"));
            }
            if (Files.isDirectory(p.resolve("../shared/contract"))) {
                return Optional.of(p.resolve("../shared").normalize());
            }
            p = p.getParent();
        }
        return Optional.empty();
    }

    /** The repository root (the folder holding the ./handoff launcher). */
    public static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("handoff"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
