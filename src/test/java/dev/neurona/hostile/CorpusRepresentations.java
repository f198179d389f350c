package dev.neurona.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Hostile requests for a layer's activations and the representation map: layers that are no layer (wrong types,
 * huge numbers, markup, 10,000-character names), inputs that do not fit, methods and limits out of range.
 */
final class CorpusRepresentations {

    private static final String ROWS = "\"rows\":[{\"x1\":1.0,\"x2\":-1.0,\"color\":\"red\"}]";

    private CorpusRepresentations() {}

    static void add(HostileCase.Cases cases) {
        cases.category("activations");
        for (String layer : new String[] {
            "null",
            "\"\"",
            "\"no-such-layer\"",
            "-1",
            "99",
            "2147483648",
            "99999999999999999999999999",
            "1.5",
            "1e400",
            "true",
            "[0]",
            "{\"name\":\"h\"}",
            "\"<script>alert(1)</script>\"",
            "\"" + "x".repeat(10_000) + "\""
        }) {
            table(cases, "layer = " + CorpusJobs.shorten(layer), "{\"layer\":" + layer + "," + ROWS + "}");
        }
        table(cases, "no layer", "{" + ROWS + "}");
        table(cases, "no inputs", "{\"layer\":0}");
        table(cases, "rows empty", "{\"layer\":0,\"rows\":[]}");
        table(cases, "a bad row", "{\"layer\":0,\"rows\":[{\"x1\":\"oops\",\"x2\":1,\"color\":\"red\"}]}");
        table(cases, "images to a table model", "{\"layer\":0,\"images\":[[0,0,0]]}");
        table(cases, "rows and images", "{\"layer\":0," + ROWS + ",\"images\":[[0]]}");
        table(cases, "unknown property", "{\"layer\":0," + ROWS + ",\"topK\":3}");
        table(cases, "not JSON", "{\"layer\":");
        cases.add("rows to an image model", t -> t.admin()
                .postJson(activations(t.imageModel()), "{\"layer\":0," + ROWS + "}"));
        cases.add("an image of 3 pixels", t -> t.admin()
                .postJson(activations(t.imageModel()), "{\"layer\":0,\"images\":[[0,0,0]]}"));

        cases.category("representations");
        for (String query : new String[] {
            "",
            "layer=",
            "layer=nope",
            "layer=-1",
            "layer=99999999999999999999",
            "layer=" + "y".repeat(5000),
            "layer=%3Cscript%3E",
            "layer=0&method=tsne",
            "layer=0&method=umap",
            "layer=0&method=" + "m".repeat(2000),
            "layer=0&limit=0",
            "layer=0&limit=-5",
            "layer=0&limit=1",
            "layer=0&limit=2001",
            "layer=0&limit=99999999999",
            "layer=0&limit=ten"
        }) {
            cases.add("?" + CorpusJobs.shorten(query), t -> t.admin()
                    .get("/api/v1/models/" + t.csvModel() + "/representations?" + query));
        }
        cases.add("png width 10", t -> t.admin()
                .get("/api/v1/models/" + t.csvModel() + "/charts/representations.png?layer=0&width=10"));
        cases.add("png height 99999", t -> t.admin()
                .get("/api/v1/models/" + t.csvModel() + "/charts/representations.png?layer=0&height=99999"));
        cases.add("png of an unknown layer", t -> t.admin()
                .get("/api/v1/models/" + t.csvModel() + "/charts/representations.png?layer="
                        + URLEncoder.encode("<b>", StandardCharsets.UTF_8)));
        cases.add("an unknown model", t -> t.admin()
                .get("/api/v1/models/00000000-0000-0000-0000-000000000000/representations?layer=0"));
        cases.add("version 0", t -> t.admin()
                .get("/api/v1/models/" + t.csvModel() + "/versions/0/representations?layer=0"));
    }

    private static String activations(String model) {
        return "/api/v1/models/" + model + "/activations";
    }

    private static void table(HostileCase.Cases cases, String name, String body) {
        cases.add(name, t -> t.admin().postJson(activations(t.csvModel()), body));
    }
}
