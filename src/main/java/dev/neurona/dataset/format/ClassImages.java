package dev.neurona.dataset.format;

import dev.neurona.dataset.ImageSet;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The images of one class as a reader collected them, before all classes are stacked into one {@link ImageSet}. */
record ClassImages(String name, int count, byte[] pixels) {

    /**
     * Keeps one uploaded set (including a capped, sliced copy) within what the trainer can hold: one Java array, and
     * few enough pixels that a student's laptop-sized server does not run out of memory.
     */
    static final long MAX_TOTAL_BYTES = 1L << 30;

    /** Stacks the classes sorted by name; labels are the class's index in that order. */
    static ImageSet stack(int channels, int height, int width, List<ClassImages> classes, String field) {
        List<ClassImages> sorted = new ArrayList<>(classes);
        sorted.sort(Comparator.comparing(ClassImages::name));
        long imageSize = (long) channels * height * width;
        long total = 0;
        long count = 0;
        for (ClassImages c : sorted) {
            if (c.pixels.length != c.count * imageSize) {
                throw new IllegalArgumentException(
                        c.name + ": " + c.count + " images but " + c.pixels.length + " bytes");
            }
            total += c.pixels.length;
            count += c.count;
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new InvalidInputException(
                    field,
                    "together the classes hold " + count + " images of " + height + "×" + width + " (" + total
                            + " bytes), more than the 1 GiB limit; upload fewer images per class");
        }
        byte[] pixels = new byte[(int) total];
        int[] labels = new int[(int) count];
        List<String> names = new ArrayList<>(sorted.size());
        int at = 0;
        int image = 0;
        for (int label = 0; label < sorted.size(); label++) {
            ClassImages c = sorted.get(label);
            System.arraycopy(c.pixels, 0, pixels, at, c.pixels.length);
            at += c.pixels.length;
            for (int i = 0; i < c.count; i++) {
                labels[image++] = label;
            }
            names.add(c.name);
        }
        return new ImageSet(channels, height, width, pixels, labels, names);
    }
}
