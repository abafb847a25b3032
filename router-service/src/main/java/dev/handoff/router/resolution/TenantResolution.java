package dev.handoff.router.resolution;

import dev.handoff.avro.Alternative;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldResult;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.Notice;
import dev.handoff.core.Codes;
import dev.handoff.core.FieldNames;
import dev.handoff.router.policy.RoutingConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides the packet's tenant from every mention's own resolved tenant. Two tenants each asserted by
 * solid evidence is a TENANT_CONFLICT (both kept); no mention matching the registry is
 * TENANT_UNRESOLVED. A mention the normalizer could not tell apart between similar names (one group,
 * several tenants) only counts as a weak hint for each.
 */
public final class TenantResolution {

    /** A tenant is asserted when one non-OCR mention reaches this, or two artifacts agree. */
    static final double ASSERTED = 0.7;

    private TenantResolution() {
    }

    public static Resolved resolve(final PacketView packet, final RoutingConfig config) {
        final Map<String, Set<String>> tenantsByGroup = new HashMap<>();
        final List<PacketView.Sourced> values = packet.values(FieldNames.TENANT);
        for (final PacketView.Sourced s : values) {
            final String g = s.value().getAttributes().get("group");
            if (g != null && s.value().getValue() != null) {
                tenantsByGroup.computeIfAbsent(s.artifactId() + "/" + g, k -> new TreeSet<>()).add(s.value().getValue());
            }
        }
        final Map<String, Support> byTenant = new LinkedHashMap<>();
        int unresolvedStrong = 0;
        final List<Evidence> unresolvedEvidence = new ArrayList<>();
        for (final PacketView.Sourced s : values) {
            final String tenant = s.value().getValue();
            if (tenant == null) {
                if (!"true".equals(s.value().getAttributes().get("unresolved")) && s.value().getConfidence() >= 0.5) {
                    unresolvedStrong++;
                    unresolvedEvidence.addAll(s.value().getEvidence());
                }
                continue;
            }
            final String g = s.value().getAttributes().get("group");
            final int ways = g == null ? 1 : tenantsByGroup.getOrDefault(s.artifactId() + "/" + g, Set.of(tenant)).size();
            byTenant.computeIfAbsent(tenant, Support::new).add(s.artifactId(), s.value(), ways > 1 ? 0.5 / ways : 1.0);
        }
        final List<Support> ranked = byTenant.values().stream()
                .sorted(Comparator.comparingDouble(Support::confidence).reversed().thenComparing(Support::key))
                .toList();
        if (ranked.isEmpty()) {
            final String msg = unresolvedStrong > 0
                    ? "The packet names a customer organisation, but no tenant in the registry matches it."
                    : "Nothing in the packet identifies a tenant in the registry.";
            return new Resolved(Fields.missing(List.of(), List.of()),
                    List.of(Fields.notice(Codes.TENANT_UNRESOLVED, msg, List.of(FieldNames.TENANT), unresolvedEvidence)),
                    List.of());
        }
        final List<Support> asserted = ranked.stream().filter(TenantResolution::asserted).toList();
        final Support top = ranked.get(0);
        final List<Alternative> alternatives = ranked.stream().skip(1)
                .map(s -> Fields.alternative(s.key(), s.confidence(), s.evidence(4))).toList();
        if (asserted.size() > 1) {
            final String names = asserted.stream().map(s -> s.key() + " (" + describe(s) + ")")
                    .collect(Collectors.joining(" and "));
            final List<Evidence> ev = new ArrayList<>();
            asserted.forEach(s -> ev.addAll(s.evidence(3)));
            final FieldResult f = Fields.of(top.key(), FieldStatus.CONFLICT, top.confidence() / 2,
                    top.evidence(5), alternatives, top.bestTrace());
            final Notice reason = Fields.notice(Codes.TENANT_CONFLICT,
                    "Evidence points to more than one tenant: " + names + ".", List.of(FieldNames.TENANT), ev);
            return new Resolved(f, List.of(reason), List.of());
        }
        final double c = top.confidence();
        final FieldStatus status = c >= config.resolvedConfidence() && !top.ocrOnly()
                ? FieldStatus.RESOLVED : FieldStatus.LOW_CONFIDENCE;
        return Resolved.of(Fields.of(top.key(), status, c, top.evidence(5), alternatives, top.bestTrace()));
    }

    static boolean asserted(final Support s) {
        if (s.ocrOnly()) {
            // OCR alone is asserted only by independent identifiers (a directory GUID and an IdP host on one
            // error page) or by two artifacts; one garbled mention never is.
            final long kinds = s.values().stream().filter(v -> v.getConfidence() >= 0.4)
                    .map(v -> v.getAttributes().getOrDefault("mentionType", "?")).distinct().count();
            return kinds >= 2 || (s.artifacts().size() >= 2 && s.confidence() >= ASSERTED);
        }
        return s.maxSingle() >= ASSERTED || (s.artifacts().size() >= 2 && s.confidence() >= ASSERTED);
    }

    private static String describe(final Support s) {
        return "in " + String.join(", ", s.artifacts());
    }
}
