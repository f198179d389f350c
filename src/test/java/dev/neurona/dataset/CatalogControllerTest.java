package dev.neurona.dataset;

import static dev.neurona.support.Problems.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.security.SliceSecurity;
import dev.neurona.support.ControllerTest;
import dev.neurona.support.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/catalog} over the wire: the list, imports with their parameters, and what is refused. */
@ControllerTest(CatalogController.class)
class CatalogControllerTest {

    static final UUID ID = UUID.fromString("0d6f4b8e-2a51-4c7e-9d0b-3f6a1c2e5b77");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    CatalogService catalog;

    static DatasetInfo imported(String name, int rows, List<String> classes) {
        return new DatasetInfo(
                ID,
                name,
                "image",
                Task.CLASSIFICATION,
                "label",
                null,
                "error",
                rows,
                0,
                List.of(1, 28, 28),
                classes,
                Map.of(),
                List.of(),
                "ab12",
                4096,
                Instant.parse("2026-11-23T10:00:00Z"),
                0,
                "quickdraw");
    }

    @Test
    void theListNamesEachEntryAndWhereItComesFrom() {
        when(catalog.list())
                .thenReturn(List.of(
                        new CatalogService.Entry("mnist", "image", "handwritten digits", "bundled", true),
                        new CatalogService.Entry(
                                "iris", "tabular", "sample table", "/mirror/tabular/iris.csv", false)));

        assertThat(mvc.get().uri("/api/v1/catalog").header("X-API-Key", SliceSecurity.TRAINER))
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson()
                .isStrictlyEqualTo(
                        """
                        [{"name": "mnist", "kind": "image", "description": "handwritten digits", "source": "bundled",
                          "bundled": true},
                         {"name": "iris", "kind": "tabular", "description": "sample table",
                          "source": "/mirror/tabular/iris.csv", "bundled": false}]""");
    }

    @Test
    void anImportIsCreatedAtTheDatasetsAddressWithItsCategoriesTrimmed() {
        when(catalog.importDataset("quickdraw", List.of("cat", "apple", "star"), 100))
                .thenReturn(imported("quickdraw", 300, List.of("apple", "cat", "star")));

        assertThat(mvc.post()
                        .uri("/api/v1/catalog/quickdraw/import?categories= cat, apple,,star &perClass=100")
                        .header("X-API-Key", SliceSecurity.TRAINER))
                .hasStatus(201)
                .hasHeader("Location", "/api/v1/datasets/" + ID)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson()
                .isLenientlyEqualTo(
                        """
                        {"id": "%s", "name": "quickdraw", "kind": "image", "task": "classification", "rows": 300,
                         "inputShape": [1, 28, 28], "classes": ["apple", "cat", "star"], "imageStyle": "quickdraw"}"""
                                .formatted(ID));
    }

    @Test
    void withoutParametersAnImportAsksForNoCategoriesAndFiveThousandPerClass() {
        when(catalog.importDataset("mnist", List.of(), 5000)).thenReturn(imported("mnist", 70_000, List.of("0")));

        assertThat(mvc.post().uri("/api/v1/catalog/mnist/import").header("X-API-Key", SliceSecurity.ADMIN))
                .hasStatus(201)
                .bodyJson()
                .extractingPath("$.rows")
                .isEqualTo(70_000);
    }

    @Test
    void aPerClassThatIsNoNumberIsA400NamingItAndNothingIsImported() {
        String message = Problems.fieldProblem(
                answer(mvc.post()
                        .uri("/api/v1/catalog/quickdraw/import?categories=cat,dog&perClass=many")
                        .header("X-API-Key", SliceSecurity.TRAINER)
                        .exchange()),
                "perClass");
        assertThat(message).contains("'many'");
        verify(catalog, never()).importDataset(anyString(), anyList(), anyInt());
    }

    @Test
    void whatTheCatalogRefusesComesBackAsItsProblem() {
        when(catalog.importDataset("no-such-table", List.of(), 5000))
                .thenThrow(new NotFoundException("catalog entry", "no-such-table"));
        when(catalog.importDataset("quickdraw", List.of("cat"), 5000))
                .thenThrow(new InvalidInputException("categories", "choose 2 to 345 categories, not 1"));

        JsonNode missing = Problems.problem(
                answer(mvc.post()
                        .uri("/api/v1/catalog/no-such-table/import")
                        .header("X-API-Key", SliceSecurity.TRAINER)
                        .exchange()),
                404);
        assertThat(missing.get("type").asString()).isEqualTo("https://neurona.dev/problems/not-found");
        assertThat(missing.get("detail").asString()).contains("no-such-table");
        assertThat(Problems.fieldProblem(
                        answer(mvc.post()
                                .uri("/api/v1/catalog/quickdraw/import?categories=cat")
                                .header("X-API-Key", SliceSecurity.TRAINER)
                                .exchange()),
                        "categories"))
                .contains("not 1");
    }

    @Test
    void theCatalogIsForTrainers() {
        JsonNode anonymous =
                Problems.problem(answer(mvc.get().uri("/api/v1/catalog").exchange()), 401);
        assertThat(anonymous.get("type").asString()).isEqualTo("https://neurona.dev/problems/unauthorized");
        for (var request : List.of(mvc.get().uri("/api/v1/catalog"), mvc.post().uri("/api/v1/catalog/mnist/import"))) {
            JsonNode forbidden = Problems.problem(
                    answer(request.header("X-API-Key", SliceSecurity.PREDICTOR).exchange()), 403);
            assertThat(forbidden.get("type").asString()).isEqualTo("https://neurona.dev/problems/forbidden");
        }
        verify(catalog, never()).list();
        verify(catalog, never()).importDataset(anyString(), anyList(), anyInt());
    }
}
