package dev.neurona.imaging;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.platform.problem.DomainException;
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
            image = ImageDecoder.decode(picture, "cat/1.png");
        } catch (DomainException refused) {
            // the contract: a 400 naming the file; anything else escaping is a finding
            return;
        }
        // both ways the resampler reads pixels: luminance, and the three colour planes
        Resampler.resize(image, 8, false);
        Resampler.resize(image, 8, true);
    }
}
