package dev.neurona.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each model's own OpenAPI document: what it says follows from the preprocessing stored with the model. */
class ModelOpenApiTest {

    static final UUID ID = UUID.fromString("5e9a1f30-6c2d-4b8a-8f1e-2d7c9b0a4e63");
    static final String PATH = "/api/v1/models/" + ID + "/predictions";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final TabularEncoding.Feature X1 = new TabularEncoding.Feature("x1", "numeric", 1.25, 0.5, null, null);
    static final TabularEncoding.Feature COLOR =
            new TabularEncoding.Feature("color", "categorical", null, null, List.of("blue", "green", "red"), "green");

    @Test
    void aTableClassifierNamesEveryColumnItsCategoriesAndItsClasses() {
        TabularEncoding encoding = new TabularEncoding(
                List.of(X1, COLOR),
                "cls",
                Task.CLASSIFICATION,
                List.of("a", "b", "c"),
                null,
                null,
                false,
                "error",
                List.of("x1", "color", "cls"),
                List.of());
        JsonNode doc = document(model(Task.CLASSIFICATION, encoding, "categorical_crossentropy"));

        JsonNode row = doc.at("/components/schemas/Row");
        assertThat(row.get("properties").propertyNames()).as("file order").containsExactly("x1", "color");
        assertThat(strings(row.get("required"))).containsExactlyInAnyOrder("x1", "color");
        assertThat(row.at("/properties/x1/type").asString()).isEqualTo("number");
        assertThat(row.at("/properties/x1/nullable").isMissingNode())
                .as("missing cells are refused")
                .isTrue();
        assertThat(strings(row.at("/properties/color/enum"))).containsExactly("blue", "green", "red");
        JsonNode prediction = doc.at("/components/schemas/Prediction");
        assertThat(strings(prediction.at("/properties/label/enum"))).containsExactly("a", "b", "c");
        assertThat(strings(prediction.at("/properties/probabilities/required")))
                .containsExactlyInAnyOrder("a", "b", "c");

        JsonNode operation = doc.at("/paths").get(PATH).get("post");
        JsonNode example = operation.at("/requestBody/content/application~1json/examples/example/value/rows/0");
        assertThat(example.get("x1").asDouble()).as("the training mean").isEqualTo(1.25);
        assertThat(example.get("color").asString())
                .as("the most frequent category")
                .isEqualTo("green");
        assertThat(operation
                        .at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/PredictionResponse");
    }

    @Test
    void cellsMayBeMissingWhenImputedAndUnknownCategoriesPassWhenIgnored() {
        TabularEncoding encoding = new TabularEncoding(
                List.of(X1, COLOR), "cls", Task.CLASSIFICATION, List.of("no", "yes"), null, null, true);
        JsonNode row = document(model(Task.CLASSIFICATION, encoding, "hinge")).at("/components/schemas/Row");

        assertThat(row.at("/properties/x1/nullable").asBoolean()).isTrue();
        assertThat(row.at("/properties/color/nullable").asBoolean()).isTrue();
        assertThat(row.at("/properties/color/anyOf")).hasSize(2);
        assertThat(strings(row.at("/properties/color/anyOf/0/enum"))).containsExactly("blue", "green", "red");
        assertThat(row.at("/properties/color/anyOf/1/enum").isMissingNode()).isTrue();
    }

    @Test
    void aMarginClassifierAnswersAScoreNotProbabilities() {
        TabularEncoding encoding =
                new TabularEncoding(List.of(X1), "cls", Task.CLASSIFICATION, List.of("no", "yes"), null, null, false);
        JsonNode prediction =
                document(model(Task.CLASSIFICATION, encoding, "hinge")).at("/components/schemas/Prediction");

        assertThat(prediction.at("/properties/probabilities").isMissingNode()).isTrue();
        assertThat(strings(prediction.get("required"))).containsExactlyInAnyOrder("label", "value");
    }

    @Test
    void aRegressionModelAnswersAValue() {
        TabularEncoding encoding = new TabularEncoding(List.of(X1), "y", Task.REGRESSION, List.of(), 10.0, 2.0, false);
        JsonNode doc = document(model(Task.REGRESSION, encoding, "mse"));

        JsonNode prediction = doc.at("/components/schemas/Prediction");
        assertThat(prediction.at("/properties/value/type").asString()).isEqualTo("number");
        assertThat(prediction.at("/properties/label").isMissingNode()).isTrue();
        assertThat(strings(prediction.get("required"))).containsExactly("value");
    }

    @Test
    void aDoodleModelTakesPixelsDrawingsAndPictures() {
        ImageEncoding encoding =
                new ImageEncoding(List.of(1, 28, 28), List.of("apple", "cat"), null, null, "quickdraw", null);
        JsonNode doc = document(model(Task.CLASSIFICATION, encoding, "categorical_crossentropy"));

        JsonNode request = doc.at("/components/schemas/PredictionRequest");
        assertThat(request.at("/properties/images/items/minItems").asInt()).isEqualTo(784);
        assertThat(request.at("/properties/images/items/items/maximum").asInt()).isEqualTo(255);
        assertThat(request.at("/properties/drawings/items/items/minItems").asInt())
                .isEqualTo(2);
        assertThat(request.at("/properties/topK/maximum").asInt()).isEqualTo(2);
        JsonNode content = doc.at("/paths").get(PATH).at("/post/requestBody/content");
        assertThat(content.at("/application~1json/examples/example/value/images/0"))
                .hasSize(784);
        assertThat(content.at("/application~1json/examples/drawing/value/drawings/0"))
                .hasSize(2);
        assertThat(content.at("/multipart~1form-data/schema/properties/files/items/format")
                        .asString())
                .isEqualTo("binary");
        assertThat(strings(doc.at("/components/schemas/Prediction/properties/top/items/properties/label/enum")))
                .containsExactly("apple", "cat");
    }

    @Test
    void aColourModelTakesNoDrawings() {
        ImageEncoding encoding =
                new ImageEncoding(List.of(3, 32, 32), List.of("a", "b", "c"), 0.5f, 0.2f, "resize", null);
        JsonNode doc = document(model(Task.CLASSIFICATION, encoding, "categorical_crossentropy"));

        JsonNode request = doc.at("/components/schemas/PredictionRequest");
        assertThat(request.at("/properties/images/items/maxItems").asInt()).isEqualTo(3 * 32 * 32);
        assertThat(request.at("/properties/drawings").isMissingNode()).isTrue();
    }

    @Test
    void aReferenceIsEchoedOnlyWhenItIsSafeInAPath() {
        assertThat(ModelSchemas.predictionPath("house-prices@prod", null, ID))
                .isEqualTo("/api/v1/models/house-prices@prod/predictions");
        assertThat(ModelSchemas.predictionPath("prices", 3, ID))
                .isEqualTo("/api/v1/models/prices/versions/3/predictions");
        assertThat(ModelSchemas.predictionPath("a/../b", null, ID)).isEqualTo(PATH);
        assertThat(ModelSchemas.predictionPath("{x}", null, ID)).isEqualTo(PATH);
    }

    /** The document as JSON, checked to parse as OpenAPI 3 without a message first. */
    static JsonNode document(ModelRecord model) {
        String json = Json.pretty(ModelOpenApi.of(model, PATH, 100));
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);
        assertThat(parsed.getMessages()).as(json).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsOnlyKeys(PATH);
        return JSON.readTree(json);
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    static ModelRecord model(Task task, Preprocessing preprocessing, String loss) {
        return new ModelRecord(
                ID,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "test model",
                task,
                Instant.parse("2026-12-04T10:00:00Z"),
                new ModelSpec(
                        List.of(new LayerSpec.Dense(1, null, null, null, null, null)),
                        loss,
                        null,
                        1,
                        8,
                        null,
                        null,
                        7L),
                preprocessing,
                null,
                Map.of(),
                List.of(),
                null);
    }
}
