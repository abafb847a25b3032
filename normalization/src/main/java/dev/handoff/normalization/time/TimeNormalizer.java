package dev.handoff.normalization.time;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an artifact's time claims into UTC instants, one value per interpretation. Zone and
 * day/month ambiguity stay visible as several values of one group unless evidence of the artifact
 * (an explicit offset, its own zone, its other dates) settles them; each step is traced.
 */
public final class TimeNormalizer {

    private static final Logger LOGGER = LoggerFactory.getLogger(TimeNormalizer.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
    /** A first failure claimed later than this after the artifact's own date must mean the day before. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(30);

    private final double ocrCap;

    public TimeNormalizer(final double ocrCap) {
        this.ocrCap = ocrCap;
    }

    /** How one interpretation reads the zone. {@code literal} wins over {@code zone} rules when set. */
    private record ZoneChoice(String label, ZoneId zone, ZoneOffset literal, double confidence,
                              ZoneAbbreviations.Reading reading, boolean fromAnchorZone, TraceBuilder steps) {
        ZoneId anchorZone() {
            return literal != null ? literal : zone;
        }
    }

    /** One date reading with its steps, before zones apply. */
    private record DateChoice(ParsedTime.DateReading reading, double confidence, TraceBuilder steps) {
    }

    public List<NormalizedValue> normalize(final List<Candidate> candidates, final Map<String, String> artifactAttributes) {
        final Set<String> orders = dateOrders(candidates, artifactAttributes);
        final List<NormalizedValue> out = new ArrayList<>();
        int n = 0;
        for (final Candidate c : candidates) {
            if (c.getType() != MentionType.TIME_CLAIM) {
                continue;
            }
            final ParsedTime parsed = TimeExpressionParser.parse(c.getValue());
            if (parsed == null) {
                LOGGER.debug("time claim not parseable artifact={} locator={}", c.getEvidence().getArtifactId(),
                        c.getEvidence().getLocator());
                continue;
            }
            final String group = c.getEvidence().getArtifactId() + "#time-" + n++;
            final List<NormalizedValue> values = interpret(c, parsed, attr(c, artifactAttributes, SegmentContext.ANCHOR),
                    zoneOf(c, artifactAttributes), orders, group);
            if (values.isEmpty()) {
                LOGGER.debug("time claim without a date to anchor artifact={} locator={}",
                        c.getEvidence().getArtifactId(), c.getEvidence().getLocator());
            }
            out.addAll(values);
        }
        return out;
    }

    private List<NormalizedValue> interpret(final Candidate c, final ParsedTime parsed, final String anchorText,
                                            final String zoneText, final Set<String> orders, final String group) {
        final Instant anchor = instant(anchorText);
        final ZoneId artifactZone = zone(zoneText);
        final List<DateChoice> dates = dates(parsed, anchor, orders);
        final boolean fromAnchor = parsed.dates().isEmpty();
        if (fromAnchor && anchor == null) {
            return List.of();
        }
        final List<ZoneChoice> zones = zones(parsed, artifactZone, zoneText, anchor);
        final String timeRole = c.getAttributes().getOrDefault(SegmentContext.TIME_ROLE, "OTHER");
        final List<NormalizedValue> out = new ArrayList<>();
        for (final DateChoice date : dates) {
            for (final ZoneChoice zone : zones) {
                interpretOne(c, parsed, anchor, date, zone, timeRole, group, out);
            }
        }
        final boolean ambiguous = out.size() > 1;
        for (final NormalizedValue v : out) {
            v.getAttributes().put("ambiguous", Boolean.toString(ambiguous));
        }
        return out;
    }

    private void interpretOne(final Candidate c, final ParsedTime parsed, final Instant anchor, final DateChoice date,
                              final ZoneChoice zone, final String timeRole, final String group,
                              final List<NormalizedValue> out) {
        final TraceBuilder trace = TraceBuilder.start();
        final LocalTime time = parsed.time() == null ? LocalTime.MIDNIGHT : parsed.time();
        LocalDate day;
        final List<String[]> anchorSteps = new ArrayList<>();
        try {
            if (date == null) {
                final LocalDate anchorDay = anchor.atZone(zone.anchorZone()).toLocalDate();
                if (parsed.weekday() != null) {
                    day = anchorDay;
                    while (day.getDayOfWeek() != parsed.weekday()) {
                        day = day.minusDays(1);
                    }
                    anchorSteps.add(new String[] {"relative(weekday)", parsed.weekday().name(), day.toString()});
                } else {
                    day = anchorDay.plusDays(parsed.dayShift());
                    if (parsed.dayShift() != 0) {
                        anchorSteps.add(new String[] {"relative", parsed.relativeWord(), day.toString()});
                    }
                }
                anchorSteps.add(0, new String[] {"anchor-date", anchor.toString(), anchorDay.toString()});
            } else if (date.reading().year() == null) {
                final LocalDate anchorDay = anchor == null ? null : anchor.atZone(zone.anchorZone()).toLocalDate();
                if (anchorDay == null) {
                    return;
                }
                day = LocalDate.of(anchorDay.getYear(), date.reading().month(), date.reading().day());
                if (day.isAfter(anchorDay.plusDays(1))) {
                    day = day.minusYears(1);
                }
                anchorSteps.add(new String[] {"anchor-year", anchor.toString(), Integer.toString(day.getYear())});
            } else {
                day = LocalDate.of(date.reading().year(), date.reading().month(), date.reading().day());
            }
        } catch (final DateTimeException e) {
            LOGGER.debug("time claim with an impossible date artifact={}", c.getEvidence().getArtifactId());
            return;
        }
        LocalDateTime local = LocalDateTime.of(day, time);
        boolean previousDay = false;
        if (date == null && parsed.relativeWord() == null && parsed.weekday() == null && anchor != null
                && !"MACHINE".equals(timeRole) && !"REPORT".equals(timeRole)
                && offsetAt(zone, local).isPresent()
                && local.toInstant(offsetAt(zone, local).get()).isAfter(anchor.plus(FUTURE_TOLERANCE))) {
            local = local.minusDays(1);
            previousDay = true;
        }
        final String zoneWritten = parsed.zoneText().isEmpty() ? "(no zone written)" : parsed.zoneText();
        trace.step("parse", c.getValue(), LOCAL.format(local) + (parsed.zoneText().isEmpty() ? "" : " " + parsed.zoneText()),
                false);
        if (date != null) {
            date.steps().build().forEach(s -> trace.step(s.getStep(), s.getInput(), s.getOutput(), s.getLossy()));
        }
        for (final String[] s : anchorSteps) {
            trace.step(s[0], s[1], s[2], false);
        }
        if (previousDay) {
            trace.step("anchor-date(previous-day)", LOCAL.format(local.plusDays(1)) + " is after the artifact's own time",
                    local.toLocalDate().toString(), false);
        }
        // the zone steps, then the season check of an abbreviation against the zone's calendar
        zone.steps().build().forEach(s -> trace.step(s.getStep(), s.getInput(), s.getOutput(), s.getLossy()));
        final List<ZoneOffset> offsets = new ArrayList<>();
        final List<Double> confidences = new ArrayList<>();
        final List<TraceBuilder> traces = new ArrayList<>();
        final ZoneAbbreviations.Reading reading = zone.reading();
        final ZoneOffset real = reading == null ? null : ZonedDateTime.ofLocal(local, reading.rules(), null).getOffset();
        final boolean checkSeason = reading != null && zone.literal() != null && reading.daylight() != null;
        if (checkSeason && !real.equals(zone.literal())) {
            final String season = reading.abbreviation() + " written for " + local.toLocalDate();
            final TraceBuilder primary = trace.copy().step("abbreviation-out-of-season", season,
                    reading.rules().getId() + " is " + real + " on that date; keeping the written " + zone.literal(), false);
            offsets.add(zone.literal());
            // one meaning of an ambiguous abbreviation that is out of season is the least likely of its group
            confidences.add(zone.confidence() <= 0.3 ? 0.15 : Math.min(zone.confidence(), 0.55));
            traces.add(primary);
            if (zone.confidence() > 0.3) {
                // an unambiguous abbreviation: the zone's real offset is the alternative in the same group
                offsets.add(real);
                confidences.add(0.4);
                traces.add(trace.copy().step("abbreviation-out-of-season", season, "reading it as "
                        + reading.rules().getId() + " " + real + " instead", false));
            }
        } else if (reading != null && zone.literal() == null && zone.zone() != null) {
            // a named place with an abbreviation beside it: the abbreviation must agree with the place
            final ZoneOffset placeOffset = ZonedDateTime.ofLocal(local, zone.zone(), null).getOffset();
            if (reading.offset().equals(placeOffset)) {
                trace.step("zone-check", reading.abbreviation(), reading.abbreviation() + " = " + placeOffset + " agrees", false);
                offsets.add(placeOffset);
                confidences.add(zone.confidence());
                traces.add(trace);
            } else {
                offsets.add(reading.offset());
                confidences.add(0.55);
                traces.add(trace.copy().step("abbreviation-out-of-season", reading.abbreviation() + " written for "
                        + local.toLocalDate(), zone.zone().getId() + " is " + placeOffset
                        + " on that date; keeping the written " + reading.offset(), false));
                offsets.add(placeOffset);
                confidences.add(0.4);
                traces.add(trace.copy().step("abbreviation-out-of-season", reading.abbreviation(),
                        "reading it as " + zone.zone().getId() + " " + placeOffset + " instead", false));
            }
        } else {
            offsets.add(offsetAt(zone, local).orElse(ZoneOffset.UTC));
            confidences.add(zone.confidence());
            traces.add(trace);
        }
        for (int i = 0; i < offsets.size(); i++) {
            final ZoneOffset offset = offsets.get(i);
            final Instant instant = local.toInstant(offset).truncatedTo(ChronoUnit.SECONDS);
            final String utc = DateTimeFormatter.ISO_INSTANT.format(instant);
            final TraceBuilder t = traces.get(i);
            t.step("to-utc", LOCAL.format(local) + offset.getId().replace("Z", "+00:00"), utc, true);
            double conf = Math.min(confidences.get(i), date == null ? 1.0 : date.confidence());
            if (parsed.time() == null) {
                conf = Math.min(conf, 0.3);
            }
            if (parsed.approximate()) {
                conf *= 0.9;
            }
            final boolean ocr = "true".equals(c.getAttributes().get(SegmentContext.OCR));
            if (ocr) {
                conf = Math.min(conf, ocrCap);
            }
            final Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put(SegmentContext.TIME_ROLE, timeRole);
            attrs.put(SegmentContext.GROUP, group);
            attrs.put("original", c.getValue());
            attrs.put("zone", zoneWritten.equals("(no zone written)") ? zone.label() : zoneWritten);
            attrs.put("offset", offset.getId().replace("Z", "+00:00"));
            attrs.put("interpretation", zone.label());
            attrs.put("precision", parsed.time() == null ? "day" : "minute");
            if (date == null) {
                attrs.put("dateFromAnchor", "true");
            }
            if (parsed.approximate()) {
                attrs.put("approximate", "true");
            }
            if (ocr) {
                attrs.put(SegmentContext.OCR, "true");
            }
            copy(c, attrs, "status");
            out.add(NormalizedValues.of(FieldNames.FIRST_OBSERVED_AT, utc, conf, List.of(c.getEvidence()), t.build(),
                    attrs).build());
        }
    }

    private static Optional<ZoneOffset> offsetAt(final ZoneChoice zone, final LocalDateTime local) {
        if (zone.literal() != null) {
            return Optional.of(zone.literal());
        }
        if (zone.zone() != null) {
            return Optional.of(ZonedDateTime.ofLocal(local, zone.zone(), null).getOffset());
        }
        return Optional.empty();
    }

    /** The zone readings of a claim: explicit offset, place, abbreviation (maybe several), the artifact's zone, or UTC. */
    private static List<ZoneChoice> zones(final ParsedTime parsed, final ZoneId artifactZone, final String zoneText,
                                          final Instant anchor) {
        final List<ZoneChoice> out = new ArrayList<>();
        if (parsed.offset() != null) {
            final TraceBuilder steps = TraceBuilder.start().step("zone-resolve", parsed.offsetText(),
                    parsed.offset().getId().replace("Z", "+00:00"), false);
            if (parsed.abbreviation() != null && ZoneAbbreviations.lookup(parsed.abbreviation()).size() > 1) {
                steps.step("zone-settle(explicit-offset)", parsed.abbreviation(), parsed.offset().getId(), false);
            }
            out.add(new ZoneChoice(parsed.offset().getId().replace("Z", "+00:00"), null, parsed.offset(), 0.95, null,
                    false, steps));
            return out;
        }
        final List<ZoneAbbreviations.Reading> readings = parsed.abbreviation() == null ? List.of()
                : ZoneAbbreviations.lookup(parsed.abbreviation());
        if (parsed.place() != null) {
            final TraceBuilder steps = TraceBuilder.start().step("zone-resolve(place)", parsed.placeText(),
                    parsed.place().getId(), false);
            ZoneAbbreviations.Reading beside = null;
            for (final ZoneAbbreviations.Reading r : readings) {
                if (beside == null || r.rules().getRules().equals(parsed.place().getRules())) {
                    beside = r;
                }
            }
            if (readings.size() > 1) {
                steps.step("zone-settle(place)", parsed.abbreviation(), parsed.place().getId(), false);
                beside = null;
            }
            out.add(new ZoneChoice(parsed.place().getId(), parsed.place(), null, 0.9, beside, false, steps));
            return out;
        }
        if (readings.size() == 1) {
            final ZoneAbbreviations.Reading r = readings.get(0);
            out.add(new ZoneChoice(r.label(), r.rules(), r.offset(), 0.85, r, false, TraceBuilder.start()
                    .step("zone-resolve", r.abbreviation(), r.offset().getId().replace("Z", "+00:00") + " (" + r.label() + ")",
                            false)));
            return out;
        }
        if (readings.size() > 1) {
            // settled only by the artifact's own zone; otherwise every meaning stays, ambiguous
            if (artifactZone != null && (anchor != null || artifactZone.getRules().isFixedOffset())) {
                final ZoneOffset own = artifactZone.getRules().getOffset(anchor == null ? Instant.EPOCH : anchor);
                final List<ZoneAbbreviations.Reading> agreeing = readings.stream()
                        .filter(r -> r.offset().equals(own)).toList();
                if (agreeing.size() == 1) {
                    final ZoneAbbreviations.Reading r = agreeing.get(0);
                    out.add(new ZoneChoice(r.label(), r.rules(), r.offset(), 0.8, r, false, TraceBuilder.start()
                            .step("zone-resolve", r.abbreviation(), r.offset().getId() + " (" + r.label() + ")", false)
                            .step("zone-settle(artifact-zone)", r.abbreviation() + " with artifact zone " + zoneText,
                                    r.label(), false)));
                    return out;
                }
            }
            for (final ZoneAbbreviations.Reading r : readings) {
                out.add(new ZoneChoice(r.label(), r.rules(), r.offset(), 0.3, r, false, TraceBuilder.start()
                        .step("zone-resolve(ambiguous)", r.abbreviation(), r.offset().getId() + " (" + r.label() + ")",
                                false)));
            }
            return out;
        }
        if (artifactZone != null) {
            out.add(new ZoneChoice(artifactZone.getId(), artifactZone, null, 0.8, null, true, TraceBuilder.start()
                    .step("zone-resolve(artifact-zone)", "(no zone written)", "read in the artifact's zone " + zoneText,
                            false)));
            return out;
        }
        out.add(new ZoneChoice("UTC", ZoneOffset.UTC, ZoneOffset.UTC, 0.4, null, false, TraceBuilder.start()
                .step("zone-resolve(assumed-utc)", "(no zone written)", "no artifact zone known; assumed +00:00", false)));
        return out;
    }

    /** Date readings: one, or two for day/month ambiguity unless the artifact settles the order. Null entry = anchor. */
    private static List<DateChoice> dates(final ParsedTime parsed, final Instant anchor, final Set<String> orders) {
        final List<DateChoice> out = new ArrayList<>();
        if (parsed.dates().isEmpty()) {
            out.add(null);
            return out;
        }
        if (parsed.dates().size() == 1) {
            out.add(new DateChoice(parsed.dates().get(0), 1.0, TraceBuilder.start()));
            return out;
        }
        if (orders.size() == 1) {
            final String order = orders.iterator().next();
            for (final ParsedTime.DateReading r : parsed.dates()) {
                if (r.order().equals(order)) {
                    out.add(new DateChoice(r, 0.85, TraceBuilder.start()
                            .step("date-order-settle(artifact-dates)", "day/month order " + order, iso(r), false)));
                }
            }
            return out;
        }
        List<ParsedTime.DateReading> readings = parsed.dates();
        if (anchor != null) {
            final LocalDate latest = anchor.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
            final List<ParsedTime.DateReading> notFuture = readings.stream()
                    .filter(r -> valid(r) && !LocalDate.of(r.year(), r.month(), r.day()).isAfter(latest)).toList();
            if (notFuture.size() == 1) {
                final ParsedTime.DateReading r = notFuture.get(0);
                out.add(new DateChoice(r, 0.75, TraceBuilder.start().step("date-order-settle(anchor)",
                        "the other day/month reading is after the artifact's own date " + anchor, iso(r), false)));
                return out;
            }
            if (!notFuture.isEmpty()) {
                readings = notFuture;
            }
        }
        for (final ParsedTime.DateReading r : readings) {
            out.add(new DateChoice(r, 0.45, TraceBuilder.start()
                    .step("date-order(" + r.order() + ")", "day/month ambiguous", iso(r), false)));
        }
        return out;
    }

    /** The day/month orders the artifact's other numeric dates or its locale show. */
    private static Set<String> dateOrders(final List<Candidate> candidates, final Map<String, String> artifactAttributes) {
        final Set<String> orders = new LinkedHashSet<>();
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.TIME_CLAIM || c.getType() == MentionType.OTHER) {
                final String order = TimeExpressionParser.unambiguousOrder(c.getValue());
                if (order != null) {
                    orders.add(order);
                }
            }
        }
        final String declared = artifactAttributes == null ? null
                : artifactAttributes.getOrDefault("dateOrder", artifactAttributes.get("locale"));
        if (declared != null) {
            final String d = declared.toUpperCase(Locale.ROOT);
            if (d.equals("DMY") || d.equals("MDY")) {
                orders.add(d);
            } else if (d.equals("EN-US") || d.equals("EN_US")) {
                orders.add("MDY");
            } else if (d.length() >= 2) {
                orders.add("DMY");
            }
        }
        return orders;
    }

    private static boolean valid(final ParsedTime.DateReading r) {
        try {
            LocalDate.of(r.year() == null ? 2000 : r.year(), r.month(), r.day());
            return r.year() != null;
        } catch (final DateTimeException e) {
            return false;
        }
    }

    private static String iso(final ParsedTime.DateReading r) {
        return (r.year() == null ? "????" : String.format(Locale.ROOT, "%04d", r.year()))
                + String.format(Locale.ROOT, "-%02d-%02d", r.month(), r.day());
    }

    static Instant instant(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (final DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.strip()).toInstant();
            } catch (final DateTimeParseException e2) {
                return null;
            }
        }
    }

    static ZoneId zone(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace('\u2212', '-');
        if (t.matches("[+-]\\d{4}")) {
            t = t.substring(0, 3) + ":" + t.substring(3);
        }
        try {
            return ZoneId.of(t);
        } catch (final DateTimeException e) {
            return null;
        }
    }

    /** The candidate's zone, a zone named by its column header ("Created (UTC)"), or the artifact's zone. */
    private static String zoneOf(final Candidate c, final Map<String, String> artifact) {
        final String own = c.getAttributes().get(SegmentContext.ZONE);
        if (own != null) {
            return own;
        }
        final String column = c.getAttributes().get(SegmentContext.FIELD);
        if (column != null && column.matches("(?i).*\\b(utc|gmt)\\b.*")) {
            return "UTC";
        }
        return artifact == null ? null : artifact.get(SegmentContext.ZONE);
    }

    private static String attr(final Candidate c, final Map<String, String> artifact, final String key) {
        final String own = c.getAttributes().get(key);
        if (own != null) {
            return own;
        }
        if (artifact == null) {
            return null;
        }
        if (SegmentContext.ANCHOR.equals(key)) {
            return artifact.getOrDefault(key, artifact.get("anchorTime"));
        }
        return artifact.get(key);
    }

    private static void copy(final Candidate c, final Map<String, String> attrs, final String key) {
        final String v = c.getAttributes().get(key);
        if (v != null) {
            attrs.put(key, v);
        }
    }
}
