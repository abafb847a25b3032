package dev.handoff.cli.embedded;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for the handoff command in the shutdown test: starts a registry, prints its pid and
 * directory, then waits to be killed the way a person presses Ctrl-C.
 */
public final class RegistryHoldingProcess {

    /** Line prefix announcing the registry pid on stdout. */
    static final String PID_PREFIX = "registry-pid=";
    /** Line prefix announcing the registry directory on stdout. */
    static final String DIRECTORY_PREFIX = "registry-dir=";

    private RegistryHoldingProcess() {
    }

    /**
     * Starts the registry and blocks until the JVM is terminated.
     *
     * @param args unused
     * @throws InterruptedException never in practice: the JVM is terminated by a signal
     */
    public static void main(final String[] args) throws InterruptedException {
        QuietTestLogging.install();
        final ApicurioRegistryServer registry = ApicurioRegistryServer.builder()
            .readyTimeout(Duration.ofMinutes(4))
            .start();
        System.out.println(DIRECTORY_PREFIX + registry.workDirectory());
        System.out.println(PID_PREFIX + registry.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
