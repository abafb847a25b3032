package dev.handoff.cli;

import dev.handoff.avro.Decision;
import dev.handoff.common.DecisionJson;
import dev.handoff.core.ReferenceFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./handoff run}: publish reference data and packets, wait for one decision per packet, write JSON Lines. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run packets through the pipeline and write one decision per packet as JSON Lines.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--packets", required = true, paramLabel = "DIR",
            description = "One packet directory or a folder of them.")
    Path packets;

    @Option(names = "--reference", paramLabel = "DIR", description = "Reference directory (JSON Lines files).")
    Path reference;

    @Option(names = "--out", paramLabel = "FILE", description = "Write decisions here instead of standard output.")
    Path out;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        connection.validate();
        final long t0 = System.nanoTime();
        // Validate every input before anything is started.
        final List<ReferenceFiles.Entry> ref = reference == null ? List.of() : readReference(reference);
        final List<PacketDirectory> dirs = Pipeline.readPackets(packets);
        final List<Decision> decisions = execute(connection, ref, dirs);
        write(decisions, out);
        LOGGER.info("{} decision(s) in {} ms", decisions.size(), (System.nanoTime() - t0) / 1_000_000);
        return 0;
    }

    static List<ReferenceFiles.Entry> readReference(final Path dir) {
        try {
            return ReferenceFiles.read(dir);
        } catch (final ReferenceFiles.BadReferenceException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static List<Decision> execute(final ConnectionOptions connection, final List<ReferenceFiles.Entry> ref,
                                  final List<PacketDirectory> dirs) throws IOException, InterruptedException {
        try (Pipeline pipeline = new Pipeline(connection.config(), connection.bootstrapServers, connection.registryUrl,
                !connection.noServices)) {
            final int n = pipeline.publishReference(ref);
            LOGGER.info("published {} reference record(s)", n);
            final Map<String, String> submissions = pipeline.publishPackets(dirs);
            LOGGER.info("published {} packet(s)", submissions.size());
            return pipeline.awaitDecisions(submissions, Duration.ofSeconds(connection.timeoutSeconds));
        }
    }

    static void write(final List<Decision> decisions, final Path out) throws IOException {
        final Writer w = out == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try {
            for (final Decision d : decisions) {
                w.write(DecisionJson.toJsonLine(d));
                w.write('\n');
            }
        } finally {
            if (out == null) {
                w.flush();
            } else {
                w.close();
            }
        }
    }
}
