package dev.handoff.router.resolution;

import dev.handoff.avro.Alternative;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldStatus;
import dev.handoff.core.Codes;
import dev.handoff.core.FieldNames;
import dev.handoff.router.policy.RoutingConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides production versus non-production. Cues tied to another tenant than the packet's are left
 * out (they belong to that tenant's conflict); production and non-production both asserted is
 * ENVIRONMENT_UNCLEAR, as is no cue at all.
 */
public final class EnvironmentResolution {

    static final double ASSERTED = 0.7;

    private EnvironmentResolution() {
    }

    public static Resolved resolve(final PacketView packet, final String tenantId, final RoutingConfig config) {
        final Map<String, Support> byLabel = new LinkedHashMap<>();
        for (final PacketView.Sourced s : packet.values(FieldNames.ENVIRONMENT)) {
            final String label = s.value().getValue();
            final String owner = s.value().getAttributes().get("tenantId");
            if (label == null || (owner != null && tenantId != null && !owner.equals(tenantId))) {
                continue;
            }
            byLabel.computeIfAbsent(label, Support::new).add(s.artifactId(), s.value(), 1.0);
        }
        if (byLabel.isEmpty()) {
            return new Resolved(Fields.missing(List.of(), List.of()),
                    List.of(Fields.notice(Codes.ENVIRONMENT_UNCLEAR,
                            "Nothing in the packet says whether production or a non-production environment is affected.",
                            List.of(FieldNames.ENVIRONMENT), List.of())), List.of());
        }
        final List<Support> ranked = byLabel.values().stream()
                .sorted(Comparator.comparingDouble(Support::confidence).reversed().thenComparing(Support::key)).toList();
        final Support top = ranked.get(0);
        final List<Alternative> alternatives = ranked.stream().skip(1)
                .map(s -> Fields.alternative(s.key(), s.confidence(), s.evidence(3))).toList();
        final Support prod = byLabel.get("PRODUCTION");
        final Support nonProd = ranked.stream().filter(s -> !"PRODUCTION".equals(s.key())).findFirst().orElse(null);
        if (prod != null && nonProd != null && strong(prod) && strong(nonProd)) {
            final List<Evidence> ev = new ArrayList<>(prod.evidence(3));
            ev.addAll(nonProd.evidence(3));
            return new Resolved(Fields.of(top.key(), FieldStatus.CONFLICT, top.confidence() / 2, top.evidence(4),
                    alternatives, top.bestTrace()),
                    List.of(Fields.notice(Codes.ENVIRONMENT_UNCLEAR, "The packet points both to production (in "
                                    + String.join(", ", prod.artifacts()) + ") and to " + nonProd.key()
                                    + " (in " + String.join(", ", nonProd.artifacts()) + ").",
                            List.of(FieldNames.ENVIRONMENT), ev)), List.of());
        }
        final double c = top.confidence();
        if (c < config.resolvedConfidence()) {
            return new Resolved(Fields.of(top.key(), FieldStatus.LOW_CONFIDENCE, c, top.evidence(4), alternatives,
                    top.bestTrace()),
                    List.of(Fields.notice(Codes.ENVIRONMENT_UNCLEAR, "Only a weak cue suggests " + top.key() + ".",
                            List.of(FieldNames.ENVIRONMENT), top.evidence(3))), List.of());
        }
        return Resolved.of(Fields.of(top.key(), FieldStatus.RESOLVED, c, top.evidence(4), alternatives, top.bestTrace()));
    }

    private static boolean strong(final Support s) {
        return !s.ocrOnly() && (s.maxSingle() >= ASSERTED || s.confidence() >= ASSERTED);
    }
}
