package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.TestData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Who may do what, over real HTTP: no key, a bad key, each role, revoked and expired keys. */
@EndToEndTest
class SecurityEndToEndTest {

    @LocalServerPort
    int port;

    private String createKey(Http admin, String role, Instant expiresAt) {
        Map<String, Object> body = expiresAt == null
                ? Map.of("name", role + " key", "role", role)
                : Map.of("name", role + " key", "role", role, "expiresAt", expiresAt.toString());
        Http.Response created = admin.postJson("/api/v1/keys", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("key").asString();
    }

    @Test
    void eachRoleMayDoItsPartAndNoMore() {
        Http admin = new Http(port);
        Http anonymous = new Http(port, null);
        Http wrong = new Http(port, "nrn_not_a_key_at_all_0000000000000000");

        // open: health and the API description; everything else needs a key
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        Http.Response noKey = anonymous.get("/api/v1/datasets");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.contentType()).startsWith("application/problem+json");
        assertThat(noKey.json().get("type").asString()).endsWith("/unauthorized");
        assertThat(wrong.get("/api/v1/models").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);

        Http trainer = new Http(port, createKey(admin, "trainer", null));
        Http predictor = new Http(port, createKey(admin, "predictor", null));

        JsonNode dataset = trainer.dataset(TestData.blobs(20, 3), Map.of());
        String datasetId = dataset.get("id").asString();
        String model = trainer.awaitState(
                        trainer.submit(datasetId, TestData.softmax3(3, 16)),
                        "SUCCEEDED",
                        java.time.Duration.ofSeconds(120))
                .get("modelId")
                .asString();
        assertThat(predictor.get("/api/v1/models/" + model).status()).isEqualTo(200);
        assertThat(predictor.predict(model, java.util.List.of(Map.of("x1", 1.0, "x2", 1.0, "color", "red"))))
                .hasSize(1);

        Http.Response predictorUploads = predictor.upload(Map.of(), TestData.blobs(5, 1));
        assertThat(predictorUploads.status()).isEqualTo(403);
        assertThat(predictorUploads.json().get("type").asString()).endsWith("/forbidden");
        assertThat(predictor.get("/api/v1/jobs").status()).isEqualTo(403);
        assertThat(trainer.delete("/api/v1/models/" + model).status()).isEqualTo(403);
        assertThat(trainer.get("/api/v1/keys").status()).isEqualTo(403);
        assertThat(trainer.get("/actuator/metrics").status()).isEqualTo(403);

        // keys are listed without secrets, and a revoked or expired key stops working at once
        JsonNode keys = admin.get("/api/v1/keys").json();
        assertThat(keys.size()).isEqualTo(3);
        keys.forEach(k -> assertThat(k.has("key")).isFalse());
        String predictorId = null;
        for (JsonNode k : keys) {
            if ("predictor".equals(k.get("role").asString())) {
                predictorId = k.get("id").asString();
            }
        }
        assertThat(admin.delete("/api/v1/keys/" + predictorId).status()).isEqualTo(204);
        assertThat(predictor.get("/api/v1/models/" + model).status()).isEqualTo(401);

        Instant expiry = Instant.now().plus(4, ChronoUnit.SECONDS);
        Http shortLived = new Http(port, createKey(admin, "trainer", expiry));
        assertThat(shortLived.get("/api/v1/datasets").status()).isEqualTo(200);
        while (!Instant.now().isAfter(expiry.plusMillis(200))) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        assertThat(shortLived.get("/api/v1/datasets").status()).isEqualTo(401);

        Http.Response badRole = admin.postJson("/api/v1/keys", Map.of("name", "x", "role", "root"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
        assertThat(admin.delete("/api/v1/models/" + model).status()).isEqualTo(204);
    }
}
