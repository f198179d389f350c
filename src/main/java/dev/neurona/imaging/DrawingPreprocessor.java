package dev.neurona.imaging;

import dev.neurona.platform.problem.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Turns an uploaded picture into the pixels a model was trained on. Digits are made the way MNIST made them (ink
 * cropped, scaled into a 20×20 box, placed by centre of mass); doodles the way Google's Quick, Draw! bitmaps look;
 * everything else is a plain {@link Resampler#resize}. A picture without ink is refused on the picture itself (the
 * empty field path).
 */
public final class DrawingPreprocessor {

    private static final int SIZE = 28;
    /** MNIST, measured: every digit's ink has a longest side of 20 px; centres of mass average (14.0, 14.0). */
    private static final int MNIST_BOX = 20;

    private static final int MNIST_CENTRE = 14;
    /**
     * Quick, Draw! bitmaps, measured on the files in shared/data/quickdraw: the ink's longest side is 26 px (one empty
     * pixel each side) and its bounding box is centred, at 13.5 on both axes in over 99% of drawings.
     */
    private static final int QUICKDRAW_BOX = 26;

    private DrawingPreprocessor() {}

    /** 28×28 bytes, white ink on black, made the way MNIST digits were: 20 px box, centre of mass at (14, 14). */
    public static byte[] mnistStyle(BufferedImage image) {
        InkCrop ink = InkCrop.find(image);
        int[] size = fit(ink.width(), ink.height(), MNIST_BOX);
        double[] box = Resampler.frame(
                ink.plane(), ink.stride(), ink.x0(), ink.y0(), ink.width(), ink.height(), size[0], size[1]);
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < size[1]; y++) {
            for (int x = 0; x < size[0]; x++) {
                double v = box[y * size[0] + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        if (mass <= 0) {
            throw new InvalidInputException("", InkCrop.EMPTY);
        }
        int dx = (int) Math.round(MNIST_CENTRE - mx / mass);
        int dy = (int) Math.round(MNIST_CENTRE - my / mass);
        return place(box, size[0], size[1], dx, dy);
    }

    /** 28×28 bytes for doodle models, as Quick, Draw! bitmaps: ink's longest side 26 px, bounding box centred. */
    public static byte[] fillStyle(BufferedImage image) {
        InkCrop ink = InkCrop.find(image);
        int[] size = fit(ink.width(), ink.height(), QUICKDRAW_BOX);
        double[] box = Resampler.frame(
                ink.plane(), ink.stride(), ink.x0(), ink.y0(), ink.width(), ink.height(), size[0], size[1]);
        return place(box, size[0], size[1], (SIZE - size[0]) / 2, (SIZE - size[1]) / 2);
    }

    /**
     * A PNG of {@code size×size} pixels, base64, so users can see what the model saw: grey for {@code size²} bytes,
     * colour for {@code 3·size²} bytes in the channel-first layout {@link Resampler#resize} produces.
     */
    public static String toPngBase64(byte[] pixels, int size) {
        int n = size * size;
        BufferedImage image;
        if (size > 0 && pixels.length == n) {
            image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            System.arraycopy(pixels, 0, data, 0, n);
        } else if (size > 0 && pixels.length == 3 * n) {
            image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < n; i++) {
                int r = pixels[i] & 0xff;
                int g = pixels[n + i] & 0xff;
                int b = pixels[2 * n + i] & 0xff;
                image.setRGB(i % size, i / size, r << 16 | g << 8 | b);
            }
        } else {
            throw new IllegalArgumentException(pixels.length + " bytes is not a " + size + "×" + size + " image");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory", e);
        }
        return Base64.getEncoder().encodeToString(png.toByteArray());
    }

    /** Keeps the aspect ratio: the longest side becomes {@code box}, the other at least 1 px. */
    private static int[] fit(int w, int h, int box) {
        int longest = Math.max(w, h);
        return new int[] {
            Math.max(1, (int) Math.round((double) w * box / longest)),
            Math.max(1, (int) Math.round((double) h * box / longest)),
        };
    }

    /** Copies a {@code w×h} plane into a black 28×28 image at offset (dx, dy), dropping what falls outside. */
    private static byte[] place(double[] box, int w, int h, int dx, int dy) {
        double[] canvas = new double[SIZE * SIZE];
        for (int y = 0; y < h; y++) {
            int ty = y + dy;
            if (ty < 0 || ty >= SIZE) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int tx = x + dx;
                if (tx >= 0 && tx < SIZE) {
                    canvas[ty * SIZE + tx] = box[y * w + x];
                }
            }
        }
        return Pixels.toBytes(canvas);
    }
}
