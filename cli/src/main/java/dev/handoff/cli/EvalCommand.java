package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.Decision;
import dev.handoff.cli.eval.EvalReport;
import dev.handoff.cli.eval.Evaluator;
import dev.handoff.cli.eval.Gates;
import dev.handoff.common.DecisionJson;
import dev.handoff.core.ReferenceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./handoff eval}: runs a corpus (reference/, packets/, expected/) through the pipeline, prints the
 * metrics of CONTRACT.md section 4 with every miss, and optionally checks quality gates (exit code 3 on failure).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run an evaluation corpus through the pipeline and report the contract's metrics.")
public final class EvalCommand implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(EvalCommand.class);
    /** Exit code when the run worked but a quality gate failed (2 is bad input, 1 an internal error). */
    static final int GATE_FAILED = 3;

    @Option(names = "--corpus", required = true, paramLabel = "DIR",
            description = "Corpus directory with reference/, packets/ and expected/.")
    Path corpus;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the metrics as JSON here.")
    Path report;

    @Option(names = "--gates", paramLabel = "FILE",
            description = "Quality gates (properties, e.g. eval/gates.properties); a failing gate exits with 3.")
    Path gates;

    @Option(names = "--decisions-out", paramLabel = "FILE", description = "Also write the decisions as JSON Lines here.")
    Path decisionsOut;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        connection.validate();
        // Validate every input before anything is started.
        requireDirectory(corpus, "corpus directory");
        requireDirectory(corpus.resolve("expected"), "corpus has no expected/ directory");
        requireDirectory(corpus.resolve("packets"), "corpus has no packets/ directory");
        final Gates gateCheck = gates == null ? null : Gates.read(gates);
        final Path referenceDir = corpus.resolve("reference");
        final List<ReferenceFiles.Entry> ref = Files.isDirectory(referenceDir)
                ? RunCommand.readReference(referenceDir) : List.of();
        final List<PacketDirectory> dirs = Pipeline.readPackets(corpus.resolve("packets"));
        LOGGER.info("evaluating {} packet(s) of {}", dirs.size(), corpus);
        final List<Decision> decisions = RunCommand.execute(connection, ref, dirs);
        if (decisionsOut != null) {
            RunCommand.write(decisions, decisionsOut);
        }
        final EvalReport result = evaluate(corpus, decisions);
        System.out.print(result.toTable());
        System.out.flush();
        if (report != null) {
            Files.writeString(report, result.toJsonString() + "\n", StandardCharsets.UTF_8);
        }
        if (gateCheck != null) {
            final List<Gates.Failure> failures = gateCheck.check(result);
            failures.forEach(f -> System.err.println("handoff: " + f.describe()));
            if (!failures.isEmpty()) {
                return GATE_FAILED;
            }
            LOGGER.info("all quality gates pass");
        }
        return 0;
    }

    static EvalReport evaluate(final Path corpus, final List<Decision> decisions) throws java.io.IOException {
        final ObjectMapper mapper = new ObjectMapper();
        final List<JsonNode> json = new ArrayList<>();
        final StringBuilder output = new StringBuilder();
        for (final Decision d : decisions) {
            // Leaks are searched in exactly the text the run command would write.
            final String line = DecisionJson.toJsonLine(d);
            output.append(line).append('\n');
            json.add(mapper.readTree(line));
        }
        return new Evaluator(corpus).evaluate(json, output.toString());
    }

    private static void requireDirectory(final Path dir, final String problem) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": " + (Files.exists(dir) ? "not a directory" : problem.startsWith("corpus has")
                    ? problem : problem + " does not exist"));
        }
    }
}
