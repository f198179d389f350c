package dev.neurona.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Which registered model a new model becomes a version of. {@code description} and {@code tags}, when given, replace
 * the registered model's (created on its first version).
 */
@Schema(
        name = "RegisterAs",
        description = "the registered model a trained model becomes the next version of",
        example = "{\"name\": \"digits\", \"description\": \"handwritten digits\", \"tags\": {\"team\": \"vision\"}}")
public record RegisterAs(
        @Schema(
                        requiredMode = Schema.RequiredMode.REQUIRED,
                        description = "1–63 of a-z 0-9 . _ -, case-insensitive (stored lower case), not a UUID")
                String name,
        @Schema(description = "at most 2000 characters") String description,
        @Schema(description = "string → string, at most 50") Map<String, String> tags) {

    public RegisterAs {
        // not Map.copyOf: a null value must reach validation as a 400, not fail here
        tags = tags == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** Valid, with the name in its stored form; a 400 naming {@code register.…} otherwise. */
    public RegisterAs validated(String prefix) {
        String name = ModelNames.require(prefix + "name", this.name);
        ModelNames.requireDescriptionAndTags(prefix, description, tags);
        return new RegisterAs(name, description, tags);
    }

    /** Under a name alone, the registered model's description and tags left as they are. */
    public static RegisterAs named(String name) {
        return new RegisterAs(name, null, null);
    }
}
