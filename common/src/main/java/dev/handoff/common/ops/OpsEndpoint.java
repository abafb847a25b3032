package dev.handoff.common.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's operations endpoint on the JDK's HTTP server: {@code /metrics} (Prometheus text),
 * {@code /health/live} and {@code /health/ready} (200 when true, 503 otherwise, with the Streams
 * state as a small JSON body for whoever looks).
 */
public final class OpsEndpoint implements AutoCloseable {

    /** Config key: the interface the endpoint binds to (all interfaces in a container by default). */
    public static final String HOST_CONFIG = "handoff.metrics.host";
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOGGER = LoggerFactory.getLogger(OpsEndpoint.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsEndpoint(final HttpServer server, final ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the endpoint.
     *
     * @param host   interface to bind
     * @param port   0 for an ephemeral port
     * @param metrics the service's metrics
     * @param health the service's health, read on every probe
     */
    public static OpsEndpoint start(final String host, final int port, final HandoffMetrics metrics,
                                    final Supplier<StreamsReadiness.Health> health) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "handoff-ops-" + metrics.service());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> respond(ex, 200, PROMETHEUS_CONTENT_TYPE, metrics.scrape()));
        server.createContext("/health/live", ex -> {
            final StreamsReadiness.Health h = health.get();
            respond(ex, h.live() ? 200 : 503, "application/json", json(h, h.live()));
        });
        server.createContext("/health/ready", ex -> {
            final StreamsReadiness.Health h = health.get();
            respond(ex, h.ready() ? 200 : 503, "application/json", json(h, h.ready()));
        });
        server.start();
        LOGGER.info("service={} metrics and health on {}:{}", metrics.service(), host, server.getAddress().getPort());
        return new OpsEndpoint(server, executor);
    }

    /** The bound port (the ephemeral one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static String json(final StreamsReadiness.Health h, final boolean up) {
        return "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + h.state()
                + "\",\"restoringPartitions\":" + h.restoringPartitions() + "}\n";
    }

    private static void respond(final HttpExchange ex, final int status, final String contentType, final String body)
            throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
