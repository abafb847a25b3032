package dev.handoff.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.common.TopicNames;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final AccessPolicy policy = AccessPolicy.forPrefix("handoff");

    @Test
    void shouldGiveTheExtractorNoAccessToDecisionsOrReferenceData() {
        // Given the extractor's principal
        final AccessPolicy.Principal extractor = policy.principal(AccessPolicy.EXTRACTOR);

        // When its topic grants are listed
        final List<String> topics = extractor.grants().stream()
                .filter(g -> g.resource() == AccessPolicy.Resource.TOPIC).map(AccessPolicy.Grant::name).toList();

        // Then it touches only its own topics
        assertThat(topics).containsExactlyInAnyOrder(TopicNames.PACKETS, TopicNames.ARTIFACT_TASKS,
                TopicNames.ARTIFACTS_EXTRACTED, TopicNames.DEAD_LETTERS);
        assertThat(extractor.user()).isEqualTo("handoff-extractor");
    }

    @Test
    void shouldScopeEveryServiceToItsOwnGroupAndTransactionalIds() {
        // Given / When the Kafka bindings of the three services
        final List<AclBinding> bindings = policy.aclBindings();

        // Then each service's group is its application id and its transactional ids share that prefix
        for (final String role : List.of(AccessPolicy.EXTRACTOR, AccessPolicy.NORMALIZER, AccessPolicy.ROUTER)) {
            final String principal = "User:handoff-" + role;
            assertThat(bindings).anySatisfy(b -> {
                assertThat(b.entry().principal()).isEqualTo(principal);
                assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.GROUP);
                assertThat(b.pattern().patternType()).isEqualTo(PatternType.LITERAL);
                assertThat(b.pattern().name()).isEqualTo("handoff-" + role);
            });
            assertThat(bindings).anySatisfy(b -> {
                assertThat(b.entry().principal()).isEqualTo(principal);
                assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.TRANSACTIONAL_ID);
                assertThat(b.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                assertThat(b.pattern().name()).isEqualTo("handoff-" + role + "-");
            });
        }
        // And only the router (the stateful one) may manage internal topics
        assertThat(bindings).filteredOn(b -> b.pattern().resourceType() == ResourceType.TOPIC
                        && b.pattern().patternType() == PatternType.PREFIXED && b.pattern().name().startsWith("handoff-"))
                .extracting(b -> b.entry().principal()).containsOnly("User:handoff-router");
    }

    @Test
    void shouldLetTheTicketingPlatformOnlyWriteTheInputTopic() {
        // Given / When the ticketing principal
        final AccessPolicy.Principal ticketing = policy.principal(AccessPolicy.TICKETING);

        // Then its single grant is writing packets
        assertThat(ticketing.grants()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo(TopicNames.PACKETS);
            assertThat(g.operations()).containsExactly(AccessPolicy.Operation.WRITE);
        });
    }
}
