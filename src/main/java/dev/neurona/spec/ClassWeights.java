package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Class weights as given: {@code "balanced"} (computed from the training split when training starts, as
 * scikit-learn's n / (classes · count)), or class name → weight. Anything else is kept as {@code keyword} for the
 * validator to refuse with a reason.
 */
@Schema(
        name = "ClassWeights",
        description = "\"balanced\" or an object class name → weight",
        example = "balanced",
        oneOf = {String.class, Map.class})
public record ClassWeights(String keyword, Map<String, Double> weights) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ClassWeights of(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Double> weights = new LinkedHashMap<>();
            map.forEach((k, v) -> weights.put(String.valueOf(k), v instanceof Number n ? n.doubleValue() : Double.NaN));
            return new ClassWeights(null, weights);
        }
        return new ClassWeights(String.valueOf(json), null);
    }

    public boolean balanced() {
        return "balanced".equals(keyword);
    }

    /** Weight per class index, in the order of {@code classes}; balanced needs the training split's counts. */
    public float[] perClass(java.util.List<String> classes, int[] trainingCounts) {
        float[] out = new float[classes.size()];
        long total = java.util.Arrays.stream(trainingCounts).asLongStream().sum();
        for (int c = 0; c < out.length; c++) {
            out[c] = balanced()
                    ? (float) (trainingCounts[c] == 0 ? 0 : (double) total / (classes.size() * trainingCounts[c]))
                    : weights.getOrDefault(classes.get(c), 1.0).floatValue();
        }
        return out;
    }

    @JsonValue
    Object json() {
        return weights != null ? weights : keyword;
    }
}
