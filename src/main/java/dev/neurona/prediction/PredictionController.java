package dev.neurona.prediction;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.TooLargeException;
import dev.neurona.platform.web.Multipart;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping({"/api/v1/models/{ref}/predictions", "/api/v1/models/{ref}/versions/{version}/predictions"})
@Tag(name = "Predictions", description = "Predict with a trained model")
class PredictionController {

    static final String REF = "a model id, a registered model's name (its newest version), or name@alias";
    static final String VERSION = "a version of the registered model named by ref: 1, 2, 3…";

    private final PredictionService service;
    private final PictureBudget budget;
    private final long maxRequestSize;

    PredictionController(PredictionService service, PictureBudget budget, NeuronaProperties properties) {
        this.service = service;
        this.budget = budget;
        this.maxRequestSize = properties.prediction().maxRequestSize().toBytes();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Predict from JSON: table rows, raw images or drawings",
            description = "Table models: `rows`, each an object of column → value with every input column of the "
                    + "model (numbers for numeric columns, one of the training categories for categorical ones); "
                    + "answered as one batch with per row the label and every class's probability, or the value. "
                    + "Image models: `images` (pixel values) and/or `drawings` (strokes, prepared like the model's "
                    + "training images), with `topK` ranked classes and optionally the image the model saw.")
    PredictionResponse predict(
            @PathVariable @Parameter(description = REF) String ref,
            @PathVariable(required = false) @Parameter(description = VERSION) Integer version,
            @Valid @RequestBody PredictionRequest request) {
        return service.predict(ref, version, request);
    }

    @PostMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(
            summary = "Predict from raw image bytes: N images of the model's C×H×W back to back",
            description = "For clients that have the pixels already (no JSON parsing of thousands of numbers): "
                    + "`format=uint8` (default) one byte per pixel, `format=float32` little-endian pixel values "
                    + "0–255. The shape is the model's (`preprocessing.inputShape`), N comes from the length; a "
                    + "length that is no whole number of images is a 400. Answered like JSON `images`; the "
                    + "body counts against neurona.prediction.max-request-size.")
    PredictionResponse tensor(
            @PathVariable @Parameter(description = REF) String ref,
            @PathVariable(required = false) @Parameter(description = VERSION) Integer version,
            @RequestBody byte[] body,
            @RequestParam(defaultValue = "uint8") @Parameter(description = "uint8 or float32 (little-endian)")
                    String format,
            @RequestParam(required = false)
                    @Parameter(description = "how many best classes to list, 1 to the number of classes; default 3")
                    @Min(1) Integer topK) {
        return service.predictTensor(ref, version, body, format, topK);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Predict from pictures: PNG or JPEG up to 8192 px a side and 40 megapixels, dark-on-light or"
                    + " light-on-dark",
            description = "Each picture is prepared like the model's training images: for digit models as MNIST "
                    + "was made (ink cropped, longest side 20 px, centred by centre of mass in 28×28), for doodle "
                    + "models like Quick, Draw! bitmaps, otherwise resized. A JPEG's EXIF orientation is applied first. "
                    + "The pictures of one request may have at most neurona.prediction.max-pixels pixels together "
                    + "(413 otherwise, checked from their headers before any is decoded).")
    PredictionResponse pictures(
            @PathVariable @Parameter(description = REF) String ref,
            @PathVariable(required = false) @Parameter(description = VERSION) Integer version,
            @RequestPart("files") @Parameter(description = "one or more PNG/JPEG pictures") List<MultipartFile> files,
            @RequestParam(required = false)
                    @Parameter(description = "how many best classes to list, 1 to the number of classes; default 3")
                    @Min(1) Integer topK,
            @RequestParam(defaultValue = "false") boolean includeInput) {
        long total = files.stream().mapToLong(MultipartFile::getSize).sum();
        if (total > maxRequestSize) {
            // a chunked request has no declared length for RequestSizeFilter to check
            throw new TooLargeException(
                    "files",
                    "the pictures add up to " + total + " bytes; at most " + maxRequestSize
                            + " per request (neurona.prediction.max-request-size)");
        }
        List<byte[]> pictures = files.stream().map(Multipart::bytes).toList();
        return service.predictPictures(ref, version, budget.inputs(pictures), topK, includeInput);
    }
}
