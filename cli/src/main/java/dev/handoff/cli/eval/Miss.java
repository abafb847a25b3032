package dev.handoff.cli.eval;

/**
 * One difference between a decision and its gold file, as a person reviewing the evaluation needs it:
 * which packet, what kind of miss, which field or code, what the pipeline said and what was expected.
 */
public record Miss(String packetId, Kind kind, String subject, String got, String expected) {

    /** What kind of difference it is; gates use it to name the packets behind a failing metric. */
    public enum Kind {
        NO_DECISION, DECISION, MISSING_REASON, MISSING_WARNING, MISSING_PRIVACY_FLAG, FALSE_PRIVACY_FLAG,
        FIELD, PROVENANCE, LEAK
    }

    /** One line for the table: {@code PKT-1: field tenant = "TEN-1", expected "TEN-2"}. */
    public String describe() {
        return switch (kind) {
            case NO_DECISION -> packetId + ": no decision";
            case DECISION -> packetId + ": decision " + got + ", expected " + expected;
            case MISSING_REASON -> packetId + ": missing reason " + subject + (got == null ? "" : " (got " + got + ")");
            case MISSING_WARNING -> packetId + ": missing warning " + subject;
            case MISSING_PRIVACY_FLAG -> packetId + ": missing privacy flag " + subject;
            case FALSE_PRIVACY_FLAG -> packetId + ": false privacy flag " + subject;
            case FIELD -> packetId + ": field " + subject + " = " + got + ", expected " + expected;
            case PROVENANCE -> packetId + ": provenance of " + subject + " not verified (" + got + ")";
            case LEAK -> packetId + ": planted secret " + subject + " found in output";
        };
    }
}
