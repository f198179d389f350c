package dev.neurona.acceptance;

import static dev.neurona.acceptance.TabularAcceptanceTest.PATIENCE;
import static dev.neurona.acceptance.TabularAcceptanceTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Fashion-MNIST through the catalog, read from the folder that ../shared/tools/fetch-datasets.sh fills from the
 * registries (.ci/run does that first), judged on its official 10,000-image test set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FashionMnistAcceptanceTest {

    private static final Path REGISTRY_DATA =
            Path.of(System.getProperty("neurona.registry-data", "target/registry-data"));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("neurona-fashion-");
        registry.add("neurona.data-dir", dataDir::toString);
        registry.add(
                "neurona.catalog.mirror-dirs",
                () -> REGISTRY_DATA.toAbsolutePath().toString());
        registry.add("neurona.catalog.download", () -> "false");
    }

    @BeforeAll
    static void registryData() {
        Assumptions.assumeTrue(
                Files.isDirectory(REGISTRY_DATA.resolve("fashion-mnist")),
                REGISTRY_DATA + "/fashion-mnist is absent: run bash ../shared/tools/fetch-datasets.sh " + REGISTRY_DATA
                        + " first");
    }

    @Test
    void cnnReachesNinetyPercentOnTheOfficialTestSet() throws Exception {
        Http api = new Http(port).withTimeout(PATIENCE);
        JsonNode dataset = api.postJson("/api/v1/catalog/fashion-mnist/import", "")
                .expect(201)
                .json();
        assertThat(dataset.path("officialTestRows").asInt()).isEqualTo(10_000);
        long start = System.nanoTime();
        JsonNode model =
                api.trainToModel(dataset.path("id").asString(), MnistAcceptanceTest.smallCnn(10, 8, 13), PATIENCE);
        double accuracy = model.path("metrics").path("accuracy").asDouble();
        print(
                "Fashion-MNIST CNN: test accuracy %.4f on %d official test images, %.1f min",
                accuracy, model.path("metrics").path("testRows").asInt(), (System.nanoTime() - start) / 6e10);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    }
}
