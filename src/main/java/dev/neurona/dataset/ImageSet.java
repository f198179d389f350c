package dev.neurona.dataset;

import java.util.Arrays;
import java.util.List;

/**
 * A labelled set of small images, as the image readers produce it and the trainer consumes it.
 *
 * <p>{@code pixels} holds {@code count × channels × height × width} unsigned bytes, image after image, channel-first
 * and row-major (the NCHW layout DJL expects). The arrays are shared, not copied: image sets can be hundreds of
 * megabytes, so callers must not modify them after construction.
 *
 * <p>The checks here guard invariants the readers establish; a failure is a programming error, never a user error,
 * so it surfaces as {@link IllegalArgumentException} rather than a 400.
 */
public record ImageSet(int channels, int height, int width, byte[] pixels, int[] labels, List<String> classes) {

    public ImageSet {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad image shape " + channels + "×" + height + "×" + width);
        }
        if (pixels == null || labels == null || classes == null) {
            throw new IllegalArgumentException("pixels, labels and classes are required");
        }
        classes = List.copyOf(classes);
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(labels.length + " images of " + channels + "×" + height + "×" + width
                    + " need " + expected + " bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is not an index into "
                        + classes.size() + " classes");
            }
        }
    }

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return channels * height * width;
    }

    /** This set followed by {@code other}; both must have the same image shape and the same class list. */
    public ImageSet concat(ImageSet other) {
        if (other.channels != channels || other.height != height || other.width != width) {
            throw new IllegalArgumentException("cannot join " + channels + "×" + height + "×" + width + " images with "
                    + other.channels + "×" + other.height + "×" + other.width + " images");
        }
        if (!other.classes.equals(classes)) {
            throw new IllegalArgumentException(
                    "cannot join image sets with different classes: " + classes + " and " + other.classes);
        }
        long bytes = (long) pixels.length + other.pixels.length;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "the joined set would hold " + bytes + " bytes, more than one array can");
        }
        byte[] joinedPixels = Arrays.copyOf(pixels, (int) bytes);
        System.arraycopy(other.pixels, 0, joinedPixels, pixels.length, other.pixels.length);
        int[] joinedLabels = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, joinedLabels, labels.length, other.labels.length);
        return new ImageSet(channels, height, width, joinedPixels, joinedLabels, classes);
    }

    /** The images at {@code indices}, in that order (repeats allowed, e.g. for bootstrap samples). */
    public ImageSet subset(int[] indices) {
        int size = imageSize();
        byte[] picked = new byte[Math.multiplyExact(indices.length, size)];
        int[] pickedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int from = indices[i];
            if (from < 0 || from >= labels.length) {
                throw new IndexOutOfBoundsException("image " + from + " of " + labels.length);
            }
            System.arraycopy(pixels, from * size, picked, i * size, size);
            pickedLabels[i] = labels[from];
        }
        return new ImageSet(channels, height, width, picked, pickedLabels, classes);
    }

    // A record's generated equals/hashCode/toString would compare and print array identities, which is misleading.

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSet other
                && channels == other.channels
                && height == other.height
                && width == other.width
                && Arrays.equals(pixels, other.pixels)
                && Arrays.equals(labels, other.labels)
                && classes.equals(other.classes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(labels) + classes.hashCode()) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "ImageSet[" + count() + " images of " + channels + "×" + height + "×" + width + ", classes=" + classes
                + "]";
    }
}
