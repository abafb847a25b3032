package dev.handoff.privacy;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.PrivacyCode;
import dev.handoff.avro.PrivacyFinding;
import dev.handoff.core.Hashing;
import dev.handoff.core.TextSegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The privacy scan of one artifact: the structure-aware HAR scan when the bytes are a HAR, text
 * secret rules and personal-data detectors on every segment, then deduplicated findings with
 * redacted excerpts and a {@link ValueRedactor} for the secret values (and out-of-boundary PII).
 */
public final class DefaultPrivacyScanner implements PrivacyScanner {

    private static final Logger LOGGER = LoggerFactory.getLogger(DefaultPrivacyScanner.class);

    private final PrivacyRules rules;
    private final TextSecretRules textRules;
    private final PersonalDataDetectors personalData;
    private final HarSecretScanner harScanner;

    public DefaultPrivacyScanner(final PrivacyRules rules) {
        this.rules = rules == null ? PrivacyRules.defaults() : rules;
        this.textRules = new TextSecretRules(this.rules);
        this.personalData = new PersonalDataDetectors(this.rules);
        this.harScanner = new HarSecretScanner(this.rules, textRules, personalData);
    }

    public DefaultPrivacyScanner() {
        this(PrivacyRules.defaults());
    }

    @Override
    public PrivacyReport scan(final String artifactId, final ArtifactKind kind, final byte[] bytes,
                              final List<TextSegment> segments) {
        final List<Detection> detections = new ArrayList<>();
        final boolean harCandidate = kind == ArtifactKind.HAR_SUMMARY || looksLikeJson(bytes);
        final Optional<List<Detection>> har = harCandidate ? harScanner.scan(bytes) : Optional.empty();
        har.ifPresent(detections::addAll);
        final List<TextSegment> texts = segments == null ? List.of() : segments;
        for (final TextSegment segment : texts) {
            // The structural scan already covered every HAR field, with better judgement of names.
            if (har.isPresent() && segment.locateAll() != null && segment.locateAll().startsWith("har:")) {
                continue;
            }
            detections.addAll(scanSegment(segment));
        }
        detections.addAll(scanAcrossSegments(texts));
        if (har.isEmpty() && kind == ArtifactKind.HAR_SUMMARY && texts.isEmpty() && bytes != null) {
            // A truncated HAR is still text: scan it line by line so nothing in it escapes.
            detections.addAll(scanSegment(lineSegment(artifactId, new String(bytes, StandardCharsets.UTF_8))));
        }
        final PrivacyReport report = assemble(artifactId, detections);
        LOGGER.debug("privacy.scan artifact={} findings={} secrets={}", artifactId, report.findings().size(),
                report.hasSecrets());
        return report;
    }

    /**
     * Secrets that span segments: a reader that locates text line by line (Markdown, plain text, OCR) splits a
     * PEM key block over many segments. The segments are joined in order and the text rules run once more;
     * a match that crosses a segment boundary is a finding located at its first line, and every line of it
     * is registered with the redactor, because each line travels as its own segment.
     */
    List<Detection> scanAcrossSegments(final List<TextSegment> segments) {
        if (segments.size() < 2) {
            return List.of();
        }
        final StringBuilder joined = new StringBuilder();
        final int[] starts = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            starts[i] = joined.length();
            joined.append(segments.get(i).text()).append('\n');
        }
        final String text = joined.toString();
        final List<Detection> out = new ArrayList<>();
        for (final TextMatch match : textRules.find(text)) {
            final int first = segmentAt(starts, match.start());
            final int last = segmentAt(starts, Math.max(match.start(), match.end() - 1));
            if (first == last) {
                continue; // found by the per-segment pass already
            }
            final String value = match.value(text);
            final List<String> lines = new ArrayList<>();
            for (final String line : value.split("\\R")) {
                if (line.strip().length() >= 8) {
                    lines.add(line.strip());
                }
            }
            final TextSegment at = segments.get(first);
            final int from = match.start() - starts[first];
            out.add(new Detection(match.code(), value, at.locate(from, at.text().length()), match.label(),
                    match.detector() + "(multi-line)", lines));
        }
        return out;
    }

    private static int segmentAt(final int[] starts, final int offset) {
        int i = java.util.Arrays.binarySearch(starts, offset);
        if (i < 0) {
            i = -i - 2;
        }
        return Math.max(0, i);
    }

    /** Text rules and personal-data detectors on one segment; locators come from the segment. */
    List<Detection> scanSegment(final TextSegment segment) {
        final String text = segment.text();
        final List<Detection> out = new ArrayList<>();
        final List<TextMatch> secrets = textRules.find(text);
        for (final TextMatch match : secrets) {
            out.add(new Detection(match.code(), match.value(text), segment.locate(match.start(), match.end()),
                    match.label(), match.detector()));
        }
        for (final TextMatch match : personalData.find(text)) {
            // A number inside a secret already flagged (digits of a key) is not also personal data.
            if (secrets.stream().anyMatch(s -> s.overlaps(match.start(), match.end()))) {
                continue;
            }
            out.add(new Detection(match.code(), match.value(text), segment.locate(match.start(), match.end()),
                    match.label(), match.detector()));
        }
        return out;
    }

    PrivacyReport assemble(final String artifactId, final List<Detection> detections) {
        final Map<String, PrivacyFinding> findings = new LinkedHashMap<>();
        final Set<String> redactable = new LinkedHashSet<>();
        for (final Detection detection : detections) {
            final String value = detection.value();
            if (value == null || value.isBlank()) {
                continue;
            }
            final String hash = Hashing.shortHash(value);
            final String key = detection.code() + "|" + hash + "|" + detection.locator();
            findings.computeIfAbsent(key, k -> PrivacyFinding.newBuilder()
                    .setCode(detection.code())
                    .setArtifactId(artifactId)
                    .setLocator(detection.locator())
                    .setExcerpt(excerpt(detection))
                    .setValueHash(hash)
                    .setSecret(detection.secret())
                    .setDetector(detection.detector())
                    .build());
            if (rules.redacts(detection.code())) {
                redactable.add(value);
                redactable.addAll(detection.alsoRedact());
            }
        }
        final ValueRedactor redactor = ValueRedactor.of(redactable);
        // A label can hold another secret's value (a JSON key, a cookie name): scrub the excerpts too.
        final List<PrivacyFinding> scrubbed = new ArrayList<>();
        for (final PrivacyFinding finding : findings.values()) {
            finding.setExcerpt(redactor.redact(finding.getExcerpt()));
            scrubbed.add(finding);
        }
        return new PrivacyReport(scrubbed, redactor);
    }

    private static String excerpt(final Detection detection) {
        String label = detection.label() == null ? "" : detection.label().replaceAll("\\s+", " ");
        if (label.length() > 80) {
            label = "…" + label.substring(label.length() - 79);
        }
        return label + ValueRedactor.marker(detection.value());
    }

    private static boolean looksLikeJson(final byte[] bytes) {
        if (bytes == null) {
            return false;
        }
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            final int b = bytes[i] & 0xff;
            if (b == '{') {
                return true;
            }
            if (!(Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF)) {
                return false;
            }
        }
        return false;
    }

    /** One segment over raw text whose locator names line and character range ({@code text:line=L,chars=S-E}). */
    static TextSegment lineSegment(final String artifactId, final String text) {
        return new TextSegment(artifactId, text, (start, end) -> {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < start && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return "text:line=" + line + ",chars=" + (start - lineStart) + "-" + (end - lineStart);
        }, Map.of());
    }

    /** The codes of this report that route (secrets, and PII outside the configured boundary). */
    public Set<PrivacyCode> routingCodes(final PrivacyReport report) {
        final Set<PrivacyCode> codes = new LinkedHashSet<>();
        for (final PrivacyFinding finding : report.findings()) {
            if (rules.redacts(finding.getCode())) {
                codes.add(finding.getCode());
            }
        }
        return codes;
    }
}
