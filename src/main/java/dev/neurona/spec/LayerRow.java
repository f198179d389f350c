package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One row of the dry-run table: a layer's output shape (batch dimension as -1) and its trainable parameters; its
 * name when it has one, and in a graph the layers it takes.
 */
public record LayerRow(
        int index,
        String type,
        String detail,
        List<Integer> outputShape,
        long parameters,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> inputs) {}
