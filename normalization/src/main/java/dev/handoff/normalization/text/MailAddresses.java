package dev.handoff.normalization.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Small facts about email addresses that both the tenant and the contact normalizers need: the
 * domain, and whether a local part names a role or a shared mailbox rather than a person.
 */
public final class MailAddresses {

    /** Local parts that name a function, not a person (support@, it-helpdesk@, noreply@ ...). */
    private static final Set<String> ROLE_WORDS = Set.of(
            "support", "help", "helpdesk", "servicedesk", "service", "desk", "noreply", "no-reply", "donotreply",
            "do-not-reply", "admin", "administrator", "info", "contact", "office", "it", "itsupport", "ithelp",
            "sales", "billing", "security", "ops", "operations", "team", "mailer-daemon", "postmaster", "hostmaster",
            "webmaster", "notifications", "notification", "alerts", "alert", "incident", "incidents", "escalations",
            "escalation", "care", "customercare", "enquiries", "inquiries", "hello", "root", "system", "tickets",
            "ticket", "cases", "case", "feedback", "reply", "bounce", "news", "newsletter", "jobs", "hr", "accounts",
            "finance", "legal", "privacy", "abuse", "soc", "noc", "sysadmin", "iam", "identity", "sso");
    private static final Pattern SPLIT = Pattern.compile("[._+\\-]+");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private MailAddresses() {
    }

    public static boolean isEmail(final String value) {
        return value != null && EMAIL.matcher(value.strip()).matches();
    }

    /** The lower-case domain of an address, or null. */
    public static String domainOf(final String email) {
        if (email == null) {
            return null;
        }
        final int at = email.lastIndexOf('@');
        if (at < 0 || at == email.length() - 1) {
            return null;
        }
        return email.substring(at + 1).strip().toLowerCase(Locale.ROOT).replaceAll("[>.]+$", "");
    }

    public static String localPartOf(final String email) {
        final int at = email == null ? -1 : email.lastIndexOf('@');
        return at <= 0 ? null : email.substring(0, at).strip().toLowerCase(Locale.ROOT).replaceAll("^<", "");
    }

    /** True for role-like local parts: every token of it is a role word (it-helpdesk, service.desk, noreply). */
    public static boolean isRoleMailbox(final String email) {
        final String local = localPartOf(email);
        if (local == null || local.isEmpty()) {
            return false;
        }
        if (ROLE_WORDS.contains(local)) {
            return true;
        }
        for (final String token : SPLIT.split(local)) {
            if (!token.isEmpty() && !ROLE_WORDS.contains(token)) {
                return false;
            }
        }
        return true;
    }
}
