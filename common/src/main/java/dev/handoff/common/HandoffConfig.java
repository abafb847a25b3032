package dev.handoff.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * handoff's configuration, layered: built-in defaults, then a properties file, then environment
 * variables ({@code HANDOFF_ROUTER_GRACE_MS} sets {@code handoff.router.grace.ms}), then explicit
 * overrides (command-line options). The README's configuration table lists every key.
 */
public final class HandoffConfig {

    public static final String BOOTSTRAP_SERVERS = "handoff.bootstrap.servers";
    public static final String REGISTRY_URL = "handoff.registry.url";
    public static final String ATTACHMENTS_DIR = "handoff.attachments.dir";
    public static final String STATE_DIR = "handoff.state.dir";
    public static final String APPLICATION_PREFIX = "handoff.application.prefix";
    public static final String COMMIT_INTERVAL_MS = "handoff.commit.interval.ms";
    /** Commit once a stream thread's input has been quiet this long; -1 = interval commits only ({@link IdleCommit}). */
    public static final String COMMIT_IDLE_MS = "handoff.commit.idle.ms";
    /** How long an idle stream thread blocks in poll: the granularity of interval commits when idle. */
    public static final String POLL_MS = "handoff.poll.ms";
    public static final String STREAM_THREADS = "handoff.stream.threads";
    public static final String PARTITIONS = "handoff.topic.partitions";
    public static final String REPLICATION = "handoff.topic.replication";
    public static final String ROUTER_GRACE_MS = "handoff.router.grace.ms";
    public static final String ROUTER_PUNCTUATE_MS = "handoff.router.punctuate.ms";
    public static final String INTAKE_MANDATORY = "handoff.intake.mandatory";
    public static final String PRIVACY_ROUTED_CODES = "handoff.privacy.routed.codes";
    public static final String RESOLVED_CONFIDENCE = "handoff.routing.resolved.confidence";
    public static final String TIMING_TOLERANCE_MINUTES = "handoff.routing.timing.tolerance.minutes";
    public static final String IMPACT_CONFIDENCE = "handoff.routing.impact.confidence";
    public static final String EXTRACT_TIMEOUT_MS = "handoff.extract.timeout.ms";
    public static final String EXTRACT_MAX_BYTES = "handoff.extract.max.bytes";
    public static final String EXTRACT_MAX_PIXELS = "handoff.extract.max.pixels";
    public static final String EXTRACT_CACHE_ENTRIES = "handoff.extract.cache.entries";
    public static final String METRICS_PORT = "handoff.metrics.port";
    public static final String SECURITY_PROTOCOL = "handoff.security.protocol";
    public static final String SASL_MECHANISM = "handoff.sasl.mechanism";
    public static final String SASL_USERNAME = "handoff.sasl.username";
    public static final String SASL_PASSWORD = "handoff.sasl.password";

    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private HandoffConfig(final Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    private static Map<String, String> defaults() {
        final Map<String, String> d = new TreeMap<>();
        d.put(BOOTSTRAP_SERVERS, "localhost:9092");
        d.put(REGISTRY_URL, "http://localhost:8080/apis/registry/v2");
        d.put(ATTACHMENTS_DIR, "/var/lib/handoff/attachments");
        d.put(STATE_DIR, System.getProperty("java.io.tmpdir") + "/handoff-state");
        d.put(APPLICATION_PREFIX, "handoff");
        d.put(COMMIT_INTERVAL_MS, "200");
        d.put(COMMIT_IDLE_MS, "20");
        d.put(POLL_MS, "20");
        d.put(STREAM_THREADS, "1");
        d.put(PARTITIONS, "3");
        d.put(REPLICATION, "1");
        d.put(ROUTER_GRACE_MS, "600000");
        d.put(ROUTER_PUNCTUATE_MS, "1000");
        d.put(INTAKE_MANDATORY,
                "tenant,environment,productSurface,firstObservedAt,businessImpact,responseTier,approvedContacts");
        d.put(PRIVACY_ROUTED_CODES, "PII_PAYMENT_CARD,PII_NATIONAL_ID");
        d.put(RESOLVED_CONFIDENCE, "0.6");
        d.put(TIMING_TOLERANCE_MINUTES, "30");
        d.put(IMPACT_CONFIDENCE, "0.5");
        d.put(EXTRACT_TIMEOUT_MS, "60000");
        d.put(EXTRACT_MAX_BYTES, String.valueOf(50L * 1024 * 1024));
        d.put(EXTRACT_MAX_PIXELS, "40000000");
        d.put(EXTRACT_CACHE_ENTRIES, "2000");
        d.put(METRICS_PORT, "-1");
        d.put(SECURITY_PROTOCOL, "PLAINTEXT");
        d.put(SASL_MECHANISM, "SCRAM-SHA-512");
        return d;
    }

    /** Defaults, then the file named by env HANDOFF_CONFIG (if any), then HANDOFF_* environment variables. */
    public static HandoffConfig load() {
        return load(null, System.getenv(), Map.of());
    }

    public static HandoffConfig load(final Path file, final Map<String, String> env, final Map<String, String> overrides) {
        final Map<String, String> v = new TreeMap<>(DEFAULTS);
        final Path f = file != null ? file : env.containsKey("HANDOFF_CONFIG") ? Path.of(env.get("HANDOFF_CONFIG")) : null;
        if (f != null) {
            final Properties p = new Properties();
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            } catch (final IOException e) {
                throw new IllegalArgumentException(f + ": cannot read configuration file (" + e.getClass().getSimpleName() + ")");
            }
            p.stringPropertyNames().forEach(k -> v.put(k, p.getProperty(k)));
        }
        env.forEach((k, val) -> {
            if (k.startsWith("HANDOFF_") && !"HANDOFF_CONFIG".equals(k) && !"HANDOFF_HOME".equals(k)) {
                v.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), val);
            }
        });
        v.putAll(overrides);
        return new HandoffConfig(v);
    }

    public static HandoffConfig of(final Map<String, String> overrides) {
        final Map<String, String> v = new TreeMap<>(DEFAULTS);
        v.putAll(overrides);
        return new HandoffConfig(v);
    }

    public HandoffConfig with(final Map<String, String> overrides) {
        final Map<String, String> v = new TreeMap<>(values);
        v.putAll(overrides);
        return new HandoffConfig(v);
    }

    public String get(final String key) {
        return values.get(key);
    }

    public String get(final String key, final String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(final String key) {
        return Integer.parseInt(require(key).trim());
    }

    public long getLong(final String key) {
        return Long.parseLong(require(key).trim());
    }

    public double getDouble(final String key) {
        return Double.parseDouble(require(key).trim());
    }

    public List<String> getList(final String key) {
        final String v = values.get(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Every key with a prefix, the prefix removed (for passing raw Kafka client settings). */
    public Map<String, String> withPrefix(final String prefix) {
        final Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private String require(final String key) {
        final String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("configuration key " + key + " is not set");
        }
        return v;
    }
}
