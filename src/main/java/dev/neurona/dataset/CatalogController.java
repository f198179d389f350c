package dev.neurona.dataset;

import dev.neurona.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/catalog")
@Tag(
        name = "Catalog",
        description = "Built-in datasets: MNIST and sample tables (bundled), Fashion-MNIST, Quick, Draw!, more tables")
class CatalogController {

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(
            summary = "The built-in datasets and where each would be imported from",
            description =
                    "`source` says where: bundled (with the Maven Central artifact it came from), a mirror folder, "
                            + "an official URL, or unavailable here")
    List<CatalogService.Entry> list(
            @RequestParam(defaultValue = "0") @Parameter(description = "items to skip") @Min(0) int offset,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT)
                    @Parameter(description = "most items, 1–1000")
                    @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        return Paging.page(catalog.list(), offset, limit);
    }

    @PostMapping("/{name}/import")
    @Operation(
            summary = "Import a built-in dataset as a new dataset",
            description = "Entries marked bundled (mnist, iris, sonar, mushrooms, housing, spambase, saheart) work "
                    + "offline with nothing configured. quickdraw takes `categories` (comma-separated) and `perClass`. "
                    + "The others come from a configured mirror folder, which also takes precedence over a bundled "
                    + "copy, or from their official source.")
    ResponseEntity<DatasetInfo> importDataset(
            @PathVariable String name,
            @RequestParam(required = false) @Parameter(description = "quickdraw: e.g. cat,apple,star")
                    String categories,
            @RequestParam(defaultValue = "5000")
                    @Parameter(description = "quickdraw: most drawings per category")
                    @Min(1) int perClass) {
        List<String> list = categories == null
                ? List.of()
                : Arrays.stream(categories.split(","))
                        .map(String::trim)
                        .filter(c -> !c.isEmpty())
                        .toList();
        DatasetInfo info = catalog.importDataset(name, list, perClass);
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + info.id()))
                .body(info);
    }
}
