package dev.handoff.core;

/**
 * Keys of {@link TextSegment#context()} and of candidate/artifact attribute maps. One place, so a
 * reader, a miner, a normalizer and the router agree on what a key means.
 */
public final class SegmentContext {

    /** Where the text sits: header, subject, body, cell, ocr, paragraph, har-url, har-body, har-header, har-time, note. */
    public static final String ROLE = "role";
    /** The column, JSON key, header name or sheet header the text sits under (for example {@code Organization}). */
    public static final String FIELD = "field";
    /** The artifact's own zone as an offset or zone id ({@code +02:00}, {@code Europe/Vienna}); zoneless times are read in it. */
    public static final String ZONE = "zone";
    /** The artifact's own date as an ISO instant (email Date, ticket creation time); relative phrases are anchored to it. */
    public static final String ANCHOR = "anchor";
    /** "true" when the text came from OCR. */
    public static final String OCR = "ocr";
    /** "true" for text of a hidden spreadsheet sheet: archived data, not a claim. */
    public static final String HIDDEN = "hidden";
    /** Who wrote this piece (email sender, comment author), as "Name <email>" or an email. */
    public static final String AUTHOR = "author";
    /** The side of the author: CUSTOMER, VENDOR, UNKNOWN. */
    public static final String SIDE = "side";
    /** For email segments: the Message-ID of the (possibly forwarded or quoted) message. */
    public static final String MESSAGE_ID = "messageId";
    /** Mean OCR word confidence 0..100 of the segment. */
    public static final String OCR_CONFIDENCE = "ocrConfidence";

    // Candidate attribute keys.
    /** Time claims: FIRST_FAILURE, REPORT, MACHINE, OTHER. */
    public static final String TIME_ROLE = "timeRole";
    /** People: REQUESTER, SENDER, RECIPIENT, CC, COMMENT_AUTHOR, RESPONDER, MENTION, SIGNATURE. */
    public static final String PARTICIPATION = "participation";
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String PERSON_ROLE = "personRole";
    /** "true" when an identifier was repaired from OCR garbling (O->0, l->1 ...). */
    public static final String OCR_REPAIRED = "ocrRepaired";
    /** The original (garbled) text before repair. */
    public static final String ORIGINAL = "original";
    /** Normalized values of one ambiguous mention share a group. */
    public static final String GROUP = "group";

    private SegmentContext() {
    }
}
