package dev.handoff.normalization.tenant;

import dev.handoff.avro.EnvironmentRecord;
import dev.handoff.avro.TenantRecord;
import dev.handoff.normalization.text.FoldedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every way the tenant registry lets a tenant be named (contract section 2): names folded for case,
 * punctuation and legal suffixes, email domains, directory GUIDs, CRM account ids and environment
 * identifiers, which also identify the tenant.
 */
public final class AliasIndex {

    /** What kind of identifier an alias is. */
    public enum Kind { NAME, DOMAIN, GUID, ACCOUNT_ID, HOST }

    /** One alias of one tenant; {@code environment} is set when it is an environment identifier. */
    public record Entry(TenantRecord tenant, String alias, Kind kind, String environment) {
        public String tenantId() {
            return tenant.getTenantId();
        }
    }

    /** A hit of a domain or host lookup: the entries, the key that matched and whether a parent domain matched. */
    public record DomainHit(List<Entry> entries, String matchedKey, boolean viaParent) {
    }

    /** A name alias found inside a text: where (original range) and which folded key. */
    public record NameOccurrence(int start, int end, String key, List<Entry> entries) {
    }

    /** Legal-form words that may follow a company name or be left out (Ltd, GmbH, Inc ...). */
    static final Set<String> LEGAL_SUFFIXES = Set.of(
            "ltd", "limited", "gmbh", "inc", "incorporated", "llc", "llp", "lp", "ag", "plc", "co", "corp",
            "corporation", "company", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "pty", "kg", "kgaa", "se",
            "oy", "oyj", "ab", "as", "asa", "aps", "gbr", "ug", "mbh", "ohg", "eg", "ev", "pte", "pvt", "kk");

    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCOUNT = Pattern.compile("^[A-Za-z0-9]{8,20}$");
    /** Names shorter than this (folded) are too likely to occur by chance inside free text. */
    private static final int MIN_NAME_LENGTH = 3;

    private final Map<String, TenantRecord> tenants = new HashMap<>();
    private final Map<String, List<Entry>> names = new HashMap<>();
    private final Map<String, List<Entry>> domains = new HashMap<>();
    private final Map<String, List<Entry>> guids = new HashMap<>();
    private final Map<String, List<Entry>> accounts = new HashMap<>();
    private final Map<String, List<Entry>> hosts = new HashMap<>();
    /** Folded names longest first, for "longest alias wins" scanning. */
    private final List<String> nameKeysLongestFirst;

    private AliasIndex(final List<TenantRecord> tenants) {
        for (final TenantRecord t : tenants) {
            this.tenants.put(t.getTenantId(), t);
            addName(t, t.getDisplayName());
            for (final String alias : t.getAliases()) {
                add(t, alias, null);
            }
            for (final EnvironmentRecord env : t.getEnvironments()) {
                for (final String id : env.getIdentifiers()) {
                    add(t, id, env.getLabel());
                }
            }
        }
        nameKeysLongestFirst = new ArrayList<>(names.keySet());
        nameKeysLongestFirst.sort(Comparator.comparingInt(String::length).reversed().thenComparing(k -> k));
    }

    public static AliasIndex of(final List<TenantRecord> tenants) {
        return new AliasIndex(tenants);
    }

    /** Classifies an alias as written in the registry. */
    public static Kind kindOf(final String alias) {
        final String a = alias.strip();
        if (GUID.matcher(a).matches()) {
            return Kind.GUID;
        }
        if (DOMAIN.matcher(a).matches()) {
            return Kind.DOMAIN;
        }
        if (ACCOUNT.matcher(a).matches() && a.chars().filter(Character::isDigit).count() >= 3) {
            return Kind.ACCOUNT_ID;
        }
        return Kind.NAME;
    }

    /** The folded core of a company name: {@code "Quarry Peak Outfitters Inc."} becomes {@code "quarry peak outfitters"}. */
    public static String nameKey(final String name) {
        final String folded = FoldedText.fold(name);
        final List<String> tokens = new ArrayList<>(Arrays.asList(folded.split(" ")));
        while (tokens.size() > 1 && LEGAL_SUFFIXES.contains(tokens.get(tokens.size() - 1))) {
            tokens.remove(tokens.size() - 1);
        }
        return String.join(" ", tokens).strip();
    }

    private void add(final TenantRecord t, final String raw, final String environment) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        final String alias = raw.strip();
        switch (kindOf(alias)) {
            case GUID -> put(guids, alias.toLowerCase(Locale.ROOT), new Entry(t, raw, Kind.GUID, environment));
            case DOMAIN -> {
                if (environment != null) {
                    put(hosts, alias.toLowerCase(Locale.ROOT), new Entry(t, raw, Kind.HOST, environment));
                } else {
                    put(domains, alias.toLowerCase(Locale.ROOT), new Entry(t, raw, Kind.DOMAIN, null));
                }
            }
            case ACCOUNT_ID -> put(accounts, alias.toLowerCase(Locale.ROOT), new Entry(t, raw, Kind.ACCOUNT_ID, environment));
            default -> addName(t, raw);
        }
    }

    private void addName(final TenantRecord t, final String raw) {
        if (raw == null) {
            return;
        }
        final String key = nameKey(raw);
        if (key.length() >= MIN_NAME_LENGTH) {
            put(names, key, new Entry(t, raw, Kind.NAME, null));
        }
    }

    private static void put(final Map<String, List<Entry>> map, final String key, final Entry entry) {
        final List<Entry> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        for (final Entry e : list) {
            if (e.tenantId().equals(entry.tenantId())) {
                // one entry per tenant and key; a more specific (environment) entry wins
                if (e.environment() == null && entry.environment() != null) {
                    list.set(list.indexOf(e), entry);
                }
                return;
            }
        }
        list.add(entry);
    }

    /** The tenant record of an id, or null. */
    public TenantRecord tenant(final String tenantId) {
        return tenants.get(tenantId);
    }

    public List<Entry> guid(final String guid) {
        return guid == null ? List.of() : guids.getOrDefault(guid.strip().toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Registered GUIDs within {@code maxDifferences} substituted characters of an OCR-read GUID: OCR
     * swaps characters (6fle for 6f1e) but keeps the length, so a Hamming distance is the right measure.
     */
    public List<Entry> nearGuid(final String guid, final int maxDifferences) {
        if (guid == null) {
            return List.of();
        }
        final String g = guid.strip().toLowerCase(Locale.ROOT);
        final List<Entry> out = new ArrayList<>();
        for (final Map.Entry<String, List<Entry>> e : guids.entrySet()) {
            final String key = e.getKey();
            if (key.length() != g.length()) {
                continue;
            }
            int diff = 0;
            for (int i = 0; i < key.length() && diff <= maxDifferences; i++) {
                if (key.charAt(i) != g.charAt(i)) {
                    diff++;
                }
            }
            if (diff > 0 && diff <= maxDifferences) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    public List<Entry> account(final String id) {
        return id == null ? List.of() : accounts.getOrDefault(id.strip().toLowerCase(Locale.ROOT), List.of());
    }

    public List<Entry> name(final String foldedKey) {
        return names.getOrDefault(foldedKey, List.of());
    }

    /**
     * A domain or host: an environment identifier first, then the tenant's email domains, walking up
     * parent domains ({@code x.brightlake-ceramics.example} matches {@code brightlake-ceramics.example}).
     */
    public DomainHit domainOrHost(final String value) {
        if (value == null) {
            return null;
        }
        String d = value.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        boolean parent = false;
        while (d.indexOf('.') > 0) {
            final List<Entry> host = hosts.get(d);
            if (host != null && !host.isEmpty()) {
                return new DomainHit(host, d, parent);
            }
            final List<Entry> dom = domains.get(d);
            if (dom != null && !dom.isEmpty()) {
                return new DomainHit(dom, d, parent);
            }
            d = d.substring(d.indexOf('.') + 1);
            parent = true;
        }
        return null;
    }

    /** An environment identifier host exactly. */
    public List<Entry> host(final String value) {
        return value == null ? List.of() : hosts.getOrDefault(value.strip().toLowerCase(Locale.ROOT), List.of());
    }

    /** Distinct tenants (other than those in {@code except}) one of whose names contains the folded phrase as whole words. */
    public List<Entry> namesContaining(final String foldedPhrase, final Set<String> except) {
        final Map<String, Entry> out = new LinkedHashMap<>();
        final String padded = " " + foldedPhrase + " ";
        for (final String key : nameKeysLongestFirst) {
            if (key.equals(foldedPhrase) || !(" " + key + " ").contains(padded)) {
                continue;
            }
            for (final Entry e : names.get(key)) {
                if (!except.contains(e.tenantId())) {
                    out.putIfAbsent(e.tenantId(), e);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Name aliases occurring in a text; longest alias wins where occurrences overlap. */
    public List<NameOccurrence> scanNames(final FoldedText text) {
        final List<NameOccurrence> kept = new ArrayList<>();
        final String folded = " " + text.folded() + " ";
        for (final String key : nameKeysLongestFirst) {
            if (!folded.contains(" " + key + " ")) {
                continue;
            }
            for (final FoldedText.Span span : text.find(key, LEGAL_SUFFIXES)) {
                final boolean overlaps = kept.stream().anyMatch(k -> span.start() < k.end() && k.start() < span.end());
                if (!overlaps) {
                    kept.add(new NameOccurrence(span.start(), span.end(), key, names.get(key)));
                }
            }
        }
        kept.sort(Comparator.comparingInt(NameOccurrence::start));
        return kept;
    }

    /** Distinct tenant ids of entries, in order. */
    static Set<String> tenantIds(final List<Entry> entries) {
        final Set<String> ids = new LinkedHashSet<>();
        entries.forEach(e -> ids.add(e.tenantId()));
        return ids;
    }
}
