package dev.handoff.common;

import dev.handoff.avro.DeadLetter;
import dev.handoff.common.ops.HandoffMetrics;
import dev.handoff.core.Hashing;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes true poison pills (bytes that are not a record of the topic's type, a valid record of the
 * wrong type) to the dead-letter topic inside the Streams transaction, with their origin and error
 * class; never the payload and never an exception message (it may quote artifact text). A schema
 * registry that cannot be reached is an outage, not a poison pill: the task fails and is retried.
 */
public final class DeadLetters {

    private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetters.class);
    /** Config key: the service name recorded in dead letters. */
    public static final String SERVICE_CONFIG = "handoff.service.name";

    private static final AtomicLong COUNT = new AtomicLong();

    private DeadLetters() {
    }

    /** Dead letters written by this JVM, for metrics. */
    public static long count() {
        return COUNT.get();
    }

    /** True when the failure is the registry (or the network to it) being down. */
    public static boolean isOutage(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException
                    || t.getClass().getName().startsWith("io.apicurio.registry.rest.client.exception.RestClient")
                    || t.getClass().getName().endsWith("ApicurioRestClientException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The exception classes along the cause chain, without messages. */
    static String summary(final Throwable e) {
        final List<String> names = new ArrayList<>();
        for (Throwable t = e; t != null && names.size() < 6; t = t.getCause()) {
            names.add(t.getClass().getName());
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(" <- ", names);
    }

    /**
     * True when the failing record was read by a global store (the reference topics). Kafka Streams
     * cannot send dead-letter records returned by a handler on the global thread (it casts the global
     * context to a record-collector supplier and dies with a ClassCastException), so those are written
     * by the handler itself.
     */
    static boolean isGlobal(final ErrorHandlerContext ctx) {
        return ctx.taskId() == null || ctx.taskId().subtopology() < 0
                || (ctx.topic() != null && TopicNames.isReference(ctx.topic()));
    }

    static final class Writer {
        private Serializer<DeadLetter> serializer;
        private final StringSerializer keys = new StringSerializer();
        private String service = "handoff";
        private final Map<String, Object> producerConfig = new java.util.HashMap<>();
        private org.apache.kafka.clients.producer.Producer<byte[], byte[]> globalProducer;

        void configure(final Map<String, ?> configs) {
            configs.forEach((k, v) -> {
                if (org.apache.kafka.clients.producer.ProducerConfig.configNames().contains(k)
                        && !k.endsWith(".serializer") && !k.startsWith("transactional.")) {
                    producerConfig.put(k, v);
                }
            });
            final Object url = configs.get(io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL);
            final Object svc = configs.get(SERVICE_CONFIG);
            service = svc == null ? "handoff" : String.valueOf(svc);
            final Map<String, Object> serdeConfig = new java.util.HashMap<>();
            configs.forEach((k, v) -> {
                if (k.startsWith("apicurio.")) {
                    serdeConfig.put(k, v);
                }
            });
            serializer = new AvroSerdes(String.valueOf(url), serdeConfig).valueSerializer();
        }

        /** Reference topics are not read in a transaction: send the dead letter and wait for its ack. */
        synchronized void sendFromGlobalThread(final ProducerRecord<byte[], byte[]> record) {
            if (globalProducer == null) {
                final Map<String, Object> p = new java.util.HashMap<>(producerConfig);
                p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
                p.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                p.put(org.apache.kafka.clients.producer.ProducerConfig.CLIENT_ID_CONFIG, service + "-global-dead-letters");
                globalProducer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                        new org.apache.kafka.common.serialization.ByteArraySerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer());
            }
            try {
                globalProducer.send(record).get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a dead letter", ex);
            } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
                // the broker is unreachable: fail the global thread rather than lose the dead letter
                throw new IllegalStateException("cannot write a dead letter (" + ex.getClass().getSimpleName() + ")", ex);
            }
        }

        List<ProducerRecord<byte[], byte[]>> record(final ErrorHandlerContext ctx, final byte[] rawValue,
                                                    final Exception e) {
            final DeadLetter dl = DeadLetter.newBuilder()
                    .setSourceTopic(ctx.topic() == null ? "unknown" : ctx.topic())
                    .setPartition(ctx.partition()).setOffset(ctx.offset()).setService(service)
                    .setErrorClass(e.getClass().getName()).setErrorSummary(summary(e))
                    .setPayloadSha256(rawValue == null ? null : Hashing.sha256Hex(rawValue))
                    .setPayloadBytes(rawValue == null ? 0 : rawValue.length)
                    .setFailedAtMillis(System.currentTimeMillis()).build();
            final String key = ctx.topic() + "-" + ctx.partition() + "@" + ctx.offset();
            COUNT.incrementAndGet();
            HandoffMetrics.forService(service).deadLetter(ctx.topic());
            if (isGlobal(ctx)) {
                sendFromGlobalThread(new ProducerRecord<byte[], byte[]>(TopicNames.DEAD_LETTERS, keys.serialize(TopicNames.DEAD_LETTERS, key),
                        serializer.serialize(TopicNames.DEAD_LETTERS, dl)));
                LOGGER.warn("dead letter topic={} partition={} offset={} error={} (global store)", ctx.topic(),
                        ctx.partition(), ctx.offset(), e.getClass().getSimpleName());
                return List.of();
            }
            LOGGER.warn("dead letter topic={} partition={} offset={} error={}", ctx.topic(), ctx.partition(),
                    ctx.offset(), e.getClass().getSimpleName());
            return List.of(new ProducerRecord<>(TopicNames.DEAD_LETTERS, keys.serialize(TopicNames.DEAD_LETTERS, key),
                    serializer.serialize(TopicNames.DEAD_LETTERS, dl)));
        }
    }

    /** Bytes that cannot be read as the topic's type. */
    public static final class OnDeserialization implements DeserializationExceptionHandler {
        private final Writer writer = new Writer();

        @Override
        public void configure(final Map<String, ?> configs) {
            writer.configure(configs);
        }

        @Override
        public Response handleError(final ErrorHandlerContext context, final org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record,
                                    final Exception exception) {
            if (isOutage(exception)) {
                LOGGER.error("schema registry unreachable while reading topic={} offset={}: failing the task to retry",
                        context.topic(), context.offset());
                return Response.fail();
            }
            return Response.resume(writer.record(context, record.value(), exception));
        }
    }

    /** A record that deserialized but cannot be processed (a valid record of another topic's type). */
    public static final class OnProcessing implements ProcessingExceptionHandler {
        private final Writer writer = new Writer();

        @Override
        public void configure(final Map<String, ?> configs) {
            writer.configure(configs);
        }

        @Override
        public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
            if (isOutage(exception)) {
                return Response.fail();
            }
            return Response.resume(writer.record(context, context.sourceRawValue(), exception));
        }
    }
}
