package dev.handoff.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.EnvironmentRecord;
import dev.handoff.avro.ProductSurfaceRecord;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the reference directory of CONTRACT.md section 2 (JSON Lines) into typed records, in file
 * order, so later lines replace earlier ones and {@code "deleted": true} lines become tombstones.
 */
public final class ReferenceFiles {

    /** The five reference files: file stem, key field. */
    public enum Kind {
        TENANTS("tenants", "tenantId"),
        ENTITLEMENTS("entitlements", "entitlementId"),
        SUPPORT_PLANS("support-plans", "plan"),
        CONTACTS("contacts", "contactId"),
        PRODUCT_SURFACES("product-surfaces", "surfaceId");

        public final String stem;
        public final String keyField;

        Kind(final String stem, final String keyField) {
            this.stem = stem;
            this.keyField = keyField;
        }

        public String fileName() {
            return stem + ".jsonl";
        }
    }

    /** One line: a key and a record, or a key and null for a tombstone. */
    public record Entry(Kind kind, String key, SpecificRecord value, String file, int line) {
        public boolean tombstone() {
            return value == null;
        }
    }

    /** A reference line that cannot be used; the message names the file, the line and the problem. */
    public static final class BadReferenceException extends RuntimeException {
        public BadReferenceException(final String message) {
            super(message);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceFiles() {
    }

    /** Reads every known reference file present in {@code dir}; a missing file is simply empty. */
    public static List<Entry> read(final Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadReferenceException(dir + ": reference directory does not exist or is not a directory");
        }
        final List<Entry> out = new ArrayList<>();
        for (final Kind kind : Kind.values()) {
            final Path file = dir.resolve(kind.fileName());
            if (Files.isRegularFile(file)) {
                out.addAll(read(kind, file));
            }
        }
        return out;
    }

    public static List<Entry> read(final Kind kind, final Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new BadReferenceException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        final List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            out.add(parse(kind, line, file.toString(), i + 1));
        }
        return out;
    }

    public static Entry parse(final Kind kind, final String line, final String file, final int lineNo) {
        final JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (final IOException e) {
            throw new BadReferenceException(file + ":" + lineNo + ": not a JSON object");
        }
        if (n == null || !n.isObject()) {
            throw new BadReferenceException(file + ":" + lineNo + ": not a JSON object");
        }
        final String key = text(n, kind.keyField);
        if (key == null || key.isBlank()) {
            throw new BadReferenceException(file + ":" + lineNo + ": missing key field '" + kind.keyField + "'");
        }
        if (n.path("deleted").asBoolean(false)) {
            return new Entry(kind, key, null, file, lineNo);
        }
        try {
            return new Entry(kind, key, toRecord(kind, key, n), file, lineNo);
        } catch (final RuntimeException e) {
            throw new BadReferenceException(file + ":" + lineNo + ": " + e.getMessage());
        }
    }

    private static SpecificRecord toRecord(final Kind kind, final String key, final JsonNode n) {
        switch (kind) {
            case TENANTS: {
                final List<EnvironmentRecord> envs = new ArrayList<>();
                for (final JsonNode e : n.path("environments")) {
                    envs.add(new EnvironmentRecord(text(e, "label") == null ? "UNKNOWN"
                            : text(e, "label").toUpperCase(Locale.ROOT), strings(e.path("identifiers"))));
                }
                return TenantRecord.newBuilder().setTenantId(key)
                        .setDisplayName(require(n, "displayName"))
                        .setAliases(strings(n.path("aliases"))).setEnvironments(envs)
                        .setRegions(strings(n.path("regions"))).build();
            }
            case ENTITLEMENTS:
                return EntitlementRecord.newBuilder().setEntitlementId(key)
                        .setTenantId(require(n, "tenantId")).setPlan(require(n, "plan"))
                        .setStatus(require(n, "status").toUpperCase(Locale.ROOT))
                        .setValidFrom(text(n, "validFrom")).setValidTo(text(n, "validTo")).build();
            case SUPPORT_PLANS:
                return SupportPlanRecord.newBuilder().setPlan(key).setAliases(strings(n.path("aliases")))
                        .setResponseTier(require(n, "responseTier"))
                        .setSev1BridgeEligible(n.path("sev1BridgeEligible").asBoolean(false)).build();
            case CONTACTS:
                return ContactRecord.newBuilder().setContactId(key).setTenantId(require(n, "tenantId"))
                        .setName(require(n, "name")).setEmail(text(n, "email")).setPhone(text(n, "phone"))
                        .setRole(text(n, "role"))
                        .setApprovedForEscalation(n.path("approvedForEscalation").asBoolean(false)).build();
            case PRODUCT_SURFACES:
                return ProductSurfaceRecord.newBuilder().setSurfaceId(key)
                        .setName(text(n, "name") == null ? key : text(n, "name"))
                        .setKeywords(strings(n.path("keywords"))).build();
            default:
                throw new IllegalArgumentException("unknown reference kind " + kind);
        }
    }

    private static String require(final JsonNode n, final String field) {
        final String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }

    private static String text(final JsonNode n, final String field) {
        final JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(final JsonNode arr) {
        final List<String> out = new ArrayList<>();
        if (arr != null && arr.isArray()) {
            arr.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
