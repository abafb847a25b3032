package dev.handoff.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks the embedded broker's settings and that closing it frees its ports and directory. */
class EmbeddedKafkaBrokerIT {

    static {
        QuietTestLogging.install();
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafkaBrokerIT.class);

    @Test
    @Timeout(120)
    void shouldCreateTopicsWithConfiguredPartitionsAndApplyOverridesLastWhenBuilt() throws Exception {
        // Given
        final EmbeddedKafkaBroker.Builder settings = EmbeddedKafkaBroker.builder()
            .numPartitions(2)
            .property("log.retention.ms", "3600000")
            .property("group.initial.rebalance.delay.ms", "7");
        try (EmbeddedKafkaBroker broker = settings.start();
             Admin admin = Admin.create(broker.clientProperties())) {
            LOGGER.info("Figures: broker alone ready in {} ms", broker.startupMillis());

            // When
            admin.createTopics(List.of(new NewTopic("defaults", Optional.empty(), Optional.empty()))).all().get();
            final int partitions = admin.describeTopics(List.of("defaults")).allTopicNames().get()
                .get("defaults").partitions().size();
            final ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
            final Config config = admin.describeConfigs(List.of(node)).all().get().get(node);

            // Then
            assertThat(partitions).isEqualTo(2);
            assertThat(config.get("log.retention.ms").value()).isEqualTo("3600000");
            assertThat(config.get("group.initial.rebalance.delay.ms").value()).isEqualTo("7");
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("advertised.listeners").value()).isEqualTo("PLAINTEXT://" + broker.bootstrapServers());
        }
    }

    @Test
    @Timeout(120)
    void shouldFreePortsAndDeleteDirectoryWhenClosedTwice() {
        // Given
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        final List<Integer> ports = List.of(broker.brokerPort(), broker.controllerPort());
        final Path directory = broker.workDirectory();

        // When
        final long begin = System.nanoTime();
        broker.close();
        LOGGER.info("Figures: broker closed in {} ms", (System.nanoTime() - begin) / 1_000_000);
        broker.close();

        // Then
        assertThat(ports).allSatisfy(port -> assertThat(LoopbackPorts.isFree(port)).as("port %d free", port).isTrue());
        assertThat(directory).doesNotExist();
        assertThat(Map.of("bootstrap", broker.bootstrapServers())).containsValue("127.0.0.1:" + ports.get(0));
    }
}
