package dev.handoff.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the shared folder (real corpus, contract examples) by walking up from the working directory. */
final class SharedCorpus {

    private SharedCorpus() {
    }

    static Optional<Path> shared() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("shared/corpus"))) {
                return Optional.of(dir.resolve("shared"));
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
