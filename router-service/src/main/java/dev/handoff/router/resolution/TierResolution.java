package dev.handoff.router.resolution;

import dev.handoff.avro.Alternative;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.Notice;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TraceStep;
import dev.handoff.core.Codes;
import dev.handoff.core.FieldNames;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The entitled response tier: the tenant's entitlement covering the first-observed date (ACTIVE and
 * validFrom <= date <= validTo, CONTRACT.md section 2), its plan, the plan's tier. What the packet's
 * CRM snapshot claims is an alternative, never the value; a disagreement, or a requested bridge the
 * plan does not include, is ENTITLEMENT_MISMATCH.
 */
public final class TierResolution {

    /** Entitlement states a CRM snapshot can claim; anything else (blank, a date) is not a status claim. */
    private static final java.util.Set<String> KNOWN_STATUSES = java.util.Set.of("ACTIVE", "EXPIRED", "SUSPENDED",
            "CANCELLED", "CANCELED", "INACTIVE", "TERMINATED", "LAPSED", "PENDING");

    private TierResolution() {
    }

    public static Resolved resolve(final PacketView packet, final String tenantId, final LocalDate date,
                                   final String requestedEscalation, final List<Evidence> requestEvidence) {
        if (tenantId == null) {
            return Resolved.of(Fields.missing(List.of(), List.of()));
        }
        final List<EntitlementRecord> covering = packet.entitlements().values().stream()
                .filter(e -> tenantId.equals(e.getTenantId()))
                .filter(e -> covers(e, date))
                .sorted(Comparator.comparing((EntitlementRecord e) -> String.valueOf(e.getValidFrom())).reversed()
                        .thenComparing(EntitlementRecord::getEntitlementId))
                .toList();
        final List<Alternative> claims = new ArrayList<>();
        final List<Evidence> claimEvidence = new ArrayList<>();
        final List<String> claimedTiers = new ArrayList<>();
        final List<String> claimedStatuses = new ArrayList<>();
        for (final PacketView.Sourced s : packet.values(FieldNames.RESPONSE_TIER)) {
            if ("true".equals(s.value().getAttributes().get("hidden"))) {
                continue; // a hidden sheet is archived data, not a claim
            }
            if (s.value().getValue() != null) {
                claims.add(Fields.alternative(s.value().getValue(), s.value().getConfidence(), s.value().getEvidence()));
                claimedTiers.add(s.value().getValue());
                claimEvidence.addAll(s.value().getEvidence());
            }
            final String status = s.value().getAttributes().get("status");
            if (status != null && KNOWN_STATUSES.contains(status.trim().toUpperCase(Locale.ROOT))) {
                claimedStatuses.add(status.toUpperCase(Locale.ROOT));
                claimEvidence.addAll(s.value().getEvidence());
            }
        }
        final List<Notice> reasons = new ArrayList<>();
        if (covering.isEmpty()) {
            final List<Evidence> ev = new ArrayList<>(claimEvidence);
            packet.entitlements().values().stream().filter(e -> tenantId.equals(e.getTenantId()))
                    .forEach(e -> ev.add(new Evidence("ref", "ref:entitlements/" + e.getEntitlementId(), e.getEntitlementId())));
            reasons.add(Fields.notice(Codes.ENTITLEMENT_MISSING, "No active entitlement of " + tenantId + " covers "
                    + date + " in the CRM record.", List.of(FieldNames.RESPONSE_TIER), ev));
            if (claimedStatuses.contains("ACTIVE") || !claimedTiers.isEmpty()) {
                reasons.add(Fields.notice(Codes.ENTITLEMENT_MISMATCH, "The packet's CRM snapshot claims an active "
                        + "entitlement the CRM record does not have.", List.of(FieldNames.RESPONSE_TIER), claimEvidence));
            }
            return new Resolved(Fields.missing(claims, List.of()), reasons, List.of());
        }
        final EntitlementRecord ent = covering.get(0);
        final Optional<SupportPlanRecord> plan = findPlan(packet, ent.getPlan());
        final List<TraceStep> trace = new ArrayList<>();
        trace.add(Fields.step("covering-entitlement", tenantId + " on " + date, ent.getEntitlementId(), false,
                "ref:entitlements/" + ent.getEntitlementId() + "@" + ent.getVersion()));
        final List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("ref", "ref:entitlements/" + ent.getEntitlementId(), ent.getPlan()));
        if (plan.isEmpty()) {
            reasons.add(Fields.notice(Codes.ENTITLEMENT_MISSING, "Entitlement " + ent.getEntitlementId()
                    + " names plan \"" + ent.getPlan() + "\", which is not in the support-plans reference.",
                    List.of(FieldNames.RESPONSE_TIER), evidence));
            return new Resolved(Fields.missing(claims, trace), reasons, List.of());
        }
        final SupportPlanRecord p = plan.get();
        trace.add(Fields.step("plan-lookup", ent.getPlan(), p.getPlan(), false,
                "ref:support-plans/" + p.getPlan() + "@" + p.getVersion()));
        trace.add(Fields.step("response-tier", p.getPlan(), p.getResponseTier(), false,
                "ref:support-plans/" + p.getPlan() + "@" + p.getVersion()));
        evidence.add(new Evidence("ref", "ref:support-plans/" + p.getPlan(), p.getResponseTier()));
        final String tier = p.getResponseTier();
        final List<String> disagreeing = claimedTiers.stream().filter(t -> !t.equals(tier)).distinct().toList();
        final boolean statusDisagrees = claimedStatuses.stream().anyMatch(s -> !"ACTIVE".equals(s));
        if (!disagreeing.isEmpty() || statusDisagrees) {
            reasons.add(Fields.notice(Codes.ENTITLEMENT_MISMATCH, "The packet's CRM snapshot claims "
                            + (disagreeing.isEmpty() ? "a non-active entitlement" : String.join(", ", disagreeing))
                            + " but the CRM record entitles " + tenantId + " to " + p.getPlan() + " (" + tier + ").",
                    List.of(FieldNames.RESPONSE_TIER), claimEvidence));
        }
        if (requestedEscalation != null && requestedEscalation.toUpperCase(Locale.ROOT).contains("SEV1")
                && !p.getSev1BridgeEligible()) {
            final List<Evidence> ev = new ArrayList<>(requestEvidence);
            ev.addAll(evidence);
            reasons.add(Fields.notice(Codes.ENTITLEMENT_MISMATCH, "A severity-one bridge is requested but plan "
                            + p.getPlan() + " (" + tier + ") does not include one.",
                    List.of(FieldNames.RESPONSE_TIER), ev));
        }
        final List<Alternative> alternatives = new ArrayList<>(claims);
        covering.stream().skip(1).forEach(e -> findPlan(packet, e.getPlan()).ifPresent(op -> alternatives.add(
                Fields.alternative(op.getResponseTier(), 0.5,
                        List.of(new Evidence("ref", "ref:entitlements/" + e.getEntitlementId(), e.getPlan()))))));
        return new Resolved(Fields.of(tier, FieldStatus.RESOLVED, 0.95, evidence, alternatives, trace), reasons,
                List.of());
    }

    static boolean covers(final EntitlementRecord e, final LocalDate date) {
        if (!"ACTIVE".equalsIgnoreCase(e.getStatus()) || date == null) {
            return false;
        }
        try {
            final LocalDate from = e.getValidFrom() == null ? LocalDate.MIN : LocalDate.parse(e.getValidFrom().substring(0, 10));
            final LocalDate to = e.getValidTo() == null ? LocalDate.MAX : LocalDate.parse(e.getValidTo().substring(0, 10));
            return !date.isBefore(from) && !date.isAfter(to);
        } catch (final DateTimeParseException | IndexOutOfBoundsException ex) {
            return false;
        }
    }

    static Optional<SupportPlanRecord> findPlan(final PacketView packet, final String name) {
        final String n = name.trim().toLowerCase(Locale.ROOT);
        return packet.plans().values().stream()
                .filter(p -> p.getPlan().trim().toLowerCase(Locale.ROOT).equals(n)
                        || p.getAliases().stream().anyMatch(a -> a.trim().toLowerCase(Locale.ROOT).equals(n)))
                .findFirst();
    }
}
