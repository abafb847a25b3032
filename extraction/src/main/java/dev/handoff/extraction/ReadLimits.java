package dev.handoff.extraction;

import java.time.Duration;

/**
 * Bounds on reading one untrusted artifact, so a hostile file becomes a warning, never an outage.
 *
 * @param maxBytes        larger artifacts are not parsed
 * @param maxTextChars    extracted text beyond this is cut (write limit)
 * @param maxPixels       images with more pixels are not OCRed
 * @param maxEmbedded     embedded documents (attachments) read per artifact
 * @param maxDepth        nesting depth of embedded artifacts and JSON/XML
 * @param timeout         wall time for one artifact
 */
public record ReadLimits(long maxBytes, int maxTextChars, long maxPixels, int maxEmbedded, int maxDepth,
                         Duration timeout) {

    public static ReadLimits defaults() {
        return new ReadLimits(50L * 1024 * 1024, 2_000_000, 40_000_000L, 20, 64, Duration.ofSeconds(60));
    }
}
