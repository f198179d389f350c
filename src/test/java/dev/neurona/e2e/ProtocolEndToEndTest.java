package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Form;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The shape of refusals that come from the protocol rather than from a feature: the error page called directly, an
 * Accept header that cannot be parsed or met, multipart limits that are not sizes, list paging, JSON scalars of the
 * wrong type, control characters in query values, and every {@code @Min}/{@code @Max} on a query parameter.
 * An api node, so that nothing trains.
 */
@EndToEndTest(properties = "neurona.role=api")
class ProtocolEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void theErrorPageCalledDirectlyIsANotFoundProblem() {
        Http admin = new Http(port);
        Http anonymous = new Http(port, null);
        for (Http http : List.of(admin, anonymous)) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                JsonNode problem = Problems.problem(http.exchange(method, "/error", Map.of(), null), 404);
                assertThat(problem.get("detail").asString()).contains(method + " /error");
            }
        }
    }

    @Test
    void anAcceptHeaderThatCannotBeParsedOrMetIsA406Problem() {
        Http admin = new Http(port);
        for (String path : List.of("/api/v1/models", "/api/v1/jobs?limit=-1", "/api/v1/nothing")) {
            JsonNode problem = Problems.problem(admin.get(path, ";;;"), 406);
            assertThat(problem.get("detail").asString())
                    .contains("Accept header")
                    .contains(";;;");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Accept");
        }
        JsonNode csv = Problems.problem(admin.get("/api/v1/models", "text/csv"), 406);
        assertThat(csv.get("detail").asString()).contains("Accept header asks for text/csv", "application/json");
    }

    @Test
    void multipartLimitsThatAreNotSizesSayWhatWasExceeded() {
        Http admin = new Http(port);
        Form many = Form.withRandomBoundary();
        for (int i = 0; i < 51; i++) {
            many.field("field" + i, "x");
        }
        String count = Problems.fieldProblem(many.post(admin, "/api/v1/datasets"), 413, "body");
        assertThat(count).contains("more than 50 parts", "server.tomcat.max-part-count");

        String header = Problems.fieldProblem(
                admin.upload(
                        "/api/v1/datasets",
                        Map.of(),
                        "n".repeat(10_000) + ".csv",
                        TestData.blobs(5, 1).getBytes()),
                413,
                "body");
        assertThat(header).contains("512 bytes", "server.tomcat.max-part-header-size", "file name");
    }

    @Test
    void everyListPagesWithTheSameValidatedOffsetAndLimit() {
        Http admin = new Http(port);
        for (String list : List.of(
                "/api/v1/datasets",
                "/api/v1/models",
                "/api/v1/keys",
                "/api/v1/catalog",
                "/api/v1/jobs",
                "/api/v1/tuning")) {
            assertThat(Problems.fieldProblem(admin.get(list + "?limit=-1"), "limit"))
                    .contains("-1");
            assertThat(Problems.fieldProblem(admin.get(list + "?limit=0"), "limit"))
                    .contains("0");
            assertThat(Problems.fieldProblem(admin.get(list + "?limit=1001"), "limit"))
                    .contains("1001");
            assertThat(Problems.fieldProblem(admin.get(list + "?offset=-1"), "offset"))
                    .contains("-1");
            assertThat(admin.get(list + "?offset=0&limit=1").status()).isEqualTo(200);
        }
        List<String> catalog = Http.strings(admin.getJson("/api/v1/catalog"), "name");
        assertThat(catalog).hasSizeGreaterThan(3);
        assertThat(Http.strings(admin.getJson("/api/v1/catalog?offset=1&limit=2"), "name"))
                .isEqualTo(catalog.subList(1, 3));
        assertThat(Http.strings(admin.getJson("/api/v1/catalog?offset=1000"), "name"))
                .isEmpty();
    }

    @Test
    void jsonScalarsOfTheWrongTypeAreRefusedNotCoerced() {
        Http admin = new Http(port);
        String dataset =
                admin.dataset(TestData.blobs(20, 3), Map.of()).get("id").asString();
        String spec = TestData.softmax3(3, 16);
        for (String dryRun : List.of("\"true\"", "1", "0", "\"yes\"")) {
            String body = "{\"datasetId\": \"" + dataset + "\", \"spec\": " + spec + ", \"dryRun\": " + dryRun + "}";
            assertThat(Problems.fieldProblem(admin.postJson("/api/v1/jobs", body), "dryRun"))
                    .contains("true or false");
        }
        String quotedEpochs = spec.replaceFirst("\"epochs\"\\s*:\\s*3", "\"epochs\": \"3\"");
        assertThat(quotedEpochs).contains("\"epochs\": \"3\"");
        String body = "{\"datasetId\": \"" + dataset + "\", \"spec\": " + quotedEpochs + ", \"dryRun\": true}";
        assertThat(Problems.fieldProblem(admin.postJson("/api/v1/jobs", body), "spec.epochs"))
                .contains("whole number");
        // the same body with JSON's own types is fine
        String fine = "{\"datasetId\": \"" + dataset + "\", \"spec\": " + spec + ", \"dryRun\": true}";
        assertThat(admin.postJson("/api/v1/jobs", fine).status()).isEqualTo(200);
    }

    @Test
    void aControlCharacterInAQueryValueIsRefusedNamingTheParameter() {
        Http admin = new Http(port);
        for (String query : List.of("limit=5%00", "limit=%005", "limit=5%0A", "limit=%7F5")) {
            assertThat(Problems.fieldProblem(admin.get("/api/v1/jobs?" + query), "limit"))
                    .contains("control characters");
        }
        assertThat(Problems.fieldProblem(
                        admin.post("/api/v1/catalog/quickdraw/import?categories=cat%00", null, new byte[0]),
                        "categories"))
                .contains("control characters");
        // a tab is a CSV separator, not a mistake
        assertThat(admin.get("/api/v1/jobs?limit=5&note=%09").status()).isEqualTo(200);
    }

    @Test
    void onlyTheSubmittingKeyOrAnAdminMayCancelAJobOrATuningRun() {
        Http admin = new Http(port);
        Http owner = new Http(port, admin.createKey("trainer"));
        Http other = new Http(port, admin.createKey("trainer"));
        String dataset =
                owner.dataset(TestData.blobs(20, 3), Map.of()).get("id").asString();

        String first = owner.submit(dataset, TestData.softmax3(3, 16));
        JsonNode refused = Problems.problem(other.cancel(first), 403);
        assertThat(refused.get("type").asString()).endsWith("/forbidden");
        assertThat(refused.get("detail").asString()).contains("job " + first, "admin");
        assertThat(owner.job(first).get("state").asString()).isEqualTo("QUEUED");
        assertThat(owner.cancel(first).status()).isEqualTo(200);
        String second = owner.submit(dataset, TestData.softmax3(3, 16));
        assertThat(admin.cancel(second).status()).isEqualTo(200);
        assertThat(owner.job(second).get("state").asString()).isEqualTo("CANCELLED");

        Http.Response started = owner.postJson(
                "/api/v1/tuning",
                """
                {"datasetId": "%s",
                 "spec": {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                                     {"type": "dense", "units": 3, "activation": "softmax"}],
                          "epochs": 3, "batchSize": 16, "validationSplit": 0.25, "seed": 4},
                 "space": {"layers[0].units": {"type": "choice", "values": [4, 8]}},
                 "strategy": "grid", "parallelTrials": 1}"""
                        .formatted(dataset));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String run = started.json().get("id").asString();
        String cancel = "/api/v1/tuning/" + run + "/cancel";
        Problems.problem(other.post(cancel, null, new byte[0]), 403);
        assertThat(owner.getJson("/api/v1/tuning/" + run).get("state").asString())
                .isEqualTo("RUNNING");
        assertThat(owner.post(cancel, null, new byte[0]).status()).isEqualTo(200);
    }

    /**
     * Every {@code @Min} and {@code @Max} on a query parameter of every endpoint, one past the bound: the answer is a
     * 400 naming the parameter, whatever the path names (the constraint is checked before the handler runs).
     */
    @Test
    void everyConstrainedQueryParameterIsEnforced() {
        Http admin = new Http(port);
        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param == null) {
                    continue;
                }
                String name = !param.name().isEmpty()
                        ? param.name()
                        : !param.value().isEmpty() ? param.value() : parameter.getParameterName();
                Min min = parameter.getParameterAnnotation(Min.class);
                Max max = parameter.getParameterAnnotation(Max.class);
                if (min != null) {
                    checked.add(check(admin, info, handler, name, min.value() - 1));
                }
                if (max != null) {
                    checked.add(check(admin, info, handler, name, max.value() + 1));
                }
            }
        });
        // the ones the outside trial named, among all the others
        assertThat(checked)
                .contains(
                        "GET /api/v1/datasets/{id}/samples perClass=0",
                        "GET /api/v1/datasets/{id}/samples offset=-1",
                        "POST /api/v1/catalog/{name}/import perClass=0",
                        "GET /api/v1/models limit=0")
                .hasSizeGreaterThan(20);
    }

    private String check(Http admin, RequestMappingInfo info, HandlerMethod handler, String name, long value) {
        String pattern =
                info.getPathPatternsCondition().getPatternValues().iterator().next();
        String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        RequestMethod method =
                info.getMethodsCondition().getMethods().iterator().next();
        boolean body = java.util.Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
        boolean multipart = !info.getConsumesCondition().isEmpty()
                && info.getConsumesCondition().getConsumableMediaTypes().stream()
                        .anyMatch(type -> type.getType().equals("multipart"));
        multipart |= java.util.Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(RequestPart.class));
        StringBuilder target = new StringBuilder(path + "?" + name + "=" + value);
        for (MethodParameter p : handler.getMethodParameters()) {
            RequestParam other = p.getParameterAnnotation(RequestParam.class);
            // the other required parameters, present and valid as far as their type goes
            if (other != null
                    && other.required()
                    && other.defaultValue()
                            .equals(org.springframework.web.bind.annotation.ValueConstants.DEFAULT_NONE)) {
                String otherName = other.name().isEmpty() ? other.value() : other.name();
                target.append('&')
                        .append(otherName.isEmpty() ? p.getParameterName() : otherName)
                        .append("=x");
            }
        }
        Http.Response answer;
        if (multipart) {
            // every part present, so that only the parameter's constraint is wrong
            Form form = Form.withRandomBoundary();
            for (MethodParameter p : handler.getMethodParameters()) {
                RequestPart part = p.getParameterAnnotation(RequestPart.class);
                if (part != null) {
                    form.file(part.name().isEmpty() ? part.value() : part.name(), "a.bin", new byte[] {1});
                }
            }
            answer = form.post(admin, target.toString());
        } else {
            // the body in the handler's own media type (JSON unless it says otherwise, e.g. raw image bytes)
            String type = info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .map(Object::toString)
                    .findFirst()
                    .orElse("application/json");
            answer = admin.exchange(
                    method.name(),
                    target.toString(),
                    body ? Map.of("Content-Type", type) : Map.of(),
                    body ? "{}".getBytes() : null);
        }
        String what = method + " " + pattern + " " + name + "=" + value;
        assertThat(Problems.fieldProblem(answer, name)).as(what).contains(String.valueOf(value));
        return what;
    }
}
