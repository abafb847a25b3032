package dev.handoff.corpus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happened in one packet's outage, from which its artifacts are written: tenant, people, when the
 * failure started (in the customer's zone), how bad it is, and the error shown. Artifacts of one story
 * agree with each other unless a scenario deliberately writes one that does not.
 */
record Story(Tenant tenant, String ticketId, ZonedDateTime start, String zoneLabel, Person requester, List<Person> cc,
             int impactLevel, String impactLine, String error) {

    static final String SUPPORT = "Aster Access Support <support@aster-access.example>";
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    static Story of(final Tenant t, final String ticketId, final String date, final String hhmm, final String zone,
                    final String zoneLabel, final Person requester, final List<Person> cc, final int impactLevel,
                    final String impactLine, final String error) {
        final ZonedDateTime start = ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(hhmm), ZoneId.of(zone));
        return new Story(t, ticketId, start, zoneLabel, requester, cc, impactLevel, impactLine, error);
    }

    Instant startUtc() {
        return start.toInstant();
    }

    String startIso() {
        return startUtc().toString();
    }

    ZonedDateTime created() {
        return start.plusMinutes(26).plusSeconds(14);
    }

    String receivedAt() {
        return created().plusMinutes(11).withZoneSameInstant(ZoneOffset.UTC).toInstant().toString();
    }

    String hhmm() {
        return HHMM.format(start);
    }

    String startText() {
        return hhmm() + " " + zoneLabel;
    }

    String impactCell() {
        return impactCell(impactLevel);
    }

    static String impactCell(final int level) {
        return switch (level) {
            case 1 -> "1 - Extensive/Widespread";
            case 2 -> "2 - Significant/Large";
            case 3 -> "3 - Moderate/Limited";
            default -> "4 - Minor/Localized";
        };
    }

    static String impactLevel(final int level) {
        return switch (level) {
            case 1 -> "EXTENSIVE";
            case 2 -> "SIGNIFICANT";
            case 3 -> "MODERATE";
            default -> "MINOR";
        };
    }

    String subject() {
        return "SSO sign-in failing for " + tenant.shortName() + " - " + error;
    }

    String description() {
        return "Since " + startText() + " users cannot sign in through SSO. After the redirect to the identity provider "
                + "the SAML login ends with " + error + ". " + impactLine;
    }

    TextFormats.Ticket ticket() {
        return ticket(description(), impactCell(), "Production");
    }

    TextFormats.Ticket ticket(final String description, final String impact, final String environment) {
        return new TextFormats.Ticket(ticketId, subject(), requester.name(), requester.email(), tenant.name(), impact,
                environment, created(), description, List.of());
    }

    String mailBody() {
        return "Hello support,\n\nsince " + hhmm() + (start.getHour() < 12 ? " this morning" : " today") + " nobody at " + tenant.shortName()
                + " can sign in to production through SSO; the identity provider page (" + tenant.prodHost() + ") shows "
                + error + ".\n" + impactLine
                + "\n\nKind regards,\n" + requester.name() + "\n" + requester.role() + ", " + tenant.name() + "\n"
                + requester.phone();
    }

    TextFormats.Mail mail() {
        return mail(mailBody());
    }

    TextFormats.Mail mail(final String body) {
        return new TextFormats.Mail(ticketId + "." + start.toLocalDate() + "@mail." + tenant.domain(),
                requester.mailbox(), List.of(SUPPORT), cc.stream().map(Person::mailbox).toList(),
                "[#" + ticketId + "] " + subject(), start.plusMinutes(19), body, true, null, null);
    }

    String noteMarkdown(final String plan) {
        final List<String> names = new ArrayList<>();
        names.add(requester.name());
        cc.forEach(p -> names.add(p.name()));
        return "# Escalation note - " + tenant.shortName() + "\n\n"
                + "- Customer: " + tenant.name() + " (CRM " + tenant.crmId() + ")\n"
                + "- Plan: " + plan + "\n"
                + "- Environment: production\n"
                + "- Started: " + startText() + " (" + startUtc().toString().substring(11, 16) + " UTC) on "
                + start.toLocalDate() + "\n"
                + "- Impact: " + impactCell() + ". " + impactLine + "\n"
                + "- Customer contacts: " + String.join(", ", names) + "\n\n"
                + "Error seen by users: " + error + " after the SAML redirect to " + tenant.prodHost() + ".\n";
    }

    /** The error page a user screenshots, with the directory GUID of the given environment. */
    Screenshots.Page page(final String host, final String guid, final boolean faint, final boolean small) {
        return new Screenshots.Page("https://" + host + "/saml2/acs", "Sign-in failed", "Sign-in failed",
                "We couldn't sign you in to " + tenant.shortName() + ".",
                List.of("Error code: " + error, "Directory ID: " + guid,
                        "Correlation ID: " + ReferenceData.guid("corr-" + ticketId + host),
                        "Time (UTC): " + startUtc().plusSeconds(142)),
                faint, small);
    }

    /** A login capture: app redirect, IdP start, failing assertion consumer; secrets as the caller gives them. */
    List<TextFormats.HarEntry> harEntries(final String host, final String guid, final List<String[]> cookies,
                                          final String authorization, final String postText) {
        final Instant t0 = startUtc().plusSeconds(600);
        final List<String[]> ua = List.<String[]>of(new String[] {"User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"});
        final List<String[]> authHeaders = new ArrayList<>(ua);
        if (authorization != null) {
            authHeaders.add(new String[] {"Authorization", authorization});
        }
        return List.of(
                new TextFormats.HarEntry(t0.toString(), "GET", "https://apps." + tenant.domain() + "/", ua, List.of(), null,
                        302, List.<String[]>of(new String[] {"Location", "https://" + host + "/app/sso/saml/start?directory=" + guid}),
                        "text/html", ""),
                new TextFormats.HarEntry(t0.plusMillis(180).toString(), "GET",
                        "https://" + host + "/app/sso/saml/start?directory=" + guid, authHeaders, cookies, null, 200,
                        List.<String[]>of(new String[] {"Content-Type", "text/html; charset=utf-8"}), "text/html",
                        "<html><body onload=\"document.forms[0].submit()\"><form method=\"post\"></form></body></html>"),
                new TextFormats.HarEntry(t0.plusMillis(910).toString(), "POST", "https://" + host + "/saml2/acs", authHeaders,
                        cookies, postText == null ? "RelayState=%2Fportal" : postText, 500,
                        List.<String[]>of(new String[] {"Content-Type", "application/json"}), "application/json",
                        "{\"error\":\"" + error + "\",\"message\":\"Assertion signature validation failed\",\"directoryId\":\""
                                + guid + "\",\"correlationId\":\"" + ReferenceData.guid("har-" + ticketId) + "\"}"));
    }

    /** Everyone named as requester or recipient who is approved: the default approvedContacts gold. */
    List<String> approvedIds() {
        final List<String> ids = new ArrayList<>();
        if (requester.approved() && requester.contactId() != null) {
            ids.add(requester.contactId());
        }
        cc.stream().filter(p -> p.approved() && p.contactId() != null).forEach(p -> ids.add(p.contactId()));
        return ids;
    }

    /** The gold of a clean packet of this story. */
    Gold stagedGold(final String plan) {
        return Gold.staged().field("tenant", tenant.id()).field("environment", "PRODUCTION")
                .field("firstObservedAt", startIso()).field("productSurface", "sso-federation")
                .field("businessImpact", impactLevel(impactLevel)).field("responseTier", ReferenceData.tier(plan))
                .field("approvedContacts", approvedIds());
    }

    /** The gold of an exception packet of this story: the fields the scenario does not disturb. */
    Gold exceptionGold(final String... reasons) {
        return Gold.exception(reasons).field("environment", "PRODUCTION").field("firstObservedAt", startIso())
                .field("productSurface", "sso-federation").field("businessImpact", impactLevel(impactLevel));
    }
}
