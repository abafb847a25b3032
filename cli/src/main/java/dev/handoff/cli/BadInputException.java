package dev.handoff.cli;

/** Bad command-line input: the message is one line naming the path and the problem. */
public final class BadInputException extends RuntimeException {

    public BadInputException(final String message) {
        super(message);
    }
}
