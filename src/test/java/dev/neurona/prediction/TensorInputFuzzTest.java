package dev.neurona.prediction;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.platform.problem.DomainException;
import java.util.List;

/**
 * A raw tensor body ({@code application/octet-stream}) for an image model, with any {@code format} parameter, either
 * becomes the uint8 pixels of whole images or is refused with a 400 naming the body or the format. The model's
 * shape is chosen by the fuzzer too, as models of any image size can be imported.
 */
class TensorInputFuzzTest {

    private static final List<String> FORMATS = List.of("uint8", "float32", " FLOAT32 ", "Uint8", "int16", "");

    @FuzzTest
    void becomesPixelsOrIsRefused(FuzzedDataProvider data) {
        ImageEncoding encoding = new ImageEncoding(
                List.of(data.pickValue(List.of(1, 3)), data.consumeInt(1, 8), data.consumeInt(1, 8)),
                List.of("0", "1"),
                null,
                null,
                "resize",
                null);
        int maxImages = data.consumeInt(1, 16);
        String format =
                switch (data.consumeInt(0, 2)) {
                    case 0 -> null;
                    case 1 -> data.pickValue(FORMATS);
                    default -> data.consumeString(10);
                };
        byte[] body = data.consumeRemainingAsBytes();
        try {
            TensorInput.Format f = TensorInput.Format.parse(format);
            int count = TensorInput.count(body.length, encoding, f, maxImages);
            List<Integer> s = encoding.inputShape();
            byte[] pixels = TensorInput.pixels(body, count, f);
            if (pixels.length != count * s.get(0) * s.get(1) * s.get(2)) {
                throw new AssertionError(count + " images became " + pixels.length + " pixels");
            }
        } catch (DomainException refused) {
            // the contract: a 400 naming the body or the format
        }
    }
}
