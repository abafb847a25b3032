package dev.handoff.privacy;

import dev.handoff.avro.PrivacyCode;

/**
 * A detection inside one string: the value's character range and the label kept in the excerpt.
 *
 * @param start start of the value (inclusive)
 * @param end   end of the value (exclusive)
 * @param label visible text kept before the redacted value ({@code password: }), may be empty
 */
record TextMatch(PrivacyCode code, int start, int end, String label, String detector) {

    String value(final String text) {
        return text.substring(start, end);
    }

    boolean overlaps(final int otherStart, final int otherEnd) {
        return start < otherEnd && otherStart < end;
    }
}
