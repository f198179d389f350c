package dev.neurona.spec.keras;

/** What the import did with one part of the Keras document, named by its JSON path in that document. */
public record KerasNote(String path, String note) {}
