package dev.neurona.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Portable bundles. The export shares its URL with the other formats: {@code params = "format=neurona"} makes this
 * mapping the more specific one for that format, so the general export method serves every other.
 */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained models: spec, preprocessing, class names, test metrics, artifacts")
class ModelBundleController {

    static final String ZIP = "application/zip";

    private final ModelBundles bundles;
    private final ModelRefs refs;

    ModelBundleController(ModelBundles bundles, ModelRefs refs) {
        this.bundles = bundles;
        this.refs = refs;
    }

    @GetMapping(
            value = {"/{ref}/export", "/{ref}/versions/{version}/export"},
            params = "format=neurona",
            produces = {ZIP, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(
            summary = "Download a model as a portable bundle (format=neurona)",
            description = "A ZIP with the parameters, resolved spec, preprocessing, metrics, diagnosis, receipt,"
                    + " manifest.json and SHA256SUMS; another Neurona imports it with POST /api/v1/models/import")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable @Parameter(description = "model id") String ref,
            @PathVariable(required = false) Integer version) {
        UUID id = refs.resolve(ref, version);
        ModelBundles.Bundle bundle = bundles.export(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ZIP))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(bundle.fileName())
                                .build()
                                .toString())
                .body(bundle::writeTo);
    }

    @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Import a portable bundle as a new model",
            description = "Multipart part 'bundle': a ZIP exported with format=neurona. 201 with the new model;"
                    + " a damaged or foreign bundle is a 400 naming what is wrong, and nothing is stored")
    ResponseEntity<ModelRecord> importBundle(
            @RequestPart("bundle") @Parameter(description = "the bundle ZIP") MultipartFile bundle) {
        if (bundle.getSize() > bundles.maxSize()) {
            throw ModelBundles.tooLarge(bundles.maxSize());
        }
        ModelRecord model;
        try (InputStream in = bundle.getInputStream()) {
            model = bundles.importBundle(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded bundle", e);
        }
        return ResponseEntity.created(URI.create("/api/v1/models/" + model.id()))
                .body(model);
    }
}
