package dev.neurona.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Upload limits per kind and request-size limits, each refused with a 413 problem that names the setting to raise,
 * whether or not the client declared the length. Limits are set tiny so small bodies cross them.
 */
@EndToEndTest(
        properties = {
            "neurona.max-upload-size=64KB", "neurona.uploads.csv=2KB", "neurona.uploads.zip=3KB",
            "neurona.uploads.idx=4KB", "neurona.uploads.quickdraw=2KB", "neurona.max-json-size=2KB",
            "neurona.prediction.max-request-size=3KB"
        })
class RequestLimitsEndToEndTest {

    static final String PREDICTIONS = "/api/v1/models/00000000-0000-0000-0000-000000000000/predictions";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void eachUploadKindHasItsOwnLimit() {
        String csv = TestData.blobs(40, 1);
        assertThat(csv.length()).isBetween(2_100, 60_000);
        assertTooLarge(http.upload(Map.of(), csv), "file", "neurona.uploads.csv");
        assertThat(http.upload(Map.of(), TestData.blobs(5, 1)).status()).isEqualTo(201);

        // 5 images of 28×28 and their labels are 3,949 bytes, just under 4 KB; 6 are over
        Http.Response idx = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        Map.entry("images", Map.entry("images.idx", HostileFiles.idxImages(6))),
                        Map.entry("labels", Map.entry("labels.idx", HostileFiles.idxLabels(6)))));
        assertTooLarge(idx, "images", "neurona.uploads.idx");
        Http.Response fits = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        Map.entry("images", Map.entry("images.idx", HostileFiles.idxImages(5))),
                        Map.entry("labels", Map.entry("labels.idx", HostileFiles.idxLabels(5)))));
        assertThat(fits.status()).as("%s", fits).isEqualTo(201);

        byte[] strokes = "{\"word\":\"cat\",\"drawing\":[[[0,10,20],[0,10,20]]]}\n"
                .repeat(60)
                .getBytes(StandardCharsets.UTF_8);
        assertTooLarge(
                http.uploadParts("/api/v1/datasets", List.of(Map.entry("files", Map.entry("cat.ndjson", strokes)))),
                "files",
                "neurona.uploads.quickdraw");

        byte[] zip = new byte[3_500];
        System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, zip, 0, 4);
        assertTooLarge(http.upload("/api/v1/datasets", Map.of(), "pictures.zip", zip), "file", "neurona.uploads.zip");
        assertThat(http.get("/api/v1/datasets").json().size())
                .as("only the two that fit were stored")
                .isEqualTo(2);
    }

    @Test
    void jsonBodiesAreBoundedWithOrWithoutADeclaredLength() {
        String job = "{\"datasetId\":\"00000000-0000-0000-0000-000000000000\",\"spec\":{\"layers\":[],\"pad\":\""
                + "x".repeat(3_000) + "\"}}";
        byte[] body = job.getBytes(StandardCharsets.UTF_8);
        assertThat(Problems.problem(http.post("/api/v1/jobs", "application/json", body), 413)
                        .get("detail")
                        .asString())
                .contains("neurona.max-json-size");
        assertTooLarge(http.postChunked("/api/v1/jobs", "application/json", body), "body", "neurona.max-json-size");
        // under the limit the same endpoint reads the body and answers for its content
        Problems.problem(
                http.postJson("/api/v1/jobs", "{\"datasetId\":\"00000000-0000-0000-0000-000000000000\"}"), 400);
    }

    @Test
    void predictionRequestsHaveTheirOwnLimit() {
        String rows = "{\"rows\":[" + "{\"x1\":1.0,\"x2\":2.0,\"color\":\"red\"},".repeat(100) + "{}]}";
        byte[] body = rows.getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isBetween(3_100, 60_000);
        assertThat(Problems.problem(http.post(PREDICTIONS, "application/json", body), 413)
                        .get("detail")
                        .asString())
                .contains("neurona.prediction.max-request-size");
        assertTooLarge(
                http.postChunked(PREDICTIONS, "application/json", body), "body", "neurona.prediction.max-request-size");
        // a 2.5 KB prediction passes the size check (above the 2 KB JSON limit) and reaches the model lookup
        String small = "{\"rows\":[" + "{\"x1\":1.0,\"x2\":2.0,\"color\":\"red\"},".repeat(70) + "{}]}";
        assertThat(small.length()).isBetween(2_100, 3_000);
        Problems.problem(http.postJson(PREDICTIONS, small), 404);

        byte[] picture = new byte[4_000];
        Http.Response pictures =
                http.uploadParts(PREDICTIONS, List.of(Map.entry("files", Map.entry("a.png", picture))));
        assertThat(Problems.problem(pictures, 413).get("detail").asString())
                .contains("neurona.prediction.max-request-size");
        assertThat(http.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
    }

    private static void assertTooLarge(Http.Response response, String field, String setting) {
        assertThat(Problems.fieldProblem(response, 413, field))
                .as("%s", response)
                .contains(setting);
    }
}
