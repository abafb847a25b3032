package dev.handoff.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.avro.Alternative;
import dev.handoff.avro.ContactValue;
import dev.handoff.avro.Decision;
import dev.handoff.avro.DecisionFields;
import dev.handoff.avro.DiagnosticArtifact;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldResult;
import dev.handoff.avro.Impact;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PrivacyFlag;
import dev.handoff.avro.TraceStep;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Writes a {@link Decision} as the contract's JSON object (CONTRACT.md section 3, valid against
 * decision.schema.json). Fields are taken from the Avro schema, so a field added to the intake
 * schema appears without a code change.
 */
public final class DecisionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private DecisionJson() {
    }

    public static String toJsonLine(final Decision d) {
        try {
            return MAPPER.writeValueAsString(toJson(d));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write decision " + d.getPacketId(), e);
        }
    }

    public static ObjectNode toJson(final Decision d) {
        final ObjectNode o = MAPPER.createObjectNode();
        o.put("packetId", d.getPacketId());
        o.put("decision", d.getDecision().name());
        o.set("reasons", notices(d.getReasons()));
        o.set("warnings", notices(d.getWarnings()));
        final ObjectNode fields = o.putObject("fields");
        final DecisionFields f = d.getFields();
        for (final Schema.Field sf : DecisionFields.getClassSchema().getFields()) {
            final Object v = f.get(sf.pos());
            if (v instanceof FieldResult r) {
                fields.set(sf.name(), field(r));
            }
        }
        final ArrayNode arts = o.putArray("diagnosticArtifacts");
        for (final DiagnosticArtifact a : d.getDiagnosticArtifacts()) {
            final ObjectNode n = arts.addObject();
            n.put("artifactId", a.getArtifactId());
            n.put("kind", a.getKind().name());
            n.put("mediaType", a.getMediaType());
            n.put("sha256", a.getSha256());
            n.put("bytes", a.getBytes());
            n.put("readable", a.getReadable());
            n.put("sanitized", a.getSanitized());
        }
        final ArrayNode flags = o.putArray("privacyFlags");
        for (final PrivacyFlag p : d.getPrivacyFlags()) {
            final ObjectNode n = flags.addObject();
            n.put("code", p.getCode().name());
            n.put("artifactId", p.getArtifactId());
            n.put("locator", p.getLocator());
            n.put("excerpt", p.getExcerpt());
        }
        o.put("revision", d.getRevision());
        if (d.getRevisionOf() != null) {
            o.put("revisionOf", d.getRevisionOf());
        }
        if (d.getRequestedEscalation() != null) {
            o.put("requestedEscalation", d.getRequestedEscalation());
        }
        o.put("decisionId", d.getDecisionId());
        o.put("receivedAt", d.getReceivedAt());
        o.put("pipelineVersion", d.getPipelineVersion());
        return o;
    }

    private static ArrayNode notices(final List<Notice> notices) {
        final ArrayNode arr = MAPPER.createArrayNode();
        for (final Notice n : notices) {
            final ObjectNode o = arr.addObject();
            o.put("code", n.getCode());
            o.put("message", n.getMessage());
            final ArrayNode fs = o.putArray("fields");
            n.getFields().forEach(fs::add);
            if (n.getArtifactId() != null) {
                o.put("artifactId", n.getArtifactId());
            }
            if (!n.getEvidence().isEmpty()) {
                o.set("evidence", evidence(n.getEvidence()));
            }
        }
        return arr;
    }

    private static ObjectNode field(final FieldResult r) {
        final ObjectNode o = MAPPER.createObjectNode();
        putValue(o, r.getValue());
        o.put("status", r.getStatus().name());
        o.put("confidence", round(r.getConfidence()));
        o.set("evidence", evidence(r.getEvidence()));
        final ArrayNode alts = o.putArray("alternatives");
        for (final Alternative a : r.getAlternatives()) {
            final ObjectNode n = alts.addObject();
            putValue(n, a.getValue());
            n.put("confidence", round(a.getConfidence()));
            n.set("evidence", evidence(a.getEvidence()));
        }
        final ArrayNode trace = o.putArray("trace");
        for (final TraceStep s : r.getTrace()) {
            final ObjectNode n = trace.addObject();
            n.put("step", s.getStep());
            n.put("input", s.getInput());
            n.put("output", s.getOutput());
            n.put("lossy", s.getLossy());
            n.put("reference", s.getReference());
        }
        return o;
    }

    private static void putValue(final ObjectNode o, final Object v) {
        if (v == null) {
            o.putNull("value");
        } else if (v instanceof Impact i) {
            final ObjectNode n = o.putObject("value");
            n.put("level", i.getLevel().name());
            if (i.getUsersAffected() == null) {
                n.putNull("usersAffected");
            } else {
                n.put("usersAffected", i.getUsersAffected());
            }
            if (i.getRegions() == null) {
                n.putNull("regions");
            } else {
                final ArrayNode rs = n.putArray("regions");
                i.getRegions().forEach(rs::add);
            }
            if (i.getWorkaround() == null) {
                n.putNull("workaround");
            } else {
                n.put("workaround", i.getWorkaround());
            }
            n.put("narrative", i.getNarrative());
        } else if (v instanceof List<?> list) {
            final ArrayNode arr = o.putArray("value");
            for (final Object x : list) {
                if (x instanceof ContactValue c) {
                    final ObjectNode n = arr.addObject();
                    n.put("contactId", c.getContactId());
                    n.put("name", c.getName());
                    n.put("email", c.getEmail());
                    n.put("role", c.getRole());
                } else {
                    arr.add(String.valueOf(x));
                }
            }
        } else {
            o.put("value", String.valueOf(v));
        }
    }

    private static ArrayNode evidence(final List<Evidence> evidence) {
        final ArrayNode arr = MAPPER.createArrayNode();
        for (final Evidence e : evidence) {
            final ObjectNode n = arr.addObject();
            n.put("artifactId", e.getArtifactId());
            n.put("locator", e.getLocator());
            n.put("excerpt", e.getExcerpt());
        }
        return arr;
    }

    private static double round(final double v) {
        return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000.0;
    }
}
