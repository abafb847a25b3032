package dev.handoff.corpus;

import static dev.handoff.corpus.ReferenceData.PREMIER;
import static dev.handoff.corpus.ReferenceData.STANDARD;
import static dev.handoff.corpus.TextFormats.utf8;

import java.util.ArrayList;
import java.util.List;

/**
 * Four small sample packets for the README and first-time users, with their own tenants and people:
 * a clean packet, a HAR with a session cookie, a tenant conflict, and an IST time settled by an email.
 */
final class Samples {

    private final FakeSecrets secrets;
    private final ReferenceData ref = new ReferenceData();
    private final List<PacketSpec> packets = new ArrayList<>();

    Samples(final long seed) {
        this.secrets = new FakeSecrets(seed);
    }

    ReferenceData reference() {
        return ref;
    }

    List<PacketSpec> packets() {
        return packets;
    }

    Samples build() {
        ref.standardPlans();
        final Tenant juniper = ref.tenant("TEN-9201", "Juniper Mills Textiles GmbH", "Juniper Mills", "junipermills.example",
                "juniper-mills", List.of("EU"), List.of(
                        new Person("C-9201-1", "Annika Roth", "annika.roth@junipermills.example", "+49 711 5550 140", "IT Lead", true),
                        new Person("C-9201-2", "Felix Haas", "felix.haas@junipermills.example", "+49 711 5550 162", "Sysadmin", true)),
                List.of());
        final Tenant orchard = ref.tenant("TEN-9202", "Orchard Point Credit Union", "Orchard Point", "orchardpoint.example",
                "orchard-point", List.of("US"), List.of(
                        new Person("C-9202-1", "Terrence Boyd", "terrence.boyd@orchardpoint.example", "+1 503 555 0127", "IT Manager", true)),
                List.of());
        final Tenant redfern = ref.tenant("TEN-9203", "Redfern Architects Pty Ltd", "Redfern Architects", "redfern-arch.example",
                "redfern", List.of("APAC"), List.of(
                        new Person("C-9203-1", "Mia Castellano", "mia.castellano@redfern-arch.example", "+61 2 5550 1833", "Practice IT", true)),
                List.of());
        final Tenant lotus = ref.tenant("TEN-9204", "Lotus Bay Logistics Pvt Ltd", "Lotus Bay Logistics", "lotusbay.example",
                "lotus-bay", List.of("APAC"), List.of(
                        new Person("C-9204-1", "Rohan Iyer", "rohan.iyer@lotusbay.example", "+91 80 5550 1290", "IT Head", true)),
                List.of());
        ref.entitlement("ENT-9201-A", "TEN-9201", PREMIER, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-9202-A", "TEN-9202", STANDARD, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-9203-A", "TEN-9203", PREMIER, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-9204-A", "TEN-9204", PREMIER, "ACTIVE", "2026-01-01", "2026-12-31");

        final Story s1 = Story.of(juniper, "77001", "2026-11-12", "08:40", "Europe/Berlin", "CET", juniper.person(0),
                List.of(juniper.person(1)), 1, "All 380 staff in both mills cannot sign in. No workaround.", "ASTR-2207");
        packets.add(new PacketSpec("PKT-S001", "clean: CSV ticket, email +0100, Markdown note", s1.stagedGold(PREMIER).noSecrets())
                .manifest(s1.receivedAt(), "zendesk", s1.ticketId(), null, null)
                .file("ticket-77001.csv", TextFormats.csvTicket(s1.ticket(), ',', false, true))
                .file("annika.eml", TextFormats.eml(s1.mail()))
                .file("note.md", utf8(s1.noteMarkdown("Premier Success"))));

        final Story s2 = Story.of(orchard, "77002", "2026-11-13", "09:05", "America/Los_Angeles", "PST", orchard.person(0),
                List.of(), 2, "Tellers at 12 branches (about 150 staff) cannot sign in.", "ASTR-4011");
        final String cookie = secrets.token(48);
        packets.add(new PacketSpec("PKT-S002", "PRIVACY_SECRET: HAR with a session cookie",
                s2.exceptionGold("PRIVACY_SECRET").field("tenant", orchard.id()).flags("SECRET_COOKIE").secret(cookie))
                .manifest(s2.receivedAt(), "zendesk", s2.ticketId(), null, null)
                .file("ticket-77002.csv", TextFormats.csvTicket(s2.ticket(), ',', false, false))
                .file("login.har", TextFormats.har("Chrome DevTools", s2.harEntries(orchard.prodHost(), orchard.prodGuid(),
                        List.<String[]>of(new String[] {"aster_session", cookie}), null, null))));

        final Story s3 = Story.of(redfern, "77003", "2026-11-16", "10:20", "Australia/Sydney", "AEDT", redfern.person(0),
                List.of(), 1, "The whole practice (90 people) cannot sign in.", "ASTR-2207");
        packets.add(new PacketSpec("PKT-S003", "TENANT_CONFLICT: Redfern ticket, HAR in Juniper Mills' directory",
                s3.exceptionGold("TENANT_CONFLICT"))
                .manifest(s3.receivedAt(), "zendesk", s3.ticketId(), null, null)
                .file("ticket-77003.csv", TextFormats.csvTicket(s3.ticket(), ',', false, false))
                .file("capture.har", TextFormats.har("Chrome DevTools", s3.harEntries(juniper.prodHost(), juniper.prodGuid(),
                        List.of(), null, null))));

        final Story s4 = Story.of(lotus, "77004", "2026-11-17", "10:15", "Asia/Kolkata", "IST", lotus.person(0), List.of(), 1,
                "All warehouses (about 700 users) cannot sign in. No workaround.", "ASTR-2207");
        packets.add(new PacketSpec("PKT-S004", "IST settled by the email's +0530 Date", s4.stagedGold(PREMIER).noSecrets())
                .manifest(s4.receivedAt(), "email", s4.ticketId(), null, null)
                .file("ticket-77004.csv", TextFormats.csvTicket(s4.ticket(), ',', false, false))
                .file("rohan.eml", TextFormats.eml(s4.mail("Hello,\n\nsince 10:15 IST nobody can sign in through SSO ("
                        + s4.error() + ").\n" + s4.impactLine() + "\n\nRohan Iyer\nIT Head, Lotus Bay Logistics Pvt Ltd"))));
        return this;
    }
}
