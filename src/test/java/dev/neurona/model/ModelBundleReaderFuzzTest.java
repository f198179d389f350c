package dev.neurona.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.spec.SpecLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any bytes uploaded as a model bundle either read as one or are refused with a 4xx. The whole input is the upload;
 * a complete bundle seeds the corpus (complete-bundle.zip, kept a valid bundle by {@link ModelBundleReaderTest}) so
 * that the fuzzer starts past the ZIP layer (entry names and the central directory are outside the CRCs and the
 * sums). A seed built here by a method source would be replayed inside JUnit's timeout together with Jazzer's
 * start-up, which takes longer than that on a busy machine. What lies behind the sums is fuzzed by {@link
 * ModelBundleFilesFuzzTest}.
 */
class ModelBundleReaderFuzzTest {

    // limits far below the service's, so that a bomb is refused quickly rather than inflated for long
    private static final ModelBundleReader READER = new ModelBundleReader(
            JsonMapper.builder().build(), new ModelBundleReader.Limits(4L << 20, 32), SpecLimits.DEFAULTS);

    private final Path upload;

    ModelBundleReaderFuzzTest() throws IOException {
        upload = Files.createTempFile("bundle-fuzz", ".zip");
        upload.toFile().deleteOnExit();
    }

    @FuzzTest
    void readsOrRefuses(byte[] bundle) {
        try {
            Files.write(upload, bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            READER.read(upload);
        } catch (DomainException refused) {
            // the contract: a 400 (413 for size) naming the bundle; anything else escaping is a finding
        }
    }
}
