package dev.handoff.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gold file of one packet (CONTRACT.md section 4); only keys set here are checked by an evaluation. */
final class Gold {

    /** Every secret code: a packet with none planted must report none of them. */
    static final List<String> SECRET_CODES = List.of("SECRET_AUTH_HEADER", "SECRET_COOKIE", "SECRET_JWT",
            "SECRET_SAML_ASSERTION", "SECRET_PASSWORD", "SECRET_API_KEY", "SECRET_PRIVATE_KEY", "SECRET_OAUTH_CODE");

    private final String decision;
    private final List<String> reasons = new ArrayList<>();
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<String> privacyFlags = new ArrayList<>();
    private final List<String> absentPrivacyFlags = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> mustNotContain = new ArrayList<>();

    private Gold(final String decision) {
        this.decision = decision;
    }

    static Gold staged() {
        return new Gold("STAGED");
    }

    static Gold exception(final String... reasons) {
        final Gold g = new Gold("EXCEPTION");
        g.reasons.addAll(List.of(reasons));
        return g;
    }

    Gold field(final String name, final Object value) {
        fields.put(name, value);
        return this;
    }

    Gold without(final String name) {
        fields.remove(name);
        return this;
    }

    Gold flags(final String... codes) {
        privacyFlags.addAll(List.of(codes));
        return this;
    }

    Gold noSecrets() {
        absentPrivacyFlags.addAll(SECRET_CODES);
        return this;
    }

    Gold warnings(final String... codes) {
        warnings.addAll(List.of(codes));
        return this;
    }

    Gold secret(final String... values) {
        mustNotContain.addAll(List.of(values));
        return this;
    }

    String decision() {
        return decision;
    }

    List<String> reasons() {
        return reasons;
    }

    Map<String, Object> toMap() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", decision);
        m.put("reasons", reasons);
        m.put("fields", fields);
        if (!privacyFlags.isEmpty()) {
            m.put("privacyFlags", privacyFlags);
        }
        if (!absentPrivacyFlags.isEmpty()) {
            m.put("absentPrivacyFlags", absentPrivacyFlags);
        }
        if (!warnings.isEmpty()) {
            m.put("warnings", warnings);
        }
        if (!mustNotContain.isEmpty()) {
            m.put("mustNotContain", mustNotContain);
        }
        return m;
    }
}
