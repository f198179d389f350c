package dev.neurona.e2e;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Random;

/** Data made for the report tests: classes that overlap (so a confusion matrix has off-diagonal cells) and bars. */
final class ReportFixtures {

    private ReportFixtures() {}

    /**
     * {@code classes} Gaussian clouds (σ = 1) on a grid {@code spacing} apart, labelled a, b, c, …: close enough
     * that some test rows land in the wrong class. Columns x1, x2, cls.
     */
    static String overlapping(int classes, int perClass, double spacing, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("x1,x2,cls\n");
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < classes; c++) {
                csv.append(String.format(
                        Locale.ROOT,
                        "%.4f,%.4f,%s%n",
                        (c % 2) * spacing + random.nextGaussian(),
                        (c / 2) * spacing + random.nextGaussian(),
                        (char) ('a' + c)));
            }
        }
        return csv.toString();
    }

    /** IDX images: a vertical (label 0) or horizontal (label 1) white bar on black, 28×28. */
    static byte[] bars(int n, Random random) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784);
        b.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n; i++) {
            byte[] image = new byte[784];
            int at = 6 + random.nextInt(14);
            for (int k = 5; k < 23; k++) {
                for (int w = 0; w < 3; w++) {
                    image[i % 2 == 0 ? k * 28 + at + w : (at + w) * 28 + k] = (byte) 255;
                }
            }
            b.put(image);
        }
        return b.array();
    }

    static byte[] barLabels(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 2));
        }
        return b.array();
    }
}
