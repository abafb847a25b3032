package dev.handoff.router.resolution;

import dev.handoff.avro.Alternative;
import dev.handoff.avro.FieldStatus;
import dev.handoff.core.FieldNames;
import dev.handoff.router.policy.RoutingConfig;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Picks the product surface best supported across artifacts; the others stay as alternatives. */
public final class SurfaceResolution {

    private SurfaceResolution() {
    }

    public static Resolved resolve(final PacketView packet, final RoutingConfig config) {
        final Map<String, Support> bySurface = new LinkedHashMap<>();
        for (final PacketView.Sourced s : packet.values(FieldNames.PRODUCT_SURFACE)) {
            if (s.value().getValue() != null) {
                bySurface.computeIfAbsent(s.value().getValue(), Support::new).add(s.artifactId(), s.value(), 1.0);
            }
        }
        if (bySurface.isEmpty()) {
            return Resolved.of(Fields.missing(List.of(), List.of()));
        }
        final List<Support> ranked = bySurface.values().stream()
                .sorted(Comparator.comparingDouble(Support::confidence).reversed()
                        .thenComparing(s -> -s.values().size()).thenComparing(Support::key)).toList();
        final Support top = ranked.get(0);
        final List<Alternative> alternatives = ranked.stream().skip(1)
                .map(s -> Fields.alternative(s.key(), s.confidence(), s.evidence(3))).toList();
        final FieldStatus status = top.confidence() >= config.resolvedConfidence() ? FieldStatus.RESOLVED
                : FieldStatus.LOW_CONFIDENCE;
        return Resolved.of(Fields.of(top.key(), status, top.confidence(), top.evidence(4), alternatives, top.bestTrace()));
    }
}
