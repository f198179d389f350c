package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13: a table as users have it (an id, a free-text name, a categorical column, numbers with gaps) is uploaded
 * with the id and name ignored, trained, and predicts held-out rows with unseen names, unseen categories and
 * {@code NA} cells, as objects and as arrays.
 */
@EndToEndTest
class TablesAsUsersHaveThemEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(120);
    static final String SPEC =
            """
            {"layers":[{"type":"dense","units":16,"activation":"relu"},
                       {"type":"dense","units":2,"activation":"softmax"}],
             "optimizer":{"type":"adam","learningRate":0.02},"epochs":40,"batchSize":16,"seed":7%s}""";
    static final List<String> CITIES = List.of("Kyoto", "Lima", "Oslo", "Paris");

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /**
     * id, name, city, income, age, decision: "buy" when income (helped a little by the city) is above 50. With
     * {@code gaps}, every 20th age and every 25th city is NA.
     */
    static String customers(int rows, boolean gaps) {
        Random random = new Random(13);
        StringBuilder csv = new StringBuilder("id,name,city,income,age,decision\n");
        for (int i = 1; i <= rows; i++) {
            String city = CITIES.get(random.nextInt(CITIES.size()));
            int income = 5 + random.nextInt(91);
            int age = 18 + random.nextInt(60);
            double score = income - 50 + (CITIES.indexOf(city) - 1.5) * 2;
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,Customer %s %d,%s,%d,%s,%s%n",
                    1000 + i,
                    (char) ('A' + random.nextInt(26)),
                    i,
                    gaps && i % 25 == 0 ? "NA" : city,
                    income,
                    gaps && i % 20 == 0 ? "NA" : String.valueOf(age),
                    score > 0 ? "buy" : "skip"));
        }
        return csv.toString();
    }

    private static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    private String predictions(String model) {
        return "/api/v1/models/" + model + "/predictions";
    }

    @Test
    void aTableWithIdsNamesAndGapsTrainsAndPredictsHeldOutRows() {
        JsonNode dataset = http.dataset(
                customers(180, true),
                Map.of("labelColumn", "decision", "ignoreColumns", "id, name", "missingValues", "impute"));
        String datasetId = dataset.get("id").asString();
        assertThat(dataset.get("inputShape").get(0).asInt())
                .as("city one-hot (4) + income + age")
                .isEqualTo(6);
        assertThat(Http.strings(dataset.get("ignoredColumns"), null)).containsExactly("id", "name");
        assertThat(dataset.get("unknownCategories").asString()).isEqualTo("ignore");
        JsonNode stored = http.getJson("/api/v1/datasets/" + datasetId);
        List<String> roles = new ArrayList<>();
        stored.get("columns")
                .forEach(c ->
                        roles.add(c.get("name").asString() + ":" + c.get("role").asString()));
        assertThat(roles)
                .containsExactly(
                        "id:ignored",
                        "name:ignored",
                        "city:feature",
                        "income:feature",
                        "age:feature",
                        "decision:label");
        assertThat(Http.strings(stored.get("ignoredColumns"), null)).containsExactly("id", "name");

        JsonNode model = http.trainToModel(datasetId, SPEC.formatted(""), TRAINING);
        String modelId = model.get("id").asString();
        assertThat(Http.strings(model.get("preprocessing").get("features"), "name"))
                .containsExactly("city", "income", "age");
        assertThat(model.get("preprocessing").get("unknownCategories").asString())
                .isEqualTo("ignore");

        List<Object> heldOut = List.of(
                // unseen id, unseen name, unseen city: a clear buyer
                row("id", 9001, "name", "Zora Newcomer", "city", "Atlantis", "income", 95, "age", 30),
                // NA and ? cells, numbers as text, the label sent along
                row("id", 9002, "name", "Yuri", "city", "Paris", "income", "8", "age", "NA", "decision", "?"),
                // every column of the file, in file order, with NA cells
                Arrays.asList(9003, "Xena", "NA", 90, null, null),
                // the model's input columns in order: city, income, age
                List.of("Lima", 6, "?"));
        Http.Response answer = http.postJson(predictions(modelId), Map.of("rows", heldOut));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode p = answer.json().get("predictions");
        assertThat(p).hasSize(4);
        assertThat(Http.strings(p, "label")).containsExactly("buy", "skip", "buy", "skip");
        JsonNode note = p.get(0).get("notes").get(0);
        assertThat(note.get("field").asString()).isEqualTo("rows[0].city");
        assertThat(note.get("reason").asString()).contains("\"Atlantis\"", "all zeros", "unknownCategories=ignore");
        for (int r = 1; r < 4; r++) {
            assertThat(p.get(r).has("notes"))
                    .as("row %d has nothing to note: %s", r, p.get(r))
                    .isFalse();
        }

        // the same model asked for the wrong shapes and options
        String arrays = Problems.fieldProblem(
                http.postJson(predictions(modelId), Map.of("rows", List.of(List.of(1, 2)))), "rows[0]");
        assertThat(arrays)
                .contains("3 values", "city, income, age", "6 values", "id, name, city, income, age, decision");
        // image options on rows used to be ignored silently
        assertThat(Problems.fieldProblem(
                        http.postJson(predictions(modelId), "{\"rows\":[[\"Lima\",6,30]],\"topK\":2}"), "topK"))
                .contains("only for image models");
        Problems.fieldProblem(
                http.postJson(predictions(modelId), "{\"rows\":[[\"Lima\",6,30]],\"includeInput\":true}"),
                "includeInput");
        Problems.fieldProblem(
                http.postJson(predictions(modelId), "{\"rows\":[[\"Lima\",6,30]],\"images\":[[0,0]]}"), "images");

        // the job overrides the dataset's choice: unseen categories refused, every bad cell named
        JsonNode strict =
                http.trainToModel(datasetId, SPEC.formatted(",\"tables\":{\"unknownCategories\":\"error\"}"), TRAINING);
        assertThat(strict.get("spec").get("tables").get("unknownCategories").asString())
                .isEqualTo("error");
        Http.Response refused = http.postJson(
                predictions(strict.get("id").asString()),
                Map.of("rows", List.of(heldOut.get(1), heldOut.get(0), List.of("Mu", 1, 2))));
        assertThat(Problems.fields(refused)).containsExactly("rows[1].city", "rows[2].city");
        assertThat(Problems.fieldProblem(refused, "rows[1].city")).contains("Atlantis", "Kyoto, Lima, Oslo, Paris");
    }

    @Test
    void aModelTrainedWithoutImputationRefusesMissingCellsAndSaysHowToGetThere() {
        JsonNode dataset = http.dataset(customers(150, false), Map.of());
        assertThat(dataset.get("columns").get(0).get("role").asString()).isEqualTo("feature");
        Http.Response upload = http.upload(
                "/api/v1/datasets?ignoreColumns=id&ignoreColumns=name",
                Map.of(),
                "customers.csv",
                customers(150, false).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        assertThat(Http.strings(upload.json().get("ignoredColumns"), null)).containsExactly("id", "name");
        JsonNode model = http.trainToModel(upload.json().get("id").asString(), SPEC.formatted(""), TRAINING);
        Http.Response refused = http.postJson(
                predictions(model.get("id").asString()),
                Map.of("rows", List.of(row("city", "Oslo", "income", "NA", "age", 40))));
        assertThat(Problems.fieldProblem(refused, "rows[0].income")).contains("missing", "missingValues=impute");
    }

    @Test
    void badColumnRolesAndPoliciesAreProblemsNamingTheParameter() {
        String csv = customers(20, false);
        JsonNode schemas = http.get("/v3/api-docs").json().get("components").get("schemas");
        assertThat(Http.strings(
                        schemas.get("PredictionRequest")
                                .get("properties")
                                .get("rows")
                                .get("items")
                                .get("type"),
                        null))
                .as("a row is an object or an array")
                .containsExactlyInAnyOrder("object", "array");
        assertThat(Http.strings(
                        schemas.get("TableSettings")
                                .get("properties")
                                .get("unknownCategories")
                                .get("enum"),
                        null))
                .containsExactly("ignore", "error");
        assertThat(Problems.fieldProblem(http.upload(Map.of("ignoreColumns", "id,nmae"), csv), "ignoreColumns"))
                .contains("'nmae'", "id, name, city, income, age, decision");
        assertThat(Problems.fieldProblem(http.upload(Map.of("ignoreColumns", "decision"), csv), "ignoreColumns"))
                .contains("label");
        Problems.fieldProblem(http.upload(Map.of("ignoreColumns", "id,name,city,income,age"), csv), "ignoreColumns");
        Problems.fieldProblem(http.upload(Map.of("ignoreColumns", "id,,name"), csv), "ignoreColumns");
        assertThat(http.upload(Map.of("ignoreColumns", ""), csv).status()).isEqualTo(201);
        assertThat(Problems.fieldProblem(http.upload(Map.of("unknownCategories", "bogus"), csv), "unknownCategories"))
                .contains("ignore or error");
        String datasetId = http.dataset(csv, Map.of("unknownCategories", "ERROR"))
                .get("id")
                .asString();
        assertThat(http.getJson("/api/v1/datasets/" + datasetId)
                        .get("unknownCategories")
                        .asString())
                .isEqualTo("error");
        Http.Response bogus = http.postJson(
                "/api/v1/jobs",
                "{\"datasetId\":\"" + datasetId + "\",\"dryRun\":true,\"spec\":"
                        + SPEC.formatted(",\"tables\":{\"unknownCategories\":\"bogus\"}") + "}");
        assertThat(Problems.fieldProblem(bogus, "spec.tables.unknownCategories"))
                .contains("ignore or error");
    }
}
