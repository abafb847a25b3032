package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OcrGuidRepairTest {

    @Test
    void shouldRepairTypicalOcrGarbling() {
        // Given
        final String line = "Tenant: 6fle0b9a-OcdS-4l2B-9e7Z-c8674de1225G please check";

        // When
        final List<OcrGuidRepair.Repair> found = OcrGuidRepair.find(line);

        // Then
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.guid()).isEqualTo("6f1e0b9a-0cd5-4128-9e72-c8674de12256");
            assertThat(r.repaired()).isTrue();
            assertThat(r.original()).isEqualTo("6fle0b9a-OcdS-4l2B-9e7Z-c8674de1225G");
            assertThat(line.substring(r.start(), r.end())).isEqualTo(r.original());
        });
    }

    @Test
    void shouldJoinGuidSplitBySpacesAndKeepNeighbouringWordsOut() {
        // Given
        final String line = "Event ID: f6a7 5b3 5-ccfd-4529-8fdd-c867 4de12254.";

        // When
        final List<OcrGuidRepair.Repair> found = OcrGuidRepair.find(line);

        // Then
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.guid()).isEqualTo("f6a75b35-ccfd-4529-8fdd-c8674de12254");
            assertThat(r.original()).isEqualTo("f6a7 5b3 5-ccfd-4529-8fdd-c867 4de12254");
        });
    }

    @Test
    void shouldKeepUpperCaseBInUpperCaseGuidAndReportExactOnesAsNotRepaired() {
        // Given
        final String upper = "ID 72F988BF-86F1-41AF-91AB-2D7CD011DB47";
        final String exact = "directory 0b9a6f1e-1111-4c2d-8e3f-123456789abc";

        // When
        final List<OcrGuidRepair.Repair> upperFound = OcrGuidRepair.find(upper);
        final List<OcrGuidRepair.Repair> exactFound = OcrGuidRepair.find(exact);

        // Then
        assertThat(upperFound).singleElement().satisfies(r ->
                assertThat(r.guid()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47"));
        assertThat(exactFound).singleElement().satisfies(r -> assertThat(r.repaired()).isFalse());
    }

    @Test
    void shouldIgnoreHashesAndOrdinaryText() {
        // Given
        final String line = "sha 9e107d9d372bb6826bd81d3542a419d6 and Something went wrong at 07:05";

        // When
        final List<OcrGuidRepair.Repair> found = OcrGuidRepair.find(line);

        // Then
        assertThat(found).isEmpty();
    }
}
