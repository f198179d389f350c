package dev.neurona.hostile;

import static dev.neurona.hostile.HostileFiles.utf8;

import dev.neurona.support.Form;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bodies that are not JSON, or JSON no parser should take at face value (NaN, 10,000 levels of nesting, numbers of
 * 5,000 digits), sent to every endpoint that reads JSON; and valid bodies under the wrong content type.
 */
final class CorpusJson {

    private CorpusJson() {}

    /**
     * Each endpoint that reads JSON: a valid body (never sent as it is, only damaged or under a wrong content type),
     * a number in it where NaN and friends go, and the body with a key given twice.
     */
    private static Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        endpoints.put(
                "jobs",
                new Endpoint(
                        t -> CorpusJobs.JOBS,
                        t -> CorpusJobs.body(t.csvDataset(), CorpusJobs.SPEC),
                        "0.01",
                        // without duplicate detection the last value wins: a dry run, so nothing would be queued
                        t -> CorpusJobs.body(t.csvDataset(), CorpusJobs.SPEC)
                                .replace("{\"datasetId\"", "{\"dryRun\":false,\"dryRun\":true,\"datasetId\"")));
        endpoints.put(
                "table predictions",
                new Endpoint(
                        t -> CorpusPredictions.path(t.csvModel()),
                        t -> CorpusPredictions.ROW,
                        "1.0",
                        t -> CorpusPredictions.ROW.replace("{", "{\"rows\":[],")));
        String drawing = "{\"drawings\":[[[[0,100,200],[0,100,200]]]]}";
        endpoints.put(
                "image predictions",
                new Endpoint(
                        t -> CorpusPredictions.path(t.imageModel()),
                        t -> drawing,
                        "100",
                        t -> drawing.replace("]]]]}", "]]]],\"topK\":1,\"topK\":2}")));
        String key = "{\"name\":\"corpus\",\"role\":\"predictor\",\"expiresAt\":4102444800}";
        endpoints.put(
                "keys",
                new Endpoint(
                        t -> "/api/v1/keys", t -> key, "4102444800", t -> key.replace("{", "{\"role\":\"admin\",")));
        return endpoints;
    }

    private record Endpoint(
            Function<HostileCase.Target, String> path,
            Function<HostileCase.Target, String> valid,
            String number,
            Function<HostileCase.Target, String> duplicate) {}

    /** Ways to damage a valid body {@code v}, given the number in it that can be replaced. */
    private static Map<String, BiFunction<String, String, byte[]>> damages() {
        Map<String, BiFunction<String, String, byte[]>> damage = new LinkedHashMap<>();
        damage.put("empty body", (v, n) -> new byte[0]);
        damage.put("whitespace body", (v, n) -> utf8(" \n\t "));
        damage.put("null", (v, n) -> utf8("null"));
        damage.put("an array of the body", (v, n) -> utf8("[" + v + "]"));
        damage.put("a number", (v, n) -> utf8("42"));
        damage.put("the body as a string", (v, n) -> utf8("\"" + v.replace("\"", "\\\"") + "\""));
        damage.put("unterminated object", (v, n) -> utf8(v.substring(0, v.length() - 1)));
        damage.put("missing value", (v, n) -> utf8(v.replaceFirst(Pattern.quote(n), "")));
        damage.put("single quotes", (v, n) -> utf8(v.replace('"', '\'')));
        damage.put("unquoted keys", (v, n) -> utf8(v.replaceAll("\"(\\w+)\":", "$1:")));
        damage.put("trailing comma", (v, n) -> utf8(v.substring(0, v.length() - 1) + ",}"));
        damage.put("a comment", (v, n) -> utf8("/* hi */ " + v));
        damage.put("extra closing brace", (v, n) -> utf8(v + "}"));
        damage.put("two documents", (v, n) -> utf8(v + v));
        damage.put("trailing garbage", (v, n) -> utf8(v + " and more"));
        damage.put(
                "10,000 nested arrays", (v, n) -> utf8("{\"rows\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
        damage.put("10,000 nested objects", (v, n) -> utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        damage.put("100,000 unclosed brackets", (v, n) -> utf8("[".repeat(100_000)));
        damage.put("a number of 5,000 digits", (v, n) -> number(v, n, "9".repeat(5_000)));
        damage.put("a number with a 5,000-digit exponent", (v, n) -> number(v, n, "1e" + "9".repeat(5_000)));
        damage.put("NaN", (v, n) -> number(v, n, "NaN"));
        damage.put("Infinity", (v, n) -> number(v, n, "Infinity"));
        damage.put("-Infinity", (v, n) -> number(v, n, "-Infinity"));
        damage.put("leading zeros", (v, n) -> number(v, n, "00" + n));
        damage.put("hexadecimal", (v, n) -> number(v, n, "0x10"));
        damage.put("misspelled literal", (v, n) -> number(v, n, "tru"));
        damage.put(
                "invalid UTF-8 in a key",
                (v, n) -> HostileFiles.insert(utf8(v), 2, new byte[] {(byte) 0xFF, (byte) 0xFE}));
        damage.put("raw control character in a key", (v, n) -> HostileFiles.insert(utf8(v), 2, new byte[] {1}));
        damage.put("a 10 MB key", (v, n) -> utf8("{\"" + "k".repeat(10 << 20) + "\":1}"));
        return damage;
    }

    private static byte[] number(String valid, String number, String replacement) {
        return utf8(valid.replaceFirst(Pattern.quote(number), Matcher.quoteReplacement(replacement)));
    }

    static void add(HostileCase.Cases cases) {
        Map<String, BiFunction<String, String, byte[]>> damages = damages();
        for (Map.Entry<String, Endpoint> e : endpoints().entrySet()) {
            Endpoint endpoint = e.getValue();
            cases.category("json-syntax");
            for (Map.Entry<String, BiFunction<String, String, byte[]>> damage : damages.entrySet()) {
                cases.add(e.getKey() + ": " + damage.getKey(), t -> t.admin()
                        .post(
                                endpoint.path().apply(t),
                                "application/json",
                                damage.getValue().apply(endpoint.valid().apply(t), endpoint.number())));
            }
            cases.add(e.getKey() + ": a key given twice", t -> t.admin()
                    .post(
                            endpoint.path().apply(t),
                            "application/json",
                            utf8(endpoint.duplicate().apply(t))));
            cases.category("content-type");
            contentTypes(cases, e.getKey(), endpoint);
        }
        cases.add("datasets: JSON", t -> t.admin().postJson(CorpusTables.DATASETS, "{\"name\":\"x\"}"));
        cases.add("datasets: raw CSV", t -> t.admin().post(CorpusTables.DATASETS, "text/csv", HostileFiles.csv()));
        cases.add("datasets: raw ZIP", t -> t.admin()
                .post(CorpusTables.DATASETS, "application/zip", HostileFiles.imageZip()));
        cases.add("datasets: no content type", t -> t.admin().post(CorpusTables.DATASETS, null, HostileFiles.csv()));
        cases.add("datasets: multipart without boundary", t -> t.admin()
                .post(
                        CorpusTables.DATASETS,
                        "multipart/form-data",
                        new Form().file("file", "d.csv", HostileFiles.csv()).bytes()));
        cases.add("datasets: multipart with another boundary", t -> t.admin()
                .post(
                        CorpusTables.DATASETS,
                        "multipart/form-data; boundary=elsewhere",
                        new Form().file("file", "d.csv", HostileFiles.csv()).bytes()));
        cases.add("datasets: multipart cut off", t -> t.admin()
                .post(
                        CorpusTables.DATASETS,
                        Form.contentType(),
                        new Form().file("file", "d.csv", HostileFiles.csv()).unterminated()));
        cases.add("datasets: multipart of plain text", t -> t.admin()
                .post(CorpusTables.DATASETS, Form.contentType(), utf8("this is not multipart at all")));
        cases.add("datasets: part without a name", t -> t.admin()
                .post(
                        CorpusTables.DATASETS,
                        Form.contentType(),
                        utf8("--" + Form.BOUNDARY + "\r\nContent-Disposition: form-data; filename=\"d.csv\"\r\n\r\n"
                                + "a,b\n1,x\n2,y\n\r\n--" + Form.BOUNDARY + "--\r\n")));
        cases.add("datasets: part without headers", t -> t.admin()
                .post(
                        CorpusTables.DATASETS,
                        Form.contentType(),
                        utf8("--" + Form.BOUNDARY + "\r\n\r\na,b\n\r\n--" + Form.BOUNDARY + "--\r\n")));
        cases.add(
                "datasets: file sent as a text field",
                t -> new Form().field("file", "a,b\n1,x\n2,y\n").post(t.admin(), CorpusTables.DATASETS));
        cases.add("datasets: not a media type", t -> t.admin()
                .post(CorpusTables.DATASETS, "not a media type", HostileFiles.csv()));
        // multipart limits that are not sizes: each 413 names what was exceeded and its setting
        cases.add("datasets: 51 parts", t -> {
            Form form = new Form();
            for (int i = 0; i < 51; i++) {
                form.field("field" + i, "x");
            }
            return form.post(t.admin(), CorpusTables.DATASETS);
        });
        cases.add("datasets: a 10 KB file name", t -> new Form()
                .file("file", "n".repeat(10_000) + ".csv", HostileFiles.csv())
                .post(t.admin(), CorpusTables.DATASETS));
        cases.add("datasets: a 20 KB part header", t -> t.admin()
                .post(
                        CorpusTables.DATASETS,
                        Form.contentType(),
                        utf8("--" + Form.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                                + "filename=\"d.csv\"\r\nX-Junk: " + "j".repeat(20_000) + "\r\n\r\n"
                                + "a,b\n1,x\n2,y\n\r\n--" + Form.BOUNDARY + "--\r\n")));

        // JSON scalars of the wrong type are refused, not coerced (all as dry runs: nothing may train)
        cases.category("json-scalar-types");
        for (String dryRun : new String[] {"\"true\"", "1", "0", "\"false\"", "1.0", "[true]"}) {
            cases.add("dryRun " + dryRun, t -> t.admin()
                    .postJson(
                            CorpusJobs.JOBS,
                            "{\"dryRun\":" + dryRun + ",\"datasetId\":\"" + t.csvDataset() + "\",\"spec\":"
                                    + CorpusJobs.SPEC + "}"));
        }
        for (String[] swap : new String[][] {
            {"\"epochs\":1", "\"epochs\":\"1\""},
            {"\"batchSize\":8", "\"batchSize\":\"8\""},
            {"\"seed\":1", "\"seed\":\"1\""},
            {"\"learningRate\":0.01", "\"learningRate\":\"0.01\""},
            {"\"epochs\":1", "\"epochs\":true"}
        }) {
            cases.add("spec " + swap[1], t -> t.admin()
                    .postJson(
                            CorpusJobs.JOBS,
                            CorpusJobs.dryBody(t.csvDataset(), CorpusJobs.SPEC.replace(swap[0], swap[1]))));
        }
        cases.add("key role as a number", t -> t.admin().postJson(CorpusAccess.KEYS, "{\"name\":\"x\",\"role\":0}"));
    }

    /** The endpoint's valid body under content types it does not read. */
    private static void contentTypes(HostileCase.Cases cases, String name, Endpoint endpoint) {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("text/plain", null);
        types.put("application/xml", "<request><name>x</name></request>");
        types.put("application/x-www-form-urlencoded", "name=x&role=predictor");
        types.put("no content type", null);
        types.put("multipart/form-data", null);
        types.put("multipart/form-data; boundary=x", null);
        types.put("application/json; charset=nonsense", null);
        types.put("image/png", null);
        for (Map.Entry<String, String> type : types.entrySet()) {
            String contentType = "no content type".equals(type.getKey()) ? null : type.getKey();
            String body = type.getValue();
            cases.add(name + ": " + type.getKey(), t -> t.admin()
                    .post(
                            endpoint.path().apply(t),
                            contentType,
                            utf8(body != null ? body : endpoint.valid().apply(t))));
        }
    }
}
