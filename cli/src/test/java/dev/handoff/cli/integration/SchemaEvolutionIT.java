package dev.handoff.cli.integration;

import dev.handoff.cli.SharedFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.avro.Decision;
import dev.handoff.avro.DecisionFields;
import dev.handoff.avro.DecisionKind;
import dev.handoff.avro.FieldResult;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.Notice;
import dev.handoff.cli.PacketDirectory;
import dev.handoff.cli.Pipeline;
import dev.handoff.common.AvroSerdes;
import dev.handoff.common.HandoffConfig;
import dev.handoff.common.StreamsSettings;
import dev.handoff.core.Codes;
import dev.handoff.core.ReferenceFiles;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 6 "Intake schema" against the real Apicurio registry and broker: the Decision schema gains an
 * optional {@code affectedRegions} field under the registry's BACKWARD rule, consumers built on the old
 * generated classes keep reading, an incompatible version is refused, and making the field mandatory is
 * configuration only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaEvolutionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_FIELD = "affectedRegions";
    private static final List<String> SEVEN = List.of("tenant", "environment", "productSurface", "firstObservedAt",
            "businessImpact", "responseTier", "approvedContacts");

    private EmbeddedPipeline embedded;
    private Pipeline pipeline;
    private String registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void startPipeline() throws Exception {
        // The intake profile of the issue: the seven fields plus affectedRegions, by configuration only.
        final List<String> mandatory = new ArrayList<>(SEVEN);
        mandatory.add(NEW_FIELD);
        embedded = EmbeddedPipeline.start(Map.of(HandoffConfig.INTAKE_MANDATORY, String.join(",", mandatory)));
        pipeline = embedded.pipeline();
        registryUrl = pipeline.config().get(HandoffConfig.REGISTRY_URL);
    }

    @AfterAll
    void stopPipeline() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void shouldKeepOldConsumersReadingWhenDecisionSchemaGainsOptionalAffectedRegions() throws Exception {
        // Given a decision written with the current generated schema on a topic (registers <topic>-value v1)
        final String topic = createTopic("it.schema-evolution.backward");
        final String artifact = topic + "-value";
        final Decision v1Decision = sampleDecision("PKT-SCHEMA-V1");
        produce(topic, v1Decision.getPacketId(), v1Decision, new AvroSerdes(registryUrl).<Decision>valueSerializer());
        assertThat(get("/groups/default/artifacts/" + artifact + "/meta").statusCode()).isEqualTo(200);

        // When a v2 of the Decision schema, DecisionFields gaining affectedRegions ["null", FieldResult] default null,
        // is registered on the same artifact
        final Schema v2 = new Schema.Parser().parse(withNewDecisionField(NEW_FIELD, true));
        final HttpResponse<String> registered = postVersion(artifact, v2.toString());

        // Then the registry accepts it under its BACKWARD rule
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(get("/groups/default/artifacts/" + artifact).body()).contains(NEW_FIELD);

        // When a producer writes a v2 record carrying affectedRegions
        final GenericRecord v2Record = toV2WithRegions(sampleDecision("PKT-SCHEMA-V2"), v2, "EU");
        final AvroKafkaSerializer<GenericRecord> v2Serializer = new AvroKafkaSerializer<>();
        v2Serializer.configure(new AvroSerdes(registryUrl).config(), false);
        produce(topic, "PKT-SCHEMA-V2", v2Record, v2Serializer);

        // Then a consumer on the old generated classes reads both records without error
        final List<ConsumerRecord<String, Decision>> old = readAll(topic, 2,
                new AvroSerdes(registryUrl).<Decision>valueDeserializer());
        assertThat(old).extracting(r -> r.value().getPacketId()).containsExactly("PKT-SCHEMA-V1", "PKT-SCHEMA-V2");
        final Decision readOld = old.get(1).value();
        assertThat(readOld.getDecision()).isEqualTo(DecisionKind.STAGED);
        assertThat(readOld.getFields().getTenant().getValue()).isEqualTo("TEN-SCHEMA");

        // And the second record really was written with v2 (a schema-aware generic reader sees the new field)
        final AvroKafkaDeserializer<GenericRecord> generic = new AvroKafkaDeserializer<>();
        final Map<String, Object> genericConfig = new HashMap<>(new AvroSerdes(registryUrl).config());
        genericConfig.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        generic.configure(genericConfig, false);
        final List<ConsumerRecord<String, GenericRecord>> raw = readAll(topic, 2, generic);
        final GenericRecord writtenFields = (GenericRecord) raw.get(1).value().get("fields");
        assertThat(writtenFields.getSchema().getField(NEW_FIELD)).isNotNull();
        assertThat(String.valueOf(((GenericRecord) writtenFields.get(NEW_FIELD)).get("value"))).isEqualTo("EU");
    }

    @Test
    void shouldRejectDecisionSchemaVersionWhenNewFieldHasNoDefault() throws Exception {
        // Given a Decision artifact registered by a producer on the current schema
        final String topic = createTopic("it.schema-evolution.incompatible");
        final String artifact = topic + "-value";
        produce(topic, "PKT-SCHEMA-V1", sampleDecision("PKT-SCHEMA-V1"),
                new AvroSerdes(registryUrl).<Decision>valueSerializer());
        final int versionsBefore = versionCount(artifact);

        // When a version whose DecisionFields gains a field without a default is registered
        final Schema incompatible = new Schema.Parser().parse(withNewDecisionField(NEW_FIELD, false));
        final HttpResponse<String> refused = postVersion(artifact, incompatible.toString());

        // Then the registry refuses it (BACKWARD: new readers could not read old records) and keeps the old version
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(versionCount(artifact)).isEqualTo(versionsBefore);
        assertThat(get("/groups/default/artifacts/" + artifact).body()).doesNotContain(NEW_FIELD);
    }

    @Test
    void shouldRouteMandatoryFieldMissingNamingAffectedRegionsWhenProfileRequiresIt() throws Exception {
        // Given the contract example packet that is staged under the default profile, and the profile + affectedRegions
        final Path shared = SharedFiles.shared().orElse(null);
        assumeThat(shared).as("shared/contract beside the repository").isNotNull();
        final List<PacketDirectory> packets = Pipeline.readPackets(shared.resolve("contract/examples/packets/PKT-EX-0001"));
        pipeline.publishReference(ReferenceFiles.read(shared.resolve("contract/examples/reference")));

        // When it runs through the pipeline
        final Map<String, String> submissions = pipeline.publishPackets(packets);
        final Decision decision = pipeline.awaitDecisions(submissions, Duration.ofMinutes(5)).get(0);

        // Then it goes to the exception queue for the one field the packet cannot establish: affectedRegions
        assertThat(decision.getDecision()).isEqualTo(DecisionKind.EXCEPTION);
        final List<Notice> missing = decision.getReasons().stream()
                .filter(n -> Codes.MANDATORY_FIELD_MISSING.equals(n.getCode())).toList();
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).getFields()).containsExactly(NEW_FIELD);
        assertThat(missing.get(0).getMessage()).contains(NEW_FIELD);
    }

    /** The current Decision schema with one field appended to DecisionFields, edited as JSON. */
    private static String withNewDecisionField(final String name, final boolean withDefault) throws IOException {
        final ObjectNode decision = (ObjectNode) JSON.readTree(Decision.getClassSchema().toString());
        ObjectNode fieldsRecord = null;
        for (final JsonNode f : decision.path("fields")) {
            if ("fields".equals(f.path("name").asText())) {
                fieldsRecord = (ObjectNode) f.path("type");
            }
        }
        assertThat(fieldsRecord).as("Decision.fields holds the DecisionFields record").isNotNull();
        assertThat(fieldsRecord.path("name").asText()).isEqualTo("DecisionFields");
        final ObjectNode added = JSON.createObjectNode().put("name", name);
        if (withDefault) {
            added.set("type", JSON.createArrayNode().add("null").add(FieldResult.getClassSchema().getFullName()));
            added.putNull("default");
        } else {
            added.put("type", FieldResult.getClassSchema().getFullName());
        }
        ((ArrayNode) fieldsRecord.path("fields")).add(added);
        return JSON.writeValueAsString(decision);
    }

    /** A v1 decision re-read as a v2 generic record (Avro schema resolution), with affectedRegions set. */
    private static GenericRecord toV2WithRegions(final Decision v1, final Schema v2, final String region) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(Decision.class).write(v1, enc);
        enc.flush();
        final GenericRecord rec = new GenericDatumReader<GenericRecord>(Decision.getClassSchema(), v2)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        final GenericRecord fields = (GenericRecord) rec.get("fields");
        final Schema fieldResult = fields.getSchema().getField("tenant").schema();
        final GenericRecord regions = GenericData.get().deepCopy(fieldResult, (GenericRecord) fields.get("tenant"));
        regions.put("value", region);
        fields.put(NEW_FIELD, regions);
        assertThat(GenericData.get().validate(v2, rec)).isTrue();
        return rec;
    }

    private static Decision sampleDecision(final String packetId) {
        final FieldResult missing = FieldResult.newBuilder().setValue(null).setStatus(FieldStatus.MISSING)
                .setConfidence(0.0).build();
        final FieldResult tenant = FieldResult.newBuilder().setValue("TEN-SCHEMA").setStatus(FieldStatus.RESOLVED)
                .setConfidence(0.9).build();
        final DecisionFields fields = DecisionFields.newBuilder().setTenant(tenant).setEnvironment(missing)
                .setProductSurface(missing).setFirstObservedAt(missing).setBusinessImpact(missing)
                .setResponseTier(missing).setApprovedContacts(missing).build();
        return Decision.newBuilder().setPacketId(packetId).setSubmissionId(UUID.randomUUID().toString())
                .setDecisionId(UUID.randomUUID().toString()).setDecision(DecisionKind.STAGED).setFields(fields)
                .setReceivedAt("2026-11-20T10:02:11Z").setPipelineVersion("handoff/schema-evolution-it").build();
    }

    private String createTopic(final String prefix) throws Exception {
        final String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(StreamsSettings.client(pipeline.config()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
        return name;
    }

    private <V> void produce(final String topic, final String key, final V value,
                             final Serializer<V> serializer) throws Exception {
        final Properties p = StreamsSettings.client(pipeline.config());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private <V> List<ConsumerRecord<String, V>> readAll(final String topic, final int expected,
                                                        final Deserializer<V> deserializer) {
        final Properties p = StreamsSettings.client(pipeline.config());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "schema-evolution-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
            final TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            final long end = c.endOffsets(List.of(tp)).get(tp);
            // A bound on waiting, not an assertion on time: the records are already written.
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertThat(out).hasSize(expected);
        return out;
    }

    private HttpResponse<String> postVersion(final String artifact, final String schema) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/groups/default/artifacts/" + artifact + "/versions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(schema)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registryUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int versionCount(final String artifact) throws Exception {
        final HttpResponse<String> r = get("/groups/default/artifacts/" + artifact + "/versions");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("count").asInt();
    }
}
