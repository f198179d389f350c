package dev.neurona.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

/** Small generated CSVs and images, so the tests that need no real data always run. */
public final class TestData {

    /** Two iris rows every model trained on iris should get right: a setosa and a virginica, in that order. */
    public static final List<Map<String, Object>> SETOSA_AND_VIRGINICA = List.of(
            Map.of(
                    "sepal length (cm)",
                    5.1,
                    "sepal width (cm)",
                    3.5,
                    "petal length (cm)",
                    1.4,
                    "petal width (cm)",
                    0.2),
            Map.of(
                    "sepal length (cm)",
                    7.7,
                    "sepal width (cm)",
                    3.0,
                    "petal length (cm)",
                    6.1,
                    "petal width (cm)",
                    2.3));

    static final String SOFTMAX_3 =
            """
            {"layers":[{"type":"dense","units":16,"activation":"relu"},
                       {"type":"dense","units":3,"activation":"softmax"}],
             "optimizer":{"type":"adam","learningRate":0.01},"epochs":%d,"batchSize":%d,"seed":42}""";

    private TestData() {}

    /** The image as ImageIO writes it in {@code format} ("png", "jpeg", "gif"); fails when there is no writer. */
    public static byte[] image(java.awt.image.BufferedImage image, String format) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            if (!javax.imageio.ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " of this image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A fresh temporary data directory, also removed when the JVM exits (in case no one else did). */
    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a test class's static {@code DATA_DIR} after its tests, for tests that start and close the service
     * themselves ({@link EndToEndTest} gives each context a directory of its own).
     */
    public static final class DeleteDataDir implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) throws ReflectiveOperationException {
            Field field = context.getRequiredTestClass().getDeclaredField("DATA_DIR");
            field.setAccessible(true);
            delete((Path) field.get(null));
        }
    }

    /** Deletes a directory tree, best effort. */
    static void delete(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }

    /**
     * Three Gaussian blobs in (x1, x2) labelled a, b, c, plus a categorical column {@code color} (red, green, blue)
     * that carries no signal. Columns: x1, x2, color, cls.
     */
    public static String blobs(int perClass, long seed) {
        Random random = new Random(seed);
        double[][] centres = {{-3, -3}, {3, 3}, {-3, 3}};
        String[] classes = {"a", "b", "c"};
        String[] colors = {"red", "green", "blue"};
        StringBuilder csv = new StringBuilder("x1,x2,color,cls\n");
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < 3; c++) {
                csv.append(String.format(
                        Locale.ROOT,
                        "%.4f,%.4f,%s,%s%n",
                        centres[c][0] + random.nextGaussian() * 0.6,
                        centres[c][1] + random.nextGaussian() * 0.6,
                        colors[random.nextInt(3)],
                        classes[c]));
            }
        }
        return csv.toString();
    }

    /** y = 3·x1 − 2·x2 + N(0, 0.3²) with x uniform in [−2, 2]. Columns: x1, x2, y. */
    public static String linear(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextDouble() * 4 - 2;
            double x2 = random.nextDouble() * 4 - 2;
            double y = 3 * x1 - 2 * x2 + random.nextGaussian() * 0.3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", x1, x2, y));
        }
        return csv.toString();
    }

    /** The standard softmax network for a 3-class dataset. */
    public static String softmax3(int epochs, int batchSize) {
        return String.format(Locale.ROOT, SOFTMAX_3, epochs, batchSize);
    }
}
