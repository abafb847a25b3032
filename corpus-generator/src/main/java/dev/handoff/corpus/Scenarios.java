package dev.handoff.corpus;

import static dev.handoff.corpus.ReferenceData.ESSENTIALS;
import static dev.handoff.corpus.ReferenceData.PREMIER;
import static dev.handoff.corpus.ReferenceData.STANDARD;
import static dev.handoff.corpus.TextFormats.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The project's scenario corpus: reference data and 47 packets, each written from a {@link Story} and
 * disturbed on purpose where the scenario needs a reason code. Gold values follow the contract, never
 * what the pipeline happens to do.
 */
final class Scenarios {

    private static final String CET = "Europe/Berlin";
    private final FakeSecrets secrets;
    private final ReferenceData ref = new ReferenceData();
    private final List<PacketSpec> packets = new ArrayList<>();

    private Tenant bwFoods;
    private Tenant bwLogistics;
    private Tenant halvorsen;
    private Tenant ostrava;
    private Tenant kestrel;
    private Tenant monarch;
    private Tenant tidewell;
    private Tenant saffron;
    private Tenant northgate;
    private Tenant cobalt;
    private Tenant fenwick;
    private Tenant vantor;

    Scenarios(final long seed) {
        this.secrets = new FakeSecrets(seed);
    }

    ReferenceData reference() {
        return ref;
    }

    List<PacketSpec> packets() {
        return packets;
    }

    private static Person p(final String id, final String name, final String email, final String phone,
                             final String role, final boolean approved) {
        return new Person(id, name, email, phone, role, approved);
    }

    Scenarios build() {
        ref.standardPlans();
        bwFoods = ref.tenant("TEN-8101", "Brightwater Foods plc", "Brightwater Foods", "brightwater-foods.example",
                "brightwater-foods", List.of("EU"), List.of(
                        p("C-8101-1", "Niamh Costello", "niamh.costello@brightwater-foods.example", "+353 1 555 0141", "IT Operations Lead", true),
                        p("C-8101-2", "Tomasz Wrobel", "tomasz.wrobel@brightwater-foods.example", "+353 1 555 0172", "Identity Engineer", true),
                        p("C-8101-3", "Gemma Ashdown", "gemma.ashdown@brightwater-foods.example", "+353 1 555 0110", "Finance Controller", false)),
                List.of("Brightwater Foods"));
        bwLogistics = ref.tenant("TEN-8102", "Brightwater Logistics Ltd", "Brightwater Logistics", "brightwater-logistics.example",
                "bw-logistics", List.of("EU"), List.of(
                        p("C-8102-1", "Rory Blackwood", "rory.blackwood@brightwater-logistics.example", "+44 161 555 0190", "Head of IT", true),
                        p("C-8102-2", "Priya Menon", "priya.menon@brightwater-logistics.example", "+44 161 555 0123", "Service Desk Manager", true),
                        p("C-8102-3", "Declan Shaw", "declan.shaw@brightwater-logistics.example", "+44 161 555 0177", "Warehouse Supervisor", false)),
                List.of("BW Logistics"));
        halvorsen = ref.tenant("TEN-8103", "Halvorsen Maritime AS", "Halvorsen Maritime", "halvorsen-maritime.example",
                "halvorsen", List.of("EU"), List.of(
                        p("C-8103-1", "Ingrid Solberg", "ingrid.solberg@halvorsen-maritime.example", "+47 55 55 01 31", "IT Director", true),
                        p("C-8103-2", "Magnus Eide", "magnus.eide@halvorsen-maritime.example", "+47 55 55 01 48", "Platform Engineer", true),
                        p("C-8103-3", "Kari Lunde", "kari.lunde@halvorsen-maritime.example", "+47 55 55 01 02", "Office Manager", false)),
                List.of());
        ostrava = ref.tenant("TEN-8104", "Ostrava Rail Systems s.r.o.", "Ostrava Rail", "ostrava-rail.example",
                "ostrava-rail", List.of("EU"), List.of(
                        p("C-8104-1", "Petr Dvorak", "petr.dvorak@ostrava-rail.example", "+420 596 555 101", "IT Manager", true),
                        p("C-8104-2", "Lucie Novakova", "lucie.novakova@ostrava-rail.example", "+420 596 555 117", "System Administrator", true),
                        p("C-8104-3", "Jana Svobodova", "jana.svobodova@ostrava-rail.example", "+420 596 555 130", "Accountant", false)),
                List.of("Ostrava Rail Systems"));
        kestrel = ref.tenant("TEN-8105", "Kestrel Dental Group LLC", "Kestrel Dental", "kestreldental.example",
                "kestrel-dental", List.of("US"), List.of(
                        p("C-8105-1", "Marcus Reyes", "marcus.reyes@kestreldental.example", "+1 512 555 0148", "IT Manager", true),
                        p("C-8105-2", "Alicia Brandt", "alicia.brandt@kestreldental.example", "+1 512 555 0163", "Practice Systems Analyst", true),
                        p("C-8105-3", "Tom Hadley", "tom.hadley@kestreldental.example", "+1 512 555 0101", "Front Desk Lead", false)),
                List.of());
        monarch = ref.tenant("TEN-8106", "Monarch Analytics Inc.", "Monarch Analytics", "monarch-analytics.example",
                "monarch", List.of("US"), List.of(
                        p("C-8106-1", "Shauna Pike", "shauna.pike@monarch-analytics.example", "+1 617 555 0133", "CTO", true),
                        p("C-8106-2", "Evan Liu", "evan.liu@monarch-analytics.example", "+1 617 555 0159", "DevOps Lead", true)),
                List.of());
        tidewell = ref.tenant("TEN-8107", "Tidewell Insurance Brokers Ltd", "Tidewell Insurance", "tidewell.example",
                "tidewell", List.of("EU"), List.of(
                        p("C-8107-1", "Oliver Pennington", "oliver.pennington@tidewell.example", "+44 117 555 0184", "IT Manager", true),
                        p("C-8107-2", "Hannah Cole", "hannah.cole@tidewell.example", "+44 117 555 0129", "Systems Administrator", true),
                        p("C-8107-3", "Raj Patel", "raj.patel@tidewell.example", "+44 117 555 0166", "Senior Broker", false)),
                List.of("Tidewell"));
        saffron = ref.tenant("TEN-8108", "Saffron Lane Hotels Pvt Ltd", "Saffron Lane Hotels", "saffronlane.example",
                "saffron-lane", List.of("APAC"), List.of(
                        p("C-8108-1", "Aditi Kulkarni", "aditi.kulkarni@saffronlane.example", "+91 22 5550 1182", "Head of IT", true),
                        p("C-8108-2", "Vikram Sethi", "vikram.sethi@saffronlane.example", "+91 22 5550 1147", "Identity Administrator", true),
                        p("C-8108-3", "Neha Joshi", "neha.joshi@saffronlane.example", "+91 22 5550 1100", "Front Office Manager", false)),
                List.of("Saffron Lane"));
        northgate = ref.tenant("TEN-8109", "Northgate Pharma Inc.", "Northgate Pharma", "northgate-pharma.example",
                "northgate", List.of("US", "EU"), List.of(
                        p("C-8109-1", "Dana Okafor", "dana.okafor@northgate-pharma.example", "+1 312 555 0175", "Director IT Operations", true),
                        p("C-8109-2", "Luis Ortega", "luis.ortega@northgate-pharma.example", "+1 312 555 0138", "IAM Engineer", true),
                        p("C-8109-3", "Brenda Kowalski", "brenda.kowalski@northgate-pharma.example", "+1 312 555 0119", "Lab Coordinator", false)),
                List.of("Northgate"));
        // Cobalt Ridge was renamed: the first line is the stale record, the later line replaces it.
        cobalt = ref.tenant("TEN-8110", "Cobalt Ridge Mining Corp.", "Cobalt Ridge Mining", "cobaltridge.example",
                "cobalt-ridge", List.of("APAC"), List.of(
                        p("C-8110-1", "Liam Fraser", "liam.fraser@cobaltridge.example", "+61 8 5550 1290", "IT Superintendent", true),
                        p("C-8110-2", "Chloe Nguyen", "chloe.nguyen@cobaltridge.example", "+61 8 5550 1201", "Network Engineer", true)),
                List.of("Cobalt Ridge"));
        ref.replaceTenantName(cobalt, "Cobalt Ridge Resources Pty", List.of("Cobalt Ridge Resources", "cobaltridge-resources.example"));
        // Chloe's phone changed: a later contacts line replaces the first.
        ref.contact(cobalt, cobalt.person(1).withPhone("+61 8 5550 1266"));
        fenwick = ref.tenant("TEN-8111", "Fenwick & Hale LLP", "Fenwick & Hale", "fenwickhale.example", "fenwick-hale",
                List.of("EU"), List.of(
                        p("C-8111-1", "Eleanor Fenwick-Shaw", "eleanor.fenwick-shaw@fenwickhale.example", "+44 20 5550 1418", "IT Partner", true),
                        p("C-8111-2", "Samuel Okoro", "samuel.okoro@fenwickhale.example", "+44 20 5550 1433", "Systems Lead", true),
                        p("C-8111-3", "Julia Marsh", "julia.marsh@fenwickhale.example", "+44 20 5550 1409", "Paralegal", false)),
                List.of("Fenwick and Hale"));
        ref.tenant("TEN-8112", "Lumen Arcade Games Ltd", "Lumen Arcade", "lumenarcade.example", "lumen-arcade", List.of("EU"),
                List.of(p("C-8112-1", "Felix Armitage", "felix.armitage@lumenarcade.example", "+44 113 555 0150", "CTO", true)),
                List.of("Lumen Arcade Games"));
        ref.tombstone("tenants", "tenantId", "TEN-8112");
        vantor = ref.tenant("TEN-8113", "Vantor Bio AG", "Vantor Bio", "vantorbio.example", "vantor", List.of("EU"), List.of(
                        p("C-8113-1", "Katrin Vogel", "katrin.vogel@vantorbio.example", "+41 61 555 01 40", "Head of IT", true),
                        p("C-8113-2", "Jonas Brandt", "jonas.brandt@vantorbio.example", "+41 61 555 01 77", "IAM Engineer", true)),
                List.of("Vantor"));

        ref.entitlement("ENT-8101-A", "TEN-8101", PREMIER, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8102-A", "TEN-8102", PREMIER, "ACTIVE", "2026-03-01", "2027-02-28");
        ref.entitlement("ENT-8103-A", "TEN-8103", STANDARD, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8104-A", "TEN-8104", PREMIER, "EXPIRED", "2024-11-01", "2025-10-31");
        ref.entitlement("ENT-8104-B", "TEN-8104", PREMIER, "ACTIVE", "2025-11-01", "2026-10-31");
        ref.entitlement("ENT-8105-A", "TEN-8105", STANDARD, "SUSPENDED", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8106-A", "TEN-8106", PREMIER, "ACTIVE", "2027-01-01", "2027-12-31");
        ref.entitlement("ENT-8106-B", "TEN-8106", STANDARD, "EXPIRED", "2025-01-01", "2025-12-31");
        ref.entitlement("ENT-8107-A", "TEN-8107", ESSENTIALS, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8108-A", "TEN-8108", PREMIER, "ACTIVE", "2026-04-01", "2027-03-31");
        ref.entitlement("ENT-8109-A", "TEN-8109", PREMIER, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8109-X", "TEN-8109", ESSENTIALS, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8110-A", "TEN-8110", STANDARD, "ACTIVE", "2026-07-01", "2027-06-30");
        ref.entitlement("ENT-8111-A", "TEN-8111", PREMIER, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8112-A", "TEN-8112", STANDARD, "ACTIVE", "2026-01-01", "2026-12-31");
        ref.entitlement("ENT-8113-A", "TEN-8113", PREMIER, "EXPIRED", "2025-11-01", "2026-10-31");
        // Later lines: Vantor's renewal replaces the expired record; a duplicate Northgate record is deleted.
        ref.entitlement("ENT-8113-A", "TEN-8113", PREMIER, "ACTIVE", "2025-11-01", "2027-10-31");
        ref.tombstone("entitlements", "entitlementId", "ENT-8109-X");
        ref.tombstone("entitlements", "entitlementId", "ENT-8112-A");

        cleanPackets();
        exceptionPackets();
        return this;
    }

    // ===================================================================== helpers

    private PacketSpec add(final String id, final String summary, final Gold gold) {
        final PacketSpec p = new PacketSpec(id, summary, gold);
        packets.add(p);
        return p;
    }

    private static byte[] csv(final TextFormats.Ticket t) {
        return TextFormats.csvTicket(t, ',', false, false);
    }

    private static byte[] har(final Story s, final List<TextFormats.HarEntry> entries) {
        return TextFormats.har("Chrome DevTools", entries);
    }

    private static byte[] plainHar(final Story s) {
        return har(s, s.harEntries(s.tenant().prodHost(), s.tenant().prodGuid(), List.of(), null, null));
    }

    private static Map<String, Object> art(final String file, final String kind) {
        return ReferenceData.line("file", file, "kind", kind);
    }

    private static String bridgeMarkdown(final Story s, final List<Person> responders, final String opens) {
        final StringBuilder b = new StringBuilder("# SEV1 bridge request - " + s.tenant().shortName() + "\n\n");
        b.append("Requested by: ").append(s.requester().name()).append(" (").append(s.requester().email()).append(")\n");
        b.append("Incident: SSO outage, ticket #").append(s.ticketId()).append(", started ").append(s.startText()).append("\n");
        b.append("Bridge opens: ").append(opens).append("\n\n");
        b.append("| Responder | Role | Email | Phone |\n|---|---|---|---|\n");
        for (final Person p : responders) {
            b.append("| ").append(p.name()).append(" | ").append(p.role()).append(" | ").append(p.email()).append(" | ")
                    .append(p.phone()).append(" |\n");
        }
        b.append("| Aster Access duty manager | Vendor | duty@aster-access.example | +44 20 5550 0000 |\n");
        return b.toString();
    }

    private static List<List<String>> responderTable(final List<Person> responders) {
        final List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Responder", "Role", "Email", "Phone"));
        responders.forEach(p -> rows.add(List.of(p.name(), p.role(), p.email(), p.phone())));
        rows.add(List.of("Aster Access duty manager", "Vendor", "duty@aster-access.example", "+44 20 5550 0000"));
        return rows;
    }

    private static byte[] crmCsv(final Tenant t, final String plan) {
        return utf8("Account Name,Account ID,Support Plan,Region,Account Owner,Renewal Date\r\n" + "\"" + t.name() + "\","
                + t.crmId() + "," + plan + "," + String.join("/", t.regions())
                + ",Gareth Lyle (Aster Access),2026-12-31\r\n");
    }

    private static String jwtParts(final String jwt, final int i) {
        return jwt.split("\\.")[i];
    }

    /** Planted values of a JWT: the whole token, its payload and its signature. */
    private static String[] jwtCanaries(final String jwt) {
        return new String[] {jwt, jwtParts(jwt, 1), jwtParts(jwt, 2)};
    }

    // ===================================================================== clean packets

    private void cleanPackets() {
        // C001: CSV with BOM, CRLF and ';' + multipart email (+0100) + Markdown note.
        final Story s1 = Story.of(bwFoods, "48101", "2026-11-03", "09:14", CET, "CET", bwFoods.person(0),
                List.of(bwFoods.person(1)), 1, "All 2,300 staff across our EU sites are locked out of every app. No workaround.",
                "ASTR-2207");
        add("PKT-C001", "clean: CSV ticket (BOM, CRLF, ';'), multipart email +0100, Markdown note", s1.stagedGold(PREMIER).noSecrets())
                .manifest(s1.receivedAt(), "zendesk", s1.ticketId(), null,
                        List.of(art("ticket-48101.csv", "TICKET_EXPORT"), art("niamh.eml", "EMAIL"), art("note.md", "ESCALATION_NOTE")))
                .file("ticket-48101.csv", TextFormats.csvTicket(s1.ticket(), ';', true, true))
                .file("niamh.eml", TextFormats.eml(s1.mail()))
                .file("note.md", utf8(s1.noteMarkdown("Premier Success (PREM)")));

        // C002: Zendesk JSON + forwarded email (inner Date -0600) + PNG screenshot.
        final Story s2 = Story.of(northgate, "52002", "2026-11-04", "07:40", "America/Chicago", "CST", northgate.person(0),
                List.of(northgate.person(1)), 2, "About 600 users at our Chicago and Boston sites cannot sign in.", "ASTR-4011");
        final TextFormats.Mail inner2 = s2.mail();
        final TextFormats.Mail fwd2 = new TextFormats.Mail("fwd." + s2.ticketId() + "@aster-access.example",
                "Gareth Lyle <gareth.lyle@aster-access.example>", List.of(Story.SUPPORT), List.of(),
                "Fwd: " + inner2.subject(), inner2.date().plusMinutes(6).withZoneSameInstant(java.time.ZoneId.of("Europe/London")),
                "Support team, forwarding from Northgate. Please pick this up urgently.\n\nGareth Lyle\nAccount Manager, Aster Access",
                false, inner2, null);
        add("PKT-C002", "clean: Zendesk-like JSON ticket, forwarded email (-0600 inside), PNG screenshot", s2.stagedGold(PREMIER).noSecrets())
                .manifest(s2.receivedAt(), "zendesk", s2.ticketId(), null, null)
                .file("zendesk-52002.json", TextFormats.zendeskJson(s2.ticket()))
                .file("Fwd- SSO outage Northgate.eml", TextFormats.eml(fwd2))
                .file("error-screen.png", Screenshots.png(s2.page(northgate.prodHost(), northgate.prodGuid(), false, false)))
                .why("The forward is from vendor staff (Gareth Lyle), who is not a contact; the customer's own email inside "
                        + "names Dana Okafor (sender) and Luis Ortega (cc), both approved. 07:40 in the inner email is read in its "
                        + "Date offset -0600 (CST) = 13:40Z.");

        // C003: ServiceNow XML + email (+0530) + DOCX note.
        final Story s3 = Story.of(saffron, "INC0031003", "2026-11-05", "11:20", "Asia/Kolkata", "(India time, UTC+05:30)",
                saffron.person(0), List.of(saffron.person(1)), 1,
                "All 14 properties are affected: about 900 front-desk and back-office users cannot sign in. No workaround.",
                "ASTR-2207");
        add("PKT-C003", "clean: ServiceNow XML ticket, email +0530, DOCX note", s3.stagedGold(PREMIER).noSecrets())
                .manifest(s3.receivedAt(), "servicenow", s3.ticketId(), null, null)
                .file("incident.xml", TextFormats.serviceNowXml(s3.ticket()))
                .file("aditi.eml", TextFormats.eml(s3.mail()))
                .file("account-note.docx", OfficeFiles.docx(Arrays.asList(s3.noteMarkdown("Premier Success").split("\n")), null));

        // C004: Jira JSON + JPEG with small light-grey text + sanitized HAR.
        final Story s4 = Story.of(halvorsen, "SUP-4104", "2026-11-06", "06:55", "Europe/Oslo", "CET", halvorsen.person(0),
                List.of(), 3, "Crew portal users on the vessels (around 120 people) cannot sign in; office staff are fine.",
                "ASTR-3302");
        final List<TextFormats.HarEntry> sanitized = s4.harEntries(halvorsen.prodHost(), halvorsen.prodGuid(),
                List.<String[]>of(new String[] {"aster_session", "[REDACTED]"}), "Bearer [REDACTED]", "SAMLResponse=[REDACTED]&RelayState=%2Fcrew");
        add("PKT-C004", "clean: Jira-like JSON, JPEG screenshot with small light-grey text, sanitized HAR", s4.stagedGold(STANDARD).noSecrets())
                .manifest(s4.receivedAt(), "jira", s4.ticketId(), null, null)
                .file("SUP-4104.json", TextFormats.jiraJson(s4.ticket()))
                .file("crew-portal.jpg", Screenshots.jpeg(s4.page(halvorsen.prodHost(), halvorsen.prodGuid(), true, true)))
                .file("login-sanitized.har", har(s4, sanitized))
                .why("The HAR's cookie, Authorization header and SAMLResponse are already [REDACTED]: not secrets "
                        + "(absentPrivacyFlags). Impact 'around 120 people, office staff fine' matches the ticket's 3 - Moderate/Limited.");

        // C005: CSV ticket + XLSX CRM with hidden archived sheet + PDF note.
        final Story s5 = Story.of(fenwick, "48105", "2026-11-09", "10:02", "Europe/London", "GMT", fenwick.person(0),
                List.of(), 2, "Fee earners in the London office (about 300 people) cannot open the document system via SSO.",
                "ASTR-4011");
        add("PKT-C005", "clean: CSV ticket, XLSX CRM snapshot with a hidden archived sheet, PDF note", s5.stagedGold(PREMIER).noSecrets())
                .manifest(s5.receivedAt(), "zendesk", s5.ticketId(), null, null)
                .file("ticket-48105.csv", csv(s5.ticket()))
                .file("crm-snapshot.xlsx", OfficeFiles.xlsx(List.of("Account", "Archive 2024"), List.of(
                        List.of(List.of("Account Name", "Account ID", "Support Plan", "Region", "Renewal Date"),
                                List.of(fenwick.name(), fenwick.crmId(), "Premier Success", "EU", "2026-12-31")),
                        List.of(List.of("Account Name", "Account ID", "Support Plan", "Region", "Renewal Date"),
                                List.of(fenwick.name(), fenwick.crmId(), "Standard Success", "EU", "2024-12-31"))),
                        List.of("Archive 2024")))
                .file("account-note.pdf", OfficeFiles.pdf(Arrays.asList(s5.noteMarkdown("Premier Success").split("\n"))))
                .why("The hidden sheet 'Archive 2024' says Standard Success: archived data, not a claim, so no ENTITLEMENT_MISMATCH.");

        // C006: SEV1 bridge requested, Premier: CSV ticket + CSV CRM + Markdown bridge template.
        final Story s6 = Story.of(bwLogistics, "48106", "2026-11-10", "07:30", CET, "CET", bwLogistics.person(0), List.of(), 1,
                "All depots (1,100 drivers and planners) cannot sign in to dispatch; trucks are held. No workaround.", "ASTR-2207");
        add("PKT-C006", "clean SEV1 bridge on Premier: CSV ticket, CSV CRM snapshot, Markdown bridge template",
                s6.stagedGold(PREMIER).field("approvedContacts", List.of("C-8102-1", "C-8102-2")).noSecrets())
                .manifest(s6.receivedAt(), "zendesk", s6.ticketId(), "SEV1_BRIDGE", null)
                .file("ticket-48106.csv", csv(s6.ticket()))
                .file("crm.csv", crmCsv(bwLogistics, "PREM"))
                .file("bridge.md", utf8(bridgeMarkdown(s6, List.of(bwLogistics.person(0), bwLogistics.person(1)), "08:15 CET")))
                .why("Bridge responders Rory Blackwood and Priya Menon are approved with matching details; Premier is bridge eligible.");

        // C007: DOCX bridge template + email (+0800); tenant renamed in reference, contact phone replaced.
        final Story s7 = Story.of(cobalt, "48107", "2026-11-11", "08:45", "Australia/Perth", "AWST", cobalt.person(0),
                List.of(cobalt.person(1)), 1, "All site staff at Kalgoorlie and Port Hedland (about 1,400 users) are locked out of SSO.",
                "ASTR-5120");
        final List<Person> responders7 = List.of(cobalt.person(0), cobalt.person(1).withPhone("+61 8 5550 1266"));
        add("PKT-C007", "clean SEV1 bridge on Standard: DOCX bridge template, email +0800; reference rename and phone replacement",
                s7.stagedGold(STANDARD).noSecrets())
                .manifest(s7.receivedAt(), "email", s7.ticketId(), null, null)
                .file("liam.eml", TextFormats.eml(s7.mail()))
                .file("bridge-request.docx", OfficeFiles.docx(List.of("SEV1 bridge request - Cobalt Ridge Mining",
                        "Incident: SSO outage since " + s7.startText() + ", ticket #" + s7.ticketId(),
                        "Bridge opens 09:30 AWST. Responders:", "{table}"), responderTable(responders7)))
                .why("The bridge template requests SEV1_BRIDGE; Standard Success is bridge eligible. Chloe Nguyen's phone "
                        + "+61 8 5550 1266 is the later (replacing) contacts line, so it agrees with the roster. No ticket states an "
                        + "impact level; 'all site staff ... about 1,400 users locked out' is read as EXTENSIVE (widespread, no workaround).");

        // C008: PDF bridge template + Zendesk JSON; entitlement renewed by a later reference line.
        final Story s8 = Story.of(vantor, "52008", "2026-11-12", "13:10", "Europe/Zurich", "CET", vantor.person(0),
                List.of(), 2, "Research staff in Basel (around 450 users) cannot sign in to the ELN via SSO.", "ASTR-4011");
        final List<Person> responders8 = List.of(vantor.person(0), vantor.person(1));
        final List<String> pdf8 = new ArrayList<>(List.of("SEV1 bridge request - Vantor Bio", "Ticket #" + s8.ticketId()
                + ", SSO outage since " + s8.startText(), "", "Responder | Role | Email | Phone"));
        responders8.forEach(p -> pdf8.add(p.name() + " | " + p.role() + " | " + p.email() + " | " + p.phone()));
        add("PKT-C008", "clean SEV1 bridge: PDF bridge template, Zendesk JSON; entitlement renewed by a later line",
                s8.stagedGold(PREMIER).field("approvedContacts", List.of("C-8113-1", "C-8113-2")).noSecrets())
                .manifest(s8.receivedAt(), "zendesk", s8.ticketId(), null, null)
                .file("zendesk-52008.json", TextFormats.zendeskJson(s8.ticket()))
                .file("bridge.pdf", OfficeFiles.pdf(pdf8))
                .why("ENT-8113-A was EXPIRED in its first line; the later line (renewal, ACTIVE to 2027-10-31) replaces it.");

        // C009: clean HAR without secrets + CSV ticket.
        final Story s9 = Story.of(northgate, "48109", "2026-11-13", "09:05", "America/New_York", "EST", northgate.person(1),
                List.of(), 1, "All 3,800 employees in the US and EU cannot sign in to any SSO app.", "ASTR-2207");
        add("PKT-C009", "clean: HAR without secrets, CSV ticket", s9.stagedGold(PREMIER).noSecrets())
                .manifest(s9.receivedAt(), "zendesk", s9.ticketId(), null, null)
                .file("ticket-48109.csv", csv(s9.ticket()))
                .file("capture.har", plainHar(s9));

        // C010: no manifest, uninformative file names.
        final Story s10 = Story.of(halvorsen, "48110", "2026-11-16", "08:20", "Europe/Oslo", "CET", halvorsen.person(1),
                List.of(), 1, "All 640 office and fleet staff cannot sign in. No workaround.", "ASTR-2207");
        add("PKT-C010", "clean without manifest: export (3).csv, IMG_2041.png, document.pdf, Book1.xlsx",
                s10.stagedGold(STANDARD).noSecrets().warnings("RECEIVED_AT_DEFAULTED"))
                .file("export (3).csv", csv(s10.ticket()))
                .file("IMG_2041.png", Screenshots.png(s10.page(halvorsen.prodHost(), halvorsen.prodGuid(), false, false)))
                .file("document.pdf", OfficeFiles.pdf(Arrays.asList(s10.noteMarkdown("Standard Success").split("\n"))))
                .file("Book1.xlsx", OfficeFiles.xlsx(List.of("Sheet1"), List.of(List.of(
                        List.of("Account Name", "Account ID", "Support Plan"), List.of(halvorsen.name(), halvorsen.crmId(), "STD"))),
                        List.of()))
                .why("No packet.json: receivedAt defaults (warning). The entitlement date is the first-observed date, known here.");

        // C011: zones that agree: ticket in UTC, email +0100 local, screenshot UTC.
        final Story s11 = Story.of(bwFoods, "SUP-4111", "2026-11-17", "09:14", CET, "CET", bwFoods.person(1), List.of(), 2,
                "The Cork and Lyon plants (about 500 users) cannot sign in to the MES.", "ASTR-4011");
        add("PKT-C011", "clean: mixed zones that agree (ticket UTC, email +0100, screenshot UTC)", s11.stagedGold(PREMIER).noSecrets())
                .manifest(s11.receivedAt(), "jira", s11.ticketId(), null, null)
                .file("SUP-4111.json", TextFormats.jiraJson(s11.ticket("First failures at 08:14 UTC: users cannot sign in "
                        + "through SSO, SAML login ends with ASTR-4011. " + s11.impactLine(), s11.impactCell(), "Production")))
                .file("tomasz.eml", TextFormats.eml(new TextFormats.Mail("sup4111.helsinki@mail.brightwater-foods.example",
                        s11.requester().mailbox(), List.of(Story.SUPPORT), List.of(), "[SUP-4111] " + s11.subject(),
                        s11.start().plusMinutes(19).withZoneSameInstant(java.time.ZoneId.of("Europe/Helsinki")),
                        "Hello support,\n\nsince 10:14 this morning (I am at our Helsinki office this week) nobody can sign "
                        + "in to production through SSO; the identity provider page shows ASTR-4011.\n" + s11.impactLine()
                        + "\n\nTomasz Wrobel\nIdentity Engineer, Brightwater Foods plc", true, null, null)))
                .why("Three zones that agree: the ticket's 08:14 UTC, the email's 'since 10:14' in its +0200 Date "
                        + "(sent from Helsinki) and the screenshot's UTC time all give 08:14Z.")
                .file("screenshot.png", Screenshots.png(s11.page(bwFoods.prodHost(), bwFoods.prodGuid(), false, true)));

        // C012: truncated PNG and XLSX.
        final Story s12 = Story.of(fenwick, "48112", "2026-11-18", "14:30", "Europe/London", "GMT", fenwick.person(1), List.of(), 3,
                "The Manchester office (40 people) cannot sign in; London is fine.", "ASTR-3302");
        final byte[] png12 = Screenshots.png(s12.page(fenwick.prodHost(), fenwick.prodGuid(), false, false));
        final byte[] xlsx12 = OfficeFiles.xlsx(List.of("Account"), List.of(List.of(List.of("Account Name", "Support Plan"),
                List.of(fenwick.name(), "Premier Success"))), List.of());
        add("PKT-C012", "truncated PNG and truncated XLSX: warnings, otherwise clean",
                s12.stagedGold(PREMIER).noSecrets().warnings("ARTIFACT_UNREADABLE"))
                .manifest(s12.receivedAt(), "zendesk", s12.ticketId(), null, null)
                .file("ticket-48112.csv", csv(s12.ticket()))
                .file("samuel.eml", TextFormats.eml(s12.mail()))
                .file("screenshot.png", Arrays.copyOf(png12, Math.min(png12.length, 2048)))
                .file("crm.xlsx", Arrays.copyOf(xlsx12, 1500));

        // C013: corrupt PDF.
        final Story s13 = Story.of(bwLogistics, "48113", "2026-11-19", "10:40", CET, "CET", bwLogistics.person(1), List.of(), 2,
                "Both Manchester warehouses (about 350 users) cannot sign in to the WMS.", "ASTR-4011");
        final byte[] garbage = secrets.bytes(3000);
        final byte[] pdf13 = new byte[garbage.length + 9];
        System.arraycopy(utf8("%PDF-1.7\n"), 0, pdf13, 0, 9);
        System.arraycopy(garbage, 0, pdf13, 9, garbage.length);
        add("PKT-C013", "corrupt PDF: warning, otherwise clean", s13.stagedGold(PREMIER).noSecrets().warnings("ARTIFACT_UNREADABLE"))
                .manifest(s13.receivedAt(), "email", s13.ticketId(), null, null)
                .file("priya.eml", TextFormats.eml(s13.mail()))
                .file("note.md", utf8(s13.noteMarkdown("Premier Success")))
                .file("handover.pdf", pdf13);

        // C014: IST settled by the email's +0530 Date.
        final Story s14 = Story.of(saffron, "48114", "2026-11-20", "09:10", "Asia/Kolkata", "IST", saffron.person(1), List.of(), 1,
                "All hotels: front desks cannot check guests in because staff cannot sign in. No workaround.", "ASTR-2207");
        add("PKT-C014", "IST settled by the email's +0530 Date", s14.stagedGold(PREMIER).noSecrets())
                .manifest(s14.receivedAt(), "zendesk", s14.ticketId(), null, null)
                .file("ticket-48114.csv", csv(s14.ticket()))
                .file("vikram.eml", TextFormats.eml(s14.mail("Hello support,\n\nsince 09:10 IST this morning nobody at "
                        + "Saffron Lane Hotels can sign in through SSO (" + s14.error() + ").\n" + s14.impactLine()
                        + "\n\nVikram Sethi\nIdentity Administrator, Saffron Lane Hotels Pvt Ltd")))
                .why("'IST' alone is ambiguous (India, Israel, Irish); the email's Date +0530 settles it as India: 03:40Z.");
    }

    // ===================================================================== exception packets

    private void exceptionPackets() {
        // C015: TENANT_CONFLICT, similar names: ticket Brightwater Foods, HAR in Brightwater Logistics' directory.
        final Story s15 = Story.of(bwFoods, "48115", "2026-11-04", "08:05", CET, "CET", bwFoods.person(0), List.of(), 1,
                "Nobody in the company can sign in (about 2,300 staff).", "ASTR-2207");
        add("PKT-C015", "TENANT_CONFLICT: Brightwater Foods ticket, HAR captured in Brightwater Logistics' directory",
                s15.exceptionGold("TENANT_CONFLICT"))
                .manifest(s15.receivedAt(), "zendesk", s15.ticketId(), null, null)
                .file("ticket-48115.csv", csv(s15.ticket()))
                .file("niamh.eml", TextFormats.eml(s15.mail()))
                .file("capture.har", har(s15, s15.harEntries(bwLogistics.prodHost(), bwLogistics.prodGuid(), List.of(), null, null)))
                .why("The names share 'Brightwater'; the HAR's directory GUID and IdP host are Brightwater Logistics' (TEN-8102). "
                        + "Two tenants are evidenced: conflict. Tenant, tier and contacts are left unchecked.");

        // C016: TENANT_CONFLICT + PRIVACY_SECRET (session cookie).
        final Story s16 = Story.of(northgate, "48116", "2026-11-05", "10:12", "America/Chicago", "Central time (UTC-6)", northgate.person(0),
                List.of(), 1, "All US sites (about 2,000 users) cannot sign in.", "ASTR-2207");
        final String cookie16 = secrets.token(48);
        add("PKT-C016", "TENANT_CONFLICT + PRIVACY_SECRET: Northgate ticket, HAR in Vantor Bio's directory with a session cookie",
                s16.exceptionGold("TENANT_CONFLICT", "PRIVACY_SECRET").flags("SECRET_COOKIE").secret(cookie16))
                .manifest(s16.receivedAt(), "zendesk", s16.ticketId(), null, null)
                .file("zendesk-48116.json", TextFormats.zendeskJson(s16.ticket()))
                .file("network.har", har(s16, s16.harEntries(vantor.prodHost(), vantor.prodGuid(),
                        List.<String[]>of(new String[] {"aster_session", cookie16}), null, null)));

        // C017: TENANT_CONFLICT via a screenshot only.
        final Story s17 = Story.of(halvorsen, "SUP-4117", "2026-11-06", "12:40", "Europe/Oslo", "CET", halvorsen.person(0),
                List.of(), 2, "The Bergen office (about 200 people) cannot sign in.", "ASTR-4011");
        add("PKT-C017", "TENANT_CONFLICT: Halvorsen ticket, screenshot showing Ostrava Rail's directory GUID and host",
                Gold.exception("TENANT_CONFLICT").field("environment", "PRODUCTION").field("productSurface", "sso-federation"))
                .manifest(s17.receivedAt(), "jira", s17.ticketId(), null, null)
                .file("SUP-4117.json", TextFormats.jiraJson(s17.ticket()))
                .file("IMG_7730.png", Screenshots.png(s17.page(ostrava.prodHost(), ostrava.prodGuid(), false, false)))
                .why("Only OCR shows the second tenant (Ostrava Rail's GUID and host on the error page). A support engineer "
                        + "reading the screenshot sees two tenants; timing and impact are not checked because the screenshot's "
                        + "time is a second (later) observation.");

        // C018: TENANT_UNRESOLVED: the tenant was deleted (tombstone).
        final Tenant lumen = new Tenant("TEN-8112", "Lumen Arcade Games Ltd", "Lumen Arcade", "lumenarcade.example",
                ReferenceData.guid("prod-TEN-8112"), ReferenceData.guid("test-TEN-8112"), "lumen-arcade", "-", List.of("EU"),
                List.of(p("C-8112-1", "Felix Armitage", "felix.armitage@lumenarcade.example", "+44 113 555 0150", "CTO", true)));
        final Story s18 = Story.of(lumen, "48118", "2026-11-09", "11:00", "Europe/London", "GMT", lumen.person(0), List.of(), 1,
                "The whole studio (85 people) cannot sign in.", "ASTR-2207");
        add("PKT-C018", "TENANT_UNRESOLVED: tenant deleted by a reference tombstone",
                Gold.exception("TENANT_UNRESOLVED").field("tenant", null))
                .manifest(s18.receivedAt(), "zendesk", s18.ticketId(), null, null)
                .file("ticket-48118.csv", csv(s18.ticket()))
                .file("felix.eml", TextFormats.eml(s18.mail()))
                .why("TEN-8112 is removed by a tombstone line in tenants.jsonl; nothing in the registry matches.");

        // C019: TENANT_UNRESOLVED: unknown company.
        final Tenant pelican = new Tenant("-", "Pelican Bay Outfitters", "Pelican Bay", "pelicanbay.example",
                ReferenceData.guid("pelican"), ReferenceData.guid("pelican-t"), "pelican-bay", "-", List.of("US"),
                List.of(p(null, "Carla Moreno", "carla.moreno@pelicanbay.example", "+1 831 555 0102", "IT Lead", false)));
        final Story s19 = Story.of(pelican, "52019", "2026-11-10", "08:30", "America/Los_Angeles", "PST", pelican.person(0),
                List.of(), 1, "All stores cannot sign in to the POS back office.", "ASTR-2207");
        add("PKT-C019", "TENANT_UNRESOLVED: company not in the registry", Gold.exception("TENANT_UNRESOLVED").field("tenant", null))
                .manifest(s19.receivedAt(), "zendesk", s19.ticketId(), null, null)
                .file("zendesk-52019.json", TextFormats.zendeskJson(s19.ticket()));

        // C020: ENVIRONMENT_UNCLEAR: ticket says Production, HAR hits the sandbox.
        final Story s20 = Story.of(fenwick, "48120", "2026-11-11", "09:30", "Europe/London", "GMT", fenwick.person(1), List.of(), 2,
                "About 300 fee earners cannot sign in.", "ASTR-4011");
        add("PKT-C020", "ENVIRONMENT_UNCLEAR: ticket says Production, HAR captured against the TEST directory",
                Gold.exception("ENVIRONMENT_UNCLEAR").field("tenant", fenwick.id()).field("productSurface", "sso-federation"))
                .manifest(s20.receivedAt(), "zendesk", s20.ticketId(), null, null)
                .file("ticket-48120.csv", csv(s20.ticket()))
                .file("capture.har", har(s20, s20.harEntries(fenwick.testHost(), fenwick.testGuid(), List.of(), null, null)));

        // C021: ENVIRONMENT_UNCLEAR: the customer is unsure.
        final Story s21 = Story.of(cobalt, "48121", "2026-11-12", "07:50", "Australia/Perth", "AWST", cobalt.person(0), List.of(), 2,
                "Around 300 users at Kalgoorlie cannot sign in.", "ASTR-4011");
        add("PKT-C021", "ENVIRONMENT_UNCLEAR: ticket 'Prod / UAT?', email unsure which environment",
                Gold.exception("ENVIRONMENT_UNCLEAR").field("tenant", cobalt.id()))
                .manifest(s21.receivedAt(), "zendesk", s21.ticketId(), null, null)
                .file("ticket-48121.csv", csv(s21.ticket(s21.description(), s21.impactCell(), "Prod / UAT?")))
                .file("liam.eml", TextFormats.eml(s21.mail("Hi,\n\nsince 07:50 this morning SSO fails with ASTR-4011. We first saw it "
                        + "on our UAT tenant and maybe production is hit too, we are not sure yet.\nAround 300 users at Kalgoorlie "
                        + "cannot sign in.\n\nLiam Fraser\nIT Superintendent, Cobalt Ridge Mining Corp.")));

        // C022-C024: ENTITLEMENT_MISSING: expired, suspended, not yet valid.
        final Story s22 = Story.of(ostrava, "48122", "2026-11-23", "08:10", "Europe/Prague", "CET", ostrava.person(0), List.of(), 1,
                "All dispatch and depot staff (about 900 users) cannot sign in.", "ASTR-2207");
        add("PKT-C022", "ENTITLEMENT_MISSING: entitlements expired (one EXPIRED, one ACTIVE that ended 2026-10-31)",
                s22.exceptionGold("ENTITLEMENT_MISSING").field("tenant", ostrava.id()).field("responseTier", null))
                .manifest(s22.receivedAt(), "zendesk", s22.ticketId(), null, null)
                .file("ticket-48122.csv", csv(s22.ticket()))
                .file("petr.eml", TextFormats.eml(s22.mail()));
        final Story s23 = Story.of(kestrel, "52023", "2026-11-16", "08:45", "America/Chicago", "CST", kestrel.person(0), List.of(), 2,
                "All 35 clinics cannot sign in to the scheduling system.", "ASTR-4011");
        add("PKT-C023", "ENTITLEMENT_MISSING: entitlement SUSPENDED",
                s23.exceptionGold("ENTITLEMENT_MISSING").field("tenant", kestrel.id()).field("responseTier", null))
                .manifest(s23.receivedAt(), "zendesk", s23.ticketId(), null, null)
                .file("zendesk-52023.json", TextFormats.zendeskJson(s23.ticket()))
                .file("Fwd_ Kestrel SSO.eml", TextFormats.eml(new TextFormats.Mail("fwd." + s23.ticketId() + "@aster-access.example",
                        "Gareth Lyle <gareth.lyle@aster-access.example>", List.of(Story.SUPPORT), List.of(),
                        "FW: " + s23.subject(), s23.start().plusMinutes(31), "Forwarding Marcus's email below (attached).\n\n"
                        + "Gareth Lyle\nAccount Manager, Aster Access", false, null, s23.mail())))
                .why("The email is a vendor account manager's forward with the customer's message attached as message/rfc822. "
                        + "ENT-8105-A is SUSPENDED: no entitlement covers, responseTier null.");
        final Story s24 = Story.of(monarch, "48124", "2026-11-17", "11:25", "America/New_York", "EST", monarch.person(1), List.of(), 1,
                "Every analyst (about 260 people) is locked out of the platform.", "ASTR-2207");
        add("PKT-C024", "ENTITLEMENT_MISSING: the only ACTIVE entitlement starts 2027-01-01",
                s24.exceptionGold("ENTITLEMENT_MISSING").field("tenant", monarch.id()).field("responseTier", null))
                .manifest(s24.receivedAt(), "zendesk", s24.ticketId(), null, null)
                .file("ticket-48124.csv", csv(s24.ticket()))
                .file("note.md", utf8(s24.noteMarkdown("Premier Success (signed, starts January)")));

        // C025-C027: ENTITLEMENT_MISMATCH.
        final Story s25 = Story.of(tidewell, "48125", "2026-11-18", "09:00", "Europe/London", "GMT", tidewell.person(0), List.of(), 1,
                "All 420 brokers cannot sign in. No workaround.", "ASTR-2207");
        add("PKT-C025", "ENTITLEMENT_MISMATCH: SEV1_BRIDGE requested in the manifest on Essentials (not bridge eligible)",
                s25.exceptionGold("ENTITLEMENT_MISMATCH").field("tenant", tidewell.id()).field("responseTier", "TIER3_8H"))
                .manifest(s25.receivedAt(), "zendesk", s25.ticketId(), "SEV1_BRIDGE", null)
                .file("ticket-48125.csv", csv(s25.ticket()))
                .file("oliver.eml", TextFormats.eml(s25.mail()));
        final Story s26 = Story.of(tidewell, "48126", "2026-11-24", "13:15", "Europe/London", "GMT", tidewell.person(1), List.of(), 1,
                "Every broker (420 users) is locked out.", "ASTR-5120");
        add("PKT-C026", "ENTITLEMENT_MISMATCH: a bridge template in the packet on Essentials",
                s26.exceptionGold("ENTITLEMENT_MISMATCH").field("tenant", tidewell.id()).field("responseTier", "TIER3_8H"))
                .manifest(s26.receivedAt(), "email", s26.ticketId(), null, null)
                .file("hannah.eml", TextFormats.eml(s26.mail()))
                .file("bridge-template.md", utf8(bridgeMarkdown(s26, List.of(tidewell.person(1), tidewell.person(0)), "14:00 GMT")))
                .why("A bridge-request document is itself a SEV1_BRIDGE request (contract section 1).");
        final Story s27 = Story.of(halvorsen, "48127", "2026-11-19", "07:35", "Europe/Oslo", "CET", halvorsen.person(0), List.of(), 1,
                "All 640 office and fleet staff cannot sign in.", "ASTR-2207");
        add("PKT-C027", "ENTITLEMENT_MISMATCH: packet CRM snapshot claims Premier, reference says Standard",
                s27.exceptionGold("ENTITLEMENT_MISMATCH").field("tenant", halvorsen.id()).field("responseTier", "TIER2_1H"))
                .manifest(s27.receivedAt(), "zendesk", s27.ticketId(), null, null)
                .file("ticket-48127.csv", csv(s27.ticket()))
                .file("crm-export.csv", crmCsv(halvorsen, "Premier Success"))
                .why("The CRM snapshot's plan is an alternative, never the value: responseTier stays TIER2_1H from the reference.");

        // C028-C030: CONTACT_MISMATCH.
        final Person owen = p(null, "Owen Marsh", "owen.marsh@brightwater-foods.example", "+353 1 555 0199", "Desktop Support", false);
        final Story s28 = Story.of(bwFoods, "48128", "2026-11-20", "08:50", CET, "CET", owen, List.of(bwFoods.person(0)), 1,
                "All 2,300 staff cannot sign in.", "ASTR-2207");
        add("PKT-C028", "CONTACT_MISMATCH: requester not on the roster (approved colleague in cc)",
                s28.exceptionGold("CONTACT_MISMATCH").field("tenant", bwFoods.id()).field("approvedContacts", List.of("C-8101-1")))
                .manifest(s28.receivedAt(), "zendesk", s28.ticketId(), null, null)
                .file("ticket-48128.csv", csv(s28.ticket()))
                .file("owen.eml", TextFormats.eml(s28.mail()));
        final Story s29 = Story.of(northgate, "52029", "2026-11-23", "06:55", "America/Chicago", "CST", northgate.person(2), List.of(), 2,
                "The Chicago labs (about 400 users) cannot sign in to the LIMS.", "ASTR-4011");
        add("PKT-C029", "CONTACT_MISMATCH: requester on the roster but not approved for escalation",
                s29.exceptionGold("CONTACT_MISMATCH").field("tenant", northgate.id()))
                .why("Brenda Kowalski is the only person named and is not approved: whether approvedContacts is [] or null "
                        + "(missing) is not checked.")
                .manifest(s29.receivedAt(), "zendesk", s29.ticketId(), null, null)
                .file("zendesk-52029.json", TextFormats.zendeskJson(s29.ticket()))
                .file("brenda.eml", TextFormats.eml(s29.mail()));
        final Story s30 = Story.of(bwLogistics, "48130", "2026-11-24", "06:20", CET, "CET", bwLogistics.person(0), List.of(), 1,
                "All depots cannot dispatch; 1,100 users locked out.", "ASTR-2207");
        add("PKT-C030", "CONTACT_MISMATCH: bridge responder's phone differs from the roster",
                s30.exceptionGold("CONTACT_MISMATCH").field("tenant", bwLogistics.id()))
                .manifest(s30.receivedAt(), "zendesk", s30.ticketId(), "SEV1_BRIDGE", null)
                .file("ticket-48130.csv", csv(s30.ticket()))
                .file("bridge.md", utf8(bridgeMarkdown(s30, List.of(bwLogistics.person(0),
                        bwLogistics.person(1).withPhone("+44 7700 900461")), "07:00 CET")))
                .why("Priya Menon is listed with +44 7700 900461; the roster has +44 161 555 0123. Whether she still counts "
                        + "as an approved contact is left unchecked.");

        // C031-C032: IMPACT_AMBIGUOUS.
        final Story s31 = Story.of(halvorsen, "48131", "2026-11-25", "10:05", "Europe/Oslo", "CET", halvorsen.person(1), List.of(), 1,
                "", "ASTR-3302");
        add("PKT-C031", "IMPACT_AMBIGUOUS: no impact stated anywhere",
                Gold.exception("IMPACT_AMBIGUOUS").field("tenant", halvorsen.id()).field("firstObservedAt", s31.startIso()))
                .manifest(s31.receivedAt(), "zendesk", s31.ticketId(), null, null)
                .file("ticket-48131.csv", csv(s31.ticket("Since 10:05 CET SSO sign-in fails with ASTR-3302 after the SAML "
                        + "redirect. Please investigate.", "", "Production")))
                .why("No impact field and no scope in the text. Whether the value is null or UNKNOWN is not checked.");
        final Story s32 = Story.of(fenwick, "48132", "2026-11-25", "09:40", "Europe/London", "GMT", fenwick.person(0), List.of(), 4,
                "One user cannot sign in.", "ASTR-4011");
        add("PKT-C032", "IMPACT_AMBIGUOUS: ticket says 4 - Minor/Localized, email says the whole firm is down",
                Gold.exception("IMPACT_AMBIGUOUS").field("tenant", fenwick.id()).field("firstObservedAt", s32.startIso()))
                .manifest(s32.receivedAt(), "zendesk", s32.ticketId(), null, null)
                .file("ticket-48132.csv", csv(s32.ticket()))
                .file("eleanor.eml", TextFormats.eml(s32.mail("Hello,\n\nsince 09:40 this morning the whole firm is down: all 700 "
                        + "people cannot sign in through SSO (ASTR-4011).\n\nEleanor Fenwick-Shaw\nIT Partner, Fenwick & Hale LLP")));

        // C033-C036: TIMING_UNCERTAIN.
        final Story s33 = Story.of(northgate, "48133", "2026-11-26", "10:05", "UTC", "IST", northgate.person(1), List.of(), 2,
                "Our Dublin and Pune teams (about 500 users) cannot sign in.", "ASTR-4011");
        add("PKT-C033", "TIMING_UNCERTAIN: 'IST' with nothing to settle it (Dublin and Pune teams)",
                Gold.exception("TIMING_UNCERTAIN").field("tenant", northgate.id()).field("productSurface", "sso-federation"))
                .manifest("2026-11-26T12:02:00Z", "zendesk", s33.ticketId(), null, null)
                .file("ticket-48133.csv", csv(new TextFormats.Ticket("48133", s33.subject(), s33.requester().name(),
                        s33.requester().email(), northgate.name(), s33.impactCell(), "Production",
                        java.time.ZonedDateTime.parse("2026-11-26T11:45:10Z"), "Since 10:05 IST our Dublin and Pune teams (about "
                        + "500 users) cannot sign in through SSO; the SAML login ends with ASTR-4011.", List.of())))
                .why("A US/EU tenant, teams in Ireland and India, no email Date or stated zone: IST could be +0530 or Irish "
                        + "time; nothing settles it. firstObservedAt is not checked.");
        final Story s34 = Story.of(bwLogistics, "48134", "2026-11-26", "10:15", CET, "CET", bwLogistics.person(1), List.of(), 2,
                "About 350 warehouse users cannot sign in.", "ASTR-4011");
        add("PKT-C034", "TIMING_UNCERTAIN: ticket says 08:00 UTC, email (+0100) says 10:15 local: 75 minutes apart",
                Gold.exception("TIMING_UNCERTAIN").field("tenant", bwLogistics.id()))
                .why("Two claims of the first failure, 08:00Z and 09:15Z: more than 30 minutes apart. Which one is "
                        + "firstObservedAt is not checked.")
                .manifest(s34.receivedAt(), "zendesk", s34.ticketId(), null, null)
                .file("ticket-48134.csv", csv(s34.ticket("First failures at 08:00 UTC: warehouse users cannot sign in through SSO "
                        + "(ASTR-4011). " + s34.impactLine(), s34.impactCell(), "Production")))
                .file("priya.eml", TextFormats.eml(s34.mail("Hi,\n\nwe have had SSO failures since 10:15 this morning, "
                        + "ASTR-4011 on every login.\n" + s34.impactLine() + "\n\nPriya Menon\nService Desk Manager")));
        final Story s35 = Story.of(vantor, "48135", "2026-11-19", "14:05", "Europe/Zurich", "CEST", vantor.person(1), List.of(), 2,
                "About 450 researchers cannot sign in to the ELN.", "ASTR-4011");
        add("PKT-C035", "TIMING_UNCERTAIN: 'CEST' written in November vs the email's +0100 local time (60 minutes apart)",
                Gold.exception("TIMING_UNCERTAIN").field("tenant", vantor.id()))
                .manifest(s35.receivedAt(), "zendesk", s35.ticketId(), null, null)
                .file("ticket-48135.csv", csv(s35.ticket()))
                .file("jonas.eml", TextFormats.eml(s35.mail()))
                .why("The ticket says 14:05 CEST (= 12:05Z, +0200) but CEST does not apply on 19 November; the email's "
                        + "'since 14:05' in its +0100 Date is 13:05Z. Two claims 60 minutes apart.");
        final Story s36 = Story.of(cobalt, "48136", "2026-11-20", "09:00", "Australia/Perth", "AWST", cobalt.person(1), List.of(), 2,
                "About 300 users at Port Hedland cannot sign in.", "ASTR-4011");
        add("PKT-C036", "TIMING_UNCERTAIN + MANDATORY_FIELD_MISSING: no first-observed time anywhere",
                Gold.exception("TIMING_UNCERTAIN", "MANDATORY_FIELD_MISSING").field("tenant", cobalt.id())
                        .field("firstObservedAt", null))
                .manifest(s36.receivedAt(), "zendesk", s36.ticketId(), null, null)
                .file("ticket-48136.csv", csv(s36.ticket("SSO sign-in fails with ASTR-4011 after the SAML redirect. "
                        + s36.impactLine(), s36.impactCell(), "Production")))
                .why("Neither artifact says when the failure started; the ticket's creation time is when it was reported, "
                        + "not observed. A missing mandatory field is also MANDATORY_FIELD_MISSING.");

        // C037-C041: PRIVACY_SECRET of each kind.
        final Story s37 = Story.of(bwFoods, "48137", "2026-11-23", "08:30", CET, "CET", bwFoods.person(1), List.of(), 1,
                "All 2,300 staff cannot sign in.", "ASTR-2207");
        final String cookie37 = secrets.token(64);
        final String xsrf37 = secrets.token(24);
        add("PKT-C037", "PRIVACY_SECRET: HAR with a session cookie",
                s37.exceptionGold("PRIVACY_SECRET").field("tenant", bwFoods.id()).flags("SECRET_COOKIE").secret(cookie37))
                .manifest(s37.receivedAt(), "zendesk", s37.ticketId(), null, null)
                .file("ticket-48137.csv", csv(s37.ticket()))
                .file("login.har", har(s37, s37.harEntries(bwFoods.prodHost(), bwFoods.prodGuid(), List.of(
                        new String[] {"aster_session", cookie37}, new String[] {"XSRF-TOKEN", xsrf37}), null, null)));
        final Story s38 = Story.of(fenwick, "48138", "2026-11-24", "09:20", "Europe/London", "GMT", fenwick.person(1), List.of(), 2,
                "About 300 fee earners cannot sign in.", "ASTR-4011");
        final String jwt38 = secrets.jwt("https://" + fenwick.prodHost(), "samuel.okoro", 1795000000L);
        add("PKT-C038", "PRIVACY_SECRET: HAR with a bearer JWT in the Authorization header",
                s38.exceptionGold("PRIVACY_SECRET").field("tenant", fenwick.id()).flags("SECRET_AUTH_HEADER", "SECRET_JWT")
                        .secret(jwtCanaries(jwt38)))
                .manifest(s38.receivedAt(), "zendesk", s38.ticketId(), null, null)
                .file("ticket-48138.csv", csv(s38.ticket()))
                .file("devtools.har", har(s38, s38.harEntries(fenwick.prodHost(), fenwick.prodGuid(), List.of(),
                        "Bearer " + jwt38, null)));
        final Story s39 = Story.of(cobalt, "48139", "2026-11-24", "10:10", "Australia/Perth", "AWST", cobalt.person(0),
                List.of(cobalt.person(1)), 1, "All site staff (about 1,400 users) are locked out.", "ASTR-5120");
        final String akia = secrets.awsAccessKeyId();
        final String awsSecret = secrets.awsSecretKey();
        add("PKT-C039", "PRIVACY_SECRET: email with a pasted AWS access key and secret",
                s39.exceptionGold("PRIVACY_SECRET").field("tenant", cobalt.id()).flags("SECRET_API_KEY").secret(akia, awsSecret))
                .manifest(s39.receivedAt(), "email", s39.ticketId(), null, null)
                .file("liam.eml", TextFormats.eml(s39.mail(s39.mailBody() + "\n\nOur IdP connector config, in case it helps:\n"
                        + "[default]\naws_access_key_id = " + akia + "\naws_secret_access_key = " + awsSecret + "\nregion = ap-southeast-2\n")));
        final Story s40 = Story.of(saffron, "48140", "2026-11-25", "08:40", "Asia/Kolkata", "IST", saffron.person(0), List.of(), 1,
                "All 14 properties cannot sign in.", "ASTR-2207");
        final String saml40 = secrets.samlResponse("https://id." + saffron.domain());
        add("PKT-C040", "PRIVACY_SECRET: HAR with a SAMLResponse form post (IST settled by the email's +0530)",
                s40.exceptionGold("PRIVACY_SECRET").field("tenant", saffron.id())
                        .flags("SECRET_SAML_ASSERTION").secret(saml40, saml40.substring(saml40.length() - 60, saml40.length() - 30)))
                .manifest(s40.receivedAt(), "zendesk", s40.ticketId(), null, null)
                .file("aditi.eml", TextFormats.eml(s40.mail("Hello,\n\nsince 08:40 IST nobody can sign in through SSO ("
                        + s40.error() + ").\n" + s40.impactLine() + "\n\nAditi Kulkarni\nHead of IT, Saffron Lane Hotels Pvt Ltd")))
                .file("saml-trace.har", har(s40, s40.harEntries(saffron.prodHost(), saffron.prodGuid(), List.of(), null,
                        "SAMLResponse=" + java.net.URLEncoder.encode(saml40, java.nio.charset.StandardCharsets.UTF_8)
                                + "&RelayState=%2Fpms")));
        final Story s41 = Story.of(halvorsen, "48141", "2026-11-26", "07:15", "Europe/Oslo", "CET", halvorsen.person(0), List.of(), 3,
                "Crew portal users on the vessels (about 120 people) cannot sign in.", "ASTR-3302");
        final String password41 = secrets.password();
        add("PKT-C041", "PRIVACY_SECRET: plain-text note with a test account password",
                s41.exceptionGold("PRIVACY_SECRET").field("tenant", halvorsen.id()).flags("SECRET_PASSWORD").secret(password41))
                .manifest(s41.receivedAt(), "zendesk", s41.ticketId(), null, null)
                .file("ticket-48141.csv", csv(s41.ticket()))
                .file("notes.txt", utf8("Repro steps from Ingrid\n\n1. Open the crew portal\n2. Sign in as the test account\n"
                        + "   username: crewtest@halvorsen-maritime.example\n   password: " + password41
                        + "\n3. After the SAML redirect the page shows ASTR-3302\n"));

        // C042-C043: PRIVACY_PERSONAL_DATA.
        final Story s42 = Story.of(tidewell, "48142", "2026-11-23", "11:45", "Europe/London", "GMT", tidewell.person(0), List.of(), 2,
                "The Bristol office (about 150 brokers) cannot sign in.", "ASTR-4011");
        final String card = luhnCard();
        add("PKT-C042", "PRIVACY_PERSONAL_DATA: CRM CSV with a payment card number",
                s42.exceptionGold("PRIVACY_PERSONAL_DATA").field("tenant", tidewell.id()).field("responseTier", "TIER3_8H")
                        .flags("PII_PAYMENT_CARD").secret(card, card.replace(" ", "")))
                .manifest(s42.receivedAt(), "zendesk", s42.ticketId(), null, null)
                .file("ticket-48142.csv", csv(s42.ticket()))
                .file("crm-account.csv", utf8("Account Name,Account ID,Support Plan,Billing Card,Account Owner\r\n\"" + tidewell.name()
                        + "\"," + tidewell.crmId() + ",Essentials," + card + ",Gareth Lyle (Aster Access)\r\n"));
        final Story s43 = Story.of(northgate, "48143", "2026-11-24", "08:05", "America/Chicago", "CST", northgate.person(0), List.of(), 3,
                "About 60 new hires cannot sign in.", "ASTR-3302");
        final String ssn = ssn();
        add("PKT-C043", "PRIVACY_PERSONAL_DATA: email with an employee's social security number",
                s43.exceptionGold("PRIVACY_PERSONAL_DATA").without("businessImpact").field("tenant", northgate.id()).flags("PII_NATIONAL_ID").secret(ssn))
                .manifest(s43.receivedAt(), "email", s43.ticketId(), null, null)
                .why("'About 60 new hires' out of a 3,800-user tenant could be MINOR or MODERATE; businessImpact is not checked.")
                .file("dana.eml", TextFormats.eml(s43.mail(s43.mailBody() + "\n\nOne affected new hire for your checks: "
                        + "Marisol Vega, SSN " + ssn + ", employee 40817.")));

        // C044: MANDATORY_FIELD_MISSING: nothing names the product surface.
        final Story s44 = Story.of(bwFoods, "48144", "2026-11-25", "07:55", CET, "CET", bwFoods.person(0), List.of(), 3,
                "About 80 users in Cork are affected; the other sites are fine.", "0x80070005");
        add("PKT-C044", "MANDATORY_FIELD_MISSING: nothing in the packet names a product surface",
                Gold.exception("MANDATORY_FIELD_MISSING").field("tenant", bwFoods.id()).field("productSurface", null)
                        .field("firstObservedAt", s44.startIso()))
                .manifest(s44.receivedAt(), "zendesk", s44.ticketId(), null, null)
                .file("ticket-48144.csv", csv(new TextFormats.Ticket(s44.ticketId(), "Intranet error page in Cork",
                        s44.requester().name(), s44.requester().email(), bwFoods.name(), s44.impactCell(), "Production",
                        s44.created(), "Since 07:55 CET staff in Cork get an error page (0x80070005) when they open the intranet. "
                        + s44.impactLine(), List.of())))
                .file("niamh.eml", TextFormats.eml(new TextFormats.Mail("48144.cork@mail.brightwater-foods.example",
                        s44.requester().mailbox(), List.of(Story.SUPPORT), List.of(), "[#48144] Intranet error page in Cork",
                        s44.start().plusMinutes(19), "Hello,\n\nsince 07:55 this morning our Cork staff get an error "
                        + "page (0x80070005) when they open the intranet.\n" + s44.impactLine()
                        + "\n\nNiamh Costello\nIT Operations Lead, Brightwater Foods plc", true, null, null)))
                .why("Neither artifact mentions sign-in, SSO, SAML, MFA, provisioning or the admin console: the product "
                        + "surface cannot be told, and it is mandatory. A guess would be a fabrication.");

        // C045: TIMING_UNCERTAIN + IMPACT_AMBIGUOUS.
        final Story s45 = Story.of(halvorsen, "48145", "2026-11-26", "09:30", "Europe/Oslo", "CEST", halvorsen.person(1),
                List.of(), 2, "About 200 office staff cannot sign in.", "ASTR-4011");
        add("PKT-C045", "TIMING_UNCERTAIN + IMPACT_AMBIGUOUS: 'CEST' in November vs +0100 email; 2 - Significant vs 'two users'",
                Gold.exception("TIMING_UNCERTAIN", "IMPACT_AMBIGUOUS").field("tenant", halvorsen.id()))
                .manifest(s45.receivedAt(), "zendesk", s45.ticketId(), null, null)
                .file("ticket-48145.csv", csv(s45.ticket()))
                .file("magnus.eml", TextFormats.eml(s45.mail("Hi,\n\nsince 09:30 this morning SSO fails with ASTR-4011, "
                        + "but only two users have reported it so far.\n\nMagnus Eide\nPlatform Engineer, Halvorsen Maritime AS")))
                .why("09:30 CEST = 07:30Z vs 09:30 in the email's +0100 = 08:30Z: 60 minutes apart. Impact: the ticket's "
                        + "'about 200 office staff' and 2 - Significant/Large against the email's 'only two users'.");

        // C046: ENTITLEMENT_MISSING + CONTACT_MISMATCH.
        final Story s46 = Story.of(ostrava, "48146", "2026-11-25", "07:40", "Europe/Prague", "CET", ostrava.person(2), List.of(), 1,
                "All dispatch staff (about 900 users) cannot sign in.", "ASTR-2207");
        add("PKT-C046", "ENTITLEMENT_MISSING + CONTACT_MISMATCH: expired tenant, requester not approved",
                s46.exceptionGold("ENTITLEMENT_MISSING", "CONTACT_MISMATCH").field("tenant", ostrava.id())
                        .field("responseTier", null))
                .manifest(s46.receivedAt(), "zendesk", s46.ticketId(), null, null)
                .why("Jana Svobodova is on the roster but not approved and the only person named: approvedContacts ([] or null) is not checked.")
                .file("ticket-48146.csv", csv(s46.ticket()))
                .file("jana.eml", TextFormats.eml(s46.mail()));

        // C047: TENANT_UNRESOLVED + PRIVACY_SECRET.
        final Tenant granite = new Tenant("-", "Granite Harbor Credit Union", "Granite Harbor", "graniteharbor.example",
                ReferenceData.guid("granite"), ReferenceData.guid("granite-t"), "granite-harbor", "-", List.of("US"),
                List.of(p(null, "Wes Thornton", "wes.thornton@graniteharbor.example", "+1 207 555 0134", "IT Manager", false)));
        final Story s47 = Story.of(granite, "52047", "2026-11-26", "08:15", "America/New_York", "EST", granite.person(0), List.of(), 1,
                "All branches (about 300 staff) cannot sign in.", "ASTR-2207");
        final String cookie47 = secrets.token(48);
        final String jwt47 = secrets.jwt("https://" + granite.prodHost(), "wes.thornton", 1795100000L);
        add("PKT-C047", "TENANT_UNRESOLVED + PRIVACY_SECRET: unknown company, HAR with cookie and bearer JWT",
                Gold.exception("TENANT_UNRESOLVED", "PRIVACY_SECRET").field("tenant", null)
                        .flags("SECRET_COOKIE", "SECRET_AUTH_HEADER", "SECRET_JWT").secret(cookie47).secret(jwtCanaries(jwt47)))
                .manifest(s47.receivedAt(), "zendesk", s47.ticketId(), null, null)
                .file("zendesk-52047.json", TextFormats.zendeskJson(s47.ticket()))
                .file("branch-login.har", har(s47, s47.harEntries(granite.prodHost(), granite.prodGuid(),
                        List.<String[]>of(new String[] {"aster_session", cookie47}), "Bearer " + jwt47, null)));
    }

    private String luhnCard() {
        final int[] d = new int[16];
        d[0] = 4;
        final byte[] r = secrets.bytes(15);
        for (int i = 1; i < 15; i++) {
            d[i] = (r[i] & 0xff) % 10;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[14 - i];
            if (i % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append(' ');
            }
            b.append(d[i]);
        }
        return b.toString();
    }

    private String ssn() {
        final byte[] r = secrets.bytes(6);
        final int area = 100 + ((r[0] & 0xff) * 256 + (r[1] & 0xff)) % 565;
        final int group = 1 + (r[2] & 0xff) % 98;
        final int serial = 1 + ((r[3] & 0xff) * 256 + (r[4] & 0xff)) % 9998;
        return String.format(java.util.Locale.ROOT, "%03d-%02d-%04d", area == 666 ? 667 : area, group, serial);
    }
}
