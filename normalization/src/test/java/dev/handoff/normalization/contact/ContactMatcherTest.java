package dev.handoff.normalization.contact;

import static dev.handoff.normalization.TestReference.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.normalization.ReferenceUsage;
import dev.handoff.normalization.TestReference;
import dev.handoff.normalization.tenant.AliasIndex;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactMatcherTest {

    private final ContactMatcher matcher = new ContactMatcher(
            AliasIndex.of(List.of(TestReference.brightlakeCeramics(), TestReference.quarryPeak())), "AT");

    private NormalizedValue match(final Candidate c, final List<ContactRecord> roster) {
        return matcher.match(List.of(c), roster, Set.of(), new ReferenceUsage()).get(0);
    }

    private static Candidate person(final String value, final String... attributes) {
        return candidate("approvedContacts", MentionType.PERSON, value, "mail.eml", "eml:message=<a@b>,header=From",
                attributes);
    }

    @Test
    void shouldMatchByEmailAndCiteTheRosterRecord() {
        // Given
        final Candidate c = person("Leonie.Wachter@Brightlake-Ceramics.example", "participation", "SENDER",
                "name", "Leonie Wachter", "email", "Leonie.Wachter@Brightlake-Ceramics.example");

        // When
        final NormalizedValue v = match(c, TestReference.contacts());

        // Then
        assertThat(v.getValue()).isEqualTo("C-7001-1");
        assertThat(v.getContact().getMatchedBy()).isEqualTo("EMAIL");
        assertThat(v.getContact().getSide()).isEqualTo("CUSTOMER");
        assertThat(v.getContact().getApproved()).isTrue();
        assertThat(v.getContact().getMismatches()).isEmpty();
        assertThat(v.getEvidence()).contains(new Evidence("ref", "ref:contacts/C-7001-1",
                "leonie.wachter@brightlake-ceramics.example"));
    }

    @Test
    void shouldRecordEmailMismatchWhenMatchedByNameOnly() {
        // Given the roster name written with a diacritic and a private address
        final Candidate c = person("Léonie Wachter", "participation", "REQUESTER", "name", "Léonie Wachter",
                "email", "leonie.w@brightlake-ceramics.example");

        // When
        final NormalizedValue v = match(c, TestReference.contacts());

        // Then
        assertThat(v.getValue()).isEqualTo("C-7001-1");
        assertThat(v.getContact().getMatchedBy()).isEqualTo("NAME");
        assertThat(v.getContact().getMismatches()).containsExactly("email differs from roster");
        assertThat(v.getEvidence()).contains(new Evidence("ref", "ref:contacts/C-7001-1", "Leonie Wachter"));
    }

    @Test
    void shouldRecordPhoneMismatchButAcceptTheSameNumberWrittenNationally() {
        // Given
        final Candidate other = person("Matthias Ebner", "name", "Matthias Ebner", "phone", "+43 1 5550 9999");
        final Candidate same = person("Matthias Ebner", "name", "Matthias Ebner", "phone", "01 55504422");

        // When
        final NormalizedValue differs = match(other, TestReference.contacts());
        final NormalizedValue agrees = match(same, TestReference.contacts());

        // Then
        assertThat(differs.getContact().getMismatches()).containsExactly("phone differs from roster");
        assertThat(agrees.getContact().getMismatches()).isEmpty();
    }

    @Test
    void shouldSetSharedMailboxAndVendorStaffApart() {
        // Given
        final Candidate mailbox = person("help@aster-access.example", "participation", "RECIPIENT");
        final Candidate vendor = person("Sam Rivera", "name", "Sam Rivera", "email", "sam.rivera@aster-access.example");

        // When
        final NormalizedValue m = match(mailbox, TestReference.contacts());
        final NormalizedValue s = match(vendor, TestReference.contacts());

        // Then
        assertThat(m.getValue()).isNull();
        assertThat(m.getContact().getSide()).isEqualTo("SHARED_MAILBOX");
        assertThat(s.getValue()).isNull();
        assertThat(s.getContact().getSide()).isEqualTo("VENDOR");
    }

    @Test
    void shouldNotMatchTombstonedContact() {
        // Given a view where C-7001-2 was deleted by a tombstone
        final List<ContactRecord> roster = TestReference.contacts().stream()
                .filter(r -> !r.getContactId().equals("C-7001-2")).toList();
        final Candidate c = person("matthias.ebner@brightlake-ceramics.example", "participation", "CC",
                "name", "Matthias Ebner");

        // When
        final NormalizedValue v = match(c, roster);

        // Then still a customer (tenant domain), but on no roster
        assertThat(v.getValue()).isNull();
        assertThat(v.getContact().getContactId()).isNull();
        assertThat(v.getContact().getSide()).isEqualTo("CUSTOMER");
    }
}
