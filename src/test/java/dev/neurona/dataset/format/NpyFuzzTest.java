package dev.neurona.dataset.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.dataset.NamedFile;
import dev.neurona.platform.problem.DomainException;
import java.util.List;

/**
 * Any bytes uploaded as a Quick, Draw! {@code .npy} file either read as images or are refused with a 400. The whole
 * input is the file, so a real {@code numpy.save} output is a seed as it is; seeds and reproducers live in
 * {@code NpyFuzzTestInputs/readsOrRefuses}.
 */
class NpyFuzzTest {

    @FuzzTest
    void readsOrRefuses(byte[] npy) {
        try {
            // a cap of 1 also exercises slicing the first image out of a longer stack
            NpyReader.readClasses(List.of(new NamedFile("full_numpy_bitmap_cat.npy", npy)), 1);
        } catch (DomainException refused) {
            // the contract: a 400 naming the file; anything else escaping is a finding
        }
    }
}
