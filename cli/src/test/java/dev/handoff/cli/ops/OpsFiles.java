package dev.handoff.cli.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the contract examples (shared/ beside the repository, as CI lays it out) and the repository root. */
public final class OpsFiles {

    private OpsFiles() {
    }

    /** {@code shared/contract/examples}, if present. */
    public static Optional<Path> contractExamples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            for (final Path candidate : new Path[] {p.resolve("shared/contract/examples"), p.resolve("../shared/contract/examples")}) {
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
            p = p.getParent();
        }
        return Optional.empty();
    }

    /** The repository root (the folder holding the ./handoff launcher and deploy/). */
    public static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("handoff")) && Files.isDirectory(p.resolve("deploy")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
