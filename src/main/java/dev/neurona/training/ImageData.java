package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Images kept as the uint8 bytes they came in (N × C × H × W): a batch is gathered as bytes, turned into one tensor,
 * and only then scaled to [0, 1] (and standardised) on the engine, so 60,000 MNIST digits cost 47 MB, not four
 * times that as floats, and no Java object exists per image.
 */
record ImageData(
        byte[] pixels,
        float[] y,
        int rows,
        int channels,
        int height,
        int width,
        Float mean,
        Float std,
        Augmenter augmenter)
        implements TrainingLoop.Data {

    @Override
    public NDArray inputs(NDManager manager, int[] order, int from, int to, boolean training) {
        int size = channels * height * width;
        int n = to - from;
        ByteBuffer batch = ByteBuffer.allocateDirect(n * size);
        byte[] image = new byte[size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pixels, order[from + i] * size, image, 0, size);
            batch.put(training && augmenter != null ? augmenter.apply(image, channels, height, width) : image);
        }
        batch.flip();
        NDArray x = manager.create(batch, new Shape(n, channels, height, width), DataType.UINT8)
                .toType(DataType.FLOAT32, false)
                .div(255f);
        return std == null ? x : x.sub(mean).div(std);
    }

    @Override
    public void reseed(long seed) {
        if (augmenter != null) {
            augmenter.random().setSeed(seed + 7);
        }
    }

    /** Mean and standard deviation of the scaled pixels of some rows (for standardisation). */
    static float[] meanStd(byte[] pixels, int[] rows, int imageSize) {
        double sum = 0;
        double sq = 0;
        long count = (long) rows.length * imageSize;
        for (int r : rows) {
            for (int i = 0; i < imageSize; i++) {
                double v = (pixels[r * imageSize + i] & 0xFF) / 255.0;
                sum += v;
                sq += v * v;
            }
        }
        double mean = sum / count;
        return new float[] {(float) mean, (float) Math.sqrt(Math.max(sq / count - mean * mean, 1e-12))};
    }

    /**
     * Random shift and rotation for training batches only. Each image is mapped back through the inverse transform
     * with bilinear interpolation; what falls outside stays 0 (the background of MNIST and Quick, Draw! images).
     */
    record Augmenter(int maxShift, double maxRotationDegrees, Random random) {

        byte[] apply(byte[] image, int channels, int height, int width) {
            int dx = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
            int dy = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
            double angle = Math.toRadians((random.nextDouble() * 2 - 1) * maxRotationDegrees);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double cx = (width - 1) / 2.0;
            double cy = (height - 1) / 2.0;
            byte[] out = new byte[image.length];
            int plane = height * width;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        // inverse: undo the shift, then rotate back around the centre
                        double ux = x - dx - cx;
                        double uy = y - dy - cy;
                        double sx = cos * ux + sin * uy + cx;
                        double sy = -sin * ux + cos * uy + cy;
                        out[c * plane + y * width + x] =
                                (byte) Math.round(bilinear(image, c * plane, width, height, sx, sy));
                    }
                }
            }
            return out;
        }

        private static double bilinear(byte[] image, int offset, int width, int height, double x, double y) {
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double fx = x - x0;
            double fy = y - y0;
            return (1 - fx) * (1 - fy) * at(image, offset, width, height, x0, y0)
                    + fx * (1 - fy) * at(image, offset, width, height, x0 + 1, y0)
                    + (1 - fx) * fy * at(image, offset, width, height, x0, y0 + 1)
                    + fx * fy * at(image, offset, width, height, x0 + 1, y0 + 1);
        }

        private static int at(byte[] image, int offset, int width, int height, int x, int y) {
            return x < 0 || y < 0 || x >= width || y >= height ? 0 : image[offset + y * width + x] & 0xFF;
        }
    }
}
