package dev.neurona.dataset.format;

import dev.neurona.platform.problem.TooLargeException;

/**
 * How many images, and bytes of pixels, one upload may still become. Every file of an upload draws from the same
 * budget, so the limits hold for the sum, and the readers draw from it with the counts their headers declare, before
 * anything is decompressed or allocated: a 1 MB gzip that claims a million images is refused in microseconds.
 */
public final class ImageBudget {

    private final int maxImages;
    private final long maxBytes;
    private long images;
    private long bytes;

    public ImageBudget(int maxImages, long maxBytes) {
        if (maxImages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxImages = maxImages;
        this.maxBytes = maxBytes;
    }

    /** Only the readers' own ceiling (one Java array of pixels), for callers without settings. */
    public static ImageBudget unlimited() {
        return new ImageBudget(Integer.MAX_VALUE, ClassImages.MAX_TOTAL_BYTES);
    }

    /**
     * Takes {@code count} images of {@code bytesEach} bytes, or refuses with a 413 on {@code field} that names the
     * setting; {@code what} says what the count is (e.g. "cat.npy holds 120000 drawings") and {@code hint} how to
     * get under the limit.
     */
    public void take(String field, long count, long bytesEach, String what, String hint) {
        long wantImages = images + count;
        if (wantImages > maxImages) {
            throw new TooLargeException(
                    field,
                    what + (images > 0 ? ", " + wantImages + " images with the rest of the upload" : "")
                            + "; one upload may hold at most " + maxImages + " images (neurona.uploads.max-images)"
                            + hint);
        }
        long wantBytes = bytes + count * bytesEach;
        if (wantBytes > maxBytes) {
            throw new TooLargeException(
                    field,
                    what + ", " + wantBytes + " bytes of pixels" + (bytes > 0 ? " with the rest of the upload" : "")
                            + "; one upload may become at most " + maxBytes
                            + " bytes of pixels (neurona.uploads.max-image-bytes)" + hint);
        }
        images = wantImages;
        bytes = wantBytes;
    }

    long images() {
        return images;
    }
}
