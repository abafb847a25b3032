package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.SegmentContext;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.RealCorpus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpreadsheetReaderTest {

    private final SpreadsheetReader reader = new SpreadsheetReader();

    private ArtifactContent read(final String name, final byte[] bytes) {
        return reader.read(new ArtifactInput(name, null, bytes), ReaderTestSupport.classify(name, bytes), ReadLimits.defaults());
    }

    @Test
    void shouldReadLabelValuePlanAndQuoteSheetNameWithSpace() {
        // When
        final ArtifactContent content = read("Book1.xlsx", GeneratedFixtures.crmWorkbook());

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.PLAN_CLAIM))
                .anyMatch(c -> c.getValue().equals("Premier") && c.getEvidence().getLocator().equals("xlsx:'Account Overview'!B4")
                        && !c.getAttributes().containsKey("hidden"));
        assertThat(ReaderTestSupport.ofType(content, MentionType.ORG_NAME))
                .anyMatch(c -> c.getValue().equals("Alpenglas Werke AG")
                        && c.getEvidence().getLocator().equals("xlsx:'Account Overview'!B3"));
        assertThat(ReaderTestSupport.ofType(content, MentionType.CRM_ACCOUNT_ID)).extracting(Candidate::getValue)
                .containsExactly("0015g00000AbCdEAAX");
    }

    @Test
    void shouldGiveIsoDatesInEntitlementAndShownTextAsExcerpt() {
        // When
        final ArtifactContent content = read("Book1.xlsx", GeneratedFixtures.crmWorkbook());

        // Then
        final Candidate active = ReaderTestSupport.ofType(content, MentionType.ENTITLEMENT_CLAIM).stream()
                .filter(c -> !c.getAttributes().containsKey("hidden")).findFirst().orElseThrow();
        assertThat(active.getValue()).isEqualTo("status=Active;validFrom=2026-01-01;validTo=2026-12-31");
        assertThat(active.getEvidence().getLocator()).isEqualTo("xlsx:Entitlements!B2");
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("xlsx:Entitlements!C2")
                && s.text().equals("01.01.2026") && "Valid From".equals(s.context(SegmentContext.FIELD)));
    }

    @Test
    void shouldFlagHiddenSheetAsArchivedData() {
        // When
        final ArtifactContent content = read("Book1.xlsx", GeneratedFixtures.crmWorkbook());

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.PLAN_CLAIM))
                .anyMatch(c -> c.getValue().equals("Standard") && "true".equals(c.getAttributes().get("hidden"))
                        && c.getEvidence().getLocator().equals("xlsx:'Archive 2024'!A2"));
        assertThat(content.segments()).filteredOn(s -> s.locateAll().startsWith("xlsx:'Archive 2024'!"))
                .isNotEmpty().allMatch(s -> s.is(SegmentContext.HIDDEN));
        assertThat(content.attributes()).containsEntry("hiddenSheets", "Archive 2024");
    }

    @Test
    void shouldReadContactRowsAsMentionedPeople() {
        // When
        final ArtifactContent content = read("Book1.xlsx", GeneratedFixtures.crmWorkbook());

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON)).singleElement().satisfies(p -> {
            assertThat(p.getEvidence().getLocator()).isEqualTo("xlsx:Contacts!A2");
            assertThat(p.getAttributes()).containsEntry("participation", "MENTION")
                    .containsEntry("email", "jonas.berger@alpenglas.example")
                    .containsEntry("phone", "+43 660 555 0142").containsEntry("personRole", "IT admin");
        });
    }

    @Test
    void shouldLocateRosterPlaceholderCellsOfRealXlsx() {
        // Given the real roster form whose only sheet "Printing Options" has Firstname/Lastname/Phone headers
        final byte[] bytes = RealCorpus.bytes(RealCorpus.root().resolve("spreadsheets/phpspreadsheet_contact_roster_placeholder.xlsx"));

        // When
        final ArtifactContent content = read("Book1.xlsx", bytes);

        // Then
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("xlsx:'Printing Options'!A3") && s.text().equals("FName 3"));
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON))
                .anyMatch(p -> p.getValue().equals("FName 3 LName 3") && "PhoneNo 3".equals(p.getAttributes().get("phone")));
    }

    @Test
    void shouldReadRealOdsDateCellsAsIsoValues() {
        // Given
        final byte[] bytes = RealCorpus.bytes(RealCorpus.root().resolve("time/phpspreadsheet_mixed_date_formats.ods"));

        // When
        final ArtifactContent content = read("dates.ods", bytes);

        // Then
        assertThat(content.readable()).isTrue();
        assertThat(content.segments()).anyMatch(s -> s.locateAll().matches("xlsx:[^!]+![A-Z]+\\d+") && s.text().contains("2025"));
    }

    @Test
    void shouldReadGermanContactListOds() {
        // Given
        final byte[] bytes = RealCorpus.bytes(RealCorpus.root().resolve("spreadsheets/phpspreadsheet_german_contact_list.ods"));

        // When
        final ArtifactContent content = read("Kontakte.ods", bytes);

        // Then
        assertThat(content.segments()).anyMatch(s -> s.text().equals("Vorname"));
        assertThat(ReaderTestSupport.ofType(content, MentionType.PERSON)).isNotEmpty();
    }

    @Test
    void shouldReadAccountColumnOfRealSalesforceCsvFromRowTwo() {
        // Given
        final byte[] bytes = RealCorpus.bytes(RealCorpus.root().resolve("spreadsheets/salesforce_ebikes_accounts.csv"));

        // When
        final ArtifactContent content = read("export.csv", bytes);

        // Then
        assertThat(ReaderTestSupport.ofType(content, MentionType.ORG_NAME))
                .extracting(Candidate::getValue, c -> c.getEvidence().getLocator())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Wheelworks", "csv:row=2,col=Account Name"),
                        org.assertj.core.groups.Tuple.tuple("Northern Trail Cycling", "csv:row=3,col=Account Name"),
                        org.assertj.core.groups.Tuple.tuple("Trailblazers", "csv:row=4,col=Account Name"));
    }

    @Test
    void shouldLabelFormValueButSkipPlaceholderWhenRealWorkRequestForm() {
        // Given the real M2M form: "Customers Account Name:" followed by "N/A" in BB3
        final byte[] bytes = RealCorpus.bytes(RealCorpus.root().resolve("spreadsheets/phpspreadsheet_m2m_work_request_form.xlsx"));

        // When
        final ArtifactContent content = read("form.xlsx", bytes);

        // Then
        assertThat(content.segments()).anyMatch(s -> s.locateAll().equals("xlsx:'M2M Work Request Form'!BB3")
                && s.text().equals("N/A") && "Customers Account Name:".equals(s.context(SegmentContext.FIELD)));
        assertThat(ReaderTestSupport.ofType(content, MentionType.ORG_NAME)).isEmpty();
    }

    @Test
    void shouldFlagHiddenOdsSheetAndQuoteItsName() throws Exception {
        // Given an ODS whose second table uses a table style with table:display="false"
        final String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
                + "<office:automatic-styles><style:style style:name=\"ta2\" style:family=\"table\">"
                + "<style:table-properties table:display=\"false\"/></style:style></office:automatic-styles>"
                + "<office:body><office:spreadsheet>"
                + "<table:table table:name=\"Current\"><table:table-row>"
                + "<table:table-cell><text:p>Support plan</text:p></table:table-cell>"
                + "<table:table-cell table:number-columns-repeated=\"3\"/>"
                + "<table:table-cell><text:p>Premier</text:p></table:table-cell></table:table-row></table:table>"
                + "<table:table table:name=\"Old plans\" table:style-name=\"ta2\">"
                + "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell/></table:table-row><table:table-row>"
                + "<table:table-cell><text:p>Support plan</text:p></table:table-cell>"
                + "<table:table-cell><text:p>Standard</text:p></table:table-cell></table:table-row></table:table>"
                + "</office:spreadsheet></office:body></office:document-content>";
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.spreadsheet".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            zip.putNextEntry(new java.util.zip.ZipEntry("content.xml"));
            zip.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        // When
        final ArtifactContent read = read("plans.ods", out.toByteArray());

        // Then
        assertThat(ReaderTestSupport.ofType(read, MentionType.PLAN_CLAIM))
                .extracting(Candidate::getValue, c -> c.getEvidence().getLocator(), c -> c.getAttributes().get("hidden"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Premier", "xlsx:Current!E1", null),
                        org.assertj.core.groups.Tuple.tuple("Standard", "xlsx:'Old plans'!B3", "true"));
    }

    @Test
    void shouldRefuseZipBombWorkbookEvenAfterTikaSwitchedCheckOff() throws Exception {
        // Given 64 MB of zeros deflated into a few hundred KB, and the JVM-wide check switched off as Tika does
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(-1.0);
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            zip.write(new byte[64 * 1024 * 1024]);
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("bomb.xlsx", null, out.toByteArray()),
                ReaderTestSupport.classification(dev.handoff.avro.ArtifactKind.CRM_SNAPSHOT,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ReadLimits.defaults()))
                .hasMessage("XLSX refused: its compression ratio or entry size suggests a zip bomb");
    }

    @Test
    void shouldRefuseTruncatedWorkbookWithOneLineMessage() {
        // Given
        final byte[] whole = GeneratedFixtures.crmWorkbook();
        final byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        // When / Then
        assertThatThrownBy(() -> reader.read(new ArtifactInput("cut.xlsx", null, cut),
                ReaderTestSupport.classification(dev.handoff.avro.ArtifactKind.CRM_SNAPSHOT,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ReadLimits.defaults()))
                .hasMessageStartingWith("XLSX cannot be opened");
    }
}
