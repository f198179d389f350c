package dev.neurona.dataset.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.platform.problem.DomainException;

/**
 * Any bytes uploaded as a ZIP of class folders either read as an image set or are refused with a 400. The whole
 * input is the ZIP. Entry names are outside the CRC, so the fuzzer can reach the folder and path rules; images
 * inside are fuzzed more directly by {@link ImageFuzzTest}.
 */
class ImageZipFuzzTest {

    @FuzzTest
    void readsOrRefuses(byte[] zip) {
        try {
            // limits far below the service's, so that a bomb is refused quickly rather than inflated for long
            ImageZipReader.read(zip, 8, false, 64, 4L << 20);
        } catch (DomainException refused) {
            // the contract: a 400 naming the file; anything else escaping is a finding
        }
    }
}
