package dev.memebattle.caption;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Draws the training curve (train and validation bits/char over training hours) as a PNG with Java2D. */
public final class TrainingCurveChart {
    private static final int W = 900;
    private static final int H = 540;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private TrainingCurveChart() {
    }

    public static void write(List<TrainingProgress.HistoryPoint> history, String title, Path png) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            double maxX = 1e-6;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (TrainingProgress.HistoryPoint p : history) {
                maxX = Math.max(maxX, p.hours());
                if (p.trainBitsPerChar() > 0) {
                    minY = Math.min(minY, p.trainBitsPerChar());
                    maxY = Math.max(maxY, p.trainBitsPerChar());
                }
                if (p.validationBitsPerChar() != null) {
                    minY = Math.min(minY, p.validationBitsPerChar());
                    maxY = Math.max(maxY, p.validationBitsPerChar());
                }
            }
            if (minY > maxY) {
                minY = 0;
                maxY = 1;
            }
            maxY = Math.min(maxY, minY + 3); // the first minutes would squash the interesting part
            double pad = (maxY - minY) * 0.05 + 1e-3;
            minY -= pad;
            maxY += pad;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(new Color(225, 225, 225));
            for (int i = 0; i <= 10; i++) {
                double y = minY + (maxY - minY) * i / 10;
                int py = py(y, minY, maxY);
                g.drawLine(LEFT, py, W - RIGHT, py);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.2f", y), 10, py + 4);
                g.setColor(new Color(225, 225, 225));
            }
            for (int i = 0; i <= 10; i++) {
                double x = maxX * i / 10;
                int px = px(x, maxX);
                g.drawLine(px, TOP, px, H - BOTTOM);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.2f", x), px - 12, H - BOTTOM + 18);
                g.setColor(new Color(225, 225, 225));
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
            g.drawString("training hours", W / 2 - 40, H - 12);
            g.drawString("bits/char", 8, TOP - 10);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT + 10, 24);
            drawSeries(g, history, false, new Color(120, 160, 220), maxX, minY, maxY);
            drawSeries(g, history, true, new Color(200, 40, 40), maxX, minY, maxY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(new Color(120, 160, 220));
            g.drawString("train (running)", W - 260, 24);
            g.setColor(new Color(200, 40, 40));
            g.drawString("validation", W - 140, 24);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static void drawSeries(Graphics2D g, List<TrainingProgress.HistoryPoint> history, boolean validation,
                                   Color color, double maxX, double minY, double maxY) {
        Path2D path = new Path2D.Double();
        boolean started = false;
        g.setColor(color);
        g.setStroke(new BasicStroke(validation ? 2.2f : 1.4f));
        for (TrainingProgress.HistoryPoint p : history) {
            Double y = validation ? p.validationBitsPerChar() : (Double) p.trainBitsPerChar();
            if (y == null || y <= 0) {
                continue;
            }
            double cy = Math.max(minY, Math.min(maxY, y));
            int px = px(p.hours(), maxX);
            int py = py(cy, minY, maxY);
            if (!started) {
                path.moveTo(px, py);
                started = true;
            } else {
                path.lineTo(px, py);
            }
            if (validation) {
                g.fillOval(px - 3, py - 3, 6, 6);
            }
        }
        g.draw(path);
    }

    private static int px(double x, double maxX) {
        return LEFT + (int) Math.round((W - LEFT - RIGHT) * x / maxX);
    }

    private static int py(double y, double minY, double maxY) {
        return H - BOTTOM - (int) Math.round((H - TOP - BOTTOM) * (y - minY) / (maxY - minY));
    }
}
