package dev.handoff.cli.embedded;

import java.net.URL;

/**
 * Points logback at a quiet test configuration when the module has none, because logback's
 * fallback logs the embedded broker at DEBUG on stdout; must run before the first logger exists.
 */
final class QuietTestLogging {

    private static final String CONFIGURATION_PROPERTY = "logback.configurationFile";

    private QuietTestLogging() {
    }

    /** Installs the quiet configuration unless one is already configured or on the classpath. */
    static void install() {
        if (System.getProperty(CONFIGURATION_PROPERTY) != null
            || QuietTestLogging.class.getResource("/logback-test.xml") != null
            || QuietTestLogging.class.getResource("/logback.xml") != null) {
            return;
        }
        final URL quiet = QuietTestLogging.class.getResource("/embedded/logback-quiet.xml");
        if (quiet != null) {
            System.setProperty(CONFIGURATION_PROPERTY, quiet.toString());
        }
    }
}
