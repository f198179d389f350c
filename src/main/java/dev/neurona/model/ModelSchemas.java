package dev.neurona.model;

import dev.neurona.platform.NeuronaProperties;
import io.swagger.v3.core.util.Json;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** A model's own OpenAPI document, for the reference the client used. */
@Service
class ModelSchemas {

    /**
     * A reference echoed into the document's path only when it needs no escaping and cannot break out of a path
     * segment; anything else (which resolution accepted all the same) is written as the model's id.
     */
    private static final Pattern ECHOABLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~@-]{0,199}");

    private final ModelRefs refs;
    private final ModelRegistry registry;
    private final int maxRows;

    ModelSchemas(ModelRefs refs, ModelRegistry registry, NeuronaProperties properties) {
        this.refs = refs;
        this.registry = registry;
        this.maxRows = properties.prediction().maxRows();
    }

    /** The document as JSON; {@code version} as in {@code …/versions/{n}}, else null. */
    String openApi(String ref, Integer version) {
        UUID id = refs.resolve(ref, version);
        ModelRecord model = registry.get(id);
        return Json.pretty(ModelOpenApi.of(model, predictionPath(ref, version, id), maxRows));
    }

    static String predictionPath(String ref, Integer version, UUID id) {
        if (!ECHOABLE.matcher(ref).matches()) {
            return "/api/v1/models/" + id + "/predictions";
        }
        return "/api/v1/models/" + ref + (version == null ? "" : "/versions/" + version) + "/predictions";
    }
}
