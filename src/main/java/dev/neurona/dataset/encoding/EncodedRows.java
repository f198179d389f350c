package dev.neurona.dataset.encoding;

import java.util.List;

/**
 * Prediction rows as network input ({@code rows × width}, row-major), with per row what was done to its cells
 * instead of refusing them (empty when nothing).
 */
public record EncodedRows(float[] values, List<List<RowNote>> notes) {}
