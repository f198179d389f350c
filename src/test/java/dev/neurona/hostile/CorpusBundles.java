package dev.neurona.hostile;

import static dev.neurona.hostile.HostileFiles.cut;
import static dev.neurona.hostile.HostileFiles.utf8;

import dev.neurona.support.Bundles;
import dev.neurona.support.Form;
import dev.neurona.support.Http;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Hostile model bundles for {@code POST /api/v1/models/import}, most made from the table model's own export, so
 * that only the damage named is wrong: none may be stored.
 */
final class CorpusBundles {

    static final String IMPORT = "/api/v1/models/import";

    private CorpusBundles() {}

    static void add(HostileCase.Cases cases) {
        cases.category("bundle-archive");
        raw(cases, "not a ZIP", t -> utf8("x1,x2\n1,2\n"));
        raw(cases, "an empty file", t -> new byte[0]);
        // One export per case: two exports may differ in length (their timestamps do), so never cut one by the other.
        raw(cases, "cut in half", t -> half(export(t)));
        raw(cases, "without its last byte", t -> allButLast(export(t)));
        raw(cases, "an empty ZIP", t -> Bundles.zip(Map.of()));

        cases.category("bundle-entries");
        edit(cases, "zip slip ../../", f -> with(f, "../../evil.params", new byte[] {1}), true);
        edit(cases, "an absolute path", f -> with(f, "/tmp/evil", new byte[] {1}), true);
        edit(cases, "a backslash traversal", f -> with(f, "parameters\\..\\..\\evil", new byte[] {1}), true);
        edit(cases, "a nested parameter folder", f -> with(f, "parameters/a/b.params", new byte[] {1}), true);
        edit(
                cases,
                "a 64 MB parameter file of zeros",
                f -> with(f, "parameters/model-0000.params", new byte[64 << 20]),
                false);
        edit(cases, "a file not in SHA256SUMS", f -> with(f, "receipt.json", utf8("{}")), false);
        edit(cases, "without SHA256SUMS", f -> without(f, "SHA256SUMS"), false);
        edit(cases, "without the parameters", f -> without(f, "parameters/model-0000.params"), true);
        edit(cases, "without the spec", f -> without(f, "spec.json"), true);

        cases.category("bundle-content");
        edit(cases, "a parameter byte changed", f -> flipLast(f, "parameters/model-0000.params"), false);
        edit(
                cases,
                "format version 99",
                f -> replace(f, "manifest.json", "\"formatVersion\":1", "\"formatVersion\":99"),
                true);
        edit(cases, "another format", f -> replace(f, "manifest.json", "neurona-model-bundle", "keras"), true);
        edit(cases, "a spec that is not JSON", f -> with(f, "spec.json", utf8("{\"layers\":[")), true);
        edit(cases, "a spec with 0 units", f -> replace(f, "spec.json", "\"units\":16", "\"units\":0"), true);
        edit(cases, "another network's spec", f -> replace(f, "spec.json", "\"units\":16", "\"units\":8"), true);
        edit(
                cases,
                "preprocessing of another kind",
                f -> replace(f, "preprocessing.json", "\"tabular\"", "\"audio\""),
                true);
        edit(
                cases,
                "parameters cut short",
                f -> with(f, "parameters/model-0000.params", cut(f.get("parameters/model-0000.params"), 100)),
                true);

        cases.category("bundle-request");
        cases.add("a predictor imports", t -> Bundles.importInto(t.predictor(), export(t)));
        cases.add("no key", t -> Bundles.importInto(t.anonymous(), export(t)));
        cases.add("the part named file", t -> new Form()
                .file("file", "b.zip", "application/zip", export(t))
                .post(t.admin(), IMPORT));
        cases.add("a raw ZIP body", t -> t.admin().post(IMPORT, "application/zip", export(t)));
        cases.add("export in an unknown format", t -> t.admin()
                .get("/api/v1/models/" + t.csvModel() + "/export?format=neurona2"));
    }

    /** The table model's bundle, fetched when the case runs (the model exists only then). */
    private static byte[] export(HostileCase.Target t) {
        Http.Binary bundle = t.admin().bytes("/api/v1/models/" + t.csvModel() + "/export?format=neurona", null);
        if (bundle.status() != 200) {
            throw new IllegalStateException("cannot export the table model: " + bundle);
        }
        return bundle.body();
    }

    private static byte[] half(byte[] bundle) {
        return cut(bundle, bundle.length / 2);
    }

    private static byte[] allButLast(byte[] bundle) {
        return cut(bundle, bundle.length - 1);
    }

    private static void raw(
            HostileCase.Cases cases, String name, java.util.function.Function<HostileCase.Target, byte[]> bundle) {
        cases.add(name, t -> Bundles.importInto(t.admin(), bundle.apply(t)));
    }

    /** The export with one change, its sums written anew when {@code resum} (so only the change itself is wrong). */
    private static void edit(
            HostileCase.Cases cases, String name, UnaryOperator<Map<String, byte[]>> change, boolean resum) {
        cases.add(name, t -> {
            Map<String, byte[]> files = change.apply(new LinkedHashMap<>(Bundles.unzip(export(t))));
            return Bundles.importInto(t.admin(), Bundles.zip(resum ? Bundles.resummed(files) : files));
        });
    }

    private static Map<String, byte[]> with(Map<String, byte[]> files, String name, byte[] bytes) {
        files.put(name, bytes);
        return files;
    }

    private static Map<String, byte[]> without(Map<String, byte[]> files, String name) {
        files.remove(name);
        return files;
    }

    private static Map<String, byte[]> replace(Map<String, byte[]> files, String name, String from, String to) {
        String text = new String(files.get(name), java.nio.charset.StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(name + " has no " + from);
        }
        files.put(name, utf8(text.replace(from, to)));
        return files;
    }

    private static Map<String, byte[]> flipLast(Map<String, byte[]> files, String name) {
        byte[] bytes = files.get(name).clone();
        bytes[bytes.length - 1] ^= 1;
        files.put(name, bytes);
        return files;
    }
}
