package dev.handoff.extraction.candidate;

import dev.handoff.avro.MentionType;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Vocabulary cues: environment words (production versus the non-production family), identity and
 * sign-in vocabulary for the product surface, support-plan claims and requested escalation levels.
 */
final class CueMiner {

    /** Words that mean an environment on their own. */
    private static final Pattern ENV_STRONG = Pattern.compile(
            "(?i)(?<![A-Za-z0-9\\-])(?=[pPsSnNdDuU])(production|prod|staging|sandbox|non-?prod(?:uction)?|pre-?prod(?:uction)?"
                    + "|development|UAT)(?![A-Za-z0-9])");
    /** Short upper-case labels: PROD, LIVE, TEST, QA, DEV, STG, UAT. */
    private static final Pattern ENV_UPPER = Pattern.compile(
            "(?<![A-Za-z0-9\\-])(?=[LTQDS])(LIVE|TEST|QA|DEV|STG|STAGE)(?![A-Za-z0-9])");
    /** Everyday words that mean an environment only next to an environment noun. */
    private static final Pattern ENV_WEAK = Pattern.compile(
            "(?i)(?<![A-Za-z0-9\\-])(?=[lLtTsSdDqQ])(live|test|testing|stage|dev|qa)[ \\-](?:environment|env|tenant|instance|system|org"
                    + "|site|server|stack|realm|directory|domain|idp|cluster|subscription)s?(?![A-Za-z0-9])");
    private static final Pattern SURFACE = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?=[A-Za-z2])(SSO|single[ \\-]sign[ \\-]?on|SAML(?: ?2(?:\\.0)?)?|SAMLResponse|SAMLRequest|assertions?"
                    + "|identity provider|IdP|federat(?:ion|ed)|OIDC|OpenID(?: Connect)?|OAuth(?: ?2(?:\\.0)?)?|MFA|2FA"
                    + "|multi[ \\-]?factor(?: authentication)?|push notifications?|push|passcodes?|OTP|one[ \\-]time (?:password|code)"
                    + "|authenticator(?: app)?|sign[ \\-]?ins?|log[ \\-]?ins?|logon|conditional access|SCIM|redirect_uri"
                    + "|relying party|service provider|ADFS|AD FS|Kerberos|LDAP)(?![A-Za-z0-9])");
    private static final Pattern PLAN_LABEL = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[sSpPtTlLeEcC])(?:support )?(?:plan|tier|level|package|support|entitlement|SLA|care)"
                    + "(?: level| plan| tier)?[ \\t]{0,3}[:=][ \\t]{0,3}([A-Za-z0-9][^\\n\\r,;|]{0,47})");
    private static final Pattern PLAN_NAMED = Pattern.compile(
            "(?<![A-Za-z0-9])(?=[A-Z])((?:[A-Z][A-Za-z0-9+&\\-]*[ ]){0,3}(?:Care|Plan|Tier|Package|Subscription|Edition))"
                    + "(?: (?:[Pp]lan|[Tt]ier|[Ll]evel))?(?: ?\\(([A-Z][A-Z0-9+\\-]{1,9})\\))?(?![A-Za-z0-9])");
    private static final Pattern PLAN_CONTEXT = Pattern.compile(
            "(?<![A-Za-z])(?=[ouwhepbr])(?:on|under|with|has|have|holds?|entitled to|purchased|bought|renewed)"
                    + " (?:the |a |an |our |their )?((?:[A-Z][A-Za-z0-9+&\\-]* ){1,3}?)(plan|tier|support|care|level|package|subscription)"
                    + "(?![A-Za-z0-9])");
    private static final Pattern ESCALATION = Pattern.compile(
            "(?<![A-Za-z0-9])(?=[A-Za-z])(?:(?i:sev(?:erity)?)[ \\-]?(?::[ ]?)?([1-4])|P([1-4])|(?i:priority)[ ]?(?::[ ]?)?([1-4])"
                    + "|(?i:(?:conference |bridge |phone )?bridge(?: call| line)?|war[ \\-]?room|major incident))(?![A-Za-z0-9])");
    private static final Pattern PLAN_FIELD = Pattern.compile(
            "(?i).*(plan|tier|support level|service level|entitlement|sla|package).*");

    private CueMiner() {
    }

    static void mine(final MiningContext ctx) {
        final String t = ctx.masked();
        environment(ctx, t);
        for (final MatchResult s : ctx.matches(SURFACE)) {
            ctx.add(FieldNames.PRODUCT_SURFACE, MentionType.SURFACE_CUE, s.group(), s.start(), s.end(), 0.6);
        }
        plans(ctx, t);
        escalation(ctx, t);
    }

    private static void environment(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(ENV_STRONG)) {
            ctx.add(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, m.group(1), m.start(1), m.end(1), 0.65);
        }
        for (final MatchResult u : ctx.matches(ENV_UPPER)) {
            ctx.add(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, u.group(1), u.start(1), u.end(1), 0.6);
        }
        for (final MatchResult w : ctx.matches(ENV_WEAK)) {
            ctx.add(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, w.group(1), w.start(1), w.end(1), 0.6);
        }
    }

    private static void plans(final MiningContext ctx, final String t) {
        final String field = ctx.segment().context(SegmentContext.FIELD);
        if (field != null && PLAN_FIELD.matcher(field).matches() && !t.isBlank() && t.strip().length() <= 60) {
            // A cell under a Plan / Support level column is the claim itself.
            final int start = t.indexOf(t.strip());
            ctx.add(FieldNames.RESPONSE_TIER, MentionType.PLAN_CLAIM, t.strip(), start, start + t.strip().length(), 0.8);
        }
        for (final MatchResult l : ctx.matches(PLAN_LABEL)) {
            String value = l.group(1);
            final int dot = value.indexOf(". ");
            if (dot > 0) {
                value = value.substring(0, dot);
            }
            value = value.strip();
            if (value.endsWith(".")) {
                value = value.substring(0, value.length() - 1);
            }
            if (!value.isEmpty() && Character.isLetterOrDigit(value.charAt(0))) {
                ctx.add(FieldNames.RESPONSE_TIER, MentionType.PLAN_CLAIM, value, l.start(1), l.start(1) + value.length(), 0.8);
            }
        }
        for (final MatchResult n : ctx.matches(PLAN_NAMED)) {
            final String name = n.group(1);
            if (name.indexOf(' ') < 0 && n.group(2) == null) {
                continue; // a lone "Plan" or "Care" is a word, not a plan name
            }
            ctx.add(FieldNames.RESPONSE_TIER, MentionType.PLAN_CLAIM, name, n.start(), n.end(), 0.65);
            if (n.group(2) != null) {
                ctx.add(FieldNames.RESPONSE_TIER, MentionType.PLAN_CLAIM, n.group(2), n.start(2), n.end(2), 0.65);
            }
        }
        for (final MatchResult c : ctx.matches(PLAN_CONTEXT)) {
            final String name = c.group(1).strip();
            final String word = c.group(2).toLowerCase(Locale.ROOT);
            final String value = "support".equals(word) || "care".equals(word) ? name + " " + c.group(2) : name;
            ctx.add(FieldNames.RESPONSE_TIER, MentionType.PLAN_CLAIM, value, c.start(1), c.end(2), 0.6);
        }
    }

    private static void escalation(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(ESCALATION)) {
            final String level = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            final String value = level == null || "1".equals(level) ? "SEV1_BRIDGE" : "SEV" + level;
            ctx.add(FieldNames.REQUESTED_ESCALATION, MentionType.ESCALATION_REQUEST, value, m.start(), m.end(), 0.6);
        }
    }
}
