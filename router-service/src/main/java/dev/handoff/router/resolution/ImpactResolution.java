package dev.handoff.router.resolution;

import dev.handoff.avro.Alternative;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.Impact;
import dev.handoff.avro.ImpactLevel;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.core.Codes;
import dev.handoff.core.FieldNames;
import dev.handoff.router.policy.RoutingConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the customer-declared business impact. Statements at the same or a neighbouring level
 * agree; statements two or more levels apart (a few users versus the whole workforce), each solid,
 * are contradictory and kept as alternatives: IMPACT_AMBIGUOUS. handoff never turns this into a severity.
 */
public final class ImpactResolution {

    /** A statement contradicts only when it is solid: a loose phrase ("nobody at X can") is not enough. */
    static final double SOLID = 0.55;

    private ImpactResolution() {
    }

    public static Resolved resolve(final PacketView packet, final RoutingConfig config) {
        final Map<ImpactLevel, Support> byLevel = new EnumMap<>(ImpactLevel.class);
        final List<PacketView.Sourced> all = new ArrayList<>();
        for (final PacketView.Sourced s : packet.values(FieldNames.BUSINESS_IMPACT)) {
            final Impact i = s.value().getImpact();
            if (i == null) {
                continue;
            }
            all.add(s);
            if (i.getLevel() != ImpactLevel.UNKNOWN) {
                byLevel.computeIfAbsent(i.getLevel(), l -> new Support(l.name())).add(s.artifactId(), s.value(), 1.0);
            }
        }
        if (byLevel.isEmpty()) {
            final List<Evidence> ev = new ArrayList<>();
            all.forEach(s -> ev.addAll(s.value().getEvidence()));
            final String msg = all.isEmpty() ? "The packet does not say what the outage does to the customer's business."
                    : "The packet speaks of impact but not in words that map to a level with confidence.";
            return new Resolved(Fields.missing(List.of(), List.of()),
                    List.of(Fields.notice(Codes.IMPACT_AMBIGUOUS, msg, List.of(FieldNames.BUSINESS_IMPACT), ev)), List.of());
        }
        // The customer's own choice on an impact scale (ITIL label) outranks keyword readings of prose.
        final List<Support> ranked = byLevel.values().stream()
                .sorted(Comparator.comparingDouble((Support s) -> (itil(s) ? 1.0 : 0.0) + s.confidence()).reversed()
                        .thenComparing(s -> ImpactLevel.valueOf(s.key()).ordinal())).toList();
        final Support top = ranked.get(0);
        final ImpactLevel topLevel = ImpactLevel.valueOf(top.key());
        final Impact merged = merge(topLevel, top, all);
        final List<Alternative> alternatives = ranked.stream().skip(1)
                .map(s -> Fields.alternative(s.best().getImpact(), s.confidence(), s.evidence(3))).toList();
        final List<Support> contradicting = ranked.stream().skip(1)
                .filter(s -> Math.abs(ImpactLevel.valueOf(s.key()).ordinal() - topLevel.ordinal()) >= 2)
                .filter(s -> s.confidence() >= Math.max(config.impactConfidence(), SOLID) && !s.ocrOnly()).toList();
        if (!contradicting.isEmpty() && top.confidence() >= config.impactConfidence()) {
            final List<Evidence> ev = new ArrayList<>(top.evidence(2));
            contradicting.forEach(s -> ev.addAll(s.evidence(2)));
            return new Resolved(Fields.of(merged, FieldStatus.CONFLICT, top.confidence() / 2, top.evidence(4),
                    alternatives, top.bestTrace()),
                    List.of(Fields.notice(Codes.IMPACT_AMBIGUOUS, "Impact statements contradict each other: "
                                    + top.key() + " versus " + contradicting.get(0).key() + ".",
                            List.of(FieldNames.BUSINESS_IMPACT), ev)), List.of());
        }
        final double c = top.confidence();
        if (c < config.impactConfidence()) {
            return new Resolved(Fields.of(merged, FieldStatus.LOW_CONFIDENCE, c, top.evidence(4), alternatives,
                    top.bestTrace()),
                    List.of(Fields.notice(Codes.IMPACT_AMBIGUOUS, "The impact (" + top.key()
                            + ") rests on weak wording only.", List.of(FieldNames.BUSINESS_IMPACT), top.evidence(3))),
                    List.of());
        }
        final FieldStatus status = c >= config.resolvedConfidence() ? FieldStatus.RESOLVED : FieldStatus.LOW_CONFIDENCE;
        return Resolved.of(Fields.of(merged, status, c, top.evidence(4), alternatives, top.bestTrace()));
    }

    private static boolean itil(final Support s) {
        return s.values().stream().anyMatch(v -> "ITIL".equals(v.getAttributes().get("source")));
    }

    /** The level's best statement, with user counts, regions and workaround gathered from every statement. */
    private static Impact merge(final ImpactLevel level, final Support top, final List<PacketView.Sourced> all) {
        final NormalizedValue best = top.values().stream()
                .filter(v -> v.getImpact().getNarrative() != null)
                .max(Comparator.comparingDouble(NormalizedValue::getConfidence)).orElse(top.best());
        Long users = null;
        final Set<String> regions = new LinkedHashSet<>();
        Boolean workaround = null;
        for (final PacketView.Sourced s : all) {
            final Impact i = s.value().getImpact();
            if (i.getUsersAffected() != null && (users == null || i.getUsersAffected() > users)) {
                users = i.getUsersAffected();
            }
            if (i.getRegions() != null) {
                regions.addAll(i.getRegions());
            }
            if (i.getWorkaround() != null) {
                workaround = workaround == null ? i.getWorkaround() : workaround && i.getWorkaround();
            }
        }
        return Impact.newBuilder().setLevel(level).setUsersAffected(users)
                .setRegions(regions.isEmpty() ? null : new ArrayList<>(regions)).setWorkaround(workaround)
                .setNarrative(best.getImpact().getNarrative()).build();
    }
}
