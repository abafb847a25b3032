package dev.handoff.normalization.entitlement;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TraceStep;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.normalization.ReferenceUsage;
import dev.handoff.normalization.text.FoldedText;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packet's own claims about the customer's plan (a CRM snapshot's "Signature Care" or "SIGC") mapped
 * to the plan's response tier, and its entitlement rows kept as stated. Both are claims to compare with
 * the reference, never the decided value.
 */
public final class PlanClaimNormalizer {

    private static final String STEM = "support-plans";

    /** A plan name or alias found in a claim. */
    private record PlanHit(SupportPlanRecord plan, String alias, boolean whole) {
    }

    public List<NormalizedValue> normalize(final List<Candidate> candidates, final List<SupportPlanRecord> plans,
                                           final ReferenceUsage usage) {
        final List<NormalizedValue> out = new ArrayList<>();
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.PLAN_CLAIM) {
                out.addAll(plan(c, plans, usage));
            } else if (c.getType() == MentionType.ENTITLEMENT_CLAIM) {
                out.add(entitlement(c));
            }
        }
        return out;
    }

    private List<NormalizedValue> plan(final Candidate c, final List<SupportPlanRecord> plans, final ReferenceUsage usage) {
        final List<PlanHit> hits = find(c.getValue(), plans);
        final List<NormalizedValue> out = new ArrayList<>();
        if (hits.isEmpty()) {
            final Map<String, String> attrs = base(c);
            attrs.put("mention", c.getValue());
            out.add(NormalizedValues.of(FieldNames.RESPONSE_TIER, null, 0.3, List.of(c.getEvidence()),
                    TraceBuilder.start().step("plan-alias-lookup", c.getValue(), null, false).build(), attrs).build());
            return out;
        }
        final double conf = hits.size() > 1 ? 0.3 : hits.get(0).whole() ? 0.85 : 0.7;
        for (final PlanHit hit : hits) {
            final SupportPlanRecord p = hit.plan();
            usage.plan(p);
            final Map<String, String> attrs = base(c);
            attrs.put("plan", p.getPlan());
            attrs.put("matchedAlias", hit.alias());
            attrs.put("sev1BridgeEligible", Boolean.toString(p.getSev1BridgeEligible()));
            final String ref = TraceBuilder.reference(STEM, p.getPlan(), p.getVersion());
            final String step = hit.alias().equals(c.getValue().strip()) ? "plan-alias-lookup"
                    : "plan-alias-lookup(case-folded)";
            final List<TraceStep> trace = TraceBuilder.start()
                    .step(step, c.getValue(), p.getPlan(), false, ref)
                    .step("plan-tier", p.getPlan(), p.getResponseTier(), false, ref).build();
            out.add(NormalizedValues.of(FieldNames.RESPONSE_TIER, p.getResponseTier(),
                    "true".equals(attrs.get(SegmentContext.HIDDEN)) ? Math.min(conf, 0.2) : conf,
                    List.of(c.getEvidence(), TraceBuilder.refEvidence(STEM, p.getPlan(), hit.alias())), trace, attrs)
                    .build());
        }
        return out;
    }

    /** Whole-claim match first; otherwise plan names inside the claim, longest first, one hit per plan. */
    private static List<PlanHit> find(final String claim, final List<SupportPlanRecord> plans) {
        final String folded = FoldedText.fold(claim);
        for (final SupportPlanRecord p : plans) {
            for (final String name : names(p)) {
                if (FoldedText.fold(name).equals(folded)) {
                    return List.of(new PlanHit(p, name, true));
                }
            }
        }
        final FoldedText text = FoldedText.of(claim);
        final Map<String, PlanHit> byPlan = new LinkedHashMap<>();
        final List<FoldedText.Span> taken = new ArrayList<>();
        final List<String[]> all = new ArrayList<>();
        for (final SupportPlanRecord p : plans) {
            for (final String name : names(p)) {
                all.add(new String[] {p.getPlan(), name});
            }
        }
        all.sort((a, b) -> Integer.compare(FoldedText.fold(b[1]).length(), FoldedText.fold(a[1]).length()));
        for (final String[] entry : all) {
            for (final FoldedText.Span span : text.find(FoldedText.fold(entry[1]))) {
                if (taken.stream().anyMatch(t -> span.start() < t.end() && t.start() < span.end())) {
                    continue;
                }
                taken.add(span);
                final SupportPlanRecord p = plans.stream().filter(x -> x.getPlan().equals(entry[0])).findFirst().orElseThrow();
                byPlan.putIfAbsent(p.getPlan(), new PlanHit(p, entry[1], false));
            }
        }
        return new ArrayList<>(byPlan.values());
    }

    private static List<String> names(final SupportPlanRecord p) {
        final List<String> names = new ArrayList<>();
        names.add(p.getPlan());
        names.addAll(p.getAliases());
        return names;
    }

    /** {@code status=ACTIVE;validFrom=...;validTo=...} as the snapshot states it: kept, not interpreted. */
    private static NormalizedValue entitlement(final Candidate c) {
        final Map<String, String> attrs = base(c);
        for (final String part : c.getValue().split("[;\\n]")) {
            final int eq = part.indexOf('=');
            if (eq > 0) {
                attrs.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        attrs.put("source", "CRM_CLAIM");
        return NormalizedValues.of(FieldNames.RESPONSE_TIER, null,
                "true".equals(attrs.get(SegmentContext.HIDDEN)) ? 0.2 : 0.7, List.of(c.getEvidence()),
                TraceBuilder.start().step("entitlement-claim", c.getValue(), null, false).build(), attrs).build();
    }

    private static Map<String, String> base(final Candidate c) {
        final Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("source", "CRM_CLAIM");
        attrs.put("claim", c.getType().name());
        attrs.put(SegmentContext.HIDDEN, c.getAttributes().getOrDefault(SegmentContext.HIDDEN, "false"));
        return attrs;
    }
}
