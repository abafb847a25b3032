package dev.handoff.router.resolution;

import dev.handoff.avro.Alternative;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.FieldStatus;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.TraceStep;
import dev.handoff.core.Codes;
import dev.handoff.core.FieldNames;
import dev.handoff.router.policy.RoutingConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the first-observed time from the packet's first-failure claims. An ambiguous claim (IST,
 * 03/04) is settled only by evidence: it cannot postdate the report that makes it, it may agree with an
 * unambiguous claim, or it may sit just before the machine-recorded failures; otherwise it stays
 * uncertain. Settled claims further apart than the tolerance conflict. The earliest settled claim wins.
 */
public final class TimeResolution {

    private static final Duration SLACK = Duration.ofMinutes(2);
    private static final Duration MACHINE_WINDOW = Duration.ofHours(12);

    /** One interpretation of one claim. */
    record Reading(String artifactId, NormalizedValue value, Instant at, String role, String group) {
    }

    /** A claim settled to one instant, with how. */
    record Claim(Reading reading, String settledBy) {
    }

    private TimeResolution() {
    }

    public static Resolved resolve(final PacketView packet, final RoutingConfig config) {
        final Duration tolerance = Duration.ofMinutes(config.timingToleranceMinutes());
        final List<Reading> readings = new ArrayList<>();
        for (final PacketView.Sourced s : packet.values(FieldNames.FIRST_OBSERVED_AT)) {
            final String original = s.value().getAttributes().get("original");
            if (original != null && !hasClockTime(original)) {
                continue; // a date alone says nothing about when in the day the failure began
            }
            parse(s.value().getValue()).ifPresent(at -> readings.add(new Reading(s.artifactId(), s.value(), at,
                    s.value().getAttributes().getOrDefault("timeRole", "OTHER"),
                    s.artifactId() + "/" + s.value().getAttributes().getOrDefault("group",
                            s.value().getEvidence().isEmpty() ? String.valueOf(readings.size())
                                    : s.value().getEvidence().get(0).getLocator() + s.value().getAttributes().get("original")))));
        }
        final Map<String, Instant> reportBound = new LinkedHashMap<>();
        Instant earliestMachine = null;
        for (final Reading r : readings) {
            if ("REPORT".equals(r.role())) {
                reportBound.merge(r.artifactId(), r.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
            if ("MACHINE".equals(r.role()) && (earliestMachine == null || r.at().isBefore(earliestMachine))
                    && !"false".equals(r.value().getAttributes().get("failure"))) {
                earliestMachine = r.at();
            }
        }
        final Instant received = parse(packet.packet() == null ? null : packet.packet().getReceivedAt()).orElse(null);

        final Map<String, List<Reading>> groups = new LinkedHashMap<>();
        readings.stream().filter(r -> "FIRST_FAILURE".equals(r.role()))
                .forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));

        final List<Claim> settled = new ArrayList<>();
        final List<List<Reading>> unsettled = new ArrayList<>();
        // Pass 1: claims with one possible reading once impossible ones (after their own report) are gone.
        for (final List<Reading> group : groups.values()) {
            final Instant bound = reportBound.getOrDefault(group.get(0).artifactId(), received);
            final List<Reading> possible = group.stream()
                    .filter(r -> bound == null || !r.at().isAfter(bound.plus(SLACK))).toList();
            final List<Reading> options = possible.isEmpty() ? group : possible;
            final Optional<Reading> written = options.stream().filter(TimeResolution::keepsWrittenOffset).findFirst();
            if (written.isPresent()) {
                // An abbreviation out of season (CEST in November): the customer wrote an offset; whether they
                // meant it is for a person to judge, so the written offset stands and disagreement shows.
                settled.add(new Claim(written.get(), "written-offset"));
            } else if (distinct(options) == 1) {
                settled.add(new Claim(options.get(0), options.size() < group.size() ? "report-time" : null));
            } else {
                unsettled.add(options);
            }
        }
        // Pass 2: ambiguous claims settled by agreement with settled ones, else by machine timestamps.
        final List<Claim> fromPass1 = List.copyOf(settled);
        for (final List<Reading> options : unsettled) {
            Optional<Reading> pick = options.stream()
                    .filter(r -> fromPass1.stream().anyMatch(c -> within(c.reading().at(), r.at(), tolerance)))
                    .min(Comparator.comparing(r -> nearest(fromPass1, r.at())));
            String how = "agreement";
            if (pick.isEmpty() && earliestMachine != null) {
                final Instant m = earliestMachine;
                final List<Reading> before = options.stream()
                        .filter(r -> !r.at().isAfter(m.plus(tolerance)) && Duration.between(r.at(), m).compareTo(MACHINE_WINDOW) <= 0)
                        .toList();
                if (distinct(before) == 1) {
                    pick = Optional.of(before.get(0));
                    how = "machine-time";
                }
            }
            if (pick.isPresent()) {
                settled.add(new Claim(pick.get(), how));
            }
        }
        final List<List<Reading>> stillOpen = unsettled.stream()
                .filter(opts -> settled.stream().noneMatch(c -> opts.contains(c.reading()))).toList();

        if (settled.isEmpty()) {
            final List<Alternative> alternatives = new ArrayList<>();
            stillOpen.forEach(opts -> opts.forEach(r -> alternatives.add(
                    Fields.alternative(r.value().getValue(), r.value().getConfidence() / 2, r.value().getEvidence()))));
            final String message;
            final List<Evidence> ev = new ArrayList<>();
            if (!stillOpen.isEmpty()) {
                final Reading r = stillOpen.get(0).get(0);
                message = "The first failure is given as \"" + r.value().getAttributes().getOrDefault("original", "?")
                        + "\", whose time zone is ambiguous, and nothing in the packet settles it.";
                stillOpen.forEach(opts -> ev.addAll(opts.get(0).value().getEvidence()));
            } else {
                message = "No artifact says when the failure was first observed.";
                readings.stream().filter(r -> !"FIRST_FAILURE".equals(r.role()))
                        .sorted(Comparator.comparing(Reading::at)).limit(3)
                        .forEach(r -> alternatives.add(Fields.alternative(r.value().getValue(), 0.2, r.value().getEvidence())));
            }
            return new Resolved(Fields.of(null, stillOpen.isEmpty() ? FieldStatus.MISSING : FieldStatus.LOW_CONFIDENCE,
                    0.0, List.of(), alternatives, List.of()),
                    List.of(Fields.notice(Codes.TIMING_UNCERTAIN, message, List.of(FieldNames.FIRST_OBSERVED_AT), ev)),
                    List.of());
        }
        settled.sort(Comparator.comparing((Claim c) -> c.reading().at()).thenComparing(c -> c.reading().artifactId()));
        final Claim earliest = settled.get(0);
        final Support agreeing = new Support(earliest.reading().value().getValue());
        final List<Claim> apart = new ArrayList<>();
        for (final Claim c : settled) {
            if (within(earliest.reading().at(), c.reading().at(), tolerance)) {
                agreeing.add(c.reading().artifactId(), c.reading().value(), c.settledBy() == null ? 1.0 : 0.9);
            } else {
                apart.add(c);
            }
        }
        final List<TraceStep> trace = new ArrayList<>(earliest.reading().value().getTrace());
        if (earliest.settledBy() != null) {
            trace.add(Fields.step("settle-ambiguity(" + earliest.settledBy() + ")",
                    earliest.reading().value().getAttributes().get("original"), earliest.reading().value().getValue(),
                    false, null));
        }
        trace.add(Fields.step("earliest-first-failure", settled.size() + " claim(s)",
                utc(earliest.reading().at()), false, null));
        final List<Alternative> alternatives = new ArrayList<>();
        apart.forEach(c -> alternatives.add(Fields.alternative(c.reading().value().getValue(),
                c.reading().value().getConfidence(), c.reading().value().getEvidence())));
        if (!apart.isEmpty()) {
            final List<Evidence> ev = new ArrayList<>(agreeing.evidence(2));
            apart.forEach(c -> ev.addAll(c.reading().value().getEvidence()));
            return new Resolved(Fields.of(utc(earliest.reading().at()), FieldStatus.CONFLICT, agreeing.confidence() / 2,
                    agreeing.evidence(4), alternatives, trace),
                    List.of(Fields.notice(Codes.TIMING_UNCERTAIN, "Claims of the first failure are more than "
                                    + tolerance.toMinutes() + " minutes apart: " + utc(earliest.reading().at()) + " and "
                                    + apart.get(apart.size() - 1).reading().value().getValue() + ".",
                            List.of(FieldNames.FIRST_OBSERVED_AT), ev)), List.of());
        }
        final double c = agreeing.confidence();
        final FieldStatus status = c >= config.resolvedConfidence() ? FieldStatus.RESOLVED : FieldStatus.LOW_CONFIDENCE;
        return Resolved.of(Fields.of(utc(earliest.reading().at()), status, c, agreeing.evidence(4), alternatives, trace));
    }

    private static final java.util.regex.Pattern CLOCK = java.util.regex.Pattern.compile(
            "(?<![\\d./])\\d{1,2}[:.h]\\d{2}(?![\\d./])|(?i:\\d{1,2}\\s*(?:am|pm|a\\.m\\.|p\\.m\\.))"
                    + "|(?<![\\d./-])\\d{1,2}\\s*(?:[A-Z]{2,5}\\b|(?i:o'?clock|uhr)\\b)|(?i:\\b(?:noon|midnight|mittag)\\b)");

    /** True when the written claim names a time of day, not only a date. */
    static boolean hasClockTime(final String original) {
        return CLOCK.matcher(original).find();
    }

    private static boolean keepsWrittenOffset(final Reading r) {
        // Only for an abbreviation with one meaning; an out-of-season member of an ambiguous one (Irish
        // "IST" in November) is simply its least likely reading.
        if (r.value().getTrace().stream().anyMatch(t -> t.getStep().startsWith("zone-resolve(ambiguous)"))) {
            return false;
        }
        return r.value().getTrace().stream().anyMatch(t -> t.getStep().startsWith("abbreviation-out-of-season")
                && t.getOutput() != null && t.getOutput().contains("keeping the written"));
    }

    private static long distinct(final List<Reading> readings) {
        return readings.stream().map(Reading::at).distinct().count();
    }

    private static Duration nearest(final List<Claim> claims, final Instant at) {
        return claims.stream().map(c -> Duration.between(c.reading().at(), at).abs()).min(Comparator.naturalOrder())
                .orElse(Duration.ofDays(3650));
    }

    private static boolean within(final Instant a, final Instant b, final Duration tolerance) {
        return Duration.between(a, b).abs().compareTo(tolerance) <= 0;
    }

    static Optional<Instant> parse(final String iso) {
        if (iso == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(iso));
        } catch (final DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String utc(final Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
