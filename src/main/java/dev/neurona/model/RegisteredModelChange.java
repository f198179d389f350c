package dev.neurona.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Body of {@code PATCH /api/v1/registered-models/{name}}: what is given replaces, what is absent stays. */
@Schema(example = "{\"description\": \"handwritten digits, 28x28\", \"tags\": {\"team\": \"vision\"}}")
record RegisteredModelChange(
        @Schema(description = "at most 2000 characters; \"\" clears it") String description,
        @Schema(description = "replaces every tag; string → string, at most 50") Map<String, String> tags) {}
