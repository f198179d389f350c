package dev.neurona.spec;

import java.util.List;

/** One row of the dry-run table: a layer's output shape (batch dimension as -1) and its trainable parameters. */
public record LayerRow(int index, String type, String detail, List<Integer> outputShape, long parameters) {}
