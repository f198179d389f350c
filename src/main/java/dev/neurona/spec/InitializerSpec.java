package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A weight or bias initialiser: a Keras name ({@code "he_normal"}), or an object with the name as {@code type} and
 * its arguments ({@code {"type": "constant", "value": 0.1}}, {@code {"type": "random_normal", "stddev": 0.01}}).
 * Written back as the plain name when it has no arguments, so resolved specs read like the ones people write.
 */
@Schema(
        name = "Initializer",
        description = "a name (glorot_uniform, glorot_normal, he_normal, he_uniform, "
                + "lecun_normal, lecun_uniform, zeros, ones, random_normal, random_uniform, truncated_normal, constant) or an "
                + "object {type, value | mean, stddev | minval, maxval}",
        example = "he_normal",
        oneOf = {String.class, InitializerSpec.class})
public record InitializerSpec(
        @Schema(example = "constant") String type,
        @Schema(description = "constant: the value", example = "0.1") Double value,
        @Schema(description = "random_normal, truncated_normal: mean", defaultValue = "0") Double mean,
        @Schema(description = "random_normal, truncated_normal: standard deviation", defaultValue = "0.05")
                Double stddev,
        @Schema(description = "random_uniform: lower bound", defaultValue = "-0.05") Double minval,
        @Schema(description = "random_uniform: upper bound", defaultValue = "0.05") Double maxval) {

    static final String DESCRIPTION = "a name (glorot_uniform, glorot_normal, he_normal, he_uniform, lecun_normal, "
            + "lecun_uniform, zeros, ones, random_normal, random_uniform, truncated_normal) or an object with the name "
            + "as type and its arguments: {type: constant, value}, {type: random_normal | truncated_normal, mean, "
            + "stddev}, {type: random_uniform, minval, maxval}";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public InitializerSpec(
            @JsonProperty("type") String type,
            @JsonProperty("value") Double value,
            @JsonProperty("mean") Double mean,
            @JsonProperty("stddev") Double stddev,
            @JsonProperty("minval") Double minval,
            @JsonProperty("maxval") Double maxval) {
        this.type = type;
        this.value = value;
        this.mean = mean;
        this.stddev = stddev;
        this.minval = minval;
        this.maxval = maxval;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static InitializerSpec named(String name) {
        return new InitializerSpec(name, null, null, null, null, null);
    }

    @JsonValue
    Object json() {
        if (value == null && mean == null && stddev == null && minval == null && maxval == null) {
            return type;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type);
        putIfSet(object, "value", value);
        putIfSet(object, "mean", mean);
        putIfSet(object, "stddev", stddev);
        putIfSet(object, "minval", minval);
        putIfSet(object, "maxval", maxval);
        return object;
    }

    private static void putIfSet(Map<String, Object> object, String key, Double v) {
        if (v != null) {
            object.put(key, v);
        }
    }
}
