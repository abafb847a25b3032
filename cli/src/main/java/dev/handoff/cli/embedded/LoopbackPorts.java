package dev.handoff.cli.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free TCP ports on the loopback interface by letting the kernel assign them; another
 * process can still take such a port before we bind it, so callers retry on bind failure.
 */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * Returns distinct ports that were free a moment ago; all are held open together while
     * choosing so the kernel never hands out the same port twice.
     *
     * @param count how many ports
     * @return the ports
     */
    static List<Integer> pick(final int count) {
        final List<ServerSocket> held = new ArrayList<>();
        try {
            final List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                final ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.add(socket.getLocalPort());
            }
            return List.copyOf(ports);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port: " + e.getMessage(), e);
        } finally {
            for (final ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (final IOException ignored) {
                    // closing a socket we only used to learn a port number: nothing to recover
                }
            }
        }
    }

    /**
     * Tells whether a port can be bound on the loopback interface right now.
     *
     * @param port the port
     * @return true when nothing listens on it
     */
    static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /**
     * Tells whether a failure, anywhere in its cause chain, is a port that was already taken.
     *
     * @param failure the failure
     * @return true for a bind failure
     */
    static boolean isBindFailure(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            final String message = t.getMessage();
            if (message != null && (message.contains("Address already in use") || message.contains("failed to bind"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
