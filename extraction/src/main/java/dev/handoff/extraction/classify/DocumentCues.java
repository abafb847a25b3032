package dev.handoff.extraction.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wording that tells a bridge request (a call to assemble responders) and an account-team note apart from
 * other prose, used on Markdown, plain text and the text of DOCX and PDF files.
 */
public final class DocumentCues {

    private static final Pattern BRIDGE = Pattern.compile(
            "\\b(bridge|dial[- ]in|conference (call|line|bridge)|war[- ]room|on the bridge|bridge call|incident call)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESPONDER_WORD = Pattern.compile(
            "\\b(responders?|attendees?|participants?|invitees?|on the bridge|who to page|to be paged)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTACT_TOKEN = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|\\+?\\d[\\d ()./-]{7,}\\d");
    private static final Pattern ACCOUNT_TEAM = Pattern.compile(
            // Phrases in any case; the role acronyms only in capitals ("tam" is a word elsewhere).
            "\\b((?i:account team|account manager|account executive|customer success( manager)?|technical account manager"
                    + "|escalation note|kundenbetreuer)|CSM|TAM)\\b");
    private static final Pattern NOTE_TITLE = Pattern.compile("\\bnotes?\\b", Pattern.CASE_INSENSITIVE);

    private DocumentCues() {
    }

    /** What the text's wording suggests, with the cue a person can check. */
    public record Cue(boolean bridgeRequest, boolean accountNote, String why) {
    }

    /** Reads the cues of {@code text} (only its first 64 KB). */
    public static Cue of(final String fullText) {
        final String text = fullText.length() > 65_536 ? fullText.substring(0, 65_536) : fullText;
        final Matcher bridge = BRIDGE.matcher(text);
        final boolean hasBridgeWord = bridge.find();
        final boolean hasResponderWord = RESPONDER_WORD.matcher(text).find();
        int contacts = 0;
        final Matcher contact = CONTACT_TOKEN.matcher(text);
        while (contact.find() && contacts < 3) {
            contacts++;
        }
        if (hasBridgeWord && hasResponderWord && contacts >= 2) {
            return new Cue(true, false, "bridge wording (\"" + bridge.group().toLowerCase(Locale.ROOT)
                    + "\") with a responder list");
        }
        // An account-team note says who it is from near its start; a long guide merely mentioning an account team is not one.
        final Matcher team = ACCOUNT_TEAM.matcher(text.length() > 3000 ? text.substring(0, 3000) : text);
        if (team.find()) {
            return new Cue(false, true, "account-team wording (\"" + team.group() + "\")");
        }
        final String title = firstLine(text);
        if (NOTE_TITLE.matcher(title).find() && title.length() < 120) {
            return new Cue(false, true, "titled as a note");
        }
        return new Cue(false, false, "no bridge or account-team wording");
    }

    private static String firstLine(final String text) {
        for (final String line : text.split("\\R", 40)) {
            final String t = line.strip();
            if (!t.isEmpty() && !"---".equals(t)) {
                return t;
            }
        }
        return "";
    }
}
