package dev.handoff.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates handoff's topics up front (same partition count everywhere: packet-keyed topics are co-partitioned). */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    public static void ensureTopics(final HandoffConfig config) throws InterruptedException {
        final int partitions = config.getInt(HandoffConfig.PARTITIONS);
        final short replication = (short) config.getInt(HandoffConfig.REPLICATION);
        try (Admin admin = Admin.create(StreamsSettings.client(config))) {
            final Set<String> existing = admin.listTopics().names().get();
            final List<NewTopic> toCreate = new ArrayList<>();
            for (final String name : TopicNames.ALL) {
                if (existing.contains(name)) {
                    continue;
                }
                final Map<String, String> cfg = new HashMap<>();
                cfg.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
                if (TopicNames.isReference(name)) {
                    cfg.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                }
                toCreate.add(new NewTopic(name, partitions, replication).configs(cfg));
            }
            if (!toCreate.isEmpty()) {
                try {
                    admin.createTopics(toCreate).all().get();
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
