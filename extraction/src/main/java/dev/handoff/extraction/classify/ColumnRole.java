package dev.handoff.extraction.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a table column holds, recognised from its header words (case, spacing, underscores and a stated zone
 * such as "(UTC)" ignored; English and a few German words). Shared by the classifier and the table readers so
 * that what makes a file a ticket export is also what the reader extracts from it.
 */
public enum ColumnRole {
    TICKET_ID, SUBJECT, BODY, REQUESTER, EMAIL, ORGANIZATION, ACCOUNT_ID, IMPACT, ENVIRONMENT, CREATED, PRIORITY,
    PLAN, STATUS, VALID_FROM, VALID_TO, RENEWAL, CONTACT_NAME, FIRST_NAME, LAST_NAME, PHONE, PERSON_ROLE, TIME_ZONE,
    UNKNOWN;

    private static final Pattern ZONE_IN_HEADER = Pattern.compile(
            "[(\\[]\\s*(utc|gmt|z|[+-]\\d{2}:?\\d{2}|(?:utc|gmt)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|[a-z]+/[a-z_]+(?:/[a-z_]+)?)\\s*[)\\]]",
            Pattern.CASE_INSENSITIVE);

    /** Ordered: the first matching rule wins, so "account id" is an id before "account" is an organization. */
    private static final List<Rule> RULES = List.of(
            new Rule(TIME_ZONE, "^(time ?zone|tz|zeitzone)$"),
            new Rule(ACCOUNT_ID, "\\b(account|customer|kunden|crm) ?(id|number|no|nr|#|nummer)\\b|^account ?id$|^accountid$|^kundennummer$"),
            new Rule(TICKET_ID, "^(ticket|case|incident|issue|request) ?(id|number|no|nr|#|key|nummer)$|^(ticket|case|incident|casenumber|ticketnummer)$"),
            new Rule(REQUESTER, "requester|requestor|reporter|submitter|created ?by|opened ?by|caller|anforderer|melder|ersteller|requested ?by|reported ?by"),
            new Rule(EMAIL, "e ?-?mail|email ?address|^mail$"),
            new Rule(PHONE, "phone|mobile|telefon|^tel\\b|^mobil|handy|\\bcell\\b"),
            new Rule(PLAN, "support ?plan|support ?level|service ?level|^plan$|plan ?name|^tier$|support ?tier|package|tarif|^sla$"),
            new Rule(VALID_FROM, "valid ?from|start ?date|^start$|contract ?start|gueltig ?ab|gültig ?ab|effective"),
            new Rule(VALID_TO, "valid ?(to|until|through)|end ?date|^end$|contract ?end|expir|gueltig ?bis|gültig ?bis"),
            new Rule(RENEWAL, "renewal"),
            new Rule(STATUS, "^(entitlement|contract|account|subscription)? ?status$"),
            new Rule(ORGANIZATION, "organi[sz]ation|company|account ?name|^account$|customer|^tenant|firma|unternehmen|^kunde$"),
            new Rule(IMPACT, "impact|urgency|auswirkung|dringlichkeit"),
            new Rule(ENVIRONMENT, "^env$|environment|^instance$|umgebung"),
            new Rule(CREATED, "created|opened|submitted|reported|^date$|^datum$|erstellt|eröffnet|created ?at|date ?time"),
            new Rule(PRIORITY, "priority|severity|priorität|prioritaet|schweregrad|requested ?escalation"),
            new Rule(SUBJECT, "subject|summary|title|betreff|short ?description"),
            new Rule(BODY, "description|comment|body|message|details|text|notes?$|beschreibung|kommentar"),
            new Rule(FIRST_NAME, "first ?name|given ?name|vorname|firstname"),
            new Rule(LAST_NAME, "last ?name|surname|family ?name|nachname|lastname"),
            new Rule(CONTACT_NAME, "^(full ?)?name$|contact ?name|^contact$|responder|attendee|participant"),
            new Rule(PERSON_ROLE, "^role$|job ?title|^title$|position|funktion|^rolle$"));

    private record Rule(ColumnRole role, Pattern pattern) {
        Rule(final ColumnRole role, final String regex) {
            this(role, Pattern.compile(regex));
        }
    }

    /** The role of a column whose header reads {@code header}. */
    public static ColumnRole of(final String header) {
        final String key = normalize(header);
        if (key.isEmpty()) {
            return UNKNOWN;
        }
        for (final Rule rule : RULES) {
            if (rule.pattern().matcher(key).find()) {
                return rule.role();
            }
        }
        return UNKNOWN;
    }

    /** Header text lower-cased, a stated zone removed, separators collapsed to one space. */
    public static String normalize(final String header) {
        if (header == null) {
            return "";
        }
        String key = ZONE_IN_HEADER.matcher(header).replaceAll(" ");
        key = key.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replace('.', ' ');
        return key.replaceAll("\\s+", " ").trim();
    }

    /** The zone a header states, such as "UTC" for "Created (UTC)" or "+02:00"; null when it states none. */
    public static String zoneOf(final String header) {
        if (header == null) {
            return null;
        }
        final Matcher m = ZONE_IN_HEADER.matcher(header);
        if (!m.find()) {
            return null;
        }
        final String raw = m.group(1).replace(" ", "");
        final String upper = raw.toUpperCase(Locale.ROOT);
        if ("Z".equals(upper) || "UTC".equals(upper) || "GMT".equals(upper)) {
            return "UTC";
        }
        if (raw.contains("/")) {
            return raw;
        }
        return upper;
    }
}
