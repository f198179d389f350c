package dev.neurona.hostile;

/**
 * Hostile tuning requests: a wrong value at every field of a search (space, strategy, objective, limits), paths that
 * lead nowhere, ranges that make invalid specs, and ids that name nothing. None may ever start a tuning run.
 */
final class CorpusTuning {

    static final String TUNING = "/api/v1/tuning";
    private static final String GOOD_SPACE = "{\"layers[0].units\":{\"type\":\"int\",\"min\":2,\"max\":16}}";

    private CorpusTuning() {}

    static void add(HostileCase.Cases cases) {
        cases.category("tuning-values");
        space(cases, "space missing", null);
        space(cases, "space empty", "{}");
        space(cases, "space an array", "[]");
        space(cases, "space a string", "\"units\"");
        space(cases, "dimension null", "{\"layers[0].units\":null}");
        space(cases, "dimension a number", "{\"layers[0].units\":4}");
        space(cases, "path to nowhere", "{\"layers[0].unitz\":{\"type\":\"int\",\"min\":2,\"max\":9}}");
        space(cases, "path past the layers", "{\"layers[9].units\":{\"type\":\"int\",\"min\":2,\"max\":9}}");
        space(cases, "path with a huge index", "{\"layers[99999999].units\":{\"type\":\"int\",\"min\":2,\"max\":9}}");
        space(cases, "path empty", "{\"\":{\"type\":\"int\",\"min\":2,\"max\":9}}");
        space(cases, "path of dots", "{\"..\":{\"type\":\"int\",\"min\":2,\"max\":9}}");
        space(cases, "path to an object", "{\"optimizer\":{\"type\":\"choice\",\"values\":[1,2]}}");
        space(cases, "path of 300 characters", "{\"" + "a".repeat(300) + "\":{\"type\":\"int\",\"min\":1,\"max\":2}}");
        space(cases, "type unknown", "{\"layers[0].units\":{\"type\":\"normal\",\"min\":2,\"max\":9}}");
        space(cases, "type missing", "{\"layers[0].units\":{\"min\":2,\"max\":9}}");
        space(cases, "min above max", "{\"layers[0].units\":{\"type\":\"int\",\"min\":9,\"max\":2}}");
        space(cases, "min missing", "{\"layers[0].units\":{\"type\":\"int\",\"max\":9}}");
        space(cases, "int range of fractions", "{\"layers[0].units\":{\"type\":\"int\",\"min\":2.5,\"max\":9}}");
        space(cases, "int range beyond int", "{\"layers[0].units\":{\"type\":\"int\",\"min\":1,\"max\":1e12}}");
        space(cases, "units range from 0", "{\"layers[0].units\":{\"type\":\"int\",\"min\":0,\"max\":9}}");
        space(
                cases,
                "log from 0",
                "{\"optimizer.learningRate\":{\"type\":\"float\",\"min\":0,\"max\":1," + "\"log\":true}}");
        space(cases, "negative step", "{\"layers[0].units\":{\"type\":\"int\",\"min\":2,\"max\":9,\"step\":-1}}");
        space(
                cases,
                "step with log",
                "{\"optimizer.learningRate\":{\"type\":\"float\",\"min\":0.001,\"max\":0.1,"
                        + "\"log\":true,\"step\":0.01}}");
        space(
                cases,
                "learning rate up to 1e10",
                "{\"optimizer.learningRate\":{\"type\":\"float\",\"min\":0.001," + "\"max\":1e10}}");
        space(cases, "min NaN", "{\"layers[0].units\":{\"type\":\"int\",\"min\":\"NaN\",\"max\":9}}");
        space(cases, "choice without values", "{\"layers[0].activation\":{\"type\":\"choice\"}}");
        space(cases, "choice of nothing", "{\"layers[0].activation\":{\"type\":\"choice\",\"values\":[]}}");
        space(cases, "choice with null", "{\"layers[0].activation\":{\"type\":\"choice\",\"values\":[null]}}");
        space(
                cases,
                "choice of a bad activation",
                "{\"layers[0].activation\":{\"type\":\"choice\"," + "\"values\":[\"relu\",\"relux\"]}}");
        space(cases, "choice of arrays", "{\"layers[0].units\":{\"type\":\"choice\",\"values\":[[1,2]]}}");
        space(cases, "choice of objects", "{\"batchSize\":{\"type\":\"choice\",\"values\":[{\"a\":1}]}}");
        space(cases, "choice with min", "{\"batchSize\":{\"type\":\"choice\",\"values\":[8],\"min\":1}}");
        space(cases, "batch sizes too large", "{\"batchSize\":{\"type\":\"choice\",\"values\":[8,100000]}}");
        space(
                cases,
                "the same path twice",
                "{"
                        + String.join(
                                ",",
                                java.util.stream.IntStream.range(0, 21)
                                        .mapToObj(i -> "\"layers[0].units" + "\":{\"type\":\"int\",\"min\":2,\"max\":"
                                                + (3 + i) + "}")
                                        .toList())
                        + "}");
        field(cases, "strategy unknown", "\"strategy\":\"annealing\"");
        field(cases, "strategy a number", "\"strategy\":3");
        field(
                cases,
                "grid over a float without step",
                "\"strategy\":\"grid\",\"space\":{\"optimizer.learningRate\":"
                        + "{\"type\":\"float\",\"min\":0.001,\"max\":0.1}}");
        field(
                cases,
                "hyperband over epochs",
                "\"strategy\":\"hyperband\",\"space\":{\"epochs\":{\"type\":\"int\"," + "\"min\":1,\"max\":3}}");
        field(cases, "objective unknown", "\"objective\":{\"metric\":\"f1\"}");
        field(cases, "objective for regression", "\"objective\":{\"metric\":\"val_mae\"}");
        field(
                cases,
                "objective without validation",
                "\"objective\":{\"metric\":\"val_accuracy\"}," + "\"spec\":"
                        + CorpusJobs.SPEC.replace("\"seed\":1", "\"seed\":1,\"validationSplit\":0"));
        field(cases, "direction sideways", "\"objective\":{\"metric\":\"loss\",\"direction\":\"up\"}");
        field(cases, "maxTrials 0", "\"maxTrials\":0");
        field(cases, "maxTrials 201", "\"maxTrials\":201");
        field(cases, "maxTrials a string", "\"maxTrials\":\"many\"");
        field(cases, "maxEpochs 0", "\"strategy\":\"hyperband\",\"maxEpochs\":0");
        field(cases, "eta 1", "\"strategy\":\"hyperband\",\"eta\":1");
        field(cases, "parallelTrials 0", "\"parallelTrials\":0");
        field(cases, "parallelTrials 99", "\"parallelTrials\":99");
        field(cases, "earlyStopping maybe", "\"earlyStopping\":\"maybe\"");
        field(cases, "seed a word", "\"seed\":\"lucky\"");
        field(cases, "unknown property", "\"budget\":10");
        field(cases, "spec invalid", "\"spec\":{\"layers\":[]}");
        field(cases, "spec null", "\"spec\":null");
        cases.add("datasetId missing", t -> t.admin()
                .postJson(TUNING, "{\"spec\":" + CorpusJobs.SPEC + ",\"space\":" + GOOD_SPACE + "}"));
        cases.add("datasetId of nothing", t -> t.admin()
                .postJson(
                        TUNING,
                        "{\"datasetId\":\"" + java.util.UUID.randomUUID() + "\",\"spec\":" + CorpusJobs.SPEC
                                + ",\"space\":" + GOOD_SPACE + "}"));
        cases.add("dry run with a bad space", t -> t.admin()
                .postJson(
                        TUNING,
                        "{\"dryRun\":true,\"datasetId\":\""
                                + t.csvDataset() + "\",\"spec\":" + CorpusJobs.SPEC
                                + ",\"space\":{\"nothing\":{\"type\":\"int\","
                                + "\"min\":1,\"max\":2}}}"));

        cases.category("tuning-ids");
        cases.add("get an unknown run", t -> t.admin().get(TUNING + "/" + java.util.UUID.randomUUID()));
        cases.add("get a malformed id", t -> t.admin().get(TUNING + "/not-a-uuid"));
        cases.add(
                "events of an unknown run", t -> t.admin().get(TUNING + "/" + java.util.UUID.randomUUID() + "/events"));
        cases.add("chart of an unknown run", t -> t.admin()
                .get(TUNING + "/" + java.util.UUID.randomUUID() + "/charts/objective.png"));
        cases.add("cancel an unknown run", t -> t.admin()
                .postJson(TUNING + "/" + java.util.UUID.randomUUID() + "/cancel", ""));
        cases.add("list with limit 0", t -> t.admin().get(TUNING + "?limit=0"));
        cases.add("list with limit huge", t -> t.admin().get(TUNING + "?limit=99999999999"));
    }

    /** The request with a given space (null: no space at all). */
    private static void space(HostileCase.Cases cases, String name, String space) {
        cases.add(name, t -> t.admin()
                .postJson(
                        TUNING,
                        "{\"datasetId\":\"" + t.csvDataset() + "\",\"spec\":" + CorpusJobs.SPEC
                                + (space == null ? "" : ",\"space\":" + space) + "}"));
    }

    /** A valid request with one more (or replaced) top-level field. */
    private static void field(HostileCase.Cases cases, String name, String fields) {
        cases.add(name, t -> {
            String body = "{\"datasetId\":\"" + t.csvDataset() + "\""
                    + (fields.contains("\"spec\":") ? "" : ",\"spec\":" + CorpusJobs.SPEC)
                    + (fields.contains("\"space\":") ? "" : ",\"space\":" + GOOD_SPACE) + "," + fields + "}";
            return t.admin().postJson(TUNING, body);
        });
    }
}
