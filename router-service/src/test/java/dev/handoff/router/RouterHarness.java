package dev.handoff.router;

import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.Decision;
import dev.handoff.avro.PacketReceived;
import dev.handoff.common.AvroSerdes;
import java.util.Map;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.IdleCommit;
import dev.handoff.common.Topics;
import dev.handoff.router.policy.PacketDecider;
import dev.handoff.router.policy.RoutingConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The router topology on a TopologyTestDriver with the in-memory registry: its input and output topics. */
final class RouterHarness implements AutoCloseable {

    final TopologyTestDriver driver;
    final TestInputTopic<String, PacketReceived> packets;
    final TestInputTopic<String, ArtifactNormalized> artifacts;
    final TestOutputTopic<String, Decision> staged;
    final TestOutputTopic<String, Decision> exceptions;

    RouterHarness(final String name) {
        final Topics topics = new Topics(new AvroSerdes("mem://" + name + "-" + UUID.randomUUID()));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/" + name + "-" + UUID.randomUUID());
        driver = new TopologyTestDriver(RouterTopology.build(topics, new PacketDecider(RoutingConfig.defaults()),
                new RouterTopology.Timing(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofDays(30)),
                IdleCommit.Policy.from(HandoffConfig.of(Map.of()))), props);
        packets = driver.createInputTopic(topics.packets.name(), topics.packets.keySerde().serializer(),
                topics.packets.valueSerde().serializer());
        artifacts = driver.createInputTopic(topics.artifactsNormalized.name(),
                topics.artifactsNormalized.keySerde().serializer(), topics.artifactsNormalized.valueSerde().serializer());
        staged = driver.createOutputTopic(topics.staged.name(), topics.staged.keySerde().deserializer(),
                topics.staged.valueSerde().deserializer());
        exceptions = driver.createOutputTopic(topics.exceptions.name(), topics.exceptions.keySerde().deserializer(),
                topics.exceptions.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
