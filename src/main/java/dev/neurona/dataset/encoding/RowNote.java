package dev.neurona.dataset.encoding;

/**
 * Something a prediction did with a cell instead of refusing it, e.g. an unknown category encoded as all zeros.
 *
 * @param field the cell, {@code rows[i].column}
 * @param reason what was done and why
 */
public record RowNote(String field, String reason) {}
