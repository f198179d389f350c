package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.Preprocessing;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The picture of an autoencoder's test split, drawn once after training and stored with the model: for images a grid
 * of test images (one per class while there are classes), each as it is, as the denoising network saw it in
 * training (when it had noise or masking), and as reconstructed; for tables a histogram of the test rows' scores
 * with the anomaly threshold.
 */
final class ReconstructionChart {

    static final int COLUMNS = 10;
    private static final int LABEL = 18;
    private static final int MARGIN = 110;

    private ReconstructionChart() {}

    static byte[] images(
            Trainer trainer,
            TrainingLoop loop,
            TrainingLoop.Data test,
            TrainingLoop.Evaluation evaluation,
            ImageEncoding encoding,
            boolean denoising) {
        int[] picked = pick(test.y(), test.rows());
        List<Integer> shape = encoding.inputShape();
        int c = shape.get(0);
        int h = shape.get(1);
        int w = shape.get(2);
        int size = c * h * w;
        float[] originals;
        float[] noisy = null;
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDArray x = test.inputs(sub, picked, 0, picked.length, false);
            originals = x.toFloatArray();
            if (denoising) {
                noisy = loop.corrupt(x).toFloatArray();
            }
        }
        float[] reconstructed = new float[picked.length * size];
        for (int i = 0; i < picked.length; i++) {
            System.arraycopy(evaluation.outputs(), picked[i] * size, reconstructed, i * size, size);
        }
        List<float[]> rows = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        rows.add(originals);
        titles.add("original");
        if (noisy != null) {
            rows.add(noisy);
            titles.add("noisy input");
        }
        rows.add(reconstructed);
        titles.add("reconstruction");
        int scale = Math.max(1, Math.min(4, 84 / Math.max(h, w)));
        int cellW = Math.max(w * scale, 56) + 6;
        int cellH = h * scale + 6;
        int width = MARGIN + picked.length * cellW + 6;
        int height = LABEL + rows.size() * cellH + 2 * LABEL;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.drawString("test images: original, " + (noisy != null ? "noisy input, " : "") + "reconstruction", 6, 13);
        for (int r = 0; r < rows.size(); r++) {
            int top = LABEL + r * cellH;
            g.setColor(Color.DARK_GRAY);
            g.drawString(titles.get(r), 6, top + cellH / 2 + 4);
            for (int i = 0; i < picked.length; i++) {
                int left = MARGIN + i * cellW;
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        int rgb = rgb(rows.get(r), i * size, c, h, w, y, xx, encoding);
                        g.setColor(new Color(rgb));
                        g.fillRect(left + xx * scale, top + y * scale, scale, scale);
                    }
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        int labels = LABEL + rows.size() * cellH + 12;
        for (int i = 0; i < picked.length; i++) {
            int row = picked[i];
            String cls = encoding.classes().isEmpty()
                    ? "#" + row
                    : encoding.classes().get((int) test.y()[row]);
            int left = MARGIN + i * cellW;
            g.drawString(clip(cls, 9), left, labels);
            g.drawString(String.format(Locale.ROOT, "%.4f", evaluation.rowScores()[row]), left, labels + 14);
        }
        g.drawString("score", 6, labels + 14);
        g.dispose();
        return png(image);
    }

    /**
     * A histogram of the test rows' scores with the threshold as a red line. The axis ends at four times the
     * threshold when rarer rows score beyond it, so one far outlier does not squeeze every other row into one bar;
     * the last bar then gathers the rows beyond, and the title says how many.
     */
    static byte[] scores(float[] testScores, double threshold, String measure) {
        int bins = 30;
        double largest = threshold;
        for (float s : testScores) {
            largest = Math.max(largest, s);
        }
        double max = largest <= 0 ? 1 : Math.min(largest, 4 * threshold > 0 ? 4 * threshold : largest) * 1.05;
        int beyond = 0;
        int[] counts = new int[bins];
        for (float s : testScores) {
            beyond += s > max ? 1 : 0;
            counts[Math.min(bins - 1, (int) (s / max * bins))]++;
        }
        int most = 1;
        for (int k : counts) {
            most = Math.max(most, k);
        }
        int width = 640;
        int height = 360;
        int left = 50;
        int bottom = height - 40;
        int top = 30;
        int plotW = width - left - 20;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.drawString(
                "test rows' error (" + measure + " per row), " + testScores.length + " rows"
                        + (beyond > 0
                                ? String.format(
                                        Locale.ROOT, "; %d beyond the axis (last bar, up to %.3g)", beyond, largest)
                                : ""),
                left,
                18);
        g.setColor(new Color(70, 110, 180));
        for (int b = 0; b < bins; b++) {
            int barH = (int) Math.round((double) counts[b] / most * (bottom - top));
            g.fillRect(left + b * plotW / bins + 1, bottom - barH, plotW / bins - 2, barH);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine(left, bottom, left + plotW, bottom);
        g.drawString("0", left - 4, bottom + 16);
        g.drawString(String.format(Locale.ROOT, "%.4g", max), left + plotW - 40, bottom + 16);
        g.drawString(String.valueOf(most), 8, top + 10);
        int at = left + (int) Math.round(threshold / max * plotW);
        g.setColor(new Color(200, 30, 30));
        g.setStroke(new BasicStroke(2f));
        g.drawLine(at, top, at, bottom);
        g.drawString(
                String.format(Locale.ROOT, "threshold %.4g (99th percentile of training rows)", threshold),
                Math.max(left, Math.min(at + 4, width - 330)),
                top + 12);
        g.dispose();
        return png(image);
    }

    /** The first test image of each class while there are classes (up to {@link #COLUMNS}), then the next ones. */
    static int[] pick(float[] y, int rows) {
        List<Integer> picked = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int r = 0; r < rows && picked.size() < COLUMNS; r++) {
            if (seen.add((int) y[r])) {
                picked.add(r);
            }
        }
        for (int r = 0; r < rows && picked.size() < COLUMNS; r++) {
            if (!picked.contains(r)) {
                picked.add(r);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A value as the network sees it back to a pixel: standardised values undone, clipped to [0, 1]. */
    private static int rgb(float[] values, int offset, int c, int h, int w, int y, int x, Preprocessing p) {
        ImageEncoding encoding = (ImageEncoding) p;
        int[] channel = new int[3];
        for (int k = 0; k < 3; k++) {
            float v = values[offset + (c == 1 ? 0 : k) * h * w + y * w + x];
            if (encoding.std() != null) {
                v = v * encoding.std() + encoding.mean();
            }
            channel[k] = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
        }
        return (channel[0] << 16) | (channel[1] << 8) | channel[2];
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        return g;
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
