package dev.handoff.cli.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scraped Prometheus text page, parsed into samples so tests can look series up by name and labels. */
public final class PrometheusText {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(final List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusText parse(final String text) {
        final List<Sample> out = new ArrayList<>();
        for (final String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final int brace = line.indexOf('{');
            final int space = line.lastIndexOf(' ');
            final String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            final Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                final Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
        }
        return new PrometheusText(out);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Sum of the samples of a series name whose labels include all the given ones (0 if none). */
    public double value(final String name, final Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    public double value(final String name) {
        return value(name, Map.of());
    }

    public boolean has(final String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
