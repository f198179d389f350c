package dev.neurona.platform.problem;

/**
 * One thing wrong with a request, named by its JSON path (e.g. {@code spec.layers[2].units}) or
 * request part (e.g. {@code file}, {@code labelColumn}).
 */
public record FieldProblem(String field, String message) {}
