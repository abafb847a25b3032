package dev.handoff.common;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.streams.StreamsConfig;

/** The one place that builds Kafka Streams and client configuration from {@link HandoffConfig}. */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    public static String applicationId(final HandoffConfig config, final String service) {
        return config.get(HandoffConfig.APPLICATION_PREFIX) + "-" + service;
    }

    public static Properties streams(final HandoffConfig config, final String service, final String instance) {
        final Properties p = new Properties();
        p.putAll(client(config));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(config, service));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(HandoffConfig.COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.POLL_MS_CONFIG, config.getLong(HandoffConfig.POLL_MS));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(HandoffConfig.STREAM_THREADS));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.getInt(HandoffConfig.REPLICATION));
        p.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of(config.get(HandoffConfig.STATE_DIR), service + "-" + instance).toString());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnDeserialization.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnProcessing.class.getName());
        // without it, a valid record of the wrong type on a reference topic kills the global thread
        // and with it the whole normalizer (Kafka Streams 4.4 leaves it off by default)
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(DeadLetters.SERVICE_CONFIG, service);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 50);
        // Artifact extraction can take seconds per record (OCR): allow for it between polls.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), 600_000);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 8 * 1024 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(8 * 1024 * 1024));
        new AvroSerdes(config.get(HandoffConfig.REGISTRY_URL)).config().forEach(p::put);
        // raw overrides: handoff.streams.<any streams or client key>
        config.withPrefix("handoff.streams.").forEach(p::put);
        return p;
    }

    /** Settings every Kafka client of handoff shares (bootstrap, security). */
    public static Properties client(final HandoffConfig config) {
        final Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.get(HandoffConfig.BOOTSTRAP_SERVERS));
        final String protocol = config.get(HandoffConfig.SECURITY_PROTOCOL);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL")) {
            final String mechanism = config.get(HandoffConfig.SASL_MECHANISM);
            p.put(SaslConfigs.SASL_MECHANISM, mechanism);
            final String module = mechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            p.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + config.get(HandoffConfig.SASL_USERNAME)
                    + "\" password=\"" + config.get(HandoffConfig.SASL_PASSWORD) + "\";");
        }
        config.withPrefix("handoff.client.").forEach(p::put);
        return p;
    }
}
