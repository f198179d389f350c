package dev.neurona.dataset.format;

import static dev.neurona.dataset.format.IdxReaderTest.gzip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.platform.problem.DomainException;
import java.util.Arrays;

/**
 * Any pair of bytes uploaded as IDX images and labels either reads as an image set or is refused with a 400.
 *
 * <p>Input layout: one flag byte (bit 0: gzip the images, bit 1: gzip the labels, so the fuzzer mutates what is
 * inside a valid gzip stream), two bytes big-endian with the length of the image file, the image file, then the
 * label file. Gzip files can also be given as they are, to fuzz the gzip container itself.
 */
class IdxFuzzTest {

    @FuzzTest
    void readsOrRefuses(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int flags = input[0];
        int imagesLength = Math.min((input[1] & 0xFF) << 8 | (input[2] & 0xFF), input.length - 3);
        byte[] images = Arrays.copyOfRange(input, 3, 3 + imagesLength);
        byte[] labels = Arrays.copyOfRange(input, 3 + imagesLength, input.length);
        try {
            IdxReader.read(
                    (flags & 1) != 0 ? gzip(images) : images,
                    (flags & 2) != 0 ? gzip(labels) : labels,
                    "images",
                    "labels");
        } catch (DomainException refused) {
            // the contract: a 400 naming the field; anything else escaping is a finding
        }
    }
}
