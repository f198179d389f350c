package dev.neurona.dataset.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.dataset.NamedFile;
import dev.neurona.platform.problem.DomainException;
import java.util.List;

/**
 * Any bytes uploaded as a Quick, Draw! {@code .ndjson} strokes file (plain or gzipped) either render as drawings or
 * are refused with a 400. The whole input is the file, so lines in Google's simplified format are seeds as they are.
 */
class StrokesFuzzTest {

    @FuzzTest
    void readsOrRefuses(byte[] ndjson) {
        try {
            NdjsonStrokesReader.read(List.of(new NamedFile("full_simplified_cat.ndjson", ndjson)), 0);
        } catch (DomainException refused) {
            // the contract: a 400 naming the file; anything else escaping is a finding
        }
    }
}
