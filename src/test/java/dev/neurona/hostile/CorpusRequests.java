package dev.neurona.hostile;

import dev.neurona.support.Http;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Hostile addressing: ids that are not UUIDs or name nothing (or something of another kind), absurd query
 * parameters, methods an endpoint does not have, paths that do not exist, and the catalog asked for nonsense.
 */
final class CorpusRequests {

    static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    private CorpusRequests() {}

    /** A path with an id in it, and how to call it. */
    private record Route(String method, String template) {

        Http.Response call(HostileCase.Target t, String id) {
            String path = template.replace("{id}", id);
            byte[] body = path.endsWith("/predictions") ? HostileFiles.utf8(CorpusPredictions.ROW) : null;
            return t.admin()
                    .exchange(method, path, body == null ? Map.of() : Map.of("Content-Type", "application/json"), body);
        }
    }

    static void add(HostileCase.Cases cases) {
        cases.category("path-ids");
        List<Route> routes = List.of(
                new Route("GET", "/api/v1/datasets/{id}"),
                new Route("DELETE", "/api/v1/datasets/{id}"),
                new Route("GET", "/api/v1/datasets/{id}/samples"),
                new Route("GET", "/api/v1/jobs/{id}"),
                new Route("POST", "/api/v1/jobs/{id}/cancel"),
                new Route("GET", "/api/v1/models/{id}"),
                new Route("DELETE", "/api/v1/models/{id}"),
                new Route("POST", "/api/v1/models/{id}/predictions"),
                new Route("POST", "/api/v1/models/{id}/versions/1/predictions"),
                new Route("POST", "/api/v1/models/{id}@champion/predictions"),
                new Route("GET", "/api/v1/registered-models/{id}"),
                new Route("DELETE", "/api/v1/registered-models/{id}/versions/1"),
                new Route("DELETE", "/api/v1/registered-models/{id}/aliases/champion"),
                new Route("DELETE", "/api/v1/keys/{id}"));
        Map<String, Function<HostileCase.Target, String>> ids = new java.util.LinkedHashMap<>();
        ids.put("not-a-uuid", t -> "not-a-uuid");
        ids.put("unknown uuid", t -> UNKNOWN);
        ids.put("a number", t -> "12345");
        ids.put("SQL", t -> "%27%20OR%20%271%27%3D%271");
        ids.put("uuid with a suffix", t -> UNKNOWN + "-extra");
        ids.put("500 characters", t -> "a".repeat(500));
        ids.put("encoded NUL", t -> "%00");
        for (Route route : routes) {
            for (Map.Entry<String, Function<HostileCase.Target, String>> id : ids.entrySet()) {
                cases.add(
                        route.method() + " " + route.template() + " with " + id.getKey(),
                        t -> route.call(t, id.getValue().apply(t)));
            }
        }
        // ids of the wrong kind: each names something stored, just not what the path is about
        wrongKind(cases, new Route("GET", "/api/v1/datasets/{id}"), HostileCase.Target::csvModel);
        wrongKind(cases, new Route("DELETE", "/api/v1/datasets/{id}"), HostileCase.Target::imageModel);
        wrongKind(cases, new Route("GET", "/api/v1/datasets/{id}/samples"), HostileCase.Target::job);
        wrongKind(cases, new Route("GET", "/api/v1/jobs/{id}"), HostileCase.Target::csvDataset);
        wrongKind(cases, new Route("POST", "/api/v1/jobs/{id}/cancel"), HostileCase.Target::csvModel);
        wrongKind(cases, new Route("GET", "/api/v1/models/{id}"), HostileCase.Target::job);
        wrongKind(cases, new Route("DELETE", "/api/v1/models/{id}"), HostileCase.Target::csvDataset);
        wrongKind(cases, new Route("POST", "/api/v1/models/{id}/predictions"), HostileCase.Target::csvDataset);
        wrongKind(cases, new Route("DELETE", "/api/v1/keys/{id}"), HostileCase.Target::imageDataset);
        cases.add("cancel a finished job", t -> t.admin().cancel(t.job()));

        cases.category("query-params");
        for (String query : List.of(
                "offset=-1",
                "offset=abc",
                "offset=99999999999",
                "offset=1.5",
                "limit=0",
                "limit=-1",
                "limit=1001",
                "limit=2147483647",
                "limit=abc",
                "limit=1e3",
                "perClass=-1")) {
            cases.add("table samples " + query, t -> t.admin()
                    .get("/api/v1/datasets/" + t.csvDataset() + "/samples?" + query));
        }
        for (String query : List.of(
                "perClass=0",
                "perClass=51",
                "perClass=-1",
                "perClass=abc",
                "perClass=99999999999",
                // offset and limit page table rows; on an image dataset a bad one is refused all the same
                "offset=-1",
                "limit=-1",
                "limit=0")) {
            cases.add("image samples " + query, t -> t.admin()
                    .get("/api/v1/datasets/" + t.imageDataset() + "/samples?" + query));
        }
        for (String query :
                List.of("limit=0", "limit=-1", "limit=1001", "limit=abc", "limit=1e3", "limit=99999999999")) {
            cases.add("jobs " + query, t -> t.admin().get("/api/v1/jobs?" + query));
        }
        // every list pages with the same validated offset and limit
        for (String list : List.of("datasets", "models", "keys", "catalog", "tuning", "jobs")) {
            for (String query : List.of("limit=-1", "limit=0", "limit=1001", "offset=-1", "offset=abc")) {
                cases.add("paging " + list + " " + query, t -> t.admin().get("/api/v1/" + list + "?" + query));
            }
        }
        // a control character in a query value is refused, not trimmed away
        for (String query : List.of("limit=5%00", "limit=%005", "limit=5%0A", "offset=%7F1", "limit%00=5")) {
            cases.add("jobs " + query, t -> t.admin().get("/api/v1/jobs?" + query));
        }

        cases.category("catalog");
        catalog(cases, "imagenet", "");
        catalog(cases, "IRIS", "");
        catalog(cases, "iris.csv", "");
        catalog(cases, "%2e%2e", "");
        catalog(cases, "quickdraw", "");
        catalog(cases, "quickdraw", "categories=cat");
        catalog(cases, "quickdraw", "categories=cat,..%2F..%2Fetc%2Fpasswd");
        catalog(cases, "quickdraw", "categories=cat,ca%01t");
        catalog(cases, "quickdraw", "categories=,%20,,");
        catalog(cases, "quickdraw", "categories=cat,dog,cat");
        catalog(cases, "quickdraw", "categories=cat," + "a".repeat(41));
        catalog(cases, "quickdraw", "categories=" + "cat,".repeat(345) + "dog");
        catalog(cases, "quickdraw", "categories=cat,dog&perClass=-1");
        catalog(cases, "quickdraw", "categories=cat,dog&perClass=0");
        catalog(cases, "quickdraw", "categories=cat,dog&perClass=abc");
        catalog(cases, "quickdraw", "categories=cat,dog&perClass=99999999999");
        // 600,000 drawings: over neurona.uploads.max-images, refused before anything is downloaded
        catalog(cases, "quickdraw", "categories=cat,dog&perClass=300000");
        catalog(cases, "quickdraw", "categories=cat%00");
        catalog(cases, "quickdraw", "categories=cat%0D%0A,dog");
        catalog(cases, "iris", "perClass=0");

        cases.category("methods");
        method(cases, "PUT", "/api/v1/datasets", t -> "/api/v1/datasets");
        method(cases, "DELETE", "/api/v1/datasets", t -> "/api/v1/datasets");
        method(cases, "PATCH", "/api/v1/datasets/{dataset}", t -> "/api/v1/datasets/" + t.csvDataset());
        method(cases, "PUT", "/api/v1/datasets/{dataset}", t -> "/api/v1/datasets/" + t.csvDataset());
        method(cases, "POST", "/api/v1/datasets/{dataset}", t -> "/api/v1/datasets/" + t.csvDataset());
        method(cases, "PUT", "/api/v1/jobs", t -> "/api/v1/jobs");
        method(cases, "DELETE", "/api/v1/jobs/{job}", t -> "/api/v1/jobs/" + t.job());
        method(cases, "PATCH", "/api/v1/jobs/{job}", t -> "/api/v1/jobs/" + t.job());
        method(cases, "GET", "/api/v1/jobs/{job}/cancel", t -> "/api/v1/jobs/" + t.job() + "/cancel");
        method(cases, "PUT", "/api/v1/models/{model}", t -> "/api/v1/models/" + t.csvModel());
        method(cases, "POST", "/api/v1/models", t -> "/api/v1/models");
        method(cases, "GET", "/api/v1/models/{model}/predictions", t -> CorpusPredictions.path(t.csvModel()));
        method(cases, "DELETE", "/api/v1/models/{model}/predictions", t -> CorpusPredictions.path(t.csvModel()));
        method(cases, "PUT", "/api/v1/catalog", t -> "/api/v1/catalog");
        method(cases, "GET", "/api/v1/catalog/mnist/import", t -> "/api/v1/catalog/mnist/import");
        method(cases, "DELETE", "/api/v1/catalog/mnist", t -> "/api/v1/catalog/mnist");
        method(cases, "PUT", "/api/v1/keys", t -> "/api/v1/keys");
        method(cases, "PATCH", "/api/v1/keys", t -> "/api/v1/keys");
        method(cases, "POST", "/actuator/health", t -> "/actuator/health");
        method(cases, "DELETE", "/actuator/health", t -> "/actuator/health");
        method(cases, "POST", "/actuator/info", t -> "/actuator/info");
        method(cases, "TRACE", "/api/v1/datasets", t -> "/api/v1/datasets");
        method(cases, "PROPFIND", "/api/v1/datasets", t -> "/api/v1/datasets");
        method(cases, "BREW", "/api/v1/models", t -> "/api/v1/models");

        cases.category("unknown-paths");
        for (String path : List.of(
                "/api/v1/nothing",
                "/api/v2/datasets",
                "/api/v1/datasets/" + UNKNOWN + "/nope",
                "/api/v1/models/" + UNKNOWN + "/predictions/extra",
                "/api/v1/jobs/" + UNKNOWN + "/events/x",
                "/api/v1/datasets;jsessionid=x",
                "/api/v1/%2e%2e/keys",
                "/api/v1/datasets/%2F..%2F..",
                "/api/v1/" + "a/".repeat(500),
                "/api/v1/models/" + "x".repeat(5_000))) {
            cases.add("GET " + CorpusJobs.shorten(path), t -> t.admin().get(path));
        }
        // the container's error page, called directly: not an endpoint
        for (String method : List.of("GET", "POST", "DELETE")) {
            cases.add(method + " /error", t -> t.admin().exchange(method, "/error", Map.of(), null));
            cases.add(method + " /error without a key", t -> t.anonymous().exchange(method, "/error", Map.of(), null));
        }
    }

    private static void wrongKind(HostileCase.Cases cases, Route route, Function<HostileCase.Target, String> id) {
        cases.add(
                route.method() + " " + route.template() + " with an id of another kind",
                t -> route.call(t, id.apply(t)));
    }

    private static void catalog(HostileCase.Cases cases, String name, String query) {
        cases.add("import " + name + (query.isEmpty() ? "" : "?" + CorpusJobs.shorten(query)), t -> t.admin()
                .post("/api/v1/catalog/" + name + "/import" + (query.isEmpty() ? "" : "?" + query), null, new byte[0]));
    }

    private static void method(
            HostileCase.Cases cases, String method, String shown, Function<HostileCase.Target, String> path) {
        cases.add(method + " " + shown, t -> t.admin().exchange(method, path.apply(t), Map.of(), null));
    }
}
