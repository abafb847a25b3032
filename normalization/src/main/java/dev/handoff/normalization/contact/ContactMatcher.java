package dev.handoff.normalization.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.ContactMatch;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.normalization.ReferenceUsage;
import dev.handoff.normalization.tenant.AliasIndex;
import dev.handoff.normalization.text.FoldedText;
import dev.handoff.normalization.text.MailAddresses;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Matches each person a packet names against the rosters of all tenants: by email first, then by
 * full name (case and diacritics folded), recording approval and every detail that disagrees with the
 * roster; vendor staff and shared mailboxes are set apart by their side.
 */
public final class ContactMatcher {

    private static final String STEM = "contacts";

    private final AliasIndex tenants;
    private final String defaultRegion;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    public ContactMatcher(final AliasIndex tenants, final String defaultRegion) {
        this.tenants = tenants;
        this.defaultRegion = defaultRegion;
    }

    /**
     * @param artifactTenants tenants this artifact resolved, preferred when a name is on several rosters
     */
    public List<NormalizedValue> match(final List<Candidate> candidates, final List<ContactRecord> roster,
                                       final Set<String> artifactTenants, final ReferenceUsage usage) {
        final List<NormalizedValue> out = new ArrayList<>();
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.PERSON) {
                out.add(one(c, roster, artifactTenants, usage));
            }
        }
        return out;
    }

    private NormalizedValue one(final Candidate c, final List<ContactRecord> roster, final Set<String> artifactTenants,
                                final ReferenceUsage usage) {
        final Map<String, String> a = c.getAttributes();
        final String value = c.getValue() == null ? "" : c.getValue().strip();
        final String email = blankToNull(a.getOrDefault(SegmentContext.EMAIL, MailAddresses.isEmail(value) ? value : null));
        final String name = blankToNull(a.getOrDefault(SegmentContext.NAME, MailAddresses.isEmail(value) ? null : value));
        final String phone = blankToNull(a.get(SegmentContext.PHONE));
        final String participation = a.getOrDefault(SegmentContext.PARTICIPATION, "MENTION");
        final List<String> mismatches = new ArrayList<>();
        final TraceBuilder trace = TraceBuilder.start();
        ContactRecord match = null;
        String matchedBy = null;
        if (email != null) {
            match = pick(roster.stream().filter(r -> r.getEmail() != null && r.getEmail().strip().equalsIgnoreCase(email))
                    .toList(), artifactTenants, mismatches, "email");
            if (match != null) {
                matchedBy = "EMAIL";
                trace.step("roster-lookup(email, case-folded)", email, match.getContactId(), false,
                        TraceBuilder.reference(STEM, match.getContactId(), match.getVersion()));
            }
        }
        if (match == null && name != null) {
            final String key = nameKey(name);
            if (!key.isEmpty()) {
                match = pick(roster.stream().filter(r -> nameKey(r.getName()).equals(key)).toList(), artifactTenants,
                        mismatches, "name");
                if (match != null) {
                    matchedBy = "NAME";
                    trace.step("roster-lookup(name, case-diacritics-folded)", name, match.getContactId(), false,
                            TraceBuilder.reference(STEM, match.getContactId(), match.getVersion()));
                    if (email != null && match.getEmail() != null && !match.getEmail().strip().equalsIgnoreCase(email)) {
                        mismatches.add("email differs from roster");
                    }
                }
            }
        }
        if (match != null && phone != null && match.getPhone() != null && !samePhone(phone, match.getPhone())) {
            mismatches.add("phone differs from roster");
        }
        if (match == null) {
            trace.step("roster-lookup", email != null ? email : name, null, false);
        } else {
            usage.contact(match);
            if (!match.getApprovedForEscalation()) {
                trace.step("approval", match.getContactId(), "not approved for escalation", false);
            }
        }
        final String side = side(email, match, a.get(SegmentContext.SIDE));
        trace.step("side", email != null ? email : name, side, false);
        final ContactMatch contact = ContactMatch.newBuilder().setName(name).setEmail(email).setPhone(phone)
                .setParticipation(participation).setSide(side)
                .setContactId(match == null ? null : match.getContactId())
                .setTenantId(match == null ? null : match.getTenantId())
                .setRosterName(match == null ? null : match.getName())
                .setRosterEmail(match == null ? null : match.getEmail())
                .setRosterRole(match == null ? null : match.getRole())
                .setApproved(match != null && match.getApprovedForEscalation())
                .setMatchedBy(matchedBy).setMismatches(mismatches).build();
        final List<Evidence> evidence = new ArrayList<>();
        evidence.add(c.getEvidence());
        if (match != null) {
            evidence.add(TraceBuilder.refEvidence(STEM, match.getContactId(),
                    "EMAIL".equals(matchedBy) ? match.getEmail() : match.getName()));
        }
        final Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(SegmentContext.PARTICIPATION, participation);
        attrs.put(SegmentContext.SIDE, side);
        if (match != null) {
            attrs.put("tenantId", match.getTenantId());
            attrs.put("approved", Boolean.toString(match.getApprovedForEscalation()));
            attrs.put("matchedBy", matchedBy);
        }
        if (a.get(SegmentContext.PERSON_ROLE) != null) {
            attrs.put(SegmentContext.PERSON_ROLE, a.get(SegmentContext.PERSON_ROLE));
        }
        final double conf = match == null ? ("CUSTOMER".equals(side) ? 0.5 : 0.3)
                : "EMAIL".equals(matchedBy) ? 0.95 : 0.75;
        final NormalizedValue v = NormalizedValues.of(FieldNames.APPROVED_CONTACTS,
                match == null ? null : match.getContactId(), conf, evidence, trace.build(), attrs).build();
        v.setContact(contact);
        return v;
    }

    /** One roster entry, preferring the artifact's tenants; several left means no match, recorded. */
    private static ContactRecord pick(final List<ContactRecord> found, final Set<String> artifactTenants,
                                      final List<String> mismatches, final String by) {
        if (found.size() <= 1) {
            return found.isEmpty() ? null : found.get(0);
        }
        final List<ContactRecord> preferred = found.stream().filter(r -> artifactTenants.contains(r.getTenantId())).toList();
        if (preferred.size() == 1) {
            return preferred.get(0);
        }
        mismatches.add(by + " matches several roster entries");
        return null;
    }

    private String side(final String email, final ContactRecord match, final String statedSide) {
        if (email != null && MailAddresses.isRoleMailbox(email)) {
            return "SHARED_MAILBOX";
        }
        if (match != null) {
            return "CUSTOMER";
        }
        if (email != null) {
            return tenants.domainOrHost(MailAddresses.domainOf(email)) != null ? "CUSTOMER" : "VENDOR";
        }
        if (statedSide != null && !statedSide.isBlank()) {
            return statedSide.toUpperCase(Locale.ROOT);
        }
        return "UNKNOWN";
    }

    /** Full name folded; "Wachter, Leonie" reads as "Leonie Wachter". */
    static String nameKey(final String name) {
        if (name == null) {
            return "";
        }
        String n = name.strip().replaceAll("^\"|\"$", "");
        final int comma = n.indexOf(',');
        if (comma > 0 && n.indexOf(',', comma + 1) < 0) {
            n = n.substring(comma + 1).strip() + " " + n.substring(0, comma).strip();
        }
        return FoldedText.fold(n);
    }

    private boolean samePhone(final String a, final String b) {
        try {
            final Phonenumber.PhoneNumber x = phones.parse(a, defaultRegion);
            final Phonenumber.PhoneNumber y = phones.parse(b, defaultRegion);
            final PhoneNumberUtil.MatchType t = phones.isNumberMatch(x, y);
            return t == PhoneNumberUtil.MatchType.EXACT_MATCH || t == PhoneNumberUtil.MatchType.NSN_MATCH
                    || t == PhoneNumberUtil.MatchType.SHORT_NSN_MATCH;
        } catch (final NumberParseException e) {
            final String da = a.replaceAll("\\D", "");
            final String db = b.replaceAll("\\D", "");
            final int n = Math.min(8, Math.min(da.length(), db.length()));
            return n > 0 && da.substring(da.length() - n).equals(db.substring(db.length() - n));
        }
    }

    private static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
