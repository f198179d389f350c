package dev.neurona.hostile;

import dev.neurona.support.Form;
import dev.neurona.support.Http;
import dev.neurona.support.TestKeys;
import java.util.Map;
import java.util.function.Function;

/**
 * Requests without a key, with a bad key or with a key whose role may not do what is asked (each of them a request
 * that would change stored data if it got through), actuator endpoints that are not exposed, and bad API key bodies.
 */
public final class CorpusAccess {

    public static final String KEYS = "/api/v1/keys";

    private CorpusAccess() {}

    static void add(HostileCase.Cases cases) {
        cases.category("auth-missing-or-bad-key");
        Map<String, Function<HostileCase.Target, Http>> callers = new java.util.LinkedHashMap<>();
        callers.put("no key", HostileCase.Target::anonymous);
        callers.put("an unknown key", t -> new Http(t.port(), "nrn_" + "0".repeat(48)));
        callers.put("an empty key", t -> new Http(t.port(), ""));
        callers.put("a 4 KB key", t -> new Http(t.port(), "k".repeat(4096)));
        callers.put("a key with spaces", t -> new Http(t.port(), "nrn_test admin key"));
        for (Map.Entry<String, Function<HostileCase.Target, Http>> caller : callers.entrySet()) {
            Function<HostileCase.Target, Http> who = caller.getValue();
            String as = " with " + caller.getKey();
            cases.add("list datasets" + as, t -> who.apply(t).get(CorpusTables.DATASETS));
            cases.add("upload a valid CSV" + as, t -> new Form()
                    .file("file", "d.csv", HostileFiles.csv())
                    .post(who.apply(t), CorpusTables.DATASETS));
            cases.add("delete the stored dataset" + as, t -> who.apply(t)
                    .delete(CorpusTables.DATASETS + "/" + t.csvDataset()));
            cases.add("submit a valid job" + as, t -> who.apply(t)
                    .postJson(CorpusJobs.JOBS, CorpusJobs.body(t.csvDataset(), CorpusJobs.SPEC)));
            cases.add("predict" + as, t -> who.apply(t)
                    .postJson(CorpusPredictions.path(t.csvModel()), CorpusPredictions.ROW));
            cases.add("create an admin key" + as, t -> who.apply(t)
                    .postJson(KEYS, "{\"name\":\"intruder\",\"role\":\"admin\"}"));
            cases.add("read metrics" + as, t -> who.apply(t).get("/actuator/metrics"));
        }
        cases.add("Bearer without a key", t -> t.anonymous()
                .exchange("GET", CorpusTables.DATASETS, Map.of("Authorization", "Bearer "), null));
        cases.add("Basic credentials", t -> t.anonymous()
                .exchange("GET", CorpusTables.DATASETS, Map.of("Authorization", "Basic YWRtaW46YWRtaW4="), null));
        cases.add("the admin key as a query parameter", t -> t.anonymous()
                .get(CorpusTables.DATASETS + "?apiKey=" + TestKeys.ADMIN));
        cases.add("a wrong key next to the admin key", t -> t.anonymous()
                .exchange(
                        "GET",
                        CorpusTables.DATASETS,
                        Map.of("X-API-Key", "wrong", "Authorization", "Bearer " + TestKeys.ADMIN),
                        null));

        cases.category("auth-wrong-role");
        cases.add(
                "predictor uploads a dataset",
                t -> new Form().file("file", "d.csv", HostileFiles.csv()).post(t.predictor(), CorpusTables.DATASETS));
        cases.add("predictor lists datasets", t -> t.predictor().get(CorpusTables.DATASETS));
        cases.add("predictor lists jobs", t -> t.predictor().get(CorpusJobs.JOBS));
        cases.add("predictor submits a job", t -> t.predictor()
                .postJson(CorpusJobs.JOBS, CorpusJobs.body(t.csvDataset(), CorpusJobs.SPEC)));
        cases.add("predictor cancels a job", t -> t.predictor().cancel(t.job()));
        cases.add("predictor imports from the catalog", t -> t.predictor()
                .post("/api/v1/catalog/mnist/import", null, new byte[0]));
        cases.add("predictor deletes a model", t -> t.predictor().delete("/api/v1/models/" + t.csvModel()));
        cases.add("predictor lists keys", t -> t.predictor().get(KEYS));
        cases.add("trainer deletes a dataset", t -> t.trainer().delete(CorpusTables.DATASETS + "/" + t.imageDataset()));
        cases.add("trainer deletes a model", t -> t.trainer().delete("/api/v1/models/" + t.imageModel()));
        cases.add("trainer lists keys", t -> t.trainer().get(KEYS));
        cases.add("trainer creates an admin key", t -> t.trainer()
                .postJson(KEYS, "{\"name\":\"escalate\",\"role\":\"admin\"}"));
        cases.add("trainer revokes a key", t -> t.trainer().delete(KEYS + "/" + CorpusRequests.UNKNOWN));
        cases.add("trainer reads prometheus", t -> t.trainer().get("/actuator/prometheus"));
        cases.add("trainer reads metrics", t -> t.trainer().get("/actuator/metrics"));
        // only the key that submitted a job, or an admin, may cancel it (docs/security.md, "Ownership")
        cases.add(
                "trainer cancels a job another key submitted", t -> t.trainer().cancel(t.job()));
        cases.add("trainer cancels an unknown tuning run", t -> t.trainer()
                .post("/api/v1/tuning/" + CorpusRequests.UNKNOWN + "/cancel", null, new byte[0]));

        cases.category("actuator");
        for (String path : new String[] {
            "/actuator/env",
            "/actuator/heapdump",
            "/actuator/threaddump",
            "/actuator/beans",
            "/actuator/loggers",
            "/actuator/configprops",
            "/actuator/mappings",
            "/actuator/health/nonexistent",
            "/actuator/metrics/no.such.metric",
            "/actuator/metrics/jvm.memory.used?tag=nocolon",
            "/actuator/metrics/jvm.memory.used?tag=area:mars",
            "/actuator/nothing"
        }) {
            cases.add("GET " + path, t -> t.admin().get(path));
        }
        cases.add("POST /actuator/shutdown", t -> t.admin().post("/actuator/shutdown", null, new byte[0]));
        cases.add("POST /actuator/loggers/root", t -> t.admin()
                .postJson("/actuator/loggers/root", "{\"configuredLevel\":\"OFF\"}"));

        cases.category("keys");
        for (String body : new String[] {
            "{}",
            "{\"role\":\"trainer\"}",
            "{\"name\":\"\",\"role\":\"trainer\"}",
            "{\"name\":\"   \",\"role\":\"trainer\"}",
            "{\"name\":\"" + "n".repeat(201) + "\",\"role\":\"trainer\"}",
            "{\"name\":\"x\"}",
            "{\"name\":\"x\",\"role\":\"root\"}",
            "{\"name\":\"x\",\"role\":42}",
            "{\"name\":\"x\",\"role\":null}",
            "{\"name\":\"x\",\"role\":[\"admin\"]}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"expiresAt\":\"2000-01-01T00:00:00Z\"}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"expiresAt\":\"tomorrow\"}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"expiresAt\":\"2027-13-45T00:00:00Z\"}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"expiresAt\":-1}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"expiresAt\":1e30}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"expiresAt\":[]}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"key\":\"nrn_chosen_by_the_caller_0123456789abcdef\"}",
            "{\"name\":\"x\",\"role\":\"trainer\",\"id\":\"" + CorpusRequests.UNKNOWN + "\"}",
            "{\"name\":42,\"role\":\"superuser\"}"
        }) {
            cases.add("create key " + CorpusJobs.shorten(body), t -> t.admin().postJson(KEYS, body));
        }
    }
}
