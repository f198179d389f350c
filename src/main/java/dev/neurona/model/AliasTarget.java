package dev.neurona.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code PUT /api/v1/registered-models/{name}/aliases/{alias}}. */
@Schema(example = "{\"version\": 2}")
record AliasTarget(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1") Integer version) {}
