package dev.handoff.core;

/**
 * Turns a character range of a {@link TextSegment}'s text into a contract locator
 * (CONTRACT.md section 3), for example {@code eml:message=<id>,body,chars=12-40}.
 */
@FunctionalInterface
public interface SegmentLocator {

    /** The locator of {@code text.substring(start, end)}; start inclusive, end exclusive. */
    String locate(int start, int end);

    /** A locator that names the whole segment whatever range is asked for (a CSV cell, a HAR field). */
    static SegmentLocator fixed(final String locator) {
        return (start, end) -> locator;
    }
}
