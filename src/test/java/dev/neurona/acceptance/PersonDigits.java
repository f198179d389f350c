package dev.neurona.acceptance;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/** MNIST test digits from the bundled files, and pictures of them as a person would take or draw them. */
final class PersonDigits {

    private PersonDigits() {}

    static byte[][] testImages(int n) throws IOException {
        byte[] all = read("catalog/mnist/t10k-images-idx3-ubyte.gz");
        byte[][] out = new byte[n][784];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, 16 + i * 784, out[i], 0, 784);
        }
        return out;
    }

    static int[] testLabels(int n) throws IOException {
        byte[] all = read("catalog/mnist/t10k-labels-idx1-ubyte.gz");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = all[8 + i] & 0xFF;
        }
        return out;
    }

    /** The digit scaled ×7 (196 px), inverted to dark ink on white, placed at a random spot of a 280×280 page. */
    static byte[] asPhoto(byte[] digit, Random random) throws IOException {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            int v = 255 - (digit[i] & 0xFF);
            small.getRaster().setSample(i % 28, i / 28, 0, v);
        }
        BufferedImage page = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 280, 280);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int size = 196;
        g.drawImage(small, random.nextInt(280 - size), random.nextInt(280 - size), size, size, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(page, "png", out);
        return out.toByteArray();
    }

    /** A bundled MNIST file as shipped (gzipped). */
    static byte[] bundled(String name) throws IOException {
        try (InputStream in = PersonDigits.class.getClassLoader().getResourceAsStream("catalog/mnist/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in =
                new GZIPInputStream(PersonDigits.class.getClassLoader().getResourceAsStream(resource))) {
            return in.readAllBytes();
        }
    }
}
