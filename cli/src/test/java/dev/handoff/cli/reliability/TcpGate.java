package dev.handoff.cli.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a fixed loopback port that a test opens towards a target port and closes at
 * will: while closed, clients get "connection refused", exactly as when the service behind is down.
 * It lets a restarted registry be prepared (schemas imported) before any client can reach it.
 */
final class TcpGate implements AutoCloseable {

    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    TcpGate(final int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** Starts accepting on the gate's port and forwarding each connection to {@code targetPort}. */
    synchronized void open(final int targetPort) throws IOException {
        close();
        final ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        final Thread acceptor = new Thread(() -> accept(s, targetPort), "tcp-gate-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(final ServerSocket s, final int targetPort) {
        while (!s.isClosed()) {
            try {
                final Socket client = s.accept();
                final Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (final IOException closedOrRefused) {
                // the gate was closed, or the target is not there: the client sees its connection end
            }
        }
    }

    private void pump(final Socket from, final Socket to) {
        final Thread t = new Thread(() -> {
            final byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (final IOException closed) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-gate-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Stops accepting and cuts every open connection. */
    @Override
    public synchronized void close() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        sockets.forEach(TcpGate::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(final AutoCloseable c) {
        try {
            c.close();
        } catch (final Exception ignored) {
            // already closed
        }
    }
}
