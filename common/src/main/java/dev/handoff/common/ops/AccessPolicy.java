package dev.handoff.common.ops;

import dev.handoff.common.TopicNames;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * Least-privilege Kafka access for handoff, in one place: one principal per service plus the CLI
 * and the ticketing platform's producer, each allowed only its own topics, consumer group and
 * transactional ids. The integration test applies exactly these ACLs to a secured broker and the
 * Strimzi {@code KafkaUser} manifests in {@code deploy/k8s} mirror them (a test compares the two).
 */
public final class AccessPolicy {

    public static final String EXTRACTOR = "extractor";
    public static final String NORMALIZER = "normalizer";
    public static final String ROUTER = "router";
    public static final String CLI = "cli";
    public static final String TICKETING = "ticketing";

    /** Kafka resource types handoff's principals touch. */
    public enum Resource {
        TOPIC("topic", org.apache.kafka.common.resource.ResourceType.TOPIC),
        GROUP("group", org.apache.kafka.common.resource.ResourceType.GROUP),
        TRANSACTIONAL_ID("transactionalId", org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID);

        private final String strimziName;
        private final org.apache.kafka.common.resource.ResourceType kafka;

        Resource(final String strimziName, final org.apache.kafka.common.resource.ResourceType kafka) {
            this.strimziName = strimziName;
            this.kafka = kafka;
        }

        /** The name Strimzi's KafkaUser uses ({@code topic}, {@code group}, {@code transactionalId}). */
        public String strimziName() {
            return strimziName;
        }
    }

    /** Whether a grant names one resource or every resource starting with the name. */
    public enum Pattern {
        LITERAL(PatternType.LITERAL), PREFIX(PatternType.PREFIXED);

        private final PatternType kafka;

        Pattern(final PatternType kafka) {
            this.kafka = kafka;
        }

        public String strimziName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Operations handoff grants. */
    public enum Operation {
        READ("Read", AclOperation.READ), WRITE("Write", AclOperation.WRITE), DESCRIBE("Describe", AclOperation.DESCRIBE),
        ALL("All", AclOperation.ALL);

        private final String strimziName;
        private final AclOperation kafka;

        Operation(final String strimziName, final AclOperation kafka) {
            this.strimziName = strimziName;
            this.kafka = kafka;
        }

        public String strimziName() {
            return strimziName;
        }
    }

    /** One allow rule. */
    public record Grant(Resource resource, String name, Pattern pattern, Set<Operation> operations) {

        public Grant {
            operations = Set.copyOf(operations);
        }

        static Grant topic(final String name, final Operation... ops) {
            return new Grant(Resource.TOPIC, name, Pattern.LITERAL, EnumSet.of(ops[0], ops));
        }
    }

    /** A principal (its SCRAM user name) and everything it may do. */
    public record Principal(String role, String user, List<Grant> grants) {

        public Principal {
            grants = List.copyOf(grants);
        }

        /** The Kafka principal string, e.g. {@code User:handoff-router}. */
        public String kafkaPrincipal() {
            return "User:" + user;
        }
    }

    private final List<Principal> principals;

    private AccessPolicy(final List<Principal> principals) {
        this.principals = List.copyOf(principals);
    }

    /**
     * The policy for an application prefix ({@code handoff.application.prefix}): application ids are
     * {@code <prefix>-<service>}, and so are the user names.
     */
    public static AccessPolicy forPrefix(final String applicationPrefix) {
        final List<Principal> p = new ArrayList<>();
        p.add(service(applicationPrefix, EXTRACTOR, false,
                Grant.topic(TopicNames.PACKETS, Operation.READ),
                Grant.topic(TopicNames.ARTIFACT_TASKS, Operation.READ, Operation.WRITE),
                Grant.topic(TopicNames.ARTIFACTS_EXTRACTED, Operation.WRITE),
                Grant.topic(TopicNames.DEAD_LETTERS, Operation.WRITE)));
        final List<Grant> normalizer = new ArrayList<>();
        normalizer.add(Grant.topic(TopicNames.ARTIFACTS_EXTRACTED, Operation.READ));
        TopicNames.REFERENCE.forEach(t -> normalizer.add(Grant.topic(t, Operation.READ)));
        normalizer.add(Grant.topic(TopicNames.ARTIFACTS_NORMALIZED, Operation.WRITE));
        normalizer.add(Grant.topic(TopicNames.DEAD_LETTERS, Operation.WRITE));
        p.add(service(applicationPrefix, NORMALIZER, false, normalizer.toArray(new Grant[0])));
        p.add(service(applicationPrefix, ROUTER, true,
                Grant.topic(TopicNames.PACKETS, Operation.READ),
                Grant.topic(TopicNames.ARTIFACTS_NORMALIZED, Operation.READ),
                Grant.topic(TopicNames.STAGED, Operation.WRITE),
                Grant.topic(TopicNames.EXCEPTIONS, Operation.WRITE),
                Grant.topic(TopicNames.DEAD_LETTERS, Operation.WRITE)));
        final List<Grant> cli = new ArrayList<>();
        // ./handoff run checks that every topic exists before it publishes: describe, nothing more
        cli.add(new Grant(Resource.TOPIC, "handoff.", Pattern.PREFIX, EnumSet.of(Operation.DESCRIBE)));
        cli.add(Grant.topic(TopicNames.STAGED, Operation.READ));
        cli.add(Grant.topic(TopicNames.EXCEPTIONS, Operation.READ));
        TopicNames.REFERENCE.forEach(t -> cli.add(Grant.topic(t, Operation.WRITE)));
        // ./handoff run publishes packets as the ticketing platform would (the platform has its own, narrower user)
        cli.add(Grant.topic(TopicNames.PACKETS, Operation.WRITE));
        cli.add(new Grant(Resource.GROUP, applicationPrefix + "-" + CLI + "-", Pattern.PREFIX, EnumSet.of(Operation.READ)));
        p.add(new Principal(CLI, applicationPrefix + "-" + CLI, cli));
        p.add(new Principal(TICKETING, applicationPrefix + "-" + TICKETING,
                List.of(Grant.topic(TopicNames.PACKETS, Operation.WRITE))));
        return new AccessPolicy(p);
    }

    /**
     * A Streams service: its topics, its consumer group (the application id), its transactional ids
     * (exactly-once v2 names them {@code <application id>-<process id>-<thread>}) and, for a stateful
     * service, its internal changelog topics (named {@code <application id>-<store>-changelog}).
     */
    private static Principal service(final String prefix, final String role, final boolean stateful,
                                     final Grant... topics) {
        final String applicationId = prefix + "-" + role;
        final List<Grant> g = new ArrayList<>(List.of(topics));
        g.add(new Grant(Resource.GROUP, applicationId, Pattern.LITERAL, EnumSet.of(Operation.READ)));
        g.add(new Grant(Resource.TRANSACTIONAL_ID, applicationId + "-", Pattern.PREFIX,
                EnumSet.of(Operation.WRITE, Operation.DESCRIBE)));
        if (stateful) {
            g.add(new Grant(Resource.TOPIC, applicationId + "-", Pattern.PREFIX, EnumSet.of(Operation.ALL)));
        }
        return new Principal(role, applicationId, g);
    }

    public List<Principal> principals() {
        return principals;
    }

    public Principal principal(final String role) {
        return principals.stream().filter(p -> p.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no principal for role " + role));
    }

    /** Every grant as Kafka ACL bindings (allow, any host), for {@code Admin.createAcls}. */
    public List<AclBinding> aclBindings() {
        final List<AclBinding> out = new ArrayList<>();
        for (final Principal p : principals) {
            for (final Grant g : p.grants()) {
                for (final Operation op : g.operations()) {
                    out.add(new AclBinding(new ResourcePattern(g.resource().kafka, g.name(), g.pattern().kafka),
                            new AccessControlEntry(p.kafkaPrincipal(), "*", op.kafka, AclPermissionType.ALLOW)));
                }
            }
        }
        return out;
    }
}
