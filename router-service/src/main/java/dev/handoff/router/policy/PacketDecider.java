package dev.handoff.router.policy;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.Decision;
import dev.handoff.avro.DecisionFields;
import dev.handoff.avro.DecisionKind;
import dev.handoff.avro.DiagnosticArtifact;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldResult;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PacketReceived;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.avro.PrivacyFlag;
import dev.handoff.avro.TraceStep;
import dev.handoff.common.Versions;
import dev.handoff.core.Codes;
import dev.handoff.core.FieldNames;
import dev.handoff.router.resolution.ContactResolution;
import dev.handoff.router.resolution.EnvironmentResolution;
import dev.handoff.router.resolution.Fields;
import dev.handoff.router.resolution.ImpactResolution;
import dev.handoff.router.resolution.PacketView;
import dev.handoff.router.resolution.Resolved;
import dev.handoff.router.resolution.SurfaceResolution;
import dev.handoff.router.resolution.TenantResolution;
import dev.handoff.router.resolution.TierResolution;
import dev.handoff.router.resolution.TimeResolution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Decides one packet: resolves every field, collects the reasons, and returns a staged record or an
 * exception (EXCEPTION exactly when there is a reason). Pure: the same packet and reference data give
 * the same decision. handoff never sets a severity, opens a bridge or pages anyone.
 */
public final class PacketDecider {

    private final RoutingConfig config;

    public PacketDecider(final RoutingConfig config) {
        this.config = config;
    }

    /** How this decision relates to earlier decisions of the same packet id. */
    public record Revision(int number, String revisionOf) {
        public static Revision first() {
            return new Revision(1, null);
        }
    }

    public Decision decide(final PacketReceived packet, final List<ArtifactNormalized> artifacts,
                           final Revision revision, final long nowMillis) {
        final PacketView view = new PacketView(packet, artifacts);
        final List<Notice> reasons = new ArrayList<>();
        final List<Notice> warnings = new ArrayList<>(packet.getWarnings());

        final Resolved tenant = TenantResolution.resolve(view, config);
        final String tenantId = tenant.field().getValue() instanceof String s ? s : null;
        final Resolved environment = EnvironmentResolution.resolve(view, tenantId, config);
        final Resolved surface = SurfaceResolution.resolve(view, config);
        final Resolved time = TimeResolution.resolve(view, config);
        final Resolved impact = ImpactResolution.resolve(view, config);
        final String requested = requestedEscalation(view);
        final List<Evidence> requestEvidence = new ArrayList<>();
        view.values(FieldNames.REQUESTED_ESCALATION).forEach(s -> requestEvidence.addAll(s.value().getEvidence()));
        final Resolved tier = TierResolution.resolve(view, tenantId, coverageDate(time, packet), requested, requestEvidence);
        final Resolved contacts = ContactResolution.resolve(view, tenantId);

        final Map<String, FieldResult> fields = new LinkedHashMap<>();
        fields.put(FieldNames.TENANT, tenant.field());
        fields.put(FieldNames.ENVIRONMENT, environment.field());
        fields.put(FieldNames.PRODUCT_SURFACE, surface.field());
        fields.put(FieldNames.FIRST_OBSERVED_AT, time.field());
        fields.put(FieldNames.BUSINESS_IMPACT, impact.field());
        fields.put(FieldNames.RESPONSE_TIER, tier.field());
        fields.put(FieldNames.APPROVED_CONTACTS, contacts.field());
        for (final Resolved r : List.of(tenant, environment, surface, time, impact, tier, contacts)) {
            reasons.addAll(r.reasons());
            warnings.addAll(r.warnings());
        }

        final List<PrivacyFlag> flags = new ArrayList<>();
        final List<Evidence> secretEvidence = new ArrayList<>();
        final List<Evidence> personalEvidence = new ArrayList<>();
        final Set<String> secretCodes = new LinkedHashSet<>();
        final Set<String> personalCodes = new LinkedHashSet<>();
        for (final ArtifactNormalized a : view.artifacts()) {
            for (final PrivacyFinding f : a.getFindings()) {
                flags.add(new PrivacyFlag(f.getCode(), f.getArtifactId(), f.getLocator(), f.getExcerpt()));
                final Evidence ev = new Evidence(f.getArtifactId(), f.getLocator(), f.getExcerpt());
                if (f.getSecret()) {
                    secretCodes.add(f.getCode().name());
                    secretEvidence.add(ev);
                } else if (config.routedPrivacyCodes().contains(f.getCode().name())) {
                    personalCodes.add(f.getCode().name());
                    personalEvidence.add(ev);
                }
            }
            warnings.addAll(a.getWarnings());
        }
        if (!secretCodes.isEmpty()) {
            reasons.add(Fields.notice(Codes.PRIVACY_SECRET, "Unsanitized secrets in " + artifactsOf(secretEvidence)
                    + " (" + String.join(", ", secretCodes) + "): the packet must be scrubbed before staging.",
                    List.of(), secretEvidence));
        }
        if (!personalCodes.isEmpty()) {
            reasons.add(Fields.notice(Codes.PRIVACY_PERSONAL_DATA, "Personal data beyond the intake boundary in "
                    + artifactsOf(personalEvidence) + " (" + String.join(", ", personalCodes) + ").",
                    List.of(), personalEvidence));
        }

        final List<String> missing = new ArrayList<>();
        for (final String name : config.mandatoryFields()) {
            final FieldResult f = fields.get(name);
            if (f == null || f.getValue() == null || (f.getValue() instanceof List<?> l && l.isEmpty())) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            reasons.add(Fields.notice(Codes.MANDATORY_FIELD_MISSING, "The intake schema requires "
                    + String.join(", ", missing) + ", which the packet does not establish.", missing, List.of()));
        }
        final List<String> lossy = fields.entrySet().stream()
                .filter(e -> e.getValue().getValue() != null
                        && e.getValue().getTrace().stream().anyMatch(TraceStep::getLossy))
                .map(Map.Entry::getKey).toList();
        if (!lossy.isEmpty()) {
            warnings.add(Fields.notice(Codes.LOSSY_NORMALIZATION, "Normalization lost information for "
                    + String.join(", ", lossy) + " (see each field's trace).", lossy, List.of()));
        }
        warnings.addAll(missingArtifacts(packet, view));

        // Every field of the intake schema, whatever the schema version this build carries.
        final DecisionFields df = new DecisionFields();
        for (final Schema.Field sf : DecisionFields.getClassSchema().getFields()) {
            final FieldResult r = fields.get(sf.name());
            df.put(sf.pos(), r != null ? r : Fields.missing(List.of(), List.of()));
        }
        final List<Notice> sortedReasons = dedupe(reasons);
        final Decision d = Decision.newBuilder()
                .setPacketId(packet.getPacketId()).setSubmissionId(packet.getSubmissionId())
                .setDecisionId(decisionId(packet.getSubmissionId()))
                .setRevision(revision.number()).setRevisionOf(revision.revisionOf())
                .setDecision(sortedReasons.isEmpty() ? DecisionKind.STAGED : DecisionKind.EXCEPTION)
                .setReasons(sortedReasons).setWarnings(dedupe(warnings)).setFields(df)
                .setDiagnosticArtifacts(diagnostics(packet, view)).setPrivacyFlags(flags)
                .setRequestedEscalation(requested).setReceivedAt(packet.getReceivedAt())
                .setDecidedAtMillis(nowMillis).setPublishedAtMillis(packet.getPublishedAtMillis())
                .setPipelineVersion(Versions.PIPELINE).build();
        return d;
    }

    public static String decisionId(final String submissionId) {
        return UUID.nameUUIDFromBytes(("decision:" + submissionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String requestedEscalation(final PacketView view) {
        if (view.packet().getRequestedEscalation() != null) {
            return view.packet().getRequestedEscalation();
        }
        return view.values(FieldNames.REQUESTED_ESCALATION).stream().map(s -> s.value().getValue())
                .filter(v -> v != null).sorted().findFirst().orElse(null);
    }

    /** The UTC date of the first-observed time, or of receivedAt when that time is unknown. */
    private static LocalDate coverageDate(final Resolved time, final PacketReceived packet) {
        final Object v = time.field().getValue();
        final String iso = v instanceof String s ? s : packet.getReceivedAt();
        try {
            return Instant.parse(iso).atZone(ZoneOffset.UTC).toLocalDate();
        } catch (final RuntimeException e) {
            return null;
        }
    }

    private static List<DiagnosticArtifact> diagnostics(final PacketReceived packet, final PacketView view) {
        final Map<String, DiagnosticArtifact> out = new LinkedHashMap<>();
        for (final ArtifactNormalized a : view.artifacts()) {
            final ArtifactRef r = a.getArtifact();
            out.put(r.getArtifactId(), DiagnosticArtifact.newBuilder().setArtifactId(r.getArtifactId())
                    .setKind(a.getClassification().getKind()).setMediaType(a.getClassification().getMediaType())
                    .setSha256(r.getSha256()).setBytes(r.getBytes()).setReadable(a.getReadable())
                    .setSanitized(a.getSanitized()).build());
        }
        for (final ArtifactRef r : packet.getArtifacts()) {
            out.putIfAbsent(r.getArtifactId(), DiagnosticArtifact.newBuilder().setArtifactId(r.getArtifactId())
                    .setKind(r.getKindHint() == null ? ArtifactKind.OTHER : r.getKindHint())
                    .setMediaType("application/octet-stream").setSha256(r.getSha256()).setBytes(r.getBytes())
                    .setReadable(false).setSanitized(false).build());
        }
        return out.values().stream().sorted(Comparator.comparing(DiagnosticArtifact::getArtifactId)).toList();
    }

    private static List<Notice> missingArtifacts(final PacketReceived packet, final PacketView view) {
        final Set<String> seen = view.artifacts().stream().map(a -> a.getArtifact().getArtifactId())
                .collect(Collectors.toSet());
        final List<Notice> out = new ArrayList<>();
        for (final ArtifactRef r : packet.getArtifacts()) {
            if (!seen.contains(r.getArtifactId())) {
                out.add(Notice.newBuilder().setCode(Codes.ARTIFACT_UNREADABLE).setArtifactId(r.getArtifactId())
                        .setMessage(r.getArtifactId() + ": no extraction result arrived within the grace period; "
                                + "decided without it").build());
            }
        }
        return out;
    }

    private static String artifactsOf(final List<Evidence> evidence) {
        return evidence.stream().map(Evidence::getArtifactId).distinct().collect(Collectors.joining(", "));
    }

    /** Merges notices with the same code and message; order by code for stable output. */
    private static List<Notice> dedupe(final List<Notice> notices) {
        final Map<String, Notice> out = new LinkedHashMap<>();
        for (final Notice n : notices) {
            out.putIfAbsent(n.getCode() + "|" + n.getMessage(), n);
        }
        return out.values().stream().sorted(Comparator.comparing(Notice::getCode)).toList();
    }
}
