package dev.handoff.privacy;

import dev.handoff.avro.PrivacyCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret rules for free text (emails, tickets, notes, OCR text, cells, HAR bodies): PEM private keys,
 * Authorization and Cookie lines, bearer tokens, JWTs, provider API keys in the manner of gitleaks
 * (own regexes), labelled keys with an entropy floor, credential URL parameters and passwords in context.
 */
final class TextSecretRules {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "(-----BEGIN[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----)\\s*([\\s\\S]{0,20000}?-----END[A-Z0-9 ]{0,30}"
                    + "PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\\s:,\\-]{16,20000})");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?((?:bearer|basic|digest|token|api[_-]?key|apikey|"
                    + "sso-key|negotiate|ntlm|hmac|sharedkey|dpop|mac)\\s+)?([^\\s\"',;<>]{3,}(?:\\s*,\\s*[a-z]+=\"[^\"]*\")*)");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9\\-._~+/]{6,}=*)");
    private static final Pattern BASIC = Pattern.compile("(?i)\\bbasic\\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])");
    private static final Pattern COOKIE_LINE = Pattern.compile("(?i)(?<![\\w-])(set-cookie|cookie)\\s*:\\s*([^\\r\\n]+)");
    private static final Pattern URL_PARAM = Pattern.compile(
            "(?:(?<=[?&#;])|(?<=&amp;)|^)([A-Za-z_][A-Za-z0-9_.\\-\\[\\]]{0,40})=([^&#\\s\"'<>]*)", Pattern.MULTILINE);
    // Quantifiers around the keyword are bounded: an unbounded word prefix backtracks quadratically on long tokens.
    private static final Pattern LABELLED = Pattern.compile(
            "(?iu)(?<![\\p{L}0-9_.\\-])([\"']?)([\\p{L}0-9_.\\-]{0,30}?(?:password|passwd|passwort|kennwort|pwd|pass|"
                    + "passphrase|passcode|secret|api[_-]?key|apikey|token|access[_-]?key|private[_-]?key|auth[_-]?key)"
                    + "[\\p{L}0-9_.\\-]{0,30}|mot de passe|contraseña|wachtwoord|senha)\\1"
                    + "((?:\\s+(?:is|ist|was|war|lautet|est|es))?\\s*(?::=|=>|[:=])|\\s+(?:is|ist|was|war|lautet))"
                    + "\\s*[\"']?([^\\s\"',;<>]{3,200})");
    private static final Pattern HIDDEN_INPUT = Pattern.compile("(?i)<input\\b[^>]*+>");
    private static final Pattern INPUT_NAME = Pattern.compile("(?i)\\bname\\s*=\\s*[\"']([^\"']{1,60})[\"']");
    private static final Pattern INPUT_VALUE = Pattern.compile("(?i)\\bvalue\\s*=\\s*[\"']([^\"']++)[\"']");
    private static final Pattern KEYWORD = Pattern.compile(
            "(?i)pass|pwd|secret|api[_-]?key|token|access[_-]?key|private[_-]?key|auth[_-]?key|kennwort|mot de passe|"
                    + "contrase|wachtwoord|senha");
    private static final List<ProviderRule> PROVIDERS = List.of(
            new ProviderRule("aws-access-key-id", "\\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\\b"),
            new ProviderRule("aws-secret-access-key",
                    "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"),
            new ProviderRule("github-token", "\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\\b"),
            new ProviderRule("github-fine-grained-pat", "\\b(github_pat_[A-Za-z0-9_]{50,255})\\b"),
            new ProviderRule("gitlab-pat", "\\b(glpat-[A-Za-z0-9_\\-]{20,})(?![A-Za-z0-9_\\-])"),
            new ProviderRule("slack-token", "\\b(xox[baprs]-[A-Za-z0-9\\-]{10,250})(?![A-Za-z0-9\\-])"),
            new ProviderRule("slack-webhook", "(https://hooks\\.slack\\.com/services/[A-Za-z0-9/_\\-]{20,})"),
            new ProviderRule("stripe-key", "\\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247})\\b"),
            new ProviderRule("google-api-key", "\\b(AIza[0-9A-Za-z_\\-]{35})(?![0-9A-Za-z_\\-])"),
            new ProviderRule("google-oauth-token", "\\b(ya29\\.[0-9A-Za-z_\\-]{20,})"),
            new ProviderRule("npm-token", "\\b(npm_[A-Za-z0-9]{36})\\b"),
            new ProviderRule("sendgrid-key", "\\b(SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])"),
            new ProviderRule("openai-key", "\\b(sk-(?:proj-|svcacct-)?[A-Za-z0-9_\\-]{32,200})(?![A-Za-z0-9_\\-])"),
            new ProviderRule("twilio-key", "\\b(SK[0-9a-f]{32})\\b"),
            new ProviderRule("azure-storage-key", "(?i)AccountKey=([A-Za-z0-9+/]{86}==)"),
            new ProviderRule("azure-sas-signature", "[?&]sig=([A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})"));

    private final PrivacyRules rules;

    TextSecretRules(final PrivacyRules rules) {
        this.rules = rules;
    }

    /** A provider-specific key rule: group 1 is the key. */
    private record ProviderRule(String name, Pattern pattern) {
        ProviderRule(final String name, final String regex) {
            this(name, Pattern.compile(regex));
        }
    }

    /** Every secret in the text, at most one match per code and range. */
    List<TextMatch> find(final String input) {
        final String text = input.length() > rules.maxScanChars() ? input.substring(0, rules.maxScanChars()) : input;
        final Map<String, TextMatch> found = new LinkedHashMap<>();
        privateKeys(text, found);
        authorization(text, found);
        cookies(text, found);
        jwts(text, found);
        providerKeys(text, found);
        urlParameters(text, found);
        formInputs(text, found);
        labelled(text, found);
        return new ArrayList<>(found.values());
    }

    private static void add(final Map<String, TextMatch> found, final TextMatch match) {
        final String key = match.code() + ":" + match.start() + ":" + match.end();
        found.putIfAbsent(key, match);
    }

    private static void privateKeys(final String text, final Map<String, TextMatch> found) {
        final Matcher m = PRIVATE_KEY.matcher(text);
        while (m.find()) {
            add(found, new TextMatch(PrivacyCode.SECRET_PRIVATE_KEY, m.start(2), m.end(2), m.group(1) + " ", "pem-private-key"));
        }
    }

    private static void authorization(final String text, final Map<String, TextMatch> found) {
        final Matcher m = AUTHORIZATION.matcher(text);
        while (m.find()) {
            final String value = m.group(2).replaceAll("[.)\\]!?:]+$", "");
            if (!ValueShape.isRedactedOrPlaceholder(value) && !ValueShape.isCommonWord(value) && hasDigitOrLength(value)) {
                add(found, new TextMatch(PrivacyCode.SECRET_AUTH_HEADER, m.start(2), m.start(2) + value.length(),
                        text.substring(m.start(), m.start(2)), "authorization-line"));
            }
        }
        final Matcher bearer = BEARER.matcher(text);
        while (bearer.find()) {
            final String value = bearer.group(1);
            if (!ValueShape.isRedactedOrPlaceholder(value) && (value.chars().anyMatch(Character::isDigit)
                    || JwtRecognizer.isJwt(value))) {
                add(found, new TextMatch(PrivacyCode.SECRET_AUTH_HEADER, bearer.start(1), bearer.end(1),
                        text.substring(bearer.start(), bearer.start(1)), "bearer-token"));
            }
        }
        final Matcher basic = BASIC.matcher(text);
        while (basic.find()) {
            final boolean credentials = ValueShape.base64Text(basic.group(1)).map(t -> t.indexOf(':') > 0).orElse(false);
            if (credentials) {
                add(found, new TextMatch(PrivacyCode.SECRET_AUTH_HEADER, basic.start(1), basic.end(1),
                        text.substring(basic.start(), basic.start(1)), "basic-credentials"));
            }
        }
    }

    private void cookies(final String text, final Map<String, TextMatch> found) {
        final Matcher line = COOKIE_LINE.matcher(text);
        while (line.find()) {
            final boolean setCookie = line.group(1).length() > "cookie".length();
            for (final CookieValues.Pair pair : CookieValues.parse(line.group(2), setCookie)) {
                if (CookieValues.isSecret(pair, rules)) {
                    final int start = line.start(2) + pair.valueStart();
                    add(found, new TextMatch(PrivacyCode.SECRET_COOKIE, start, start + pair.value().length(),
                            pair.name() + "=", setCookie ? "set-cookie-line" : "cookie-line"));
                }
            }
        }
    }

    private static void jwts(final String text, final Map<String, TextMatch> found) {
        for (final int[] range : JwtRecognizer.findAll(text)) {
            add(found, new TextMatch(PrivacyCode.SECRET_JWT, range[0], range[1], "", "jwt-structure"));
        }
    }

    private static void providerKeys(final String text, final Map<String, TextMatch> found) {
        for (final ProviderRule rule : PROVIDERS) {
            final Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                final String value = m.group(1);
                if (!ValueShape.isRedactedOrPlaceholder(value) && !looksFake(value)) {
                    add(found, new TextMatch(PrivacyCode.SECRET_API_KEY, m.start(1), m.end(1),
                            text.substring(m.start(), m.start(1)), rule.name()));
                }
            }
        }
    }

    private static void urlParameters(final String text, final Map<String, TextMatch> found) {
        final Matcher m = URL_PARAM.matcher(text);
        while (m.find()) {
            final SecretFieldNames.Category category = SecretFieldNames.classify(ValueShape.urlDecode(m.group(1)));
            final String raw = m.group(2);
            for (final PrivacyCode code : ParameterRules.codesFor(category, raw, true)) {
                add(found, new TextMatch(code, m.start(2), m.end(2), m.group(1) + "=", "url-parameter"));
            }
        }
    }

    /** HTML form fields, as in a SAML POST-binding page: {@code <input type="hidden" name="SAMLResponse" value="...">}. */
    private static void formInputs(final String text, final Map<String, TextMatch> found) {
        if (text.toLowerCase(Locale.ROOT).indexOf("<input") < 0) {
            return;
        }
        final Matcher input = HIDDEN_INPUT.matcher(text);
        while (input.find()) {
            final String tag = input.group();
            final Matcher name = INPUT_NAME.matcher(tag);
            final Matcher value = INPUT_VALUE.matcher(tag);
            if (!name.find() || !value.find()) {
                continue;
            }
            final SecretFieldNames.Category category = SecretFieldNames.classify(name.group(1));
            final int start = input.start() + value.start(1);
            for (final PrivacyCode code : ParameterRules.codesFor(category, value.group(1), true)) {
                add(found, new TextMatch(code, start, start + value.group(1).length(), name.group(1) + "=", "html-form-field"));
            }
        }
    }

    private void labelled(final String text, final Map<String, TextMatch> found) {
        // Find keywords cheaply first, then try the full rule only in a window around each one.
        final Matcher keyword = KEYWORD.matcher(text);
        final Matcher m = LABELLED.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int consumed = 0;
        while (keyword.find()) {
            if (keyword.start() < consumed) {
                continue;
            }
            m.region(Math.max(consumed, keyword.start() - 31), Math.min(text.length(), keyword.end() + 260));
            if (!m.find() || m.start() > keyword.start()) {
                continue;
            }
            consumed = m.end();
            final String name = m.group(2);
            final SecretFieldNames.Category category = SecretFieldNames.classify(name);
            final String whole = m.group(4);
            final int start = m.start(4);
            // Sentence punctuation is not part of the value, unless it closes a placeholder ("${PASSWORD}").
            final String value = whole.replaceAll("[.)\\]}!?:]+$", "");
            if (value.length() < 3 || ValueShape.isRedactedOrPlaceholder(whole)) {
                continue;
            }
            final int end = start + value.length();
            // "password is X" (prose) needs a typed-looking value; "password: X" does not.
            final boolean prose = m.group(3).indexOf(':') < 0 && m.group(3).indexOf('=') < 0;
            final String label = text.substring(m.start(), start);
            if (category == SecretFieldNames.Category.PASSWORD) {
                if (isPasswordValue(value, prose)) {
                    add(found, new TextMatch(PrivacyCode.SECRET_PASSWORD, start, end, label, "password-in-context"));
                }
            } else if (category == SecretFieldNames.Category.API_KEY || category == SecretFieldNames.Category.TOKEN) {
                if (JwtRecognizer.isJwt(value)) {
                    add(found, new TextMatch(PrivacyCode.SECRET_JWT, start, end, label, "jwt-structure"));
                } else if (!prose && isHighEntropy(value)) {
                    add(found, new TextMatch(PrivacyCode.SECRET_API_KEY, start, end, label, "generic-keyword-entropy"));
                }
            }
        }
    }

    private static boolean isPasswordValue(final String value, final boolean prose) {
        if (ValueShape.isRedactedOrPlaceholder(value) || ValueShape.isCommonWord(value)) {
            return false;
        }
        if (prose) {
            // "the password is wrong": in prose only a value that looks typed (digit, symbol or inner capital) counts.
            return value.chars().anyMatch(c -> Character.isDigit(c) || !Character.isLetterOrDigit(c))
                    || value.substring(1).chars().anyMatch(Character::isUpperCase);
        }
        return true;
    }

    /** gitleaks' generic rule: long enough, mixed, and above the entropy floor; GUIDs and plain words are not keys. */
    boolean isHighEntropy(final String value) {
        if (value.length() < 10 || ValueShape.isGuid(value) || ValueShape.isRedactedOrPlaceholder(value)
                || value.chars().allMatch(Character::isDigit) || value.chars().allMatch(Character::isLetter)) {
            return false;
        }
        final double required = Math.min(rules.entropyThreshold(), Math.log(value.length()) / Math.log(2) * 0.85);
        return ValueShape.shannonEntropy(value) >= required;
    }

    private static boolean hasDigitOrLength(final String value) {
        return value.length() >= 12 || value.chars().anyMatch(Character::isDigit);
    }

    /** Documentation keys such as AKIAIOSFODNN7EXAMPLE are published examples, not credentials. */
    private static boolean looksFake(final String value) {
        return value.endsWith("EXAMPLE") || value.contains("XXXXXXXX") || value.contains("xxxxxxxx");
    }
}
