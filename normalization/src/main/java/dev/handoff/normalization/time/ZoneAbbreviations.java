package dev.handoff.normalization.time;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our own table of zone abbreviations and place names. java.time's {@code z} pattern must never read
 * abbreviations (it takes IST as UTC+0 and BST as +11:00); here an abbreviation keeps every zone it can
 * mean, with its literal offset and whether it names daylight time, so a season mismatch is visible.
 */
public final class ZoneAbbreviations {

    /**
     * One meaning of an abbreviation: {@code offset} is what the letters literally say, {@code rules} the
     * zone whose calendar tells whether that offset is in season, {@code daylight} whether the letters
     * name summer time (null for zones without DST).
     */
    public record Reading(String abbreviation, String label, ZoneId rules, ZoneOffset offset, Boolean daylight) {
    }

    private static final Map<String, List<Reading>> ABBREVIATIONS = new LinkedHashMap<>();
    private static final Map<String, ZoneId> PLACES = new HashMap<>();

    static {
        fixed("UTC", "Coordinated Universal Time", "UTC", "+00:00");
        fixed("UT", "Universal Time", "UTC", "+00:00");
        fixed("GMT", "Greenwich Mean Time", "UTC", "+00:00");
        fixed("Z", "Zulu (UTC)", "UTC", "+00:00");
        seasonal("PST", "US Pacific standard", "America/Los_Angeles", "-08:00", false);
        seasonal("PDT", "US Pacific daylight", "America/Los_Angeles", "-07:00", true);
        seasonal("MST", "US Mountain standard", "America/Denver", "-07:00", false);
        seasonal("MDT", "US Mountain daylight", "America/Denver", "-06:00", true);
        seasonal("CST", "US Central standard", "America/Chicago", "-06:00", false);
        fixed("CST", "China Standard Time", "Asia/Shanghai", "+08:00");
        seasonal("CST", "Cuba Standard Time", "America/Havana", "-05:00", false);
        seasonal("CDT", "US Central daylight", "America/Chicago", "-05:00", true);
        seasonal("EST", "US Eastern standard", "America/New_York", "-05:00", false);
        seasonal("EDT", "US Eastern daylight", "America/New_York", "-04:00", true);
        seasonal("AKST", "Alaska standard", "America/Anchorage", "-09:00", false);
        seasonal("AKDT", "Alaska daylight", "America/Anchorage", "-08:00", true);
        fixed("HST", "Hawaii standard", "Pacific/Honolulu", "-10:00");
        seasonal("AST", "Atlantic standard", "America/Halifax", "-04:00", false);
        fixed("AST", "Arabia Standard Time", "Asia/Riyadh", "+03:00");
        seasonal("ADT", "Atlantic daylight", "America/Halifax", "-03:00", true);
        seasonal("NST", "Newfoundland standard", "America/St_Johns", "-03:30", false);
        seasonal("NDT", "Newfoundland daylight", "America/St_Johns", "-02:30", true);
        seasonal("WET", "Western European standard", "Europe/Lisbon", "+00:00", false);
        seasonal("WEST", "Western European summer", "Europe/Lisbon", "+01:00", true);
        seasonal("CET", "Central European standard", "Europe/Berlin", "+01:00", false);
        seasonal("CEST", "Central European summer", "Europe/Berlin", "+02:00", true);
        seasonal("MEZ", "Central European standard", "Europe/Berlin", "+01:00", false);
        seasonal("MESZ", "Central European summer", "Europe/Berlin", "+02:00", true);
        seasonal("EET", "Eastern European standard", "Europe/Athens", "+02:00", false);
        seasonal("EEST", "Eastern European summer", "Europe/Athens", "+03:00", true);
        seasonal("BST", "British Summer Time", "Europe/London", "+01:00", true);
        fixed("BST", "Bangladesh Standard Time", "Asia/Dhaka", "+06:00");
        fixed("IST", "India Standard Time", "Asia/Kolkata", "+05:30");
        seasonal("IST", "Israel Standard Time", "Asia/Jerusalem", "+02:00", false);
        seasonal("IST", "Irish Standard Time (summer)", "Europe/Dublin", "+01:00", true);
        seasonal("IDT", "Israel Daylight Time", "Asia/Jerusalem", "+03:00", true);
        fixed("MSK", "Moscow", "Europe/Moscow", "+03:00");
        fixed("SAST", "South Africa", "Africa/Johannesburg", "+02:00");
        fixed("GST", "Gulf Standard Time", "Asia/Dubai", "+04:00");
        fixed("PKT", "Pakistan", "Asia/Karachi", "+05:00");
        fixed("WIB", "Western Indonesia", "Asia/Jakarta", "+07:00");
        fixed("SGT", "Singapore", "Asia/Singapore", "+08:00");
        fixed("HKT", "Hong Kong", "Asia/Hong_Kong", "+08:00");
        fixed("AWST", "Australian Western", "Australia/Perth", "+08:00");
        fixed("PHT", "Philippines", "Asia/Manila", "+08:00");
        fixed("JST", "Japan", "Asia/Tokyo", "+09:00");
        fixed("KST", "Korea", "Asia/Seoul", "+09:00");
        seasonal("ACST", "Australian Central standard", "Australia/Adelaide", "+09:30", false);
        seasonal("ACDT", "Australian Central daylight", "Australia/Adelaide", "+10:30", true);
        seasonal("AEST", "Australian Eastern standard", "Australia/Sydney", "+10:00", false);
        seasonal("AEDT", "Australian Eastern daylight", "Australia/Sydney", "+11:00", true);
        seasonal("NZST", "New Zealand standard", "Pacific/Auckland", "+12:00", false);
        seasonal("NZDT", "New Zealand daylight", "Pacific/Auckland", "+13:00", true);
        seasonal("BRT", "Brasilia", "America/Sao_Paulo", "-03:00", null);
        seasonal("ART", "Argentina", "America/Argentina/Buenos_Aires", "-03:00", null);

        place("America/Los_Angeles", "pacific", "us pacific");
        place("America/Denver", "mountain", "us mountain");
        place("America/Chicago", "central", "us central");
        place("America/New_York", "eastern", "us eastern");
        place("America/Anchorage", "alaska", "alaskan");
        place("Pacific/Honolulu", "hawaii", "hawaiian");
        place("America/Halifax", "atlantic");
        place("Europe/Berlin", "central european", "central europe", "cet cest", "german", "germany");
        place("Europe/Athens", "eastern european", "eastern europe", "greek", "greece");
        place("Europe/Lisbon", "western european", "western europe", "portugal", "portuguese");
        place("Europe/London", "uk", "british", "britain", "england", "english");
        place("Europe/Dublin", "irish", "ireland");
        place("Asia/Kolkata", "india", "indian");
        place("Asia/Jerusalem", "israel", "israeli");
        place("Europe/Vienna", "austria", "austrian");
        place("Europe/Zurich", "swiss", "switzerland");
        place("Europe/Paris", "france", "french");
        place("Europe/Amsterdam", "dutch", "netherlands");
        place("Asia/Tokyo", "japan", "japanese");
        place("Asia/Singapore", "singapore");
        place("Australia/Sydney", "australian eastern", "aus eastern");
        place("Pacific/Auckland", "new zealand", "nz");
        place("Asia/Shanghai", "china", "chinese", "beijing");
        // every tz database city ("Vienna time", "Denver time", "New York time")
        for (final String id : ZoneId.getAvailableZoneIds()) {
            final int slash = id.lastIndexOf('/');
            if (slash > 0 && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                PLACES.putIfAbsent(id.substring(slash + 1).replace('_', ' ').toLowerCase(Locale.ROOT), ZoneId.of(id));
            }
        }
    }

    private ZoneAbbreviations() {
    }

    private static void fixed(final String abbr, final String label, final String zone, final String offset) {
        seasonal(abbr, label, zone, offset, null);
    }

    private static void seasonal(final String abbr, final String label, final String zone, final String offset,
                                 final Boolean daylight) {
        ABBREVIATIONS.computeIfAbsent(abbr, k -> new ArrayList<>())
                .add(new Reading(abbr, label, ZoneId.of(zone), ZoneOffset.of(offset), daylight));
    }

    private static void place(final String zone, final String... names) {
        for (final String n : names) {
            PLACES.put(n, ZoneId.of(zone));
        }
    }

    /** Every meaning of an abbreviation (case as written must be upper case), empty when unknown. */
    public static List<Reading> lookup(final String abbreviation) {
        return ABBREVIATIONS.getOrDefault(abbreviation, List.of());
    }

    public static boolean isAbbreviation(final String token) {
        return ABBREVIATIONS.containsKey(token);
    }

    /** The zone of a place or region name in lower case ("vienna", "mountain", "central european"), or null. */
    public static ZoneId place(final String lowerName) {
        return PLACES.get(lowerName);
    }
}
