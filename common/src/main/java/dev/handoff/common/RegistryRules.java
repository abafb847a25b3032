package dev.handoff.common;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Makes sure the registry enforces BACKWARD compatibility for every schema handoff registers, so a
 * new schema version can only add fields with defaults and consumers on the old version keep reading.
 * Uses the registry's v2 admin API (global rule).
 */
public final class RegistryRules {

    private static final String RULE = "{\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}";

    private RegistryRules() {
    }

    public static void ensureBackward(final String registryUrl) throws IOException, InterruptedException {
        if (registryUrl.startsWith(InMemorySchemaResolver.SCHEME)) {
            return;
        }
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        final HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/rules"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(RULE)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() / 100 == 2) {
            return;
        }
        final HttpResponse<String> updated = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/rules/COMPATIBILITY"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(RULE)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (updated.statusCode() / 100 != 2) {
            throw new IOException("registry " + base + " refused the BACKWARD compatibility rule (HTTP "
                    + updated.statusCode() + ")");
        }
    }

    /** The global compatibility rule's configuration, or null when none is set. */
    public static String globalCompatibility(final String registryUrl) throws IOException, InterruptedException {
        final HttpClient http = HttpClient.newHttpClient();
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/admin/rules/COMPATIBILITY"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return null;
        }
        final com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        return n.path("config").asText(null);
    }
}
