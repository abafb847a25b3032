package dev.handoff.normalization.time;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What a time expression says, before any zone or anchor is applied: the date readings it allows
 * (two for 03/04/2026), the wall-clock time, and every zone hint as written.
 *
 * @param dates        date readings; empty when the text has no date (the anchor supplies it)
 * @param time         the wall-clock time, or null for a date alone
 * @param dayShift     days relative to the anchor date ("yesterday" is -1)
 * @param relativeWord the relative phrase as written, or null
 * @param weekday      a weekday named instead of a date ("since Monday"), or null
 * @param offset       an explicit numeric offset (or UTC/GMT/Z), or null
 * @param offsetText   the offset as written
 * @param abbreviation a zone abbreviation as written (IST, CEST), or null
 * @param place        a zone named by a place or region ("Vienna time", "Mountain"), or null
 * @param placeText    the place as written
 * @param approximate  "around", "about", "~"
 */
public record ParsedTime(List<DateReading> dates, LocalTime time, int dayShift, String relativeWord,
                         DayOfWeek weekday, ZoneOffset offset, String offsetText, String abbreviation,
                         ZoneId place, String placeText, boolean approximate) {

    /** One reading of a written date; {@code year} is null when the text gives none. */
    public record DateReading(Integer year, int month, int day, String order, boolean ambiguousOrder) {
    }

    /** The zone as written, for the parse step ("CEST", "Vienna time (CEST)", "+02:00", "" when none). */
    public String zoneText() {
        final StringBuilder b = new StringBuilder();
        if (placeText != null) {
            b.append(placeText);
        }
        if (abbreviation != null) {
            b.append(b.length() > 0 ? " (" + abbreviation + ")" : abbreviation);
        }
        if (offsetText != null) {
            b.append(b.length() > 0 ? " " : "").append(offsetText);
        }
        return b.toString();
    }
}
