package dev.handoff.extraction.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class EmlDateParserTest {

    @Test
    void shouldKeepWrittenOffsetWhenDateHasZoneComment() {
        // Given
        final String raw = "Fri, 20 Nov 2026 09:14:00 -0800 (PST)";

        // When
        final OffsetDateTime date = EmlDateParser.parse(raw);

        // Then
        assertThat(date).isNotNull();
        assertThat(EmlDateParser.zone(date)).isEqualTo("-08:00");
        assertThat(date.toInstant()).hasToString("2026-11-20T17:14:00Z");
    }

    @Test
    void shouldReadObsoleteTwoDigitYearsAndUtZone() {
        // Given
        final String nineties = "21 Nov 97 09:55:06 GMT";
        final String ut = "Tue, 6 Jun 2000 03:20:11 UT";

        // When
        final OffsetDateTime first = EmlDateParser.parse(nineties);
        final OffsetDateTime second = EmlDateParser.parse(ut);

        // Then
        assertThat(first.toInstant()).hasToString("1997-11-21T09:55:06Z");
        assertThat(second.toInstant()).hasToString("2000-06-06T03:20:11Z");
        assertThat(EmlDateParser.zone(second)).isEqualTo("Z");
    }

    @Test
    void shouldGiveNoDateWhenTextIsNotAnRfc5322Date() {
        // Given
        final String polish = "Pn, 29 paX 2007 21:13:00 +0100";

        // When
        final OffsetDateTime date = EmlDateParser.parse(polish);

        // Then
        assertThat(date).isNull();
    }

    @Test
    void shouldReadDateWhoseWeekdayIsWrong() {
        // Given
        final String raw = "Thu, 20 Nov 2026 09:14:00 +0100";

        // When
        final OffsetDateTime date = EmlDateParser.parse(raw);

        // Then
        assertThat(date).isNotNull();
        assertThat(date.toInstant()).hasToString("2026-11-20T08:14:00Z");
    }
}
