package dev.neurona.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * Everything a hostile request could have changed, as the API shows it: the datasets, models, jobs and keys that
 * exist, each dataset and model in full, and what both models predict for fixed inputs.
 */
record StoredState(
        Map<String, String> datasets,
        Map<String, String> models,
        List<String> jobs,
        List<String> keys,
        String tablePrediction,
        String imagePrediction) {

    static StoredState read(Http admin, HostileCase.Target target) {
        Map<String, String> datasets = new TreeMap<>();
        for (String id : admin.ids(CorpusTables.DATASETS)) {
            datasets.put(id, ok(admin.get(CorpusTables.DATASETS + "/" + id)));
        }
        Map<String, String> models = new TreeMap<>();
        for (String id : admin.ids("/api/v1/models")) {
            models.put(id, ok(admin.get("/api/v1/models/" + id)));
        }
        List<String> jobs = new ArrayList<>();
        for (JsonNode job : admin.get(CorpusJobs.JOBS + "?limit=1000").json()) {
            jobs.add(job.get("id").asString() + " " + job.get("state").asString());
        }
        List<String> keys = admin.ids(CorpusAccess.KEYS);
        String table = ok(admin.postJson(
                CorpusPredictions.path(target.csvModel()),
                "{\"rows\":[{\"x1\":-3,\"x2\":-3,\"color\":\"green\"},{\"x1\":3,\"x2\":3,\"color\":\"blue\"}]}"));
        StringBuilder pixels = new StringBuilder();
        for (byte b : HostileFiles.bar(true, 12)) {
            pixels.append(pixels.isEmpty() ? "" : ",").append(b & 0xFF);
        }
        String image = ok(admin.postJson(
                CorpusPredictions.path(target.imageModel()),
                "{\"images\":[[" + pixels + "]],\"drawings\":[[[[10,10],[0,255]]],[[[0,255],[100,100]]]]}"));
        return new StoredState(datasets, models, jobs, keys, table, image);
    }

    private static String ok(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.body();
    }

    /** Same datasets, models, jobs and keys, byte for byte the same JSON, and the same predictions. */
    void assertSameAs(StoredState after, SoftAssertions soft) {
        soft.assertThat(after.datasets().keySet()).as("datasets").containsExactlyElementsOf(datasets.keySet());
        datasets.forEach((id, json) ->
                soft.assertThat(after.datasets().get(id)).as("dataset %s", id).isEqualTo(json));
        soft.assertThat(after.models().keySet()).as("models").containsExactlyElementsOf(models.keySet());
        models.forEach((id, json) ->
                soft.assertThat(after.models().get(id)).as("model %s", id).isEqualTo(json));
        soft.assertThat(after.jobs()).as("jobs").containsExactlyElementsOf(jobs);
        soft.assertThat(after.keys()).as("keys").containsExactlyElementsOf(keys);
        soft.assertThat(after.tablePrediction()).as("table prediction").isEqualTo(tablePrediction);
        soft.assertThat(after.imagePrediction()).as("image prediction").isEqualTo(imagePrediction);
    }
}
