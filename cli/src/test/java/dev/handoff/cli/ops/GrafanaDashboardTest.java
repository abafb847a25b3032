package dev.handoff.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.common.ops.HandoffMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provisioned Grafana dashboard only queries metrics handoff (or Kafka's clients) actually export. */
class GrafanaDashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\b(handoff_[a-z0-9_]+)");

    @Test
    void shouldQueryOnlyMetricsHandoffExports() throws IOException, IllegalAccessException {
        // Given the dashboard and the Prometheus names of handoff's meters
        final JsonNode dashboard = new ObjectMapper().readTree(
                OpsFiles.repo().resolve(Path.of("deploy", "grafana", "dashboards", "handoff.json")).toFile());
        final Set<String> exported = new TreeSet<>();
        for (final Field f : HandoffMetrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && ((String) f.get(null)).startsWith("handoff.")) {
                final String base = ((String) f.get(null)).replace('.', '_');
                exported.addAll(List.of(base, base + "_total", base + "_seconds_bucket", base + "_seconds_count",
                        base + "_seconds_sum"));
            }
        }

        // When every query's handoff metric names are collected
        final List<String> queried = new ArrayList<>();
        for (final JsonNode panel : dashboard.path("panels")) {
            for (final JsonNode target : panel.path("targets")) {
                final Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }

        // Then each is exported, and the panels the operators asked for are there
        assertThat(queried).isNotEmpty().allSatisfy(name -> assertThat(exported).contains(name));
        assertThat(queried).contains("handoff_decisions_total", "handoff_decision_reasons_total",
                "handoff_end_to_end_latency_seconds_bucket", "handoff_dead_letters_total");
        assertThat(dashboard.path("panels").findValuesAsText("expr"))
                .anySatisfy(e -> assertThat(e).contains("records_lag"));
    }
}
