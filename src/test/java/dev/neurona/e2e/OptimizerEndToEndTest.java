package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Optimizers, schedules, clipping and full-batch training over HTTP: dry run, training, problems, OpenAPI. */
@EndToEndTest
class OptimizerEndToEndTest {

    /** RMSProp with a cosine schedule after a 2-update warm-up, global norm clipping, full-batch descent. */
    static final String SPEC =
            """
            {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                        {"type": "dense", "units": 3, "activation": "softmax"}],
             "optimizer": {"type": "rmsprop", "learningRate": 0.01, "clipNorm": 1.0,
                           "schedule": {"type": "cosine", "warmupSteps": 2}},
             "epochs": 10, "batchSize": "all", "seed": 3}""";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void rmsPropWithCosineScheduleClippingAndAFullBatchIsResolvedAndTrains() {
        String dataset = http.dataset(TestData.blobs(30, 3), Map.of("name", "blobs"))
                .get("id")
                .asString();

        JsonNode plan = http.dryRun(dataset, SPEC);
        JsonNode optimizer = plan.get("spec").get("optimizer");
        assertThat(optimizer.get("type").asString()).isEqualTo("rmsprop");
        assertThat(optimizer.get("rho").asDouble()).isEqualTo(0.9);
        assertThat(optimizer.get("epsilon").asDouble()).isEqualTo(1e-7);
        assertThat(optimizer.get("momentum").asDouble()).isEqualTo(0.0);
        assertThat(optimizer.get("centered").asBoolean()).isFalse();
        assertThat(optimizer.get("clipNorm").asDouble()).isEqualTo(1.0);
        assertThat(optimizer.get("schedule").toString())
                .isEqualTo("{\"type\":\"cosine\",\"minLearningRate\":0.0,\"warmupSteps\":2}");
        assertThat(plan.get("spec").get("batchSize").asString()).isEqualTo("all");
        int trainRows = plan.get("trainRows").asInt();
        assertThat(plan.get("steps").get("batchSize").asInt()).isEqualTo(trainRows);
        assertThat(plan.get("steps").get("batchesPerEpoch").asInt()).isEqualTo(1);
        assertThat(plan.get("steps").get("totalSteps").asLong()).isEqualTo(10);

        String jobId = http.submit(dataset, SPEC);
        JsonNode job = http.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(120));
        JsonNode history = job.get("history");
        assertThat(history).hasSize(10);
        // one update per epoch: warm-up η/2, η, then cosine over the remaining 8 updates
        assertThat(history.get(0).get("learningRate").asDouble()).isCloseTo(0.005, within(1e-12));
        assertThat(history.get(1).get("learningRate").asDouble()).isCloseTo(0.01, within(1e-12));
        assertThat(history.get(9).get("learningRate").asDouble())
                .isCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI * 7 / 8)), within(1e-12));
        assertThat(history.get(9).get("loss").asDouble())
                .isLessThan(history.get(0).get("loss").asDouble());
        assertThat(job.get("spec").get("batchSize").asString()).isEqualTo("all");
    }

    @Test
    void badOptimizerSettingsAndBatchSizesAreProblemsNamingTheField() {
        String dataset = http.dataset(TestData.blobs(10, 5), Map.of("name", "bad-optimizers"))
                .get("id")
                .asString();
        String out = "{\"type\":\"dense\",\"units\":3,\"activation\":\"softmax\"}";
        Map<String, String> cases = Map.of(
                "\"batchSize\":\"some\"",
                "spec.batchSize",
                "\"batchSize\":1.5",
                "spec.batchSize",
                "\"batchSize\":0",
                "spec.batchSize",
                "\"batchSize\":-1",
                "spec.batchSize",
                "\"optimizer\":{\"type\":\"rmsprop\",\"rho\":1.5}",
                "spec.optimizer.rho",
                "\"optimizer\":{\"type\":\"sgd\",\"nesterov\":true}",
                "spec.optimizer.nesterov",
                "\"optimizer\":{\"type\":\"adam\",\"clipNorm\":-1}",
                "spec.optimizer.clipNorm",
                "\"optimizer\":{\"type\":\"adam\",\"schedule\":{\"type\":\"linear\"}}",
                "spec.optimizer.schedule.type",
                "\"optimizer\":{\"type\":\"adam\",\"schedule\":{\"type\":\"step\",\"unit\":\"weeks\"}}",
                "spec.optimizer.schedule.unit",
                // 2 epochs of one full batch are 2 updates: a warm-up of 2 never gets to the learning rate
                "\"epochs\":2,\"batchSize\":\"all\",\"optimizer\":{\"type\":\"sgd\",\"schedule\":"
                        + "{\"type\":\"constant\",\"warmupSteps\":2}}",
                "spec.optimizer.schedule.warmupSteps");
        cases.forEach((settings, field) -> {
            String body = "{\"datasetId\":\"" + dataset + "\",\"spec\":{\"layers\":[" + out + "]," + settings + "}";
            Problems.fieldProblem(http.postJson("/api/v1/jobs", body + "}"), field);
            Problems.fieldProblem(http.postJson("/api/v1/jobs", body + ",\"dryRun\":true}"), field);
        });
        assertThat(http.jobsOn(dataset)).as("no bad submission created a job").isEmpty();
    }

    @Test
    void openApiDescribesEveryOptimizerAndSchedule() {
        JsonNode schemas = http.get("/v3/api-docs").json().get("components").get("schemas");
        for (String name : new String[] {
            "SgdOptimizer",
            "RmsPropOptimizer",
            "AdamOptimizer",
            "AdamWOptimizer",
            "AdagradOptimizer",
            "ConstantSchedule",
            "StepSchedule",
            "ExponentialSchedule",
            "CosineSchedule"
        }) {
            assertThat(schemas.has(name)).as(name).isTrue();
            assertThat(schemas.get(name).has("example"))
                    .as("%s has an example", name)
                    .isTrue();
        }
        // subtypes are written as allOf: [the base, {"properties": …}]
        JsonNode rmsprop = schemas.get("RmsPropOptimizer").get("allOf").get(1).get("properties");
        assertThat(rmsprop.get("rho").get("default").asDouble()).isEqualTo(0.9);
        assertThat(rmsprop.get("clipNorm").get("description").asString()).contains("global L2 norm");
        assertThat(schemas.get("ModelSpec").get("properties").get("batchSize").toString())
                .contains("integer")
                .contains("string")
                .contains("all");
    }
}
