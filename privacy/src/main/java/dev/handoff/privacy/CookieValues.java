package dev.handoff.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits {@code Cookie} and {@code Set-Cookie} values into name/value pairs with offsets, and decides
 * which cookie values are credentials: every cookie whose value is not a placeholder or a trivial
 * word, unless its name is a known analytics, consent or preference cookie.
 */
final class CookieValues {

    private static final Pattern PAIR = Pattern.compile("([^=;,\\s][^=;]*?)\\s*=\\s*([^;]*)");

    /** One cookie; {@code valueStart} is the value's offset inside the header value. */
    record Pair(String name, String value, int valueStart) {
        @Override
        public String toString() {
            return "Cookie[" + name + "]";
        }
    }

    private CookieValues() {
    }

    /** Pairs of a Cookie header, or only the first pair of a Set-Cookie header (the rest are attributes). */
    static List<Pair> parse(final String header, final boolean setCookie) {
        final List<Pair> pairs = new ArrayList<>();
        final Matcher m = PAIR.matcher(header);
        while (m.find()) {
            String value = m.group(2).trim();
            int start = m.start(2) + (m.group(2).length() - m.group(2).stripLeading().length());
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
                start++;
            }
            pairs.add(new Pair(m.group(1).trim(), value, start));
            if (setCookie) {
                break;
            }
        }
        return pairs;
    }

    static boolean isSecret(final Pair pair, final PrivacyRules rules) {
        return isSecret(pair.name(), pair.value(), rules);
    }

    static boolean isSecret(final String name, final String value, final PrivacyRules rules) {
        if (rules.isNonSecretCookie(name) || ValueShape.isRedactedOrPlaceholder(value) || ValueShape.isCommonWord(value)) {
            return false;
        }
        // One or two characters (a flag, a counter) cannot authenticate anyone.
        return value.trim().length() >= 3;
    }
}
