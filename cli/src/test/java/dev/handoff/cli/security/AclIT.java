package dev.handoff.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.handoff.avro.Decision;
import dev.handoff.cli.PacketDirectory;
import dev.handoff.cli.Pipeline;
import dev.handoff.cli.embedded.ApicurioRegistryServer;
import dev.handoff.cli.embedded.EmbeddedCluster;
import dev.handoff.cli.embedded.EmbeddedKafkaBroker;
import dev.handoff.cli.ops.OpsFiles;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsService;
import dev.handoff.common.StreamsSettings;
import dev.handoff.common.TopicAdmin;
import dev.handoff.common.TopicNames;
import dev.handoff.common.ops.AccessPolicy;
import dev.handoff.core.ReferenceFiles;
import dev.handoff.extractor.ExtractorService;
import dev.handoff.normalizer.NormalizerService;
import dev.handoff.router.RouterService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a broker with SASL/SCRAM-SHA-512 and KRaft's StandardAuthorizer switched on, every
 * service on its own principal with exactly the ACLs of {@link AccessPolicy}: the contract examples
 * still get their decisions, while the extractor's principal is refused the staged topic, a wrong
 * password is refused, and a client without SASL gets nothing from the broker. Passwords are random
 * per run (no fixed secret in this file).
 */
class AclIT {

    private static final String SCRAM = "SCRAM-SHA-512";
    private static final String ADMIN = "admin";
    private static final String CONTROLLER = "controller";

    @Test
    void shouldRunThePipelineWithOnePrincipalPerServiceAndRefuseEverythingElse(@TempDir final Path tmp) throws Exception {
        // Given a broker with SCRAM authentication and the standard authorizer
        final Path examples = OpsFiles.contractExamples().orElse(null);
        assumeThat(examples).as("shared/contract/examples beside the repository").isNotNull();
        final String adminPassword = secret();
        final EmbeddedKafkaBroker.Builder broker = EmbeddedKafkaBroker.builder()
                .withListenerSecurity("SASL_PLAINTEXT", "SASL_PLAINTEXT")
                .property("sasl.enabled.mechanisms", SCRAM)
                .property("sasl.mechanism.inter.broker.protocol", SCRAM)
                .property("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", scramJaas(ADMIN, adminPassword))
                // controllers cannot use SCRAM (its credentials live in the metadata they serve): PLAIN on loopback
                .property("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .property("sasl.mechanism.controller.protocol", "PLAIN")
                .property("listener.name.controller.sasl.enabled.mechanisms", "PLAIN")
                .property("listener.name.controller.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER
                                + "\" password=\"" + adminPassword + "\" user_" + CONTROLLER + "=\"" + adminPassword + "\";")
                .property("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .property("super.users", "User:" + ADMIN + ";User:" + CONTROLLER)
                .property("allow.everyone.if.no.acl.found", "false")
                .formatArguments(List.of("--add-scram", SCRAM + "=[name=" + ADMIN + ",password=" + adminPassword + "]"))
                .clientProperties(Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                        "sasl.mechanism", SCRAM, "sasl.jaas.config", scramJaas(ADMIN, adminPassword)));
        final AccessPolicy policy = AccessPolicy.forPrefix("handoff");
        final Map<String, String> passwords = new HashMap<>();
        policy.principals().forEach(p -> passwords.put(p.role(), secret()));
        final List<StreamsService> services = new ArrayList<>();
        try (EmbeddedCluster cluster = EmbeddedCluster.start(broker,
                ApicurioRegistryServer.builder().readyTimeout(Duration.ofMinutes(3)))) {
            final HandoffConfig base = HandoffConfig.of(Map.of(
                    HandoffConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                    HandoffConfig.REGISTRY_URL, cluster.registryUrl(),
                    HandoffConfig.ATTACHMENTS_DIR, tmp.resolve("attachments").toString(),
                    HandoffConfig.STATE_DIR, tmp.resolve("state").toString(),
                    HandoffConfig.SECURITY_PROTOCOL, "SASL_PLAINTEXT",
                    HandoffConfig.SASL_MECHANISM, SCRAM));
            final HandoffConfig admin = as(base, ADMIN, adminPassword);
            // And the topics, the SCRAM users and the ACLs, created by the super user as an operator would
            TopicAdmin.ensureTopics(admin);
            try (Admin a = Admin.create(StreamsSettings.client(admin))) {
                final List<UserScramCredentialAlteration> users = new ArrayList<>();
                policy.principals().forEach(p -> users.add(new UserScramCredentialUpsertion(p.user(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), passwords.get(p.role()))));
                a.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
                a.createAcls(policy.aclBindings()).all().get(30, TimeUnit.SECONDS);
            }
            final Map<String, HandoffConfig> principals = new HashMap<>();
            policy.principals().forEach(p -> principals.put(p.role(), as(base, p.user(), passwords.get(p.role()))));
            for (final HandoffConfig c : principals.values()) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> canDescribeCluster(c));
            }

            // When the CLI (its principal) publishes and each service runs on its own principal
            final List<PacketDirectory> packets = Pipeline.readPackets(examples.resolve("packets"));
            final Map<String, String> byPacket = new HashMap<>();
            try (Pipeline pipeline = new Pipeline(principals.get(AccessPolicy.CLI), cluster.bootstrapServers(),
                    cluster.registryUrl(), false)) {
                final Path state = Path.of(pipeline.config().get(HandoffConfig.STATE_DIR));
                try {
                    services.add(ExtractorService.create(withState(principals.get(AccessPolicy.EXTRACTOR), state)));
                    services.add(NormalizerService.create(withState(principals.get(AccessPolicy.NORMALIZER), state)));
                    services.add(RouterService.create(withState(principals.get(AccessPolicy.ROUTER), state)));
                    for (final StreamsService s : services) {
                        s.start();
                    }
                    pipeline.publishReference(ReferenceFiles.read(examples.resolve("reference")));
                    final Map<String, String> submissions = pipeline.publishPackets(packets);
                    for (final Decision d : pipeline.awaitDecisions(submissions, Duration.ofMinutes(10))) {
                        byPacket.put(d.getPacketId(), d.getDecision().name());
                    }
                } finally {
                    services.forEach(StreamsService::close);
                }
            }

            // Then the pipeline decided every packet under least privilege
            assertThat(byPacket).containsEntry("PKT-EX-0001", "STAGED").containsEntry("PKT-EX-0002", "EXCEPTION")
                    .containsEntry("PKT-EX-0003", "EXCEPTION");

            // And the extractor's principal can neither read nor write the staged topic
            final HandoffConfig extractor = principals.get(AccessPolicy.EXTRACTOR);
            assertThatThrownBy(() -> pollOnce(extractor, TopicNames.STAGED)).isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> send(extractor, TopicNames.STAGED)).isInstanceOf(TopicAuthorizationException.class);
            // And the ticketing platform's principal cannot read decisions either
            assertThatThrownBy(() -> pollOnce(principals.get(AccessPolicy.TICKETING), TopicNames.STAGED))
                    .isInstanceOf(TopicAuthorizationException.class);

            // And a wrong password is refused
            final HandoffConfig wrong = as(base, "handoff-router", secret());
            assertThatThrownBy(() -> canDescribeCluster(wrong)).hasCauseInstanceOf(SaslAuthenticationException.class);

            // And a client without SASL gets no answer at all
            final Properties plain = new Properties();
            plain.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            plain.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
            plain.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000);
            try (Admin anonymous = Admin.create(plain)) {
                assertThatThrownBy(() -> anonymous.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
        }
    }

    private static HandoffConfig as(final HandoffConfig base, final String user, final String password) {
        return base.with(Map.of(HandoffConfig.SASL_USERNAME, user, HandoffConfig.SASL_PASSWORD, password));
    }

    private static HandoffConfig withState(final HandoffConfig config, final Path state) {
        return config.with(Map.of(HandoffConfig.STATE_DIR, state.toString()));
    }

    private static boolean canDescribeCluster(final HandoffConfig config) throws Exception {
        final Properties p = StreamsSettings.client(config);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin a = Admin.create(p)) {
            return !a.describeCluster().nodes().get(15, TimeUnit.SECONDS).isEmpty();
        }
    }

    /** Polls a topic a few times without a consumer group; returns normally only if no poll is refused. */
    private static void pollOnce(final HandoffConfig config, final String topic) {
        final Properties p = StreamsSettings.client(config);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            for (int i = 0; i < 20; i++) {
                c.poll(Duration.ofMillis(500));
            }
        }
    }

    private static void send(final HandoffConfig config, final String topic) throws Exception {
        final Properties p = StreamsSettings.client(config);
        p.put("max.block.ms", 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[] {1}, new byte[] {1})).get(20, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            // the refusal arrives through the send future: surface it as itself
            throw (Exception) e.getCause();
        }
    }

    private static String scramJaas(final String user, final String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
