package dev.handoff.core;

import java.util.Map;

/**
 * A located piece of artifact text exactly as a reader sees it (a decoded email body, a CSV
 * cell, a document paragraph, OCR words). Candidate miners and privacy detectors work on
 * segments so that every finding can point at the exact place it came from.
 *
 * @param artifactId the artifact's file name in the packet
 * @param text       verbatim text of this piece
 * @param locator    maps character ranges of {@code text} to contract locators
 * @param context    what the reader knows about this piece; keys in {@link SegmentContext}
 */
public record TextSegment(String artifactId, String text, SegmentLocator locator, Map<String, String> context) {

    public TextSegment {
        context = context == null ? Map.of() : Map.copyOf(context);
        text = text == null ? "" : text;
    }

    public String locate(final int start, final int end) {
        return locator.locate(start, end);
    }

    /** The locator of the whole segment. */
    public String locateAll() {
        return locator.locate(0, text.length());
    }

    public String context(final String key) {
        return context.get(key);
    }

    public boolean is(final String key) {
        return "true".equals(context.get(key));
    }
}
