package dev.neurona.dataset.encoding;

import dev.neurona.dataset.Task;
import java.util.List;

/**
 * Images: pixels scaled to [0, 1], then optionally standardised with the training split's mean and standard
 * deviation. {@code style} says how a user's drawing is turned into such an image at prediction time:
 * {@code mnist} (ink cropped, longest side 20 px, centred by centre of mass in 28×28, as MNIST was made),
 * {@code quickdraw} (longest side filling the box, aligned top-left, as Quick, Draw! bitmaps were made) or
 * {@code resize} (the whole picture resized, for image folders).
 *
 * @param augmentation what training batches were augmented with, e.g. "shift ±2 px, rotation ±10°" (recorded only)
 */
public record ImageEncoding(
        List<Integer> inputShape, List<String> classes, Float mean, Float std, String style, String augmentation)
        implements Preprocessing {

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public double decodeTarget(double standardised) {
        throw new UnsupportedOperationException("image models classify");
    }
}
