package dev.handoff.normalization.tenant;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names that differ from a registered identifier only by an environment marker in the first
 * label ({@code brightlake-test.aster-access.example} next to {@code brightlake.aster-access.example}).
 */
public final class HostVariants {

    /** The host without its marker, the marker as written and the environment label it means. */
    public record Variant(String baseHost, String marker, String environment) {
    }

    private static final Pattern MARKER = Pattern.compile(
            "^([a-z0-9]+(?:-[a-z0-9]+)*?)-(test|testing|sandbox|sbx|uat|qa|staging|stage|stg|preprod|dev|development)(\\.|$)");

    private HostVariants() {
    }

    /** The variant, or null when the first label carries no environment marker. */
    public static Variant strip(final String host) {
        if (host == null) {
            return null;
        }
        final String h = host.strip().toLowerCase(Locale.ROOT);
        final Matcher m = MARKER.matcher(h);
        if (!m.find()) {
            return null;
        }
        final String base = m.group(1) + h.substring(m.end(2));
        return new Variant(base, "-" + m.group(2), labelOf(m.group(2)));
    }

    /** The environment an environment word or marker means, or null. */
    public static String labelOf(final String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "production": case "prod": case "prd": case "live":
                return "PRODUCTION";
            case "staging": case "stage": case "stg": case "preprod": case "pre-production": case "preproduction":
                return "STAGING";
            case "test": case "testing": case "sandbox": case "sbx": case "uat": case "qa":
                return "TEST";
            case "dev": case "development":
                return "DEVELOPMENT";
            default:
                return null;
        }
    }
}
