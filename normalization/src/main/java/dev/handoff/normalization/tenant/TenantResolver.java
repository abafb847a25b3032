package dev.handoff.normalization.tenant;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.TraceStep;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.normalization.ReferenceUsage;
import dev.handoff.normalization.text.Excerpts;
import dev.handoff.normalization.text.FoldedText;
import dev.handoff.normalization.text.MailAddresses;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves every tenant mention of one artifact against the registry, one value per mention, so a
 * packet that mixes tenants stays visible. Names shared by several tenants are ambiguous unless other
 * evidence of the same artifact settles them; they are never resolved by first match.
 */
public final class TenantResolver {

    private static final Logger LOGGER = LoggerFactory.getLogger(TenantResolver.class);
    private static final String STEM = "tenants";
    private static final double AMBIGUOUS = 0.3;
    private static final Pattern ORG_COLUMN = Pattern.compile(
            "(?i).*(org|company|account|customer|client|tenant|firm|business).*");
    /** Mail providers anyone can use: their domain identifies nobody. */
    private static final Set<String> PUBLIC_MAIL = Set.of(
            "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com",
            "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.com");
    private static final Pattern VENDOR_WORDS = Pattern.compile("(?i)(^|[.-])(support|help|helpdesk|servicedesk|zendesk|freshdesk|servicenow)([.-]|$)");

    private final AliasIndex index;
    private final double ocrCap;

    public TenantResolver(final AliasIndex index, final double ocrCap) {
        this.index = index;
        this.ocrCap = ocrCap;
    }

    /** One or more values per tenant-feeding mention of the artifact. */
    public List<NormalizedValue> resolve(final List<Candidate> candidates, final ReferenceUsage usage) {
        final List<NormalizedValue> out = new ArrayList<>();
        final Set<String> vendorDomains = vendorDomains(candidates);
        final Set<String> typedLocators = new HashSet<>();
        int group = 0;
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.OTHER) {
                continue;
            }
            final List<NormalizedValue> values = resolveTyped(c, vendorDomains, groupId(c, group));
            if (!values.isEmpty()) {
                group++;
                out.addAll(values);
                typedLocators.add(c.getEvidence().getLocator());
            }
        }
        for (final Candidate c : candidates) {
            if (c.getType() != MentionType.OTHER || "true".equals(attr(c, SegmentContext.HIDDEN))) {
                continue;
            }
            final FoldedText text = FoldedText.of(c.getValue());
            final Set<String> seenKeys = new HashSet<>();
            for (final AliasIndex.NameOccurrence occ : index.scanNames(text)) {
                if (!seenKeys.add(occ.key())) {
                    continue;
                }
                if (typedLocators.contains(c.getEvidence().getLocator())) {
                    // the same cell was already read as a typed mention (an organization column)
                    continue;
                }
                final Evidence ev = Excerpts.part(c, occ.start(), occ.end());
                final String mention = c.getValue().substring(occ.start(), occ.end());
                final double base = occ.key().contains(" ") ? 0.75 : 0.65;
                out.addAll(nameValues(c, ev, mention, occ.key(), occ.entries(), base, groupId(c, group++), "TEXT"));
            }
        }
        final List<NormalizedValue> settled = settleAmbiguous(out);
        for (final NormalizedValue v : settled) {
            if (v.getValue() != null && index.tenant(v.getValue()) != null) {
                usage.tenant(index.tenant(v.getValue()));
            }
        }
        return settled;
    }

    private List<NormalizedValue> resolveTyped(final Candidate c, final Set<String> vendorDomains, final String group) {
        final String value = c.getValue() == null ? "" : c.getValue().strip();
        final String type = c.getType().name();
        switch (c.getType()) {
            case DIRECTORY_GUID: {
                final List<AliasIndex.Entry> hits = index.guid(value);
                if (hits.isEmpty() && "true".equals(attr(c, SegmentContext.OCR))) {
                    // OCR garbles a character or two that repair cannot guess; a near registry GUID is weak evidence
                    final List<AliasIndex.Entry> near = index.nearGuid(value, 2);
                    if (!near.isEmpty()) {
                        return values(c, c.getEvidence(), value, near, "alias-lookup(ocr-near-match)", 0.45, group,
                                type, TraceBuilder.start());
                    }
                }
                if (hits.isEmpty()) {
                    LOGGER.debug("guid matched no tenant artifact={}", c.getEvidence().getArtifactId());
                    return List.of();
                }
                final TraceBuilder pre = TraceBuilder.start();
                double conf = 0.95;
                if ("true".equals(attr(c, SegmentContext.OCR_REPAIRED))) {
                    pre.step("ocr-repair", attr(c, SegmentContext.ORIGINAL), value, false);
                    conf = 0.9;
                }
                return values(c, c.getEvidence(), value, hits, "alias-lookup", conf, group, type, pre);
            }
            case CRM_ACCOUNT_ID: {
                final List<AliasIndex.Entry> hits = index.account(value);
                return hits.isEmpty() ? List.of(unresolved(c, value, 0.6, group))
                        : values(c, c.getEvidence(), value, hits, stepFor(value, hits.get(0).alias()), 0.95, group, type,
                        TraceBuilder.start());
            }
            case EMAIL_ADDRESS:
            case EMAIL_DOMAIN: {
                final String domain = c.getType() == MentionType.EMAIL_ADDRESS ? MailAddresses.domainOf(value)
                        : value.toLowerCase(Locale.ROOT);
                if (domain == null || domain.isBlank()) {
                    return List.of();
                }
                final AliasIndex.DomainHit hit = index.domainOrHost(domain);
                if (hit == null) {
                    final boolean weak = vendorDomains.contains(domain) || PUBLIC_MAIL.contains(domain)
                            || VENDOR_WORDS.matcher(domain).find();
                    return List.of(unresolved(c, value, weak ? 0.15 : 0.6, group));
                }
                final String step = hit.viaParent() ? "alias-lookup(parent-domain)" : "alias-lookup(domain)";
                return values(c, c.getEvidence(), value, hit.entries(), step, hit.viaParent() ? 0.85 : 0.9, group,
                        type, TraceBuilder.start());
            }
            case HOSTNAME: {
                final AliasIndex.DomainHit hit = index.domainOrHost(value);
                if (hit != null) {
                    final String step = hit.entries().get(0).environment() != null && !hit.viaParent()
                            ? "alias-lookup(environment-identifier)"
                            : hit.viaParent() ? "alias-lookup(parent-domain)" : "alias-lookup(domain)";
                    return values(c, c.getEvidence(), value, hit.entries(), step, hit.viaParent() ? 0.8 : 0.9, group,
                            type, TraceBuilder.start());
                }
                final HostVariants.Variant variant = HostVariants.strip(value);
                if (variant != null) {
                    final List<AliasIndex.Entry> base = index.host(variant.baseHost());
                    if (!base.isEmpty()) {
                        final TraceBuilder pre = TraceBuilder.start()
                                .step("host-variant", value, variant.baseHost(), false);
                        return values(c, c.getEvidence(), value, base, "alias-lookup(environment-identifier)", 0.75,
                                group, type, pre);
                    }
                }
                return List.of();
            }
            case ORG_NAME:
                return orgName(c, value, group);
            default:
                return List.of();
        }
    }

    private List<NormalizedValue> orgName(final Candidate c, final String value, final String group) {
        final String key = AliasIndex.nameKey(value);
        if (key.isEmpty()) {
            return List.of();
        }
        final List<AliasIndex.Entry> exact = index.name(key);
        if (!exact.isEmpty()) {
            return nameValues(c, c.getEvidence(), value, key, exact, 0.9, group, c.getType().name());
        }
        // a longer name that holds a registry name ("Brightlake Ceramics Austria")
        final FoldedText text = FoldedText.of(value);
        final List<AliasIndex.NameOccurrence> inside = index.scanNames(text);
        if (!inside.isEmpty()) {
            final AliasIndex.NameOccurrence longest = inside.stream()
                    .max((a, b) -> Integer.compare(a.key().length(), b.key().length())).orElseThrow();
            return nameValues(c, Excerpts.part(c, longest.start(), longest.end()), value, longest.key(),
                    longest.entries(), 0.7, group, c.getType().name());
        }
        // a shorter name that is part of registry names ("Brightlake" alone)
        final List<AliasIndex.Entry> containing = index.namesContaining(key, Set.of());
        if (!containing.isEmpty()) {
            return values(c, c.getEvidence(), value, containing, "alias-lookup(partial-name)", 0.45, group,
                    c.getType().name(), TraceBuilder.start());
        }
        final String column = attr(c, SegmentContext.FIELD);
        final boolean strong = column != null && ORG_COLUMN.matcher(column).matches();
        return List.of(unresolved(c, value, strong ? 0.6 : 0.3, group));
    }

    /** A name key hit: one tenant unless another tenant's name also holds the words, then ambiguous. */
    private List<NormalizedValue> nameValues(final Candidate c, final Evidence ev, final String mention,
                                             final String key, final List<AliasIndex.Entry> exact, final double base,
                                             final String group, final String mentionType) {
        final List<AliasIndex.Entry> all = new ArrayList<>(exact);
        all.addAll(index.namesContaining(key, AliasIndex.tenantIds(exact)));
        final String alias = exact.get(0).alias();
        return values(c, ev, mention, all, stepFor(mention, alias), base, group, mentionType, TraceBuilder.start());
    }

    private List<NormalizedValue> values(final Candidate c, final Evidence ev, final String mention,
                                         final List<AliasIndex.Entry> entries, final String step, final double base,
                                         final String group, final String mentionType, final TraceBuilder pre) {
        final Map<String, AliasIndex.Entry> byTenant = new LinkedHashMap<>();
        entries.forEach(e -> byTenant.putIfAbsent(e.tenantId(), e));
        final boolean ambiguous = byTenant.size() > 1;
        final boolean ocr = "true".equals(attr(c, SegmentContext.OCR));
        final List<NormalizedValue> out = new ArrayList<>();
        for (final AliasIndex.Entry e : byTenant.values()) {
            double conf = ambiguous ? Math.min(base, AMBIGUOUS) : base;
            if (ocr) {
                conf = Math.min(conf * ocrCap, ocrCap);
            }
            final TraceBuilder trace = pre.copy().step(step, mention, e.tenantId(), false,
                    TraceBuilder.reference(STEM, e.tenantId(), e.tenant().getVersion()));
            if (ambiguous) {
                trace.step("ambiguous-alias", mention, String.join("|", byTenant.keySet()), false);
            }
            final Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("matchedAlias", e.alias());
            attrs.put("mentionType", mentionType);
            attrs.put(SegmentContext.GROUP, group);
            attrs.put("ambiguous", Boolean.toString(ambiguous));
            if (e.environment() != null) {
                attrs.put("environment", e.environment());
            }
            if (ocr) {
                attrs.put(SegmentContext.OCR, "true");
            }
            copy(c, attrs, SegmentContext.HIDDEN);
            copy(c, attrs, SegmentContext.PARTICIPATION);
            out.add(NormalizedValues.of(FieldNames.TENANT, e.tenantId(), conf,
                    List.of(ev, TraceBuilder.refEvidence(STEM, e.tenantId(), e.alias())), trace.build(), attrs).build());
        }
        return out;
    }

    private NormalizedValue unresolved(final Candidate c, final String mention, final double conf, final String group) {
        final Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("mention", mention);
        attrs.put("mentionType", c.getType().name());
        attrs.put("unresolved", "true");
        attrs.put(SegmentContext.GROUP, group);
        final boolean ocr = "true".equals(attr(c, SegmentContext.OCR));
        if (ocr) {
            attrs.put(SegmentContext.OCR, "true");
        }
        copy(c, attrs, SegmentContext.FIELD);
        copy(c, attrs, SegmentContext.PARTICIPATION);
        return NormalizedValues.of(FieldNames.TENANT, null, ocr ? Math.min(conf, ocrCap) : conf,
                List.of(c.getEvidence()), TraceBuilder.start().step("alias-lookup", mention, null, false).build(),
                attrs).build();
    }

    /**
     * An ambiguous group collapses to one tenant when exactly one of its tenants is named unambiguously
     * elsewhere in the same artifact ("Brightlake" in a mail from brightlake-ceramics.example).
     */
    private static List<NormalizedValue> settleAmbiguous(final List<NormalizedValue> values) {
        final Set<String> sure = new LinkedHashSet<>();
        for (final NormalizedValue v : values) {
            if (v.getValue() != null && "false".equals(v.getAttributes().get("ambiguous")) && v.getConfidence() >= 0.6) {
                sure.add(v.getValue());
            }
        }
        final Map<String, List<NormalizedValue>> groups = new LinkedHashMap<>();
        for (final NormalizedValue v : values) {
            groups.computeIfAbsent(v.getAttributes().getOrDefault(SegmentContext.GROUP, ""), k -> new ArrayList<>()).add(v);
        }
        final List<NormalizedValue> out = new ArrayList<>();
        for (final List<NormalizedValue> members : groups.values()) {
            if (members.size() < 2) {
                out.addAll(members);
                continue;
            }
            final List<NormalizedValue> backed = members.stream().filter(v -> sure.contains(v.getValue())).toList();
            if (backed.size() != 1) {
                out.addAll(members);
                continue;
            }
            final NormalizedValue v = backed.get(0);
            v.getTrace().add(TraceStep.newBuilder().setStep("disambiguate(same-artifact-evidence)")
                    .setInput(v.getTrace().get(v.getTrace().size() - 1).getInput()).setOutput(v.getValue())
                    .setLossy(false).build());
            v.getAttributes().put("ambiguous", "false");
            v.setConfidence(Math.min(0.6, Math.max(v.getConfidence(), 0.55)));
            out.add(v);
        }
        return out;
    }

    /** Domains this artifact shows to be the support side: role mailboxes and authors marked VENDOR. */
    private Set<String> vendorDomains(final List<Candidate> candidates) {
        final Set<String> out = new HashSet<>();
        for (final Candidate c : candidates) {
            final String email = c.getType() == MentionType.EMAIL_ADDRESS ? c.getValue() : attr(c, SegmentContext.EMAIL);
            if (email == null || !MailAddresses.isEmail(email)) {
                continue;
            }
            final String domain = MailAddresses.domainOf(email);
            if (index.domainOrHost(domain) != null) {
                continue;
            }
            if (MailAddresses.isRoleMailbox(email) || "VENDOR".equalsIgnoreCase(attr(c, SegmentContext.SIDE))) {
                out.add(domain);
            }
        }
        return out;
    }

    /** Unique within the packet: artifact file names are unique there. */
    private static String groupId(final Candidate c, final int n) {
        return c.getEvidence().getArtifactId() + "#tenant-" + n;
    }

    private static String stepFor(final String mention, final String alias) {
        if (mention.equals(alias)) {
            return "alias-lookup";
        }
        if (mention.equalsIgnoreCase(alias)) {
            return "alias-lookup(case-folded)";
        }
        return "alias-lookup(case-punctuation-suffix-folded)";
    }

    private static String attr(final Candidate c, final String key) {
        return c.getAttributes() == null ? null : c.getAttributes().get(key);
    }

    private static void copy(final Candidate c, final Map<String, String> attrs, final String key) {
        final String v = attr(c, key);
        if (v != null) {
            attrs.put(key, v);
        }
    }
}
