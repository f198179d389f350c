package dev.neurona.model;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;

/**
 * What a classifier said about each test row, stored beside its parameters ({@value #NAME}), so a confusion-matrix
 * cell can be opened without re-running the split or the network: the dataset row index, the true and the
 * predicted class, and every class's probability (rows × classes). Its size is that of the test split's outputs,
 * which the training already held in memory.
 *
 * <p>Binary, big-endian: magic, version, rows, classes, then the three int columns and the float probabilities.
 * The arrays are shared, not copied; equality is identity, as for any record holding arrays.
 */
public record TestPredictions(int[] rows, int[] truth, int[] predicted, int classes, float[] probabilities) {

    public static final String NAME = "test-predictions.bin";

    private static final int MAGIC = 0x4E545031; // "NTP1"
    private static final int VERSION = 1;
    private static final int HEADER = 16;

    public TestPredictions {
        int n = rows.length;
        if (truth.length != n || predicted.length != n || probabilities.length != (long) n * classes) {
            throw new IllegalArgumentException("inconsistent test predictions: " + n + " rows, " + truth.length
                    + " truths, " + predicted.length + " predictions, " + probabilities.length + " probabilities of "
                    + classes + " classes");
        }
    }

    public int count() {
        return rows.length;
    }

    public float probability(int i, int cls) {
        return probabilities[i * classes + cls];
    }

    /** Positions (into these arrays, in test order) of the rows in one confusion-matrix cell. */
    public int[] cell(int trueClass, int predictedClass) {
        return IntStream.range(0, rows.length)
                .filter(i -> truth[i] == trueClass && predicted[i] == predictedClass)
                .toArray();
    }

    public byte[] encode() {
        int n = rows.length;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(HEADER + 4L * (3L * n + (long) n * classes)));
        out.putInt(MAGIC).putInt(VERSION).putInt(n).putInt(classes);
        out.asIntBuffer().put(rows).put(truth).put(predicted);
        out.position(HEADER + 12 * n);
        out.asFloatBuffer().put(probabilities);
        return out.array();
    }

    public static TestPredictions decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IllegalArgumentException("not a test-predictions file of version " + VERSION);
        }
        int n = in.getInt();
        int classes = in.getInt();
        if (n < 0 || classes < 1 || bytes.length != HEADER + 4L * (3L * n + (long) n * classes)) {
            throw new IllegalArgumentException("test-predictions file of " + bytes.length + " bytes does not hold " + n
                    + " rows of " + classes + " classes");
        }
        int[] rows = new int[n];
        int[] truth = new int[n];
        int[] predicted = new int[n];
        float[] probabilities = new float[n * classes];
        var ints = in.asIntBuffer();
        ints.get(rows).get(truth).get(predicted);
        in.position(HEADER + 12 * n);
        in.asFloatBuffer().get(probabilities);
        return new TestPredictions(rows, truth, predicted, classes, probabilities);
    }
}
