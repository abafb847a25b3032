package dev.handoff.cli;

import dev.handoff.common.HandoffConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by run and eval: the cluster to use (none: the embedded default) and configuration. */
public final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of the embedded default (needs --registry-url).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Apicurio Registry v2 API URL, e.g. http://host:8080/apis/registry/v2.")
    String registryUrl;

    @Option(names = "--attachments", paramLabel = "DIR",
            description = "Shared attachment-store directory (with a given cluster; default from configuration).")
    Path attachments;

    @Option(names = "--no-services",
            description = "With a given cluster: do not start the three services in this process (they run elsewhere).")
    boolean noServices;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of handoff.* settings.")
    Path configFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "How long to wait for all decisions (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    HandoffConfig config() {
        if (configFile != null && !java.nio.file.Files.isRegularFile(configFile)) {
            throw new BadInputException(configFile + ": configuration file does not exist");
        }
        final HandoffConfig c = HandoffConfig.load(configFile, System.getenv(), Map.of());
        return attachments == null ? c : c.with(Map.of(HandoffConfig.ATTACHMENTS_DIR, attachments.toString()));
    }

    void validate() {
        if ((bootstrapServers == null) != (registryUrl == null)) {
            throw new BadInputException("--bootstrap-servers and --registry-url go together: give both or neither");
        }
    }
}
