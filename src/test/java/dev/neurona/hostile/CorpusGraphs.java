package dev.neurona.hostile;

/**
 * Hostile graph specs (names and inputs that lead nowhere, cycles, merges of what does not fit) and hostile Keras
 * documents for the import (numbers beyond an int, inputs of billions of values, shapes of zeros, wiring to nothing,
 * nesting past the parser's limit). Each must be a 4xx problem: no job, no stored change, no 500.
 */
final class CorpusGraphs {

    static final String KERAS = "/api/v1/specs/import/keras";
    private static final String H1 = "{\"type\":\"dense\",\"units\":8,\"activation\":\"relu\",\"name\":\"h1\"}";

    private CorpusGraphs() {}

    static void add(HostileCase.Cases cases) {
        cases.category("graph-specs");
        graph(
                cases,
                "input named after nothing",
                H1 + ",{\"type\":\"add\",\"inputs\":[\"h1\",\"nowhere\"]}," + CorpusJobs.OUT);
        graph(
                cases,
                "a layer taking itself",
                "{\"type\":\"dense\",\"units\":8,\"name\":\"a\",\"inputs\":[\"a\"]}," + CorpusJobs.OUT);
        graph(
                cases,
                "a cycle",
                "{\"type\":\"dense\",\"units\":8,\"name\":\"a\",\"inputs\":[\"b\"]},"
                        + "{\"type\":\"dense\",\"units\":8,\"name\":\"b\",\"inputs\":[\"a\"]}," + CorpusJobs.OUT);
        graph(cases, "a merge of one", H1 + ",{\"type\":\"add\",\"inputs\":[\"h1\"]}," + CorpusJobs.OUT);
        graph(cases, "a merge without inputs", H1 + ",{\"type\":\"concatenate\"}," + CorpusJobs.OUT);
        graph(cases, "inputs a string", H1 + ",{\"type\":\"add\",\"inputs\":\"h1\"}," + CorpusJobs.OUT);
        graph(cases, "inputs with null", H1 + ",{\"type\":\"add\",\"inputs\":[\"h1\",null]}," + CorpusJobs.OUT);
        graph(cases, "inputs of numbers", H1 + ",{\"type\":\"add\",\"inputs\":[0,1]}," + CorpusJobs.OUT);
        graph(
                cases,
                "a merge of 1,000",
                H1 + ",{\"type\":\"add\",\"inputs\":[" + "\"h1\",".repeat(999) + "\"h1\"]}," + CorpusJobs.OUT);
        graph(
                cases,
                "add of 8 and 3 units",
                H1 + ",{\"type\":\"dense\",\"units\":3,\"name\":\"h2\"},{\"type\":\"add\",\"inputs\":[\"h1\",\"h2\"]},"
                        + CorpusJobs.OUT);
        graph(
                cases,
                "a dangling layer",
                H1 + ",{\"type\":\"dense\",\"units\":3,\"inputs\":[\"input\"]},"
                        + "{\"type\":\"dense\",\"units\":3,\"activation\":\"softmax\",\"inputs\":[\"h1\"]}");
        graph(cases, "the name input", "{\"type\":\"dense\",\"units\":8,\"name\":\"input\"}," + CorpusJobs.OUT);
        graph(cases, "a name of markup", "{\"type\":\"dense\",\"units\":8,\"name\":\"<script>\"}," + CorpusJobs.OUT);
        graph(
                cases,
                "a name of 10,000 characters",
                "{\"type\":\"dense\",\"units\":8,\"name\":\"" + "a".repeat(10_000) + "\"}," + CorpusJobs.OUT);
        graph(cases, "the same name twice", H1 + "," + H1 + "," + CorpusJobs.OUT);
        graph(cases, "a name an object", "{\"type\":\"dense\",\"units\":8,\"name\":{\"a\":1}}," + CorpusJobs.OUT);

        cases.category("keras-import");
        keras(cases, "not JSON", "{\"class_name\": ");
        keras(cases, "JSON null", "null");
        keras(cases, "an array", "[1, 2]");
        keras(cases, "nesting 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000));
        keras(cases, "no layers", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": []}}");
        keras(cases, "layers a number", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": 5}}");
        keras(cases, "units beyond an int", sequential("[null, 4]", dense("99999999999999")));
        keras(cases, "units 1e400", sequential("[null, 4]", dense("1e400")));
        keras(cases, "units a string", sequential("[null, 4]", dense("\"many\"")));
        keras(cases, "units -3", sequential("[null, 4]", dense("-3")));
        keras(
                cases,
                "an input of 3 × 10^12 values",
                sequential(
                        "[null, 1000000, 1000000, 3]",
                        "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"f\"}}," + dense("3")));
        keras(cases, "an input size beyond an int", sequential("[null, 99999999999]", dense("3")));
        keras(cases, "an input size of 0", sequential("[null, 0]", dense("3")));
        keras(cases, "an input size a string", sequential("[null, \"four\"]", dense("3")));
        keras(
                cases,
                "a reshape to zeros",
                sequential(
                        "[null, 4]",
                        "{\"class_name\": \"Reshape\", \"config\": {\"name\": \"r\", \"target_shape\": [0, 2]}},"
                                + dense("3")));
        keras(
                cases,
                "a kernel of 99,999",
                sequential(
                        "[null, 8, 8, 1]",
                        "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": [99999, 99999]}},"
                                + "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"f\"}}," + dense("3")));
        keras(
                cases,
                "an unknown layer",
                sequential(
                        "[null, 4]",
                        "{\"class_name\": \"LSTM\", \"config\": {\"name\": \"l\", \"units\": 4}}," + dense("3")));
        keras(
                cases,
                "wiring to a layer that is not there",
                "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"name\": \"a\","
                        + " \"config\": {\"batch_shape\": [null, 4], \"name\": \"a\"}, \"inbound_nodes\": []}, {\"class_name\":"
                        + " \"Dense\", \"name\": \"b\", \"config\": {\"name\": \"b\", \"units\": 3}, \"inbound_nodes\": [{\"args\":"
                        + " [{\"config\": {\"keras_history\": [\"zzz\", 0, 0]}}]}]}], \"input_layers\": [[\"a\", 0, 0]],"
                        + " \"output_layers\": [[\"b\", 0, 0]]}}");
        keras(
                cases,
                "a keras_history index beyond an int",
                "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"name\": \"a\","
                        + " \"config\": {\"batch_shape\": [null, 4], \"name\": \"a\"}, \"inbound_nodes\": []}, {\"class_name\":"
                        + " \"Dense\", \"name\": \"b\", \"config\": {\"name\": \"b\", \"units\": 3}, \"inbound_nodes\": [{\"args\":"
                        + " [{\"config\": {\"keras_history\": [\"a\", 99999999999, \"x\"]}}]}]}], \"input_layers\": [[\"a\", 0, 0]],"
                        + " \"output_layers\": [[\"b\", 0, 0]]}}");
        keras(
                cases,
                "a cycle",
                "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"name\": \"a\","
                        + " \"config\": {\"batch_shape\": [null, 4], \"name\": \"a\"}, \"inbound_nodes\": []}, {\"class_name\":"
                        + " \"Dense\", \"name\": \"b\", \"config\": {\"name\": \"b\", \"units\": 4}, \"inbound_nodes\":"
                        + " [[[\"c\", 0, 0, {}]]]}, {\"class_name\": \"Dense\", \"name\": \"c\", \"config\": {\"name\": \"c\","
                        + " \"units\": 4}, \"inbound_nodes\": [[[\"b\", 0, 0, {}]]]}], \"input_layers\": [[\"a\", 0, 0]],"
                        + " \"output_layers\": [[\"c\", 0, 0]]}}");
        cases.add("an unknown dataset", t -> t.trainer()
                .postJson(
                        KERAS + "?datasetId=00000000-0000-0000-0000-000000000000",
                        sequential("[null, 4]", dense("3"))));
        cases.add("a dataset id of markup", t -> t.trainer()
                .postJson(KERAS + "?datasetId=%3Cb%3E", sequential("[null, 4]", dense("3"))));
        cases.add("a predictor key", t -> t.predictor().postJson(KERAS, sequential("[null, 4]", dense("3"))));
    }

    private static void graph(HostileCase.Cases cases, String name, String layers) {
        String spec = CorpusJobs.SPEC.replace(CorpusJobs.HIDDEN + "," + CorpusJobs.OUT, layers);
        cases.add(name, t -> t.admin().postJson(CorpusJobs.JOBS, CorpusJobs.dryBody(t.csvDataset(), spec)));
        cases.add(
                name + " (submitted)", t -> t.admin().postJson(CorpusJobs.JOBS, CorpusJobs.body(t.csvDataset(), spec)));
    }

    private static void keras(HostileCase.Cases cases, String name, String document) {
        cases.add(name, t -> t.trainer().postJson(KERAS, document));
    }

    private static String sequential(String batchShape, String layers) {
        return "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"module\":"
                + " \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": " + batchShape
                + ", \"dtype\": \"float32\", \"name\": \"in\"}}, " + layers + "]}}";
    }

    private static String dense(String units) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": "
                + units + ", \"activation\": \"softmax\"}}";
    }
}
