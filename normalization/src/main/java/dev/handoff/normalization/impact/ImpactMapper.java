package dev.handoff.normalization.impact;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.Impact;
import dev.handoff.avro.ImpactLevel;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.normalization.text.FoldedText;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an artifact's impact statements to the ITIL impact scale: ITIL/ServiceNow labels directly, the
 * customer's own words by cue phrases, each with users affected, regions and workaround from the same
 * artifact and the verbatim narrative. Every mapping loses nuance, so every mapping step is lossy;
 * contradicting statements stay separate values.
 */
public final class ImpactMapper {

    /** A cue phrase (folded) and the level it means; the longest cue found in a statement decides. */
    private record Cue(String phrase, ImpactLevel level) {
    }

    private static final List<Cue> CUES = new ArrayList<>();
    private static final Pattern ALL_OF = Pattern.compile(
            "\\b(all|every|entire|whole)\\b(?: \\S+){0,3}? (users?|staff|employees|people|workforce|company|organi[sz]ation"
                    + "|stores?|sites?|offices?|locations?|branches|plants|agents|accounts|tenants?|business|org|team members)\\b");
    /** "the entire finance department": a whole unit that is part of the company, not the company. */
    private static final Pattern WHOLE_UNIT = Pattern.compile(
            "\\b(entire|whole|all of the|the whole)\\b(?: \\S+){0,2}? (department|division|site|office|plant|branch"
                    + "|location|building|floor|region|country|subsidiary|business unit)\\b");
    private static final Pattern WHOLE_TEAM = Pattern.compile(
            "\\b(entire|whole|all of the|the whole)\\b(?: \\S+){0,2}? (team|group|shift|squad)\\b");
    private static final Pattern COUNT = Pattern.compile(
            "(?i)(?:~|approx\\.?\\s*|about\\s+|around\\s+|over\\s+|more than\\s+|roughly\\s+|all\\s+)?(\\d{1,3}(?:[,.\u202f ]\\d{3})+|\\d+)(?:\\s*\\+)?\\s+"
                    + "(?:[A-Za-z-]+\\s+){0,2}?(users?|staff|employees|people|accounts|agents|members|workers|seats|colleagues|engineers|technicians|cashiers|nurses|students|persons)\\b");
    /** "nobody at Brightwater can sign in", with a few words between the negation and the verb. */
    private static final Pattern NOBODY = Pattern.compile(
            "\\b(nobody|no one|noone|no-one)\\b(?: \\S+){0,6}? (can|could|is able|are able|was able)\\b");
    private static final Pattern PART_OF_COMPANY = Pattern.compile(
            "\\b(office|site|warehouse|plant|branch|store|shop|team|department|division|floor|building|location"
                    + "|region|country|clinic|hospital|campus|vessel|factory)s?\\b");
    private static final Pattern ITIL_NUMBER = Pattern.compile("^\\s*([1-4])\\b");

    static {
        cue(ImpactLevel.EXTENSIVE, "whole company", "whole organisation", "whole organization", "entire company",
                "entire organisation", "entire organization", "entire workforce", "whole workforce", "all users",
                "all staff", "all employees", "all stores", "every store", "every user", "every employee",
                "everyone", "everybody", "nobody can", "no one can", "noone can", "nobody is able", "no one is able",
                "company wide", "companywide", "org wide", "organisation wide", "organization wide", "enterprise wide",
                "all sites", "all locations", "all offices", "all of our users", "all our users", "all our staff",
                "complete outage", "total outage", "entire", "widespread", "extensive", "all plants");
        cue(ImpactLevel.SIGNIFICANT, "many users", "most users", "most of our users", "large part", "large number",
                "large group", "majority", "several sites", "several offices", "several stores", "several teams",
                "several departments", "multiple sites", "multiple departments", "multiple teams", "a department",
                "one department", "the department", "entire department", "whole department", "whole site",
                "entire site", "significant", "hundreds of users", "half of", "many staff", "many employees");
        cue(ImpactLevel.MODERATE, "a team", "one team", "the team", "some users", "some staff", "some employees",
                "a group of users", "a number of users", "one site", "one office", "one store", "a few teams",
                "a subset", "some of our users", "moderate");
        cue(ImpactLevel.MINOR, "one user", "a single user", "single user", "a few users", "few users", "a couple of users",
                "two users", "three users", "only me", "just me", "one person", "one employee", "a few people",
                "individual user", "a handful", "minor", "localized", "localised");
    }

    private static void cue(final ImpactLevel level, final String... phrases) {
        for (final String p : phrases) {
            CUES.add(new Cue(FoldedText.fold(p), level));
        }
    }

    public List<NormalizedValue> map(final List<Candidate> candidates) {
        final Long users = usersAffected(candidates);
        final List<String> regions = regions(candidates);
        final Boolean workaround = workaround(candidates);
        final List<Evidence> context = contextEvidence(candidates);
        final List<NormalizedValue> out = new ArrayList<>();
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.ITIL_IMPACT) {
                itil(c, users, regions, workaround, context).ifPresent(out::add);
            } else if (c.getType() == MentionType.IMPACT_STATEMENT) {
                out.add(narrative(c, users, regions, workaround, context));
            }
        }
        if (out.isEmpty()) {
            // no statement: a users-affected word alone ("entire workforce") still says something
            for (final Candidate c : candidates) {
                if (c.getType() == MentionType.USERS_AFFECTED && parseCount(c.getValue()) == null) {
                    final NormalizedValue v = narrative(c, users, regions, workaround, context);
                    if (v.getImpact().getLevel() != ImpactLevel.UNKNOWN) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    private Optional<NormalizedValue> itil(final Candidate c, final Long users, final List<String> regions,
                                                     final Boolean workaround, final List<Evidence> context) {
        final String folded = FoldedText.fold(c.getValue());
        final String column = c.getAttributes().getOrDefault(SegmentContext.FIELD, "");
        final boolean impactColumn = column.toLowerCase(Locale.ROOT).contains("impact");
        ImpactLevel level = null;
        if (folded.matches(".*\\b(extensive|widespread|critical)\\b.*")) {
            level = ImpactLevel.EXTENSIVE;
        } else if (folded.matches(".*\\b(significant|large)\\b.*")) {
            level = ImpactLevel.SIGNIFICANT;
        } else if (folded.matches(".*\\b(moderate|limited)\\b.*")) {
            level = ImpactLevel.MODERATE;
        } else if (folded.matches(".*\\b(minor|localized|localised)\\b.*")) {
            level = ImpactLevel.MINOR;
        } else if (impactColumn || column.isEmpty()) {
            // ServiceNow's three-level impact and bare ITIL numbers, only where the column says impact
            if (folded.matches(".*\\bhigh\\b.*")) {
                level = ImpactLevel.EXTENSIVE;
            } else if (folded.matches(".*\\bmedium\\b.*")) {
                level = ImpactLevel.MODERATE;
            } else if (folded.matches(".*\\blow\\b.*")) {
                level = ImpactLevel.MINOR;
            } else {
                final Matcher m = ITIL_NUMBER.matcher(c.getValue());
                if (m.find() && impactColumn) {
                    level = ImpactLevel.values()[Integer.parseInt(m.group(1)) - 1];
                }
            }
        }
        if (level == null) {
            return Optional.empty();
        }
        final TraceBuilder trace = TraceBuilder.start().step("itil-map", c.getValue(), level.name(), true);
        final Impact impact = Impact.newBuilder().setLevel(level).setUsersAffected(users)
                .setRegions(regions.isEmpty() ? null : regions).setWorkaround(workaround)
                .setNarrative(c.getValue()).build();
        return Optional.of(value(c, impact, 0.9, trace, "ITIL", null, context));
    }

    private NormalizedValue narrative(final Candidate c, final Long artifactUsers, final List<String> regions,
                                      final Boolean workaround, final List<Evidence> context) {
        final String text = c.getValue();
        final String folded = FoldedText.fold(text);
        final String padded = " " + folded + " ";
        Cue best = null;
        for (final Cue cue : CUES) {
            if (padded.contains(" " + cue.phrase() + " ")
                    && (best == null || cue.phrase().length() > best.phrase().length())) {
                best = cue;
            }
        }
        final Matcher all = ALL_OF.matcher(folded);
        String cueText = best == null ? null : best.phrase();
        ImpactLevel level = best == null ? ImpactLevel.UNKNOWN : best.level();
        if (all.find() && (cueText == null || all.group().length() > cueText.length())) {
            level = ImpactLevel.EXTENSIVE;
            cueText = all.group();
        }
        // people say "nobody at <company> can" about one office too: a loose cue, weaker than "all staff"
        boolean loose = false;
        final Matcher nobody = NOBODY.matcher(folded);
        if (nobody.find() && (cueText == null || nobody.group().length() > cueText.length())) {
            // "nobody at <company> can": everyone; "nobody at our Bergen office can": a unit of the company
            level = PART_OF_COMPANY.matcher(nobody.group()).find() ? ImpactLevel.SIGNIFICANT : ImpactLevel.EXTENSIVE;
            cueText = nobody.group();
            loose = true;
        }
        final Matcher unit = WHOLE_UNIT.matcher(folded);
        if (unit.find() && (cueText == null || unit.group().length() > cueText.length())) {
            level = ImpactLevel.SIGNIFICANT;
            cueText = unit.group();
        }
        final Matcher team = WHOLE_TEAM.matcher(folded);
        if (team.find() && (cueText == null || team.group().length() > cueText.length())) {
            level = ImpactLevel.MODERATE;
            cueText = team.group();
        }
        final Long own = parseCount(text);
        final Long users = own != null ? own : artifactUsers;
        final TraceBuilder trace = TraceBuilder.start();
        double conf = 0.6;
        if (level != ImpactLevel.UNKNOWN) {
            conf = loose && cueText.equals(nobody.group()) ? 0.5 : conf;
            trace.step("narrative-map", text, level.name() + " (cue \"" + cueText + "\")", true);
        } else if (own != null && own <= 5) {
            level = ImpactLevel.MINOR;
            conf = 0.5;
            trace.step("users-count-map", own + " users", level.name(), true);
        } else {
            conf = 0.3;
            trace.step("narrative-map", text, "UNKNOWN (no impact cue)", true);
        }
        if (own != null) {
            trace.step("users-count", text, Long.toString(own), true);
        }
        final Impact impact = Impact.newBuilder().setLevel(level).setUsersAffected(users)
                .setRegions(regions.isEmpty() ? null : regions).setWorkaround(workaround).setNarrative(text).build();
        return value(c, impact, conf, trace, "NARRATIVE", cueText, context);
    }

    private static NormalizedValue value(final Candidate c, final Impact impact, final double base,
                                         final TraceBuilder trace, final String source, final String cue,
                                         final List<Evidence> context) {
        final Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("source", source);
        if (cue != null) {
            attrs.put("cue", cue);
        }
        final boolean ocr = "true".equals(c.getAttributes().get(SegmentContext.OCR));
        if (ocr) {
            attrs.put(SegmentContext.OCR, "true");
        }
        final List<Evidence> evidence = new ArrayList<>();
        evidence.add(c.getEvidence());
        context.stream().filter(e -> !evidence.contains(e)).forEach(evidence::add);
        final NormalizedValue v = NormalizedValues.of(FieldNames.BUSINESS_IMPACT, impact.getLevel().name(),
                ocr ? Math.min(base, 0.6) : base, evidence, trace.build(), attrs).build();
        v.setImpact(impact);
        return v;
    }

    /** A number of people in a text ("all 420 staff", "~1,150 staff"), or null. */
    static Long parseCount(final String text) {
        if (text == null) {
            return null;
        }
        final String t = text.strip();
        if (t.matches("[~≈]?\\s*\\d{1,3}(?:[,.\u202f ]\\d{3})*\\+?|\\d+")) {
            return Long.parseLong(t.replaceAll("\\D", ""));
        }
        final Matcher m = COUNT.matcher(t);
        return m.find() ? Long.parseLong(m.group(1).replaceAll("\\D", "")) : null;
    }

    private static Long usersAffected(final List<Candidate> candidates) {
        final Set<Long> counts = new LinkedHashSet<>();
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.USERS_AFFECTED) {
                final Long n = parseCount(c.getValue());
                if (n != null) {
                    counts.add(n);
                }
            }
        }
        // several different counts contradict each other: none is the artifact's count
        return counts.size() == 1 ? counts.iterator().next() : null;
    }

    private static List<String> regions(final List<Candidate> candidates) {
        final Set<String> out = new LinkedHashSet<>();
        candidates.stream().filter(c -> c.getType() == MentionType.REGION && c.getValue() != null)
                .forEach(c -> out.add(c.getValue().strip()));
        return new ArrayList<>(out);
    }

    private static Boolean workaround(final List<Candidate> candidates) {
        final Set<Boolean> seen = new LinkedHashSet<>();
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.WORKAROUND && c.getValue() != null) {
                final String v = c.getValue().strip().toLowerCase(Locale.ROOT);
                if (v.equals("true") || v.equals("yes")) {
                    seen.add(true);
                } else if (v.equals("false") || v.equals("no")) {
                    seen.add(false);
                }
            }
        }
        return seen.size() == 1 ? seen.iterator().next() : null;
    }

    private static List<Evidence> contextEvidence(final List<Candidate> candidates) {
        final List<Evidence> out = new ArrayList<>();
        for (final Candidate c : candidates) {
            if ((c.getType() == MentionType.USERS_AFFECTED || c.getType() == MentionType.REGION
                    || c.getType() == MentionType.WORKAROUND) && !out.contains(c.getEvidence())) {
                out.add(c.getEvidence());
            }
        }
        return out;
    }
}
