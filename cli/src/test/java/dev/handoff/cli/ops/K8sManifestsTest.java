package dev.handoff.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.handoff.common.TopicNames;
import dev.handoff.common.ops.AccessPolicy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses every manifest in {@code deploy/k8s} and checks what an operator relies on: probes and
 * resource requests on every Deployment, a KafkaTopic for every topic handoff uses, and KafkaUser
 * ACLs identical to {@link AccessPolicy} (the rules the ACL integration test proves on a real broker).
 */
class K8sManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static Path dir;
    private static final List<JsonNode> DOCS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        dir = OpsFiles.repo().resolve("deploy/k8s");
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class)
                        .readValues(new YAMLFactory().createParser(f.toFile()))) {
                    while (it.hasNext()) {
                        final JsonNode doc = it.next();
                        if (doc != null && !doc.isMissingNode() && doc.size() > 0) {
                            DOCS.add(doc);
                        }
                    }
                }
            }
        }
    }

    private static List<JsonNode> kind(final String kind) {
        return DOCS.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    @Test
    void shouldGiveEveryDeploymentProbesOnTheHealthEndpointsAndResourceRequests() {
        // Given the Deployments
        final List<JsonNode> deployments = kind("Deployment");

        // When / Then: one per service, each container probed and sized
        assertThat(deployments).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("handoff-extractor", "handoff-normalizer", "handoff-router");
        for (final JsonNode d : deployments) {
            for (final JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                final String name = d.path("metadata").path("name").asText();
                assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).as(name).isEqualTo("/health/live");
                assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).as(name).isEqualTo("/health/ready");
                assertThat(c.path("resources").path("requests").path("cpu").asText()).as(name).isNotBlank();
                assertThat(c.path("resources").path("requests").path("memory").asText()).as(name).isNotBlank();
                assertThat(c.path("resources").path("limits").path("memory").asText()).as(name).isNotBlank();
                // the SASL password comes from the Secret of the service's own KafkaUser, never from the ConfigMap
                final JsonNode password = env(c, "HANDOFF_SASL_PASSWORD");
                assertThat(password.path("valueFrom").path("secretKeyRef").path("name").asText()).as(name).isEqualTo(name);
                assertThat(env(c, "HANDOFF_SASL_USERNAME").path("value").asText()).as(name).isEqualTo(name);
            }
        }
    }

    @Test
    void shouldDeclareAKafkaTopicForEveryTopicWithCompactedReferenceTopics() {
        // Given the KafkaTopics
        final Map<String, JsonNode> topics = new TreeMap<>();
        kind("KafkaTopic").forEach(t -> topics.put(t.path("spec").path("topicName").asText(), t));

        // When / Then: exactly TopicNames.ALL, reference topics compacted, one partition count for all
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(TopicNames.ALL);
        topics.forEach((name, t) -> assertThat(t.path("spec").path("config").path("cleanup.policy").asText("delete"))
                .as(name).isEqualTo(TopicNames.isReference(name) ? "compact" : "delete"));
        assertThat(topics.values().stream().map(t -> t.path("spec").path("partitions").asInt()).distinct()).hasSize(1);
    }

    @Test
    void shouldGrantKafkaUsersExactlyTheAclsOfTheAccessPolicy() {
        // Given the KafkaUsers and the policy the ACL integration test applies
        final Map<String, Set<String>> manifest = new TreeMap<>();
        for (final JsonNode u : kind("KafkaUser")) {
            assertThat(u.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            final Set<String> acls = new TreeSet<>();
            for (final JsonNode a : u.path("spec").path("authorization").path("acls")) {
                for (final JsonNode op : a.path("operations")) {
                    acls.add(a.path("resource").path("type").asText() + " " + a.path("resource").path("patternType").asText()
                            + " " + a.path("resource").path("name").asText() + " " + op.asText());
                }
            }
            manifest.put(u.path("metadata").path("name").asText(), acls);
        }

        // When the policy is written the same way
        final Map<String, Set<String>> policy = new TreeMap<>();
        for (final AccessPolicy.Principal p : AccessPolicy.forPrefix("handoff").principals()) {
            final Set<String> acls = new TreeSet<>();
            for (final AccessPolicy.Grant g : p.grants()) {
                g.operations().forEach(op -> acls.add(g.resource().strimziName() + " " + g.pattern().strimziName()
                        + " " + g.name() + " " + op.strimziName()));
            }
            policy.put(p.user(), acls);
        }

        // Then they are the same, principal by principal
        assertThat(manifest).isEqualTo(policy);
    }

    @Test
    void shouldListEveryManifestInTheKustomizationAndKeepPasswordsOutOfTheConfigMap() throws IOException {
        // Given the kustomization and the shared ConfigMap
        final JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        final JsonNode config = kind("ConfigMap").get(0);
        final Properties props = new Properties();
        props.load(new StringReader(config.path("data").path("handoff.properties").asText()));

        // When / Then: nothing is left out of `kubectl apply -k` and no password sits in plain config
        final Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList());
        }
        assertThat(props.stringPropertyNames()).allMatch(k -> k.startsWith("handoff."))
                .noneMatch(k -> k.contains("password"));
        assertThat(props.getProperty("handoff.metrics.port")).isEqualTo("9400");
    }

    private static JsonNode env(final JsonNode container, final String name) {
        for (final JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e;
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no env " + name);
    }
}
