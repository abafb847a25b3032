package dev.handoff.corpus;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Browser error pages rendered with Java2D, as customers paste them: a window frame, an address bar, a
 * headline, and detail lines (error code, directory GUID, correlation id, time) that only OCR can read.
 */
final class Screenshots {

    /** What the page shows. {@code details} are the small lines under the headline; {@code faint} draws them light grey. */
    record Page(String url, String title, String headline, String message, List<String> details, boolean faint,
                boolean small) {
    }

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private Screenshots() {
    }

    static byte[] png(final Page page) {
        return encode(render(page), "png");
    }

    static byte[] jpeg(final Page page) {
        return encode(render(page), "jpeg");
    }

    private static BufferedImage render(final Page page) {
        final BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            // Browser chrome: tab strip and address bar.
            g.setColor(new Color(222, 225, 230));
            g.fillRect(0, 0, WIDTH, 40);
            g.setColor(Color.WHITE);
            g.fillRoundRect(12, 6, 260, 34, 10, 10);
            g.setColor(new Color(60, 64, 67));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(page.title(), 28, 28);
            g.setColor(new Color(241, 243, 244));
            g.fillRect(0, 40, WIDTH, 44);
            g.setColor(Color.WHITE);
            g.fillRoundRect(90, 47, 1100, 30, 28, 28);
            g.setColor(new Color(32, 33, 36));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            g.drawString(page.url(), 116, 68);
            g.setColor(new Color(95, 99, 104));
            g.drawString("\u2190   \u2192   \u21bb", 14, 68);
            // Page body.
            g.setColor(new Color(200, 40, 40));
            g.fillOval(160, 170, 44, 44);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
            g.drawString("!", 177, 203);
            g.setColor(new Color(32, 33, 36));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
            g.drawString(page.headline(), 230, 205);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
            g.drawString(page.message(), 230, 250);
            g.setColor(page.faint() ? new Color(178, 178, 178) : new Color(95, 99, 104));
            final int size = page.small() ? 12 : 15;
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, size));
            int y = 320;
            for (final String line : page.details()) {
                g.drawString(line, 230, y);
                y += size + 10;
            }
            g.setColor(new Color(26, 115, 232));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            g.drawString("Try again", 230, y + 40);
            g.drawString("Sign in with a different account", 340, y + 40);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static byte[] encode(final BufferedImage img, final String format) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            if ("jpeg".equals(format)) {
                final Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
                final ImageWriter w = writers.next();
                final ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(0.82f);
                try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                    w.setOutput(ios);
                    w.write(null, new IIOImage(img, null, null), p);
                } finally {
                    w.dispose();
                }
            } else {
                ImageIO.write(img, format, out);
            }
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
