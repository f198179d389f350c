package dev.neurona.imaging;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.platform.problem.DomainException;
import java.awt.image.BufferedImage;

/**
 * Any bytes uploaded as a picture to predict on either become model input or are refused with a 400. The whole
 * input is the picture, so any small PNG or JPEG is a seed as it is; each style a model can have is tried on it.
 */
class PictureFuzzTest {

    @FuzzTest
    void preparesOrRefuses(byte[] picture) {
        BufferedImage image;
        try {
            image = ImageDecoder.decode(picture);
        } catch (DomainException refused) {
            // the contract: a 400 about the picture; anything else escaping is a finding
            return;
        }
        Resampler.resize(image, 28, false);
        Resampler.resize(image, 32, true);
        try {
            DrawingPreprocessor.mnistStyle(image);
            DrawingPreprocessor.fillStyle(image);
        } catch (DomainException blank) {
            // a picture without ink is refused; the same ink check decides both styles
        }
    }
}
