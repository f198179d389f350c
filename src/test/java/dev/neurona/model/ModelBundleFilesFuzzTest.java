package dev.neurona.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.spec.SpecLimits;
import dev.neurona.support.Bundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files of a bundle as a careful forger would send them: a complete bundle with some of its files replaced by
 * fuzzed text and SHA256SUMS written anew, so that the manifest, spec, preprocessing, metrics, diagnosis, receipt and
 * test predictions are reached, which random bytes never get to behind the sums. Read or refused with a 4xx.
 */
class ModelBundleFilesFuzzTest {

    private static final ModelBundleReader READER = new ModelBundleReader(
            JsonMapper.builder().build(), new ModelBundleReader.Limits(4L << 20, 32), SpecLimits.DEFAULTS);

    private static final List<String> NAMES = List.of(
            ModelBundleReader.MANIFEST,
            ModelBundleReader.SPEC,
            ModelBundleReader.PREPROCESSING,
            ModelBundleReader.METRICS,
            ModelBundleReader.DIAGNOSIS,
            ModelBundleReader.RECEIPT,
            ModelBundleReader.PARAMETERS + TestPredictions.NAME,
            ModelBundleReader.PARAMETERS + "model-0000.params");

    private final Path upload;

    ModelBundleFilesFuzzTest() throws IOException {
        upload = Files.createTempFile("bundle-files-fuzz", ".zip");
        upload.toFile().deleteOnExit();
    }

    @FuzzTest
    void readsOrRefuses(FuzzedDataProvider data) {
        ModelBundleReaderTest.Parts parts = new ModelBundleReaderTest.Parts();
        byte[] manifest = null;
        int replaced = data.consumeInt(1, 3);
        for (int i = 0; i < replaced && data.remainingBytes() > 0; i++) {
            String name = data.pickValue(NAMES);
            byte[] content = name.endsWith(".json")
                    ? data.consumeString(2000).getBytes(StandardCharsets.UTF_8)
                    : data.consumeBytes(2000);
            if (name.equals(ModelBundleReader.MANIFEST)) {
                manifest = content;
            } else {
                parts.files.put(name, content);
            }
        }
        // the manifest lists the files unless it is the one fuzzed
        Map<String, byte[]> files = parts.complete();
        if (manifest != null) {
            files.put(ModelBundleReader.MANIFEST, manifest);
        }
        try {
            Files.write(upload, Bundles.zip(Bundles.resummed(files)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            READER.read(upload);
        } catch (DomainException refused) {
            // the contract: a 400 naming the bundle and the file; anything else escaping is a finding
        }
    }
}
