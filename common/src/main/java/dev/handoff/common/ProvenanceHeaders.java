package dev.handoff.common;

import dev.handoff.avro.Decision;
import dev.handoff.avro.DiagnosticArtifact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;

/**
 * Headers on every staged and exception record: CloudEvents Kafka binary mode, a W3C traceparent,
 * and handoff's provenance (decision, content hash, pipeline and schema version, source artifacts),
 * so consumers can route and audit without decoding the body. No header holds artifact text.
 */
public final class ProvenanceHeaders {

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_DATASCHEMA = "ce_dataschema";
    public static final String TRACEPARENT = "traceparent";
    public static final String DECISION = "handoff_decision";
    public static final String CONTENT_HASH = "handoff_content_sha256";
    public static final String PIPELINE_VERSION = "handoff_pipeline_version";
    public static final String SCHEMA_VERSION = "handoff_schema_version";
    public static final String SOURCE_ARTIFACTS = "handoff_source_artifacts";
    public static final String REVISION = "handoff_revision";
    public static final String REVISION_OF = "handoff_revision_of";

    public static final String SOURCE = "urn:handoff:router-service";

    private ProvenanceHeaders() {
    }

    /** Replaces any existing values of these headers with ones describing {@code decision}. */
    public static void apply(final Headers headers, final Decision decision, final String topic, final String contentHash) {
        final String kind = decision.getDecision().name().toLowerCase(Locale.ROOT);
        set(headers, CE_SPECVERSION, "1.0");
        set(headers, CE_ID, decision.getDecisionId());
        set(headers, CE_SOURCE, SOURCE);
        set(headers, CE_TYPE, "handoff.escalation." + kind + ".v1");
        set(headers, CE_TIME, Instant.ofEpochMilli(decision.getDecidedAtMillis()).toString());
        set(headers, CE_SUBJECT, decision.getPacketId());
        set(headers, CE_DATASCHEMA, "apicurio:default/" + topic + "-value");
        set(headers, TRACEPARENT, traceparent(decision.getSubmissionId(), decision.getDecisionId()));
        set(headers, DECISION, decision.getDecision().name());
        set(headers, CONTENT_HASH, contentHash);
        set(headers, PIPELINE_VERSION, decision.getPipelineVersion());
        set(headers, SCHEMA_VERSION, Decision.getClassSchema().getFullName() + "@" + schemaFingerprint());
        set(headers, SOURCE_ARTIFACTS, decision.getDiagnosticArtifacts().stream()
                .map(DiagnosticArtifact::getArtifactId).collect(Collectors.joining(",")));
        set(headers, REVISION, String.valueOf(decision.getRevision()));
        if (decision.getRevisionOf() != null) {
            set(headers, REVISION_OF, decision.getRevisionOf());
        }
    }

    /** A deterministic W3C traceparent: trace id from the submission, span id from the decision. */
    static String traceparent(final String submissionId, final String decisionId) {
        final String trace = dev.handoff.core.Hashing.sha256Hex(submissionId).substring(0, 32);
        final String span = dev.handoff.core.Hashing.sha256Hex(decisionId).substring(0, 16);
        return "00-" + trace + "-" + span + "-01";
    }

    static String schemaFingerprint() {
        final long fp = org.apache.avro.SchemaNormalization.parsingFingerprint64(Decision.getClassSchema());
        return HexFormat.of().toHexDigits(fp);
    }

    private static void set(final Headers headers, final String key, final String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
