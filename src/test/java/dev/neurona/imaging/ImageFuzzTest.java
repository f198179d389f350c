package dev.neurona.imaging;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.platform.problem.ApiException;
import java.awt.image.BufferedImage;

/**
 * Any bytes inside a dataset ZIP as a PNG or JPEG either decode and resize or are refused with a 400. The whole
 * input is the picture, so any small PNG or JPEG is a seed as it is.
 */
class ImageFuzzTest {

    @FuzzTest
    void decodesOrRefuses(byte[] picture) {
        BufferedImage image;
        try {
            image = ImageResizer.decode("cat/1.png", picture);
        } catch (ApiException refused) {
            // the contract: a 400 naming the file; anything else escaping is a finding
            return;
        }
        // both paths of the resizer: samples of grey images, composited RGB of everything else
        ImageResizer.resize(image, 8, false);
        ImageResizer.resize(image, 8, true);
    }
}
