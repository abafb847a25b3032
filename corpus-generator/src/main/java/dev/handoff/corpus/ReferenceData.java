package dev.handoff.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reference directory of a generated corpus (CONTRACT.md section 2): tenants, entitlements, plans,
 * contacts and product surfaces, including later lines that replace earlier ones and tombstones.
 */
final class ReferenceData {

    static final String PREMIER = "Premier Success";
    static final String STANDARD = "Standard Success";
    static final String ESSENTIALS = "Essentials";

    /** Each file's lines in order, as JSON objects (maps keep key order). */
    private final Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();

    ReferenceData() {
        for (final String f : List.of("tenants", "entitlements", "support-plans", "contacts", "product-surfaces")) {
            files.put(f, new ArrayList<>());
        }
    }

    static String guid(final String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Defines a tenant with production and test directories; returns it for scenarios to use. */
    Tenant tenant(final String id, final String name, final String shortName, final String domain, final String slug,
                  final List<String> regions, final List<Person> people, final List<String> extraAliases) {
        final Tenant t = new Tenant(id, name, shortName, domain, guid("prod-" + id), guid("test-" + id), slug,
                "0017Q00000" + id.substring(4) + slug.substring(0, 2).toUpperCase(java.util.Locale.ROOT), regions, people);
        tenants.put(id, t);
        final List<String> aliases = new ArrayList<>(List.of(shortName, name, domain, t.prodGuid(), t.testGuid(), t.crmId()));
        aliases.addAll(extraAliases);
        files.get("tenants").add(line("tenantId", id, "displayName", name, "aliases", aliases,
                "environments", List.of(
                        line("label", "PRODUCTION", "identifiers", List.of(t.prodGuid(), "id." + domain, t.prodHost())),
                        line("label", "TEST", "identifiers", List.of(t.testGuid(), "id-sandbox." + domain, t.testHost()))),
                "regions", regions));
        for (final Person p : people) {
            contact(t, p);
        }
        return t;
    }

    void contact(final Tenant t, final Person p) {
        files.get("contacts").add(line("contactId", p.contactId(), "tenantId", t.id(), "name", p.name(), "email", p.email(),
                "phone", p.phone(), "role", p.role(), "approvedForEscalation", p.approved()));
    }

    /** A later line for the same tenant key: replaces the whole record. */
    void replaceTenantName(final Tenant t, final String oldName, final List<String> oldAliases) {
        // The first line is the stale record; the caller's tenant() line comes after and wins.
        files.get("tenants").add(0, line("tenantId", t.id(), "displayName", oldName, "aliases", oldAliases,
                "environments", List.of(), "regions", t.regions()));
    }

    void tombstone(final String file, final String keyName, final String key) {
        files.get(file).add(line(keyName, key, "deleted", true));
    }

    void entitlement(final String id, final String tenantId, final String plan, final String status, final String from,
                     final String to) {
        files.get("entitlements").add(line("entitlementId", id, "tenantId", tenantId, "plan", plan, "status", status,
                "validFrom", from, "validTo", to));
    }

    void plan(final String plan, final List<String> aliases, final String tier, final boolean bridge) {
        files.get("support-plans").add(line("plan", plan, "aliases", aliases, "responseTier", tier, "sev1BridgeEligible", bridge));
    }

    void surface(final String id, final String name, final List<String> keywords) {
        files.get("product-surfaces").add(line("surfaceId", id, "name", name, "keywords", keywords));
    }

    Map<String, List<Map<String, Object>>> files() {
        return files;
    }

    static Map<String, Object> line(final Object... kv) {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String tier(final String plan) {
        return switch (plan) {
            case PREMIER -> "TIER1_15MIN";
            case STANDARD -> "TIER2_1H";
            default -> "TIER3_8H";
        };
    }

    /** The plans every corpus uses: a low tier that is not eligible for a SEV1 bridge. */
    void standardPlans() {
        plan(PREMIER, List.of("PREM", "Premier", "Premier Support"), "TIER1_15MIN", true);
        plan(STANDARD, List.of("STD", "Standard"), "TIER2_1H", true);
        plan(ESSENTIALS, List.of("ESS", "Essentials Care"), "TIER3_8H", false);
        surface("sso-federation", "Single sign-on", List.of("single sign-on", "SSO", "SAML", "federation", "identity provider"));
        surface("mfa", "Multi-factor verification", List.of("MFA", "push notification", "passcode", "verification code"));
        surface("provisioning", "User provisioning", List.of("SCIM", "provisioning", "user sync"));
        surface("admin-console", "Admin console", List.of("admin console", "administration portal"));
    }
}
