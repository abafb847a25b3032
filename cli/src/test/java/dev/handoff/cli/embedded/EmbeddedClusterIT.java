package dev.handoff.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.avro.Evidence;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/** Runs the embedded default end to end: a transactional Avro record through the real broker and registry. */
class EmbeddedClusterIT {

    static {
        QuietTestLogging.install();
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedClusterIT.class);
    private static final String TOPIC = "embedded-evidence";

    @BeforeAll
    static void trustGeneratedAvroClasses() {
        // Avro 1.12 refuses to load record classes by name outside trusted packages
        final ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current,
            type -> Evidence.class.getPackageName().equals(type.getPackageName())));
    }

    @Test
    @Timeout(600)
    void shouldCarryAvroEvidenceThroughBrokerAndRegistryAndLeaveNothingBehindWhenClosed() throws Exception {
        // Given
        // generous deadlines: parallel builds on two cores have slowed the registry's start past a minute
        final EmbeddedCluster cluster = EmbeddedCluster.start(
            EmbeddedKafkaBroker.builder().readyTimeout(Duration.ofMinutes(3)),
            ApicurioRegistryServer.builder().readyTimeout(Duration.ofMinutes(4)));
        final long registryPid = cluster.registry().pid();
        final List<Integer> ports = List.of(cluster.broker().brokerPort(), cluster.broker().controllerPort(),
            cluster.registry().port());
        final List<Path> directories = List.of(cluster.broker().workDirectory(), cluster.registry().workDirectory());
        LOGGER.info("Figures: broker {} ms, registry {} ms, registry RSS {} MB, test JVM heap used {} MB",
            cluster.broker().startupMillis(), cluster.registry().startupMillis(),
            cluster.registry().residentMemoryBytes().orElse(-1) / (1024 * 1024),
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
        final Evidence sent = Evidence.newBuilder()
            .setArtifactId("ticket-export.csv")
            .setLocator("ticket-export.csv#row=7;col=Tenant")
            .setExcerpt("Tenant: contoso-eu")
            .build();
        final List<ConsumerRecord<String, Evidence>> received = new ArrayList<>();
        try (cluster) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.empty(), Optional.empty()))).all().get();
            }

            // When
            try (KafkaProducer<String, Evidence> producer = new KafkaProducer<>(producerConfig(cluster))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "packet-1", sent));
                producer.commitTransaction();
            }
            try (KafkaConsumer<String, Evidence> consumer = new KafkaConsumer<>(consumerConfig(cluster))) {
                consumer.subscribe(List.of(TOPIC));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return !received.isEmpty();
                });
            }
            final JsonNode artifacts = registryArtifacts(cluster.registryUrl());

            // Then
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("packet-1");
                assertThat(record.value()).isInstanceOf(Evidence.class).isEqualTo(sent);
            });
            assertThat(artifacts.findValuesAsText("id")).contains(TOPIC + "-value");
        }
        assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(ports).allSatisfy(port -> assertThat(LoopbackPorts.isFree(port)).as("port %d free", port).isTrue());
        assertThat(directories).allSatisfy(directory -> assertThat(directory).doesNotExist());
        assertThat(Set.copyOf(ports)).hasSize(3);
    }

    private static Map<String, Object> producerConfig(final EmbeddedCluster cluster) {
        return Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-cluster-it",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class,
            "apicurio.registry.url", cluster.registryUrl(),
            "apicurio.registry.auto-register", true,
            "apicurio.registry.headers.enabled", false);
    }

    private static Map<String, Object> consumerConfig(final EmbeddedCluster cluster) {
        return Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "embedded-cluster-it",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class,
            "apicurio.registry.url", cluster.registryUrl(),
            "apicurio.registry.use-specific-avro-reader", true,
            "apicurio.registry.headers.enabled", false);
    }

    private static JsonNode registryArtifacts(final String registryUrl) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(registryUrl + "/search/artifacts?limit=100")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
