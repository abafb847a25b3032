package dev.handoff.privacy;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.handoff.avro.PrivacyCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data in free text: payment card numbers (Luhn and issuer prefix), national identifiers with
 * their check digits (a label such as "SSN:" is required where the number has no shape of its own),
 * phone numbers (libphonenumber, valid numbers only), email addresses, IPv4 and IPv6 addresses.
 */
final class PersonalDataDetectors {

    private static final Pattern CARD = Pattern.compile("(?<![\\w.\\-+/])(\\d{4}(?:[ -]?\\d{2,7}){2,4})(?![\\w\\-]|\\.\\d)");
    private static final Pattern SSN = Pattern.compile("(?<![\\w\\-])(\\d{3}-\\d{2}-\\d{4})(?![\\w\\-])");
    private static final Pattern SSN_LABELLED = Pattern.compile(
            "(?i)\\b(?:SSN|social security(?: number| no\\.?)?)\\s*(?:#|no\\.?|number)?\\s*[:=]?\\s*(\\d{3}[ -]?\\d{2}[ -]?\\d{4})\\b");
    private static final Pattern NINO = Pattern.compile(
            "\\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D])\\b");
    private static final Pattern AADHAAR = Pattern.compile(
            "(?iu)(?:aadhaar|aadhar|uidai|आधार)[^\\d\\n]{0,25}(\\d{4} ?\\d{4} ?\\d{4})\\b|(?<![\\d ])(\\d{4} \\d{4} \\d{4})(?![\\d ]?\\d)");
    private static final Pattern STEUER_ID = Pattern.compile(
            "(?iu)(?:steuer-?id|steueridentifikationsnummer|steuer-identifikationsnummer|identifikationsnummer|IdNr\\.?|TIN)"
                    + "[^\\d\\n]{0,25}(\\d{2} ?\\d{3} ?\\d{3} ?\\d{3})\\b");
    private static final Pattern DNI = Pattern.compile("(?<![\\w\\-])([XYZ]-?\\d{7}-?[A-Z]|\\d{8}-?[A-Z])(?![\\w\\-])");
    private static final Pattern CODICE_FISCALE = Pattern.compile(
            "\\b([A-Z]{6}\\d{2}[ABCDEHLMPRST]\\d{2}[A-Z]\\d{3}[A-Z])\\b");
    private static final Pattern BSN = Pattern.compile(
            "(?iu)(?:BSN|burgerservicenummer|sofinummer)[^\\d\\n]{0,25}(\\d{4}\\.?\\d{2}\\.?\\d{3}|\\d{9})\\b");
    private static final Pattern SVNR = Pattern.compile(
            "(?iu)(?:SVNR|SV-?Nr\\.?|SV-?Nummer|Sozialversicherungsnummer|Versicherungsnummer|e-card)[^\\d\\n]{0,25}"
                    + "(\\d{4} ?\\d{6})\\b");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+\\-])([A-Za-z0-9][A-Za-z0-9._%+\\-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24})(?![\\w\\-])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.\\-/])((?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d))(?![\\w\\-]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4})(?![\\w:])");
    private static final Pattern VERSION_CONTEXT = Pattern.compile("(?i)(?:v|ver\\.?|version|release|build|rev|firmware|os)\\s*[:=]?\\s*$");
    private static final Pattern PHONE_LABEL = Pattern.compile(
            "(?iu)(?:tel|phone|mobile|mobil|cell|fax|telefon|handy|ph|call|whatsapp|direct|office)\\.?\\s*[:#.]?\\s*$");
    private static final Pattern PHONE_CANDIDATE = Pattern.compile("(?:\\+|\\b00|\\()?\\d[\\d \\-.()/\\u00a0]{5,22}\\d");
    private static final Pattern DATE_LIKE = Pattern.compile(
            "^\\(?(?:(?:19|20)\\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])|(?:0?[1-9]|[12]\\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)?\\d{2})(?!\\d)");
    private static final int MAX_PHONE_WINDOWS = 20_000;
    private static final List<String> FILE_TLDS = List.of("png", "jpg", "jpeg", "gif", "svg", "webp", "js", "css", "ico",
            "html", "json", "map", "woff", "woff2");

    private final PrivacyRules rules;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    PersonalDataDetectors(final PrivacyRules rules) {
        this.rules = rules;
    }

    List<TextMatch> find(final String input) {
        final String text = input.length() > rules.maxScanChars() ? input.substring(0, rules.maxScanChars()) : input;
        final List<TextMatch> found = new ArrayList<>();
        cards(text, found);
        nationalIds(text, found);
        emails(text, found);
        ips(text, found);
        phones(text, found);
        return found;
    }

    private static void cards(final String text, final List<TextMatch> found) {
        final Matcher m = CARD.matcher(text);
        while (m.find()) {
            final String raw = m.group(1);
            final String digits = NationalIdChecks.digits(raw);
            if (digits.length() < 13 || digits.length() > 19 || !consistentGrouping(raw)
                    || !knownIssuer(digits) || !NationalIdChecks.luhn(digits)) {
                continue;
            }
            found.add(new TextMatch(PrivacyCode.PII_PAYMENT_CARD, m.start(1), m.end(1), "", "payment-card-luhn"));
        }
    }

    /** Card numbers are written unbroken or in groups split by one kind of separator. */
    private static boolean consistentGrouping(final String raw) {
        return !(raw.contains(" ") && raw.contains("-"));
    }

    private static boolean knownIssuer(final String d) {
        final int two = Integer.parseInt(d.substring(0, 2));
        final int four = Integer.parseInt(d.substring(0, 4));
        final int len = d.length();
        return d.charAt(0) == '4' && (len == 13 || len == 16 || len == 19)
                || (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) && len == 16
                || (two == 34 || two == 37) && len == 15
                || (four == 6011 || two == 65 || four >= 6440 && four <= 6499) && len >= 16
                || (two == 36 || two == 38 || two == 39 || four >= 3000 && four <= 3059) && len >= 14
                || four >= 3528 && four <= 3589 && len >= 16
                || two == 62 && len >= 16
                || (two == 50 || two >= 56 && two <= 58 || two == 67) && len >= 12;
    }

    private static void nationalIds(final String text, final List<TextMatch> found) {
        addAll(text, SSN, 1, "us-ssn", NationalIdChecks::validSsn, found);
        addAll(text, SSN_LABELLED, 1, "us-ssn", NationalIdChecks::validSsn, found);
        addAll(text, NINO, 1, "uk-nino", NationalIdChecks::validNino, found);
        final Matcher aadhaar = AADHAAR.matcher(text);
        while (aadhaar.find()) {
            final int group = aadhaar.group(1) != null ? 1 : 2;
            if (NationalIdChecks.validAadhaar(aadhaar.group(group))) {
                found.add(new TextMatch(PrivacyCode.PII_NATIONAL_ID, aadhaar.start(group), aadhaar.end(group),
                        labelBefore(text, aadhaar.start(), aadhaar.start(group)), "in-aadhaar"));
            }
        }
        addAll(text, STEUER_ID, 1, "de-steuer-id", NationalIdChecks::validSteuerId, found);
        addAll(text, DNI, 1, "es-dni-nie", NationalIdChecks::validDniOrNie, found);
        addAll(text, CODICE_FISCALE, 1, "it-codice-fiscale", NationalIdChecks::validCodiceFiscale, found);
        addAll(text, BSN, 1, "nl-bsn", NationalIdChecks::validBsn, found);
        addAll(text, SVNR, 1, "at-svnr", NationalIdChecks::validSvnr, found);
    }

    private static void addAll(final String text, final Pattern pattern, final int group, final String detector,
                               final Predicate<String> valid, final List<TextMatch> found) {
        final Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (valid.test(m.group(group))) {
                found.add(new TextMatch(PrivacyCode.PII_NATIONAL_ID, m.start(group), m.end(group),
                        labelBefore(text, m.start(), m.start(group)), detector));
            }
        }
    }

    private static String labelBefore(final String text, final int matchStart, final int valueStart) {
        return text.substring(matchStart, valueStart);
    }

    private static void emails(final String text, final List<TextMatch> found) {
        final Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            final String email = m.group(1);
            final String tld = email.substring(email.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            // "logo@2x.png" is an asset name, not an address.
            if (FILE_TLDS.contains(tld)) {
                continue;
            }
            found.add(new TextMatch(PrivacyCode.PII_EMAIL, m.start(1), m.end(1), "", "email-address"));
        }
    }

    private static void ips(final String text, final List<TextMatch> found) {
        final Matcher m = IPV4.matcher(text);
        while (m.find()) {
            final String ip = m.group(1);
            final String before = text.substring(Math.max(0, m.start() - 12), m.start());
            if (ip.equals("0.0.0.0") || ip.equals("255.255.255.255") || VERSION_CONTEXT.matcher(before).find()
                    || ip.startsWith("0.") || allSingleDigits(ip)) {
                continue;
            }
            found.add(new TextMatch(PrivacyCode.PII_IP_ADDRESS, m.start(1), m.end(1), "", "ipv4-address"));
        }
        final Matcher v6 = IPV6.matcher(text);
        while (v6.find()) {
            if (validIpv6(v6.group(1))) {
                found.add(new TextMatch(PrivacyCode.PII_IP_ADDRESS, v6.start(1), v6.end(1), "", "ipv6-address"));
            }
        }
    }

    /** "1.2.3.4" and "9.4.7.6" are versions, examples or drawing coordinates far more often than hosts. */
    private static boolean allSingleDigits(final String ip) {
        return ip.matches("\\d\\.\\d\\.\\d\\.\\d");
    }

    static boolean validIpv6(final String value) {
        final int compressions = value.split("::", -1).length - 1;
        if (compressions > 1 || value.equals("::") || value.equals("::1")) {
            return false;
        }
        final String[] groups = value.split(":", -1);
        int nonEmpty = 0;
        boolean letterOrLongGroup = false;
        for (final String group : groups) {
            if (group.length() > 4) {
                return false;
            }
            if (!group.isEmpty()) {
                nonEmpty++;
                letterOrLongGroup |= group.length() >= 3 || group.chars().anyMatch(Character::isLetter);
            }
        }
        if (compressions == 0 && groups.length != 8) {
            return false;
        }
        if (compressions == 1 && nonEmpty > 7) {
            return false;
        }
        // "12:30::" style times are not addresses: an address has a hex letter or a 3-4 digit group.
        return nonEmpty >= 2 && letterOrLongGroup;
    }

    private void phones(final String text, final List<TextMatch> found) {
        // libphonenumber scans slowly on large texts: give it only short windows around digit runs that could be numbers.
        final Matcher candidate = PHONE_CANDIDATE.matcher(text);
        int scanned = 0;
        int lastEnd = -1;
        while (candidate.find() && scanned < MAX_PHONE_WINDOWS) {
            final int from = Math.max(lastEnd, Math.max(0, candidate.start() - 2));
            final int to = Math.min(text.length(), candidate.end() + 2);
            if (isDateOrTime(text, candidate.start(), candidate.end())) {
                continue;
            }
            if (from >= to) {
                continue;
            }
            scanned++;
            lastEnd = to;
            final String window = text.substring(from, to);
            for (final PhoneNumberMatch match : phones.findNumbers(window, rules.defaultPhoneRegion(),
                    PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                phone(text, from + match.start(), from + match.end(), match.rawString(), found);
            }
        }
    }

    /** "2026-10-27 14:55", "27.10.2026", "15:02:11": dates and times are digit runs with separators too. */
    private static boolean isDateOrTime(final String text, final int start, final int end) {
        final String raw = text.substring(start, end);
        final boolean timeFollows = end + 1 < text.length() && text.charAt(end) == ':' && Character.isDigit(text.charAt(end + 1));
        final boolean timeBefore = start >= 2 && text.charAt(start - 1) == ':' && Character.isDigit(text.charAt(start - 2));
        return timeFollows || timeBefore || DATE_LIKE.matcher(raw).find();
    }

    private static void phone(final String text, final int start, final int end, final String raw, final List<TextMatch> found) {
        if (found.stream().anyMatch(f -> f.overlaps(start, end))) {
            return;
        }
        final String before = text.substring(Math.max(0, start - 16), start);
        final boolean international = raw.startsWith("+") || raw.startsWith("00");
        final boolean formatted = raw.matches(".*\\d[\\s\\-.()/]+\\d.*") || raw.startsWith("(");
        // A bare digit run (an epoch, an order number) is only a phone number when a label says so.
        if (!(international || formatted || PHONE_LABEL.matcher(before).find()) || insideToken(text, start, end)) {
            return;
        }
        found.add(new TextMatch(PrivacyCode.PII_PHONE, start, end, "", "libphonenumber"));
    }

    /** Digits glued to letters or dots on either side belong to an id, a version or a timestamp. */
    private static boolean insideToken(final String text, final int start, final int end) {
        final char before = start > 0 ? text.charAt(start - 1) : ' ';
        final char after = end < text.length() ? text.charAt(end) : ' ';
        return Character.isLetterOrDigit(before) || before == '.' || before == '_' || before == '-' || before == '/'
                || Character.isLetterOrDigit(after) || after == '_' || after == '-' || after == '/'
                || after == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1));
    }
}
