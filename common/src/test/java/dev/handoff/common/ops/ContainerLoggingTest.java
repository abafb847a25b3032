package dev.handoff.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class ContainerLoggingTest {

    @Test
    void shouldWriteOneJsonObjectPerLineWithPacketAndArtifactIdsAsFields() throws Exception {
        // Given the container logging configuration the Dockerfiles select
        final URL config = getClass().getClassLoader().getResource("logback-container.xml");
        assertThat(config).isNotNull();
        // the SLF4J-bound context, so MDC and loggers are the ones services use
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            final JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            context.reset();
            configurator.doConfigure(config);
            final Logger logger = context.getLogger("dev.handoff.extractor.ArtifactTaskHandler");

            // When a service logs while processing an artifact
            MDC.put("packetId", "PKT-LOG-0001");
            MDC.put("artifactId", "ticket.csv");
            try {
                logger.warn("extraction failed: {}", "IOException");
            } finally {
                MDC.clear();
                context.reset();
            }
        } finally {
            System.setOut(stdout);
        }

        // Then the line is JSON with the ids as their own fields
        final String line = captured.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).doesNotContain("\n");
        final JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("extraction failed: IOException");
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("packetId").asText()).isEqualTo("PKT-LOG-0001");
        assertThat(json.path("artifactId").asText()).isEqualTo("ticket.csv");
        assertThat(json.path("app").asText()).isEqualTo("handoff");
    }
}
