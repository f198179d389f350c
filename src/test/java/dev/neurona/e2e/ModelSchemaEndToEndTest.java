package dev.neurona.e2e;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.hostile.HostileFiles;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.TestData;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A trained model's own OpenAPI document over real HTTP: it parses as OpenAPI 3, and every example in it, sent as it
 * stands to the path it names, is answered 200 with the classes it lists.
 */
@EndToEndTest
class ModelSchemaEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(120);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aTableClassifiersExampleIsAnsweredWithOneOfItsClasses() {
        JsonNode dataset = http.dataset(TestData.blobs(20, 5), Map.of("name", "blobs", "labelColumn", "cls"));
        String model = http.trainToModel(dataset.get("id").asString(), TestData.softmax3(3, 16), TRAINING)
                .get("id")
                .asString();

        JsonNode doc = schema("/api/v1/models/" + model + "/openapi.json");
        JsonNode row = doc.at("/components/schemas/Row");
        assertThat(row.get("properties").propertyNames()).containsExactly("x1", "x2", "color");
        assertThat(row.at("/properties/color/anyOf/0/enum").toString()).isEqualTo("[\"blue\",\"green\",\"red\"]");
        assertThat(sendExamples(doc, "/api/v1/models/" + model + "/predictions"))
                .isEqualTo(1);
    }

    @Test
    void aRegressionModelsExampleIsAnsweredWithAValue() {
        JsonNode dataset = http.dataset(TestData.linear(100, 3), Map.of("name", "linear"));
        String spec =
                """
                {"layers": [{"type": "dense", "units": 1}], "loss": "mse", "epochs": 2, "batchSize": 16, "seed": 1}""";
        String model = http.trainToModel(dataset.get("id").asString(), spec, TRAINING)
                .get("id")
                .asString();

        JsonNode doc = schema("/api/v1/models/" + model + "/openapi.json");
        assertThat(doc.at("/components/schemas/Prediction/required").toString()).isEqualTo("[\"value\"]");
        assertThat(sendExamples(doc, "/api/v1/models/" + model + "/predictions"))
                .isEqualTo(1);
    }

    @Test
    void anImageModelsBlankImageAndDrawingAreAnswered() {
        Http.Response upload = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        entry("images", entry("train-images.idx", HostileFiles.idxImages(40))),
                        entry("labels", entry("train-labels.idx", HostileFiles.idxLabels(40)))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        String spec =
                """
                {"layers": [{"type": "flatten"}, {"type": "dense", "units": 2, "activation": "softmax"}],
                 "epochs": 1, "batchSize": 16, "seed": 1}""";
        String model = http.trainToModel(upload.json().get("id").asString(), spec, TRAINING)
                .get("id")
                .asString();

        JsonNode doc = schema("/api/v1/models/" + model + "/openapi.json");
        assertThat(doc.at("/components/schemas/PredictionRequest/properties/images/items/minItems")
                        .asInt())
                .isEqualTo(784);
        assertThat(doc.at("/paths").values().iterator().next().at("/post/requestBody/content/multipart~1form-data"))
                .isNotEmpty();
        assertThat(sendExamples(doc, "/api/v1/models/" + model + "/predictions"))
                .as("the blank image and the drawing")
                .isEqualTo(2);
    }

    @Test
    void theServicesOwnDescriptionLinksToIt() {
        JsonNode api = http.get("/v3/api-docs").expect(200).json();
        assertThat(api.at("/paths").has("/api/v1/models/{ref}/openapi.json")).isTrue();
        assertThat(api.at("/info/description").asString()).contains("/api/v1/models/{ref}/openapi.json");
        assertThat(api.get("tags")
                        .valueStream()
                        .filter(t -> t.get("name").asString().equals("Models"))
                        .findFirst()
                        .orElseThrow()
                        .get("description")
                        .asString())
                .contains("openapi.json");

        Http.Response unknown = http.get("/api/v1/models/" + UUID.randomUUID() + "/openapi.json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    /** The document, which must parse as OpenAPI 3 without a message and name exactly one path. */
    private JsonNode schema(String path) {
        Http.Response response = http.get(path).expect(200);
        assertThat(response.contentType()).startsWith("application/json");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body());
        assertThat(parsed.getMessages()).as(response.body()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).hasSize(1);
        return response.json();
    }

    /** Sends every JSON example to the path the document names; returns how many were answered 200. */
    private int sendExamples(JsonNode doc, String expectedPath) {
        assertThat(doc.get("paths").propertyNames()).containsExactly(expectedPath);
        JsonNode examples =
                doc.at("/paths").get(expectedPath).at("/post/requestBody/content/application~1json/examples");
        JsonNode classes = doc.at("/components/schemas/Prediction/properties/label/enum");
        int answered = 0;
        for (JsonNode example : examples.values()) {
            Http.Response answer =
                    http.postJson(expectedPath, example.get("value").toString());
            assertThat(answer.status()).as("%s → %s", example, answer).isEqualTo(200);
            for (JsonNode prediction : answer.json().get("predictions")) {
                if (classes.isMissingNode()) {
                    assertThat(prediction.get("value").isNumber()).isTrue();
                } else {
                    assertThat(classes.valueStream().map(JsonNode::asString))
                            .contains(prediction.get("label").asString());
                }
            }
            answered++;
        }
        return answered;
    }
}
