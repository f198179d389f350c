package dev.neurona.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** Body of {@code POST /api/v1/keys}. */
@Schema(
        name = "NewApiKey",
        example = """
        {"name": "ci pipeline", "role": "trainer", "expiresAt": "2027-06-30T00:00:00Z"}""")
record NewApiKey(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ci pipeline") String name,
        @Schema(
                        requiredMode = Schema.RequiredMode.REQUIRED,
                        allowableValues = {"admin", "trainer", "predictor"})
                String role,
        @Schema(description = "when it stops working; default: never") Instant expiresAt) {}
