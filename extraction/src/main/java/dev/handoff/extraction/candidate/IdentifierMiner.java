package dev.handoff.extraction.candidate;

import dev.handoff.avro.MentionType;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Identifiers that point at a tenant or a failure: email addresses and their domains, host names
 * (from URLs and bare), directory GUIDs (with OCR repair), CRM account ids and error codes, plus the
 * environment cues hidden in host names ({@code idp-test.contoso.com}).
 */
final class IdentifierMiner {

    // Every pattern starts behind a boundary look-behind so a long run is tried from one place only.
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-])([A-Za-z0-9][A-Za-z0-9._%+\\-]{0,63})@"
                    + "((?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24})(?![A-Za-z0-9\\-])");
    private static final Pattern URL_HOST = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?=[hHwWfF])(?:https?|wss?|ftp)://(?:[^\\s/@:?#]{1,64}(?::[^\\s/@?#]{0,64})?@)?"
                    + "([A-Za-z0-9\\-]{1,63}(?:\\.[A-Za-z0-9\\-]{1,63}){0,10})");
    private static final Pattern BARE_HOST = Pattern.compile(
            "(?<![A-Za-z0-9\\-.@/_])((?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.){1,10}([A-Za-z]{2,24}))"
                    + "(?![A-Za-z0-9\\-@_]|\\.[A-Za-z0-9])");
    private static final Pattern GUID = Pattern.compile(
            "(?<![0-9A-Za-z\\-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z\\-])");
    /** Hex digits plus the letters OCR mistakes them for, with single stray spaces allowed inside. */
    private static final String OCR_HEX = "[0-9a-fA-FOoIlSsB]";
    private static final Pattern OCR_GUID = Pattern.compile(
            "(?<![0-9A-Za-z\\-])" + group(8) + " ?[-\u2013\u2014_~] ?" + group(4) + " ?[-\u2013\u2014_~] ?" + group(4)
                    + " ?[-\u2013\u2014_~] ?" + group(4) + " ?[-\u2013\u2014_~] ?" + group(12) + "(?![0-9A-Za-z\\-])");
    private static final Pattern CRM_ID = Pattern.compile(
            "(?<![A-Za-z0-9])001[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?(?![A-Za-z0-9])");
    private static final Pattern CRM_LABEL = Pattern.compile(
            "(?i)(?<![A-Za-z])(?=[cCsSaA])(?:crm |sfdc |salesforce )?account[ _]?(?:id|number|no\\.?|#)\\s{0,3}[:=#]?\\s{0,3}"
                    + "([A-Za-z0-9][A-Za-z0-9_\\-]{2,39})(?![A-Za-z0-9_\\-])");
    private static final Pattern ERROR_CODE = Pattern.compile(
            "(?<![A-Za-z0-9\\-])([A-Z]{2,10})-?(\\d{3,6})(?![A-Za-z0-9]|-\\d)");
    private static final Pattern HTTP_ERROR = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?=[hH45])(?:HTTP(?:/[12](?:\\.[01])?)?[ :]{1,2}([45]\\d\\d)(?!\\d)"
                    + "|(?<!\\d)([45]\\d\\d) (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out"
                    + "|Bad Request|Unauthorized|Forbidden|Not Found|Too Many Requests))");
    /** Prefixes of ticket numbers and standards that share the error-code shape. */
    private static final Set<String> NOT_ERROR_PREFIXES = Set.of("INC", "REQ", "RITM", "CHG", "CASE", "TKT", "SR",
            "ISO", "RFC", "PKT", "TEN", "UTC", "GMT", "SEV", "TLS", "SHA", "MD", "AES", "RSA", "UTF", "WIN", "CVE",
            "TICKET", "PRB", "KB", "TASK", "PO", "ID", "ASN");
    /** TLDs that packets actually use; file extensions (.md, .png, .csv) stay out. */
    private static final Set<String> TLDS = Set.of("com", "net", "org", "io", "co", "example", "dev", "app", "cloud",
            "ai", "biz", "info", "gov", "edu", "mil", "int", "eu", "de", "at", "ch", "uk", "us", "fr", "nl", "be",
            "it", "es", "pt", "se", "no", "dk", "fi", "pl", "cz", "ie", "lu", "jp", "cn", "kr", "au", "nz", "ca",
            "mx", "br", "ar", "za", "in", "sg", "hk", "tw", "il", "ae", "ru", "tr", "gr", "hu", "ro", "local",
            "internal", "corp", "lan", "test", "invalid", "online", "tech", "services", "global", "onmicrosoft");
    private static final Set<String> ENV_LABELS = Set.of("test", "tst", "sandbox", "sbx", "dev", "staging", "stage",
            "stg", "uat", "qa", "preprod", "nonprod", "demo", "prod", "production");

    private IdentifierMiner() {
    }

    private static String group(final int n) {
        return "(?:" + OCR_HEX + " ?){" + (n - 1) + "}" + OCR_HEX;
    }

    static void mine(final MiningContext ctx) {
        final String t = ctx.masked();
        emails(ctx, t);
        hosts(ctx, t);
        guids(ctx, t);
        crmIds(ctx, t);
        errorCodes(ctx, t);
    }

    private static void emails(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(EMAIL)) {
            final String tld = tld(m.group(2));
            if (!tld.chars().allMatch(Character::isLetter)) {
                continue;
            }
            ctx.add(FieldNames.TENANT, MentionType.EMAIL_ADDRESS, m.group().toLowerCase(Locale.ROOT),
                    m.start(), m.end(), 0.7);
            ctx.add(FieldNames.TENANT, MentionType.EMAIL_DOMAIN, m.group(2).toLowerCase(Locale.ROOT),
                    m.start(2), m.end(2), 0.6);
        }
    }

    private static void hosts(final MiningContext ctx, final String t) {
        final String role = ctx.segment().context(SegmentContext.ROLE);
        final Map<String, String> attrs = role == null ? Map.of() : Map.of(SegmentContext.ROLE, role);
        for (final MatchResult u : ctx.matches(URL_HOST)) {
            final String host = stripDot(u.group(1));
            if (host.indexOf('.') > 0) {
                host(ctx, host, u.start(1), u.start(1) + host.length(), 0.7, attrs);
            }
        }
        for (final MatchResult b : ctx.matches(BARE_HOST)) {
            final String tld = b.group(2).toLowerCase(Locale.ROOT);
            final String host = b.group(1);
            // ALL-CAPS words with a dot (ASP.NET) are product names, not hosts.
            if (TLDS.contains(tld) && !host.equals(host.toUpperCase(Locale.ROOT))) {
                host(ctx, host, b.start(1), b.end(1), 0.6, attrs);
            }
        }
    }

    private static void host(final MiningContext ctx, final String host, final int start, final int end,
                             final double confidence, final Map<String, String> attrs) {
        ctx.add(FieldNames.TENANT, MentionType.HOSTNAME, host.toLowerCase(Locale.ROOT), start, end, confidence, attrs);
        // Environment words inside the host's labels: idp-test.example.com, sandbox.login.example.com.
        final String[] labels = host.split("\\.");
        int offset = start;
        for (int i = 0; i < labels.length - 1; i++) {
            final String label = labels[i];
            int partStart = offset;
            for (final String part : label.split("-")) {
                final String lower = part.toLowerCase(Locale.ROOT);
                if (ENV_LABELS.contains(lower) && labels.length > 2 || ENV_LABELS.contains(lower) && label.contains("-")) {
                    final boolean hyphen = partStart > offset;
                    final int s = hyphen ? partStart - 1 : partStart;
                    ctx.add(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, hyphen ? "-" + lower : lower,
                            s, partStart + part.length(), 0.6);
                }
                partStart += part.length() + 1;
            }
            offset += label.length() + 1;
        }
    }

    private static void guids(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(GUID)) {
            ctx.add(FieldNames.TENANT, MentionType.DIRECTORY_GUID, m.group().toLowerCase(Locale.ROOT),
                    m.start(), m.end(), 0.7);
        }
        if (!ctx.ocr()) {
            return;
        }
        for (final MatchResult o : ctx.matches(OCR_GUID)) {
            final String original = o.group();
            final String repaired = repairGuid(original);
            if (repaired == null || original.equalsIgnoreCase(repaired)) {
                continue; // exact GUIDs were emitted above
            }
            // OCR factor applies on top, so the repaired value stays well under 0.6.
            ctx.add(FieldNames.TENANT, MentionType.DIRECTORY_GUID, repaired, o.start(), o.end(), 0.6,
                    Map.of(SegmentContext.OCR_REPAIRED, "true", SegmentContext.ORIGINAL, original));
        }
    }

    /** Undoes the usual OCR confusions in a GUID-shaped token; null when the result is still not a GUID. */
    static String repairGuid(final String garbled) {
        final StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < garbled.length(); i++) {
            final char c = garbled.charAt(i);
            switch (c) {
                case ' ':
                    break;
                case 'O', 'o':
                    sb.append('0');
                    break;
                case 'l', 'I':
                    sb.append('1');
                    break;
                case 'S', 's':
                    sb.append('5');
                    break;
                case 'B':
                    sb.append('8');
                    break;
                case '\u2013', '\u2014', '_', '~':
                    sb.append('-');
                    break;
                default:
                    sb.append(Character.toLowerCase(c));
            }
        }
        final String out = sb.toString();
        return out.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") ? out : null;
    }

    private static void crmIds(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(CRM_ID)) {
            final String id = m.group();
            final String rest = id.substring(3);
            final boolean letters = rest.chars().anyMatch(Character::isLetter);
            final boolean digits = rest.chars().anyMatch(Character::isDigit);
            if (letters && digits) {
                ctx.add(FieldNames.TENANT, MentionType.CRM_ACCOUNT_ID, id, m.start(), m.end(), 0.65);
            }
        }
        for (final MatchResult l : ctx.matches(CRM_LABEL)) {
            final String id = l.group(1);
            if (id.chars().anyMatch(Character::isDigit)) {
                ctx.add(FieldNames.TENANT, MentionType.CRM_ACCOUNT_ID, id, l.start(1), l.end(1), 0.8);
            }
        }
    }

    private static void errorCodes(final MiningContext ctx, final String t) {
        for (final MatchResult m : ctx.matches(ERROR_CODE)) {
            if (NOT_ERROR_PREFIXES.contains(m.group(1))) {
                continue;
            }
            ctx.add(FieldNames.PRODUCT_SURFACE, MentionType.ERROR_CODE, m.group(), m.start(), m.end(), 0.7);
        }
        for (final MatchResult h : ctx.matches(HTTP_ERROR)) {
            final String status = h.group(1) != null ? h.group(1) : h.group(2);
            ctx.add(FieldNames.PRODUCT_SURFACE, MentionType.ERROR_CODE, "HTTP " + status, h.start(), h.end(), 0.6);
        }
    }

    private static String tld(final String domain) {
        return domain.substring(domain.lastIndexOf('.') + 1);
    }

    private static String stripDot(final String host) {
        String h = host;
        while (h.endsWith(".") || h.endsWith("-")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
