package dev.handoff.router.resolution;

import dev.handoff.avro.ContactMatch;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.ContactValue;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.Notice;
import dev.handoff.avro.TraceStep;
import dev.handoff.core.Codes;
import dev.handoff.core.FieldNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The approved contacts: customer-side requesters and bridge responders (senders and recipients of the
 * customer's emails, ticket requesters and customer comment authors, template responders) who are on
 * the tenant's roster and approved for escalation. People mentioned in passing, vendor staff and shared
 * mailboxes are not contacts. A requester off the roster, not approved, or with details that disagree
 * with the roster is a CONTACT_MISMATCH.
 */
public final class ContactResolution {

    static final Set<String> REQUESTER_ROLES = Set.of("REQUESTER", "SENDER", "RECIPIENT", "CC", "COMMENT_AUTHOR", "RESPONDER");

    /** One person of the packet, gathered over all their mentions. */
    private static final class Person {
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<String> mismatches = new ArrayList<>();
        private ContactMatch match;
        private String participation;
    }

    private ContactResolution() {
    }

    public static Resolved resolve(final PacketView packet, final String tenantId) {
        final Map<String, Person> people = new LinkedHashMap<>();
        for (final PacketView.Sourced s : packet.values(FieldNames.APPROVED_CONTACTS)) {
            final ContactMatch m = s.value().getContact();
            if (m == null || !REQUESTER_ROLES.contains(m.getParticipation())) {
                continue;
            }
            if ("VENDOR".equals(m.getSide()) || "SHARED_MAILBOX".equals(m.getSide())) {
                continue;
            }
            final boolean onThisRoster = m.getContactId() != null && (tenantId == null || tenantId.equals(m.getTenantId()));
            if (!"CUSTOMER".equals(m.getSide()) && m.getContactId() == null) {
                continue; // no email and no roster match: cannot tell which side this person is on
            }
            final String key = m.getContactId() != null ? m.getContactId()
                    : m.getEmail() != null ? m.getEmail().toLowerCase(Locale.ROOT)
                    : String.valueOf(m.getName()).toLowerCase(Locale.ROOT);
            final Person p = people.computeIfAbsent(key, k -> new Person());
            if (p.match == null || (onThisRoster && p.match.getContactId() == null)) {
                p.match = m;
                p.participation = m.getParticipation();
            }
            p.evidence.addAll(s.value().getEvidence());
            m.getMismatches().forEach(x -> {
                if (!p.mismatches.contains(x)) {
                    p.mismatches.add(x);
                }
            });
        }
        final Map<String, ContactValue> approved = new TreeMap<>();
        final List<Evidence> evidence = new ArrayList<>();
        final List<Notice> reasons = new ArrayList<>();
        final List<TraceStep> trace = new ArrayList<>();
        for (final Person p : people.values()) {
            final ContactMatch m = p.match;
            final String who = m.getName() != null ? m.getName() : String.valueOf(m.getEmail());
            if (m.getContactId() == null) {
                if (tenantId != null) {
                    reasons.add(Fields.notice(Codes.CONTACT_MISMATCH, who + " (" + p.participation.toLowerCase(Locale.ROOT)
                            + ") is not on the roster of " + tenantId + ".", List.of(FieldNames.APPROVED_CONTACTS), p.evidence));
                }
                continue;
            }
            if (tenantId != null && !tenantId.equals(m.getTenantId())) {
                reasons.add(Fields.notice(Codes.CONTACT_MISMATCH, who + " is on the roster of " + m.getTenantId()
                        + ", not of " + tenantId + ".", List.of(FieldNames.APPROVED_CONTACTS), p.evidence));
                continue;
            }
            final ContactRecord roster = packet.contacts().get(m.getContactId());
            if (!m.getApproved()) {
                reasons.add(Fields.notice(Codes.CONTACT_MISMATCH, who + " (" + m.getContactId()
                                + ") is on the roster but not approved for escalation.",
                        List.of(FieldNames.APPROVED_CONTACTS), p.evidence));
                continue;
            }
            if (!p.mismatches.isEmpty()) {
                reasons.add(Fields.notice(Codes.CONTACT_MISMATCH, who + " (" + m.getContactId() + "): "
                        + String.join("; ", p.mismatches) + ".", List.of(FieldNames.APPROVED_CONTACTS), p.evidence));
            }
            approved.put(m.getContactId(), ContactValue.newBuilder().setContactId(m.getContactId())
                    .setName(roster != null ? roster.getName() : String.valueOf(m.getRosterName()))
                    .setEmail(roster != null ? roster.getEmail() : m.getRosterEmail())
                    .setRole(roster != null ? roster.getRole() : m.getRosterRole()).build());
            p.evidence.stream().filter(e -> !"ref".equals(e.getArtifactId())).limit(2).forEach(evidence::add);
            evidence.add(new Evidence("ref", "ref:contacts/" + m.getContactId(),
                    roster != null ? roster.getName() : String.valueOf(m.getRosterName())));
            trace.add(Fields.step("roster-match(" + m.getMatchedBy() + ")", who, m.getContactId(), false,
                    "ref:contacts/" + m.getContactId() + (roster != null ? "@" + roster.getVersion() : "")));
        }
        if (approved.isEmpty()) {
            return new Resolved(Fields.missing(List.of(), trace), reasons, List.of());
        }
        return new Resolved(Fields.of(new ArrayList<>(approved.values()), FieldStatus.RESOLVED, 0.9, evidence,
                List.of(), trace), reasons, List.of());
    }
}
