package dev.handoff.cli.integration;

import dev.handoff.cli.SharedFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.handoff.avro.ContactValue;
import dev.handoff.avro.Decision;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldResult;
import dev.handoff.avro.Notice;
import dev.handoff.avro.TraceStep;
import dev.handoff.cli.PacketDirectory;
import dev.handoff.cli.Pipeline;
import dev.handoff.core.Codes;
import dev.handoff.core.ReferenceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 "Reference data" over the real broker and registry: reference records change while the services
 * run, and the next packet of the same tenant is decided on, and cites, the new record (a replaced
 * entitlement with another plan, a tombstoned contact). Base data: the contract examples' reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceUpdateIT {

    /** {@code ref:entitlements/<id>@<topic>-<partition>@<offset>}: the version the normalizer stamps. */
    private static final Pattern VERSIONED = Pattern.compile("ref:entitlements/([^@]+)@(.+)-(\\d+)@(\\d+)");
    private static final String TENANT = "TEN-7001";
    private static final String ENTITLEMENT = "ENT-7001-A";
    private static final String REMOVED_CONTACT = "C-7001-2";

    private EmbeddedPipeline embedded;
    private Pipeline pipeline;
    private Path shared;
    @TempDir
    Path packetsDir;

    @BeforeAll
    void startPipeline() throws Exception {
        shared = SharedFiles.shared().orElse(null);
        assumeThat(shared).as("shared/contract beside the repository").isNotNull();
        embedded = EmbeddedPipeline.start(Map.of());
        pipeline = embedded.pipeline();
    }

    @AfterAll
    void stopPipeline() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void shouldDecideAndCiteReplacedEntitlementWhenItChangesBetweenTwoPacketsOfSameTenant() throws Exception {
        // Given the examples' reference (ENT-7001-A on Signature Care, TIER1_15MIN) and a first packet of TEN-7001
        pipeline.publishReference(ReferenceFiles.read(shared.resolve("contract/examples/reference")));
        final Decision first = decide(packet("PKT-REF-ENT-1"));
        final FieldResult tierBefore = first.getFields().getResponseTier();
        assertThat(first.getFields().getTenant().getValue()).isEqualTo(TENANT);
        assertThat(tierBefore.getValue()).isEqualTo("TIER1_15MIN");
        assertThat(tierBefore.getEvidence()).contains(new Evidence("ref", "ref:entitlements/" + ENTITLEMENT, "Signature Care"));
        final long offsetBefore = entitlementOffset(tierBefore);

        // When a replacing entitlement line (same key, Foundation Care) is published while the services run
        pipeline.publishReference(List.of(ReferenceFiles.parse(ReferenceFiles.Kind.ENTITLEMENTS,
                "{\"entitlementId\": \"" + ENTITLEMENT + "\", \"tenantId\": \"" + TENANT + "\", \"plan\": \"Foundation Care\","
                        + " \"status\": \"ACTIVE\", \"validFrom\": \"2026-01-01\", \"validTo\": \"2026-12-31\"}",
                "ReferenceUpdateIT", 1)));
        final Decision second = decide(packet("PKT-REF-ENT-2"));

        // Then the second packet of the same tenant gets the new plan's tier, citing the new record version
        final FieldResult tierAfter = second.getFields().getResponseTier();
        assertThat(second.getFields().getTenant().getValue()).isEqualTo(TENANT);
        assertThat(tierAfter.getValue()).isEqualTo("TIER3_8H");
        assertThat(tierAfter.getEvidence()).contains(new Evidence("ref", "ref:entitlements/" + ENTITLEMENT, "Foundation Care"));
        assertThat(tierAfter.getEvidence()).noneMatch(e -> "Signature Care".equals(e.getExcerpt()));
        assertThat(entitlementOffset(tierAfter)).isGreaterThan(offsetBefore);
    }

    @Test
    void shouldNoLongerApproveContactWhenRosterEntryIsTombstoned() throws Exception {
        // Given the examples' reference, where Matthias Ebner (C-7001-2) is approved, and a packet naming him
        pipeline.publishReference(ReferenceFiles.read(shared.resolve("contract/examples/reference")));
        final Decision before = decide(packet("PKT-REF-CONTACT-1"));
        assertThat(contactIds(before)).contains("C-7001-1", REMOVED_CONTACT);

        // When his roster entry is deleted (a tombstone line) while the services run
        pipeline.publishReference(List.of(ReferenceFiles.parse(ReferenceFiles.Kind.CONTACTS,
                "{\"contactId\": \"" + REMOVED_CONTACT + "\", \"deleted\": true}", "ReferenceUpdateIT", 1)));
        final Decision after = decide(packet("PKT-REF-CONTACT-2"));

        // Then a packet naming him no longer lists him as approved, and the contact mismatch routes it
        assertThat(contactIds(after)).contains("C-7001-1").doesNotContain(REMOVED_CONTACT);
        final List<Notice> mismatches = after.getReasons().stream()
                .filter(n -> Codes.CONTACT_MISMATCH.equals(n.getCode())).toList();
        assertThat(mismatches).isNotEmpty();
        assertThat(mismatches).anySatisfy(n -> assertThat(n.getMessage()).contains("Matthias Ebner"));
    }

    private Decision decide(final Path packet) throws IOException {
        final List<PacketDirectory> packets = Pipeline.readPackets(packet);
        final Map<String, String> submissions = pipeline.publishPackets(packets);
        return pipeline.awaitDecisions(submissions, Duration.ofMinutes(5)).get(0);
    }

    /** A packet of TEN-7001 from the contract example's ticket and email (Leonie writes, Matthias is copied). */
    private Path packet(final String packetId) throws IOException {
        final Path example = shared.resolve("contract/examples/packets/PKT-EX-0001");
        final Path dir = Files.createDirectories(packetsDir.resolve(packetId + "-" + UUID.randomUUID().toString().substring(0, 8)));
        Files.copy(example.resolve("ticket-9001.csv"), dir.resolve("ticket-9001.csv"));
        Files.copy(example.resolve("leonie.eml"), dir.resolve("leonie.eml"));
        Files.writeString(dir.resolve(PacketDirectory.MANIFEST), "{\"packetId\": \"" + dir.getFileName()
                + "\", \"receivedAt\": \"2026-10-14T08:00:00Z\", \"source\": \"email\"}", StandardCharsets.UTF_8);
        return dir;
    }

    /** The offset of the entitlement record version named in the tier's trace. */
    private static long entitlementOffset(final FieldResult tier) {
        final List<String> refs = tier.getTrace().stream().map(TraceStep::getReference)
                .filter(r -> r != null && r.startsWith("ref:entitlements/" + ENTITLEMENT + "@")).toList();
        assertThat(refs).as("trace names the entitlement record's version: %s", tier.getTrace()).hasSize(1);
        final Matcher m = VERSIONED.matcher(refs.get(0));
        assertThat(m.matches()).as(refs.get(0)).isTrue();
        assertThat(m.group(2)).isEqualTo("handoff.ref.entitlements");
        return Long.parseLong(m.group(4));
    }

    @SuppressWarnings("unchecked")
    private static List<String> contactIds(final Decision d) {
        final Object v = d.getFields().getApprovedContacts().getValue();
        assertThat(v).as("approvedContacts value").isInstanceOf(List.class);
        return ((List<ContactValue>) v).stream().map(ContactValue::getContactId).toList();
    }
}
