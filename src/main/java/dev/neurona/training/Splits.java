package dev.neurona.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Train/validation/test split, stratified by class for classification so rare classes appear in every part. The
 * test fraction is taken from all rows, the validation fraction from what remains; the same seed gives the same
 * split.
 */
public record Splits(int[] train, int[] validation, int[] test) {

    /**
     * @param classOf class index per row, or null for regression (plain shuffle)
     */
    public static Splits of(int[] classOf, int rows, double validationFraction, double testFraction, long seed) {
        Random random = new Random(seed);
        List<int[]> groups = new ArrayList<>();
        if (classOf == null) {
            groups.add(range(rows));
        } else {
            int classes = Arrays.stream(classOf).max().orElse(-1) + 1;
            for (int c = 0; c < classes; c++) {
                int cls = c;
                groups.add(java.util.stream.IntStream.range(0, rows)
                        .filter(r -> classOf[r] == cls)
                        .toArray());
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] group : groups) {
            shuffle(group, random);
            int nTest = (int) Math.round(group.length * testFraction);
            int nVal = (int) Math.round((group.length - nTest) * validationFraction);
            for (int i = 0; i < group.length; i++) {
                (i < nTest ? test : i < nTest + nVal ? validation : train).add(group[i]);
            }
        }
        return new Splits(shuffled(train, random), shuffled(validation, random), shuffled(test, random));
    }

    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] shuffled(List<Integer> rows, Random random) {
        int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
        shuffle(a, random);
        return a;
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** SHA-256 over the three index lists (big-endian ints, each list prefixed by its length). */
    static String sha256(int[] train, int[] validation, int[] test) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (int[] part : new int[][] {train, validation, test}) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 * (part.length + 1));
                buffer.putInt(part.length);
                for (int index : part) {
                    buffer.putInt(index);
                }
                digest.update(buffer.array());
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
