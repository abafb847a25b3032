package dev.handoff.cli.embedded;

import java.time.Duration;

/** How long the embedded broker and registry may take to become ready (configurable; 240 s by default). */
final class EmbeddedTimeouts {

    static final String PROPERTY = "handoff.embedded.ready.timeout.seconds";
    static final String ENV = "HANDOFF_EMBEDDED_READY_TIMEOUT_SECONDS";

    private EmbeddedTimeouts() {
    }

    static Duration ready() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
        }
        try {
            return Duration.ofSeconds(v == null || v.isBlank() ? 240 : Long.parseLong(v.trim()));
        } catch (final NumberFormatException e) {
            return Duration.ofSeconds(240);
        }
    }
}
