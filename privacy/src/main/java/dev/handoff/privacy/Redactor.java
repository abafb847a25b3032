package dev.handoff.privacy;

/**
 * Replaces every secret value found in an artifact with {@code [REDACTED sha256:xxxxxxxx]} in any
 * text about to leave the extractor (candidate excerpts, values, warnings).
 */
public interface Redactor {

    String redact(String text);

    static Redactor none() {
        return text -> text;
    }
}
