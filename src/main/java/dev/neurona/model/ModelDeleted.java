package dev.neurona.model;

import java.util.UUID;

/** Published after a model is deleted, so caches holding it let go. */
public record ModelDeleted(UUID id) {}
