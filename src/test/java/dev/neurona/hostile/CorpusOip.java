package dev.neurona.hostile;

import dev.neurona.support.Http;
import tools.jackson.databind.JsonNode;

/**
 * Hostile Open Inference Protocol requests: tensors whose shape, datatype and data disagree, shapes that overflow,
 * data nested too deep, inputs a model does not have. Answered with the protocol's {@code {"error": "…"}} and a
 * 4xx, not problem+json.
 */
final class CorpusOip {

    static final String CATEGORY = "oip";

    private CorpusOip() {}

    static void add(HostileCase.Cases cases) {
        cases.category(CATEGORY + "-table");
        String x2 = "{\"name\":\"x2\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}";
        String color = "{\"name\":\"color\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"red\"]}";
        String rest = "," + x2 + "," + color + "]}";
        table(cases, "no body", "");
        table(cases, "not JSON", "tensor please");
        table(cases, "inputs missing", "{}");
        table(cases, "inputs null", "{\"inputs\":null}");
        table(cases, "inputs an object", "{\"inputs\":{\"x1\":[1]}}");
        table(cases, "an input null", "{\"inputs\":[null]}");
        table(cases, "shape overflowing a long", x1("[4294967296,4294967296,4294967296]", "FP32", "[1]") + rest);
        table(cases, "shape of 2^62 elements and no data", x1("[4611686018427387904]", "FP32", "[]") + rest);
        table(cases, "shape with a fraction", x1("[1.5]", "FP32", "[1]") + rest);
        table(cases, "shape a string", x1("\"1\"", "FP32", "[1]") + rest);
        table(cases, "shape of 9 dimensions", x1("[1,1,1,1,1,1,1,1,1]", "FP32", "[1]") + rest);
        table(cases, "data nested deeper than the shape", x1("[1]", "FP32", "[[[[1]]]]") + rest);
        table(cases, "data an object", x1("[1]", "FP32", "{\"v\":1}") + rest);
        table(cases, "data null", x1("[1]", "FP32", "null") + rest);
        table(cases, "data longer than the shape", x1("[1]", "FP32", "[" + "1,".repeat(9_999) + "1]") + rest);
        table(cases, "FP32 holding 1e400", x1("[1]", "FP32", "[1e400]") + rest);
        table(cases, "UINT8 holding -1", x1("[1]", "UINT8", "[-1]") + rest);
        table(cases, "INT64 holding 2^64", x1("[1]", "INT64", "[18446744073709551616]") + rest);
        table(cases, "BOOL for a numeric column", x1("[1]", "BOOL", "[true]") + rest);
        table(cases, "datatype lower case", x1("[1]", "fp32", "[1]") + rest);
        table(cases, "datatype null", x1("[1]", "null", "[1]").replace("\"null\"", "null") + rest);
        table(cases, "an input twice", x1("[1]", "FP32", "[1]") + "," + x1("[1]", "FP32", "[1]") + rest);
        table(
                cases,
                "an empty batch",
                x1("[0]", "FP32", "[]") + ",{\"name\":\"x2\",\"shape\":[0],\"datatype\":\"FP32\",\"data\":[]},"
                        + "{\"name\":\"color\",\"shape\":[0],\"datatype\":\"BYTES\",\"data\":[]}]}");
        table(
                cases,
                "10,001 rows",
                "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[10001,3],\"datatype\":\"BYTES\"," + "\"data\":["
                        + "\"1\",\"1\",\"red\",".repeat(10_000) + "\"1\",\"1\",\"red\"]}]}");
        table(
                cases,
                "an output that does not exist",
                x1("[1]", "FP32", "[1]") + "," + x2 + "," + color + "],\"outputs\":[{\"name\":\"logits\"}]}");

        cases.category(CATEGORY + "-image");
        image(cases, "a table's input", x1("[1]", "FP32", "[1]") + "]}");
        image(cases, "28×28 without the batch dimension", input("[28,28]", "UINT8", zeros(784)));
        image(cases, "3 channels for a grey model", input("[1,3,28,28]", "UINT8", zeros(3 * 784)));
        image(cases, "pixels over 255", input("[1,784]", "FP32", zeros(783) + ",256"));
        image(cases, "pixels as strings", input("[1,784]", "BYTES", zeros(784).replace("0", "\"0\"")));
        image(cases, "0–1 pixels", input("[1,784]", "FP32", zeros(783) + ",0.5"));
        image(
                cases,
                "two inputs",
                input("[1,784]", "UINT8", zeros(784))
                        .replace(
                                "]}]}",
                                "]}," + "{\"name\":\"input-1\",\"shape\":[1],\"datatype\":\"UINT8\",\"data\":[0]}]}"));
    }

    /** The protocol's error: a 4xx, application/json, and nothing but a non-blank {@code error}. */
    static String errorWith(Http.Response r) {
        String excerpt = r.status() + " " + r.contentType() + " " + r.body();
        if (r.status() < 400 || r.status() >= 500) {
            return "not a 4xx: " + excerpt;
        }
        if (!r.contentType().startsWith("application/json")) {
            return "not application/json: " + excerpt;
        }
        JsonNode e;
        try {
            e = r.json();
        } catch (RuntimeException unparseable) {
            return "unparseable error: " + excerpt;
        }
        if (e.size() != 1 || e.path("error").asString("").isBlank()) {
            return "not {\"error\": \"…\"}: " + excerpt;
        }
        return null;
    }

    private static String x1(String shape, String datatype, String data) {
        return "{\"inputs\":[{\"name\":\"x1\",\"shape\":" + shape + ",\"datatype\":\"" + datatype + "\",\"data\":"
                + data + "}";
    }

    private static String input(String shape, String datatype, String data) {
        return "{\"inputs\":[{\"name\":\"input-0\",\"shape\":" + shape + ",\"datatype\":\"" + datatype + "\",\"data\":["
                + data + "]}]}";
    }

    private static String zeros(int n) {
        return "0,".repeat(n - 1) + "0";
    }

    private static void table(HostileCase.Cases cases, String name, String body) {
        cases.add(name, t -> t.admin().postJson(infer(t.csvModel()), body));
    }

    private static void image(HostileCase.Cases cases, String name, String body) {
        cases.add(name, t -> t.admin().postJson(infer(t.imageModel()), body));
    }

    private static String infer(String model) {
        return "/v2/models/" + model + "/infer";
    }
}
