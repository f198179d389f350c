package dev.neurona.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Importing portable bundles; exporting one is {@code …/export?format=neurona}, the door of every export format. */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained models: spec, preprocessing, class names, test metrics, artifacts")
class ModelBundleController {

    static final String ZIP = "application/zip";

    private final ModelBundles bundles;

    ModelBundleController(ModelBundles bundles) {
        this.bundles = bundles;
    }

    @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Import a portable bundle as a new model",
            description = "Multipart part 'bundle': a ZIP exported with format=neurona. 201 with the new model;"
                    + " a damaged or foreign bundle is a 400 naming what is wrong, and nothing is stored")
    ResponseEntity<ModelRecord> importBundle(
            @RequestPart("bundle") @Parameter(description = "the bundle ZIP") MultipartFile bundle,
            @RequestParam(required = false)
                    @Parameter(
                            description = "the registered model it becomes the next version of; default: the"
                                    + " name it had where it was exported")
                    String name) {
        if (bundle.getSize() > bundles.maxSize()) {
            throw ModelBundles.tooLarge(bundles.maxSize());
        }
        ModelRecord model;
        try (InputStream in = bundle.getInputStream()) {
            model = bundles.importBundle(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded bundle", e);
        }
        return ResponseEntity.created(URI.create("/api/v1/models/" + model.id()))
                .body(model);
    }
}
