package dev.handoff.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the result file's throughput figures as a PNG with Java2D: bare extraction beside the pipeline,
 * by packet count and by artifacts per packet, so the gap to the limit is visible at a glance.
 */
final class ThroughputChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 460;
    private static final Color BARE = new Color(0x4C78A8);
    private static final Color PIPELINE = new Color(0xF58518);

    private ThroughputChart() {
    }

    static void write(final Map<String, Object> results, final Path file) throws IOException {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            final Map<?, ?> machine = (Map<?, ?>) results.get("machine");
            g.drawString("handoff throughput, packets/s (" + machine.get("cores") + " cores, load "
                    + machine.get("load1AtStart") + " at start)", 20, 24);
            panel(g, 20, 50, "by packet count (" + settings(results, "artifactsPerPacket") + " artifacts each)",
                    series(results, "bySize"), "packets");
            panel(g, WIDTH / 2 + 10, 50, "by artifacts per packet", series(results, "byArtifactsPerPacket"),
                    "artifacts/packet");
            legend(g, WIDTH - 260, 24);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private record Bar(String label, double bare, double pipeline) {
    }

    private static Object settings(final Map<String, Object> results, final String key) {
        return ((Map<?, ?>) results.get("settings")).get(key);
    }

    private static List<Bar> series(final Map<String, Object> results, final String key) {
        final Map<?, ?> bare = (Map<?, ?>) ((Map<?, ?>) results.get("bare")).get(key);
        final Map<?, ?> pipe = (Map<?, ?>) ((Map<?, ?>) results.get("pipeline")).get(key);
        final List<Bar> bars = new ArrayList<>();
        for (final Object k : bare.keySet()) {
            final double b = rate(bare.get(k));
            final double p = pipe == null ? 0 : rate(pipe.get(k));
            bars.add(new Bar(String.valueOf(k), b, p));
        }
        return bars;
    }

    private static double rate(final Object figure) {
        return figure == null ? 0 : ((Number) ((Map<?, ?>) figure).get("packetsPerSecond")).doubleValue();
    }

    private static void panel(final Graphics2D g, final int x, final int y, final String title, final List<Bar> bars,
                              final String axis) {
        final int w = WIDTH / 2 - 40;
        final int h = HEIGHT - y - 60;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, x, y);
        final double max = bars.stream().mapToDouble(b -> Math.max(b.bare(), b.pipeline())).max().orElse(1) * 1.15;
        final int left = x + 45;
        final int bottom = y + h;
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, y + 10, left, bottom);
        g.drawLine(left, bottom, x + w, bottom);
        for (int i = 0; i <= 4; i++) {
            final int ty = bottom - (int) ((h - 10) * i / 4.0);
            g.drawString(String.format(Locale.ROOT, max < 20 ? "%.1f" : "%.0f", max * i / 4), x, ty + 4);
        }
        final int slot = (x + w - left) / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            final Bar b = bars.get(i);
            final int sx = left + i * slot + slot / 6;
            final int bw = slot / 3;
            bar(g, sx, bottom, bw, (int) ((h - 10) * b.bare() / max), BARE, b.bare());
            bar(g, sx + bw, bottom, bw, (int) ((h - 10) * b.pipeline() / max), PIPELINE, b.pipeline());
            g.setColor(Color.BLACK);
            g.drawString(b.label(), sx + bw / 2, bottom + 16);
        }
        g.drawString(axis, x + w / 2 - 20, bottom + 34);
    }

    private static void bar(final Graphics2D g, final int x, final int bottom, final int w, final int h,
                            final Color c, final double value) {
        g.setColor(c);
        g.fillRect(x, bottom - h, w - 2, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(String.format(Locale.ROOT, "%.1f", value), x, bottom - h - 3);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    }

    private static void legend(final Graphics2D g, final int x, final int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(BARE);
        g.fillRect(x, y - 11, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("bare extraction", x + 16, y);
        g.setColor(PIPELINE);
        g.fillRect(x + 130, y - 11, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("pipeline", x + 146, y);
    }
}
