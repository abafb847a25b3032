package dev.handoff.cli.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the unpacked Apicurio Registry server lives and which jar launches it: a Quarkus
 * {@code quarkus-run.jar} (fast-jar) or a {@code *-runner.jar} with its {@code lib/} (legacy jar,
 * the layout of the 2.6 {@code apicurio-registry-app} distribution).
 *
 * @param directory the directory the launcher jar must be started from
 * @param launcherJar the jar given to {@code java -jar}
 */
public record ApicurioHome(Path directory, Path launcherJar) {

    /** System property naming the unpacked registry directory. */
    public static final String HOME_PROPERTY = "handoff.apicurio.home";
    /** Environment variable naming the unpacked registry directory. */
    public static final String HOME_ENVIRONMENT = "HANDOFF_APICURIO_HOME";
    /** Where the cli build unpacks the registry, relative to the repository root. */
    static final Path BUILD_LOCATION = Path.of("cli", "target", "apicurio");

    private static final String FAST_JAR = "quarkus-run.jar";
    private static final String LEGACY_JAR_SUFFIX = "-runner.jar";
    private static final int SEARCH_DEPTH = 4;

    /**
     * Finds the registry from the system property, the environment, the directory beside the
     * running cli jar, then upward from the working directory.
     *
     * @return the located home
     * @throws EmbeddedStartupException naming every searched path when none holds a launcher jar
     */
    public static ApicurioHome locate() {
        return locate(Optional.ofNullable(System.getProperty(HOME_PROPERTY)),
            Optional.ofNullable(System.getenv(HOME_ENVIRONMENT)),
            Path.of("").toAbsolutePath(), codeLocation());
    }

    /**
     * Finds the registry from explicit inputs; an explicit setting is used alone, so a wrong
     * setting fails instead of silently starting some other registry.
     *
     * @param property the system property value, if set
     * @param environment the environment variable value, if set
     * @param workingDirectory where the upward search starts
     * @param codeLocation the directory or jar this class was loaded from, if known
     * @return the located home
     * @throws EmbeddedStartupException naming every searched path when none holds a launcher jar
     */
    static ApicurioHome locate(final Optional<String> property, final Optional<String> environment,
                               final Path workingDirectory, final Optional<Path> codeLocation) {
        final List<Path> candidates = new ArrayList<>();
        final Optional<String> explicit = property.filter(v -> !v.isBlank())
            .or(() -> environment.filter(v -> !v.isBlank()));
        if (explicit.isPresent()) {
            candidates.add(Path.of(explicit.get()).toAbsolutePath());
        } else {
            // an installed cli keeps target/handoff-cli.jar next to target/apicurio
            codeLocation.map(Path::getParent).ifPresent(dir -> candidates.add(dir.resolve("apicurio")));
            for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve(BUILD_LOCATION));
                candidates.add(dir.resolve("target").resolve("apicurio"));
            }
        }
        for (final Path candidate : candidates.stream().distinct().toList()) {
            final Optional<Path> launcher = findLauncher(candidate);
            if (launcher.isPresent()) {
                return new ApicurioHome(launcher.get().getParent(), launcher.get());
            }
        }
        throw new EmbeddedStartupException("Apicurio Registry not found (no " + FAST_JAR + " or *" + LEGACY_JAR_SUFFIX
            + "); set -D" + HOME_PROPERTY + " or " + HOME_ENVIRONMENT + " to the unpacked apicurio-registry-app"
            + " or build the cli module; searched: "
            + candidates.stream().distinct().map(Path::toString).collect(Collectors.joining(", ")));
    }

    private static Optional<Path> findLauncher(final Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(root, SEARCH_DEPTH, (path, attrs) -> attrs.isRegularFile() && isLauncher(path))) {
            // the shallowest launcher wins; a fast-jar beats a legacy jar at the same depth
            return files.min(Comparator.comparingInt(Path::getNameCount)
                .thenComparing(path -> FAST_JAR.equals(path.getFileName().toString()) ? 0 : 1)
                .thenComparing(Path::toString));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot search " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLauncher(final Path path) {
        final String name = path.getFileName().toString();
        return FAST_JAR.equals(name) || name.endsWith(LEGACY_JAR_SUFFIX);
    }

    private static Optional<Path> codeLocation() {
        try {
            final CodeSource source = ApicurioHome.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (final URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
