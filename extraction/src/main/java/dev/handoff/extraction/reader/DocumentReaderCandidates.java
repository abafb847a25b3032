package dev.handoff.extraction.reader;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.Evidence;
import dev.handoff.avro.MentionType;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the structural candidates of the structured-format readers (ticket CSV/JSON/XML, spreadsheets,
 * documents, text) so each reader states only what a value is and where it sits.
 */
final class DocumentReaderCandidates {

    /** Confidence of a value whose column or key says what it is. */
    static final double STRUCTURED = 0.9;

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern NAME_ANGLE_EMAIL = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]+)>\\s*$");

    private final String artifactId;
    private final String extractor;

    DocumentReaderCandidates(final String artifactId, final String extractor) {
        this.artifactId = artifactId;
        this.extractor = extractor;
    }

    Candidate of(final String field, final MentionType type, final String value, final String locator,
            final String excerpt, final Map<String, String> attributes) {
        return of(field, type, value, locator, excerpt, attributes, STRUCTURED);
    }

    Candidate of(final String field, final MentionType type, final String value, final String locator,
            final String excerpt, final Map<String, String> attributes, final double confidence) {
        final Map<String, String> attrs = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (k != null && v != null) {
                attrs.put(k, v);
            }
        });
        return Candidate.newBuilder()
                .setField(field)
                .setType(type)
                .setValue(value)
                .setEvidence(Evidence.newBuilder().setArtifactId(artifactId).setLocator(locator).setExcerpt(excerpt).build())
                .setConfidence(confidence)
                .setExtractor(extractor)
                .setAttributes(new LinkedHashMap<>(attrs))
                .build();
    }

    /** A person named by a structured field ("Dana <dana@x.com>", an address, or a name) plus their address. */
    void person(final List<Candidate> out, final String cell, final String participation, final String locator,
            final Map<String, String> extra) {
        final Person person = Person.parse(cell);
        if (person == null) {
            return;
        }
        final Map<String, String> attrs = new LinkedHashMap<>(extra);
        attrs.put(SegmentContext.PARTICIPATION, participation);
        if (person.name() != null) {
            attrs.put(SegmentContext.NAME, person.name());
        }
        if (person.email() != null) {
            attrs.put(SegmentContext.EMAIL, person.email());
        }
        final String value = person.name() != null ? person.name() : person.email();
        out.add(of(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, value, locator, cell.strip(), attrs));
        if (person.email() != null) {
            out.add(of(FieldNames.TENANT, MentionType.EMAIL_ADDRESS, person.email(), locator, cell.strip(),
                    Map.of(SegmentContext.PARTICIPATION, participation)));
        }
    }

    /** A person's name and address as written in one field. */
    record Person(String name, String email) {

        static Person parse(final String raw) {
            if (raw == null || raw.isBlank()) {
                return null;
            }
            final String text = raw.strip();
            final Matcher angle = NAME_ANGLE_EMAIL.matcher(text);
            if (angle.matches() && EMAIL.matcher(angle.group(2).strip()).matches()) {
                final String name = angle.group(1).strip();
                return new Person(name.isEmpty() ? null : name, angle.group(2).strip().toLowerCase(Locale.ROOT));
            }
            final Matcher email = EMAIL.matcher(text);
            if (email.find()) {
                if (email.start() == 0 && email.end() == text.length()) {
                    return new Person(null, text.toLowerCase(Locale.ROOT));
                }
                final String rest = (text.substring(0, email.start()) + text.substring(email.end()))
                        .replaceAll("[()<>\\[\\],;]", " ").strip();
                return new Person(rest.isEmpty() ? null : rest, email.group().toLowerCase(Locale.ROOT));
            }
            if (text.length() > 80 || text.chars().anyMatch(Character::isDigit) && text.chars().filter(Character::isLetter).count() < 2) {
                return null;
            }
            return new Person(text, null);
        }
    }

    static boolean isEmail(final String text) {
        return text != null && EMAIL.matcher(text.strip()).matches();
    }
}
