package dev.neurona.physics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Three heat maps side by side, x to the right and t upwards: the network's φ(x, t), the exact solution, and
 * |error|. φ uses a diverging blue–white–red scale over [−m, m] (m the largest |φ| of both, so the two panels are
 * comparable and 0 is white); the error a white-to-dark-red scale from 0 to its maximum. Each panel has its colour
 * bar. Plain Java2D: the picture is a grid of cells, which a chart library adds nothing to.
 */
final class HeatMaps {

    static final int CELL = 3;
    private static final int PANEL_GAP = 110;
    private static final int LEFT = 60;
    private static final int TOP = 70;
    private static final int BOTTOM = 60;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private HeatMaps() {}

    /**
     * @param predicted [t][x], t = 0 first (drawn at the bottom)
     * @param exact     the same grid's exact values
     */
    static byte[] png(String title, double[][] predicted, double[][] exact) {
        int nt = predicted.length;
        int nx = predicted[0].length;
        double[][] error = new double[nt][nx];
        double largest = 0;
        double maxError = 0;
        for (int j = 0; j < nt; j++) {
            for (int i = 0; i < nx; i++) {
                error[j][i] = Math.abs(predicted[j][i] - exact[j][i]);
                maxError = Math.max(maxError, error[j][i]);
                largest = Math.max(largest, Math.max(Math.abs(predicted[j][i]), Math.abs(exact[j][i])));
            }
        }
        double range = largest > 0 ? largest : 1;
        double errorRange = maxError > 0 ? maxError : 1;
        int side = nx * CELL;
        int height = nt * CELL;
        int width = LEFT + 3 * side + 3 * PANEL_GAP;
        BufferedImage image = new BufferedImage(width, TOP + height + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            g.drawString(title, LEFT, 28);
            String[] names = {"network φ(x, t)", "exact sin(2π(x − ut))", "|error|"};
            double[][][] panels = {predicted, exact, error};
            for (int p = 0; p < 3; p++) {
                int x0 = LEFT + p * (side + PANEL_GAP);
                for (int j = 0; j < nt; j++) {
                    for (int i = 0; i < nx; i++) {
                        double v = panels[p][j][i];
                        g.setColor(p < 2 ? diverging(v / range) : sequential(v / errorRange));
                        g.fillRect(x0 + i * CELL, TOP + (nt - 1 - j) * CELL, CELL, CELL);
                    }
                }
                axes(g, x0, side, height, names[p]);
                if (p < 2) {
                    colourBar(g, x0 + side + 12, height, -range, range, true);
                } else {
                    colourBar(g, x0 + side + 12, height, 0, errorRange, false);
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void axes(Graphics2D g, int x0, int side, int height, String name) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, TOP, side, height);
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(name, x0 + (side - fm.stringWidth(name)) / 2, TOP - 8);
        for (double v : new double[] {0, 0.5, 1}) {
            String label = String.format(Locale.ROOT, "%.1f", v);
            int px = x0 + (int) Math.round(v * side);
            g.drawLine(px, TOP + height, px, TOP + height + 4);
            g.drawString(label, px - fm.stringWidth(label) / 2, TOP + height + 17);
            int py = TOP + height - (int) Math.round(v * height);
            g.drawLine(x0 - 4, py, x0, py);
            g.drawString(label, x0 - 6 - fm.stringWidth(label), py + 4);
        }
        g.drawString("x", x0 + side / 2 - 3, TOP + height + 34);
        g.drawString("t", x0 - 40, TOP + height / 2);
    }

    private static void colourBar(Graphics2D g, int x, int height, double low, double high, boolean diverging) {
        for (int py = 0; py < height; py++) {
            double share = 1 - (double) py / (height - 1);
            g.setColor(diverging ? diverging(2 * share - 1) : sequential(share));
            g.fillRect(x, TOP + py, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, TOP, 14, height);
        g.setFont(LABEL);
        double[] ticks = diverging ? new double[] {low, 0, high} : new double[] {low, (low + high) / 2, high};
        for (double v : ticks) {
            int py = TOP + height - (int) Math.round((v - low) / (high - low) * height);
            g.drawLine(x + 14, py, x + 18, py);
            g.drawString(format(v), x + 20, py + 4);
        }
    }

    private static String format(double v) {
        double a = Math.abs(v);
        return a == 0
                ? "0"
                : a >= 0.001 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.1e", v);
    }

    /** −1 dark blue, 0 white, +1 dark red (RdBu's ends). */
    static Color diverging(double v) {
        double s = Math.max(-1, Math.min(1, v));
        Color end = s < 0 ? new Color(0x2166ac) : new Color(0xb2182b);
        double w = Math.abs(s);
        return mix(Color.WHITE, end, w);
    }

    /** 0 white, 1 dark red. */
    static Color sequential(double v) {
        return mix(Color.WHITE, new Color(0x67000d), Math.max(0, Math.min(1, v)));
    }

    private static Color mix(Color from, Color to, double w) {
        return new Color(
                (int) Math.round(from.getRed() + (to.getRed() - from.getRed()) * w),
                (int) Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * w),
                (int) Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * w));
    }
}
