package dev.handoff.cli.embedded;

/**
 * Thrown when the embedded broker or registry cannot be started; the message is one line a
 * person can act on (what failed, where, and the last lines of the child's log when there is one).
 */
public final class EmbeddedStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message.
     *
     * @param message what failed and where
     */
    public EmbeddedStartupException(final String message) {
        super(message);
    }

    /**
     * Creates the exception with a one-line message and its cause.
     *
     * @param message what failed and where
     * @param cause the underlying failure
     */
    public EmbeddedStartupException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
