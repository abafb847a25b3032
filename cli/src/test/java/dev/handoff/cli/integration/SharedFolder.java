package dev.handoff.cli.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the shared folder (contract examples) beside the repository, as CI lays it out, for the integration tests. */
final class SharedFolder {

    private SharedFolder() {
    }

    /** The folder holding {@code contract/}, found by walking up from the working directory. */
    static Optional<Path> find() {
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
}
