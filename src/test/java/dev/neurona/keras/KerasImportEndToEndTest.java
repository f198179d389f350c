package dev.neurona.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The import over HTTP: the OpenAPI example answers what the OpenAPI page says, refusals are problems with paths. */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KerasImportEndToEndTest {

    static final String PATH = "/api/v1/specs/import/keras";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Http http;
    String iris;

    @BeforeAll
    void client() {
        http = new Http(port);
        iris = http.post("/api/v1/catalog/iris/import", null, new byte[0])
                .expect(201)
                .json()
                .path("id")
                .asString();
    }

    @Test
    void theDocumentedExampleAnswersTheDocumentedAnswer() {
        JsonNode answer =
                http.postJson(PATH, KerasController.EXAMPLE).expect(200).json();
        JsonNode documented = JSON.readTree(KerasController.ANSWER);

        assertThat(answer.get("spec")).isEqualTo(documented.get("spec"));
        assertThat(answer.get("inputShape")).isEqualTo(documented.get("inputShape"));
        assertThat(answer.get("layers")).isEqualTo(documented.get("layers"));
        assertThat(answer.get("parameters")).isEqualTo(documented.get("parameters"));
        assertThat(answer.get("keras")).isEqualTo(documented.get("keras"));
        for (int i = 0; i < 2; i++) {
            assertThat(answer.get("notes").get(i))
                    .isEqualTo(documented.get("notes").get(i));
        }
        assertThat(answer.at("/notes/2/path").asString()).isEqualTo("$");

        JsonNode operation =
                http.get("/v3/api-docs").json().path("paths").path(PATH).path("post");
        assertThat(operation.at("/requestBody/content/application~1json/examples/keras3-sequential/value"))
                .isEqualTo(JSON.readTree(KerasController.EXAMPLE));
        assertThat(operation
                        .at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .endsWith("KerasImportResult");
    }

    @Test
    void withADatasetTheSpecIsCheckedAgainstIt() {
        JsonNode answer = http.postJson(PATH + "?datasetId=" + iris, KerasController.EXAMPLE)
                .expect(200)
                .json();
        assertThat(answer.path("parameters").asLong()).isEqualTo(67);

        ObjectNode fiveClasses = (ObjectNode) JSON.readTree(KerasController.EXAMPLE);
        ((ObjectNode) fiveClasses.at("/config/layers/2/config")).put("units", 5);
        String message = Problems.fieldProblem(
                http.postJson(PATH + "?datasetId=" + iris, fiveClasses.toString()), "$.config.layers[2].config.units");
        assertThat(message).contains("3 classes");

        Problems.fieldProblem(
                http.postJson(PATH + "?datasetId=00000000-0000-0000-0000-000000000001", KerasController.EXAMPLE),
                "datasetId");
    }

    @Test
    void whatCannotBeImportedIsAProblemNamingItsPath() {
        ObjectNode noBias = (ObjectNode) JSON.readTree(KerasController.EXAMPLE);
        ((ObjectNode) noBias.at("/config/layers/1/config")).put("use_bias", false);
        assertThat(Problems.fieldProblem(http.postJson(PATH, noBias.toString()), "$.config.layers[1].config.use_bias"))
                .contains("bias");

        assertThat(Problems.fieldProblem(http.postJson(PATH, "{\"class_name\": \"Sequential\", "), "$"))
                .startsWith("not JSON");
        assertThat(Problems.fieldProblem(http.postJson(PATH, "{\"layers\": []}"), "$"))
                .startsWith("not a Keras model");
    }
}
