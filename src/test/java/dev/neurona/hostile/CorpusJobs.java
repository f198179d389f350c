package dev.neurona.hostile;

import java.util.List;

/**
 * Hostile job submissions and dry runs: a wrong value at every field of the spec, specs too large to train, and
 * ids that name nothing. Every body is refused by validation, so none may ever queue a job.
 */
public final class CorpusJobs {

    public static final String JOBS = "/api/v1/jobs";
    static final String HIDDEN = "{\"type\":\"dense\",\"units\":8,\"activation\":\"relu\"}";
    static final String OUT = "{\"type\":\"dense\",\"units\":3,\"activation\":\"softmax\"}";
    /** A valid spec for the tabular dataset; the cases replace one part of it. */
    static final String SPEC = "{\"layers\":[" + HIDDEN + "," + OUT + "],\"optimizer\":{\"type\":\"adam\","
            + "\"learningRate\":0.01},\"epochs\":1,\"batchSize\":8,\"seed\":1}";
    /** A valid spec for the 28×28 bar images (2 classes), with {@code @} where a first layer is put. */
    static final String IMAGE_SPEC = "{\"layers\":[@,{\"type\":\"flatten\"},{\"type\":\"dense\",\"units\":2,"
            + "\"activation\":\"softmax\"}],\"epochs\":1,\"seed\":1}";

    private CorpusJobs() {}

    static void add(HostileCase.Cases cases) {
        cases.category("spec-values");
        values(
                cases,
                "layers",
                "{\"layers\":@}",
                "{}",
                "\"dense\"",
                "42",
                "null",
                "[]",
                "[null]",
                "[42]",
                "[[]]",
                "[\"dense\"]",
                "true");
        values(
                cases,
                "layer type",
                "{\"layers\":[{\"type\":@,\"units\":3,\"activation\":\"softmax\"}]}",
                "\"conv3d\"",
                "42",
                "null",
                "\"\"",
                "\"DENSE\"",
                "[\"dense\"]",
                "{}");
        values(
                cases,
                "units",
                "{\"layers\":[{\"type\":\"dense\",\"units\":@,\"activation\":\"softmax\"}]}",
                "0",
                "-3",
                "-0",
                "3.5",
                "\"three\"",
                "true",
                "null",
                "2147483648",
                "1e3",
                "[3]",
                "{}",
                "100000");
        values(
                cases,
                "activation",
                "{\"layers\":[" + HIDDEN.replace("\"relu\"", "@") + "," + OUT + "]}",
                "42",
                "\"relux\"",
                "\"\"",
                "[\"relu\"]",
                "{\"name\":\"relu\"}");
        values(
                cases,
                "kernelInitializer",
                "{\"layers\":[{\"type\":\"dense\",\"units\":8,\"kernelInitializer\":@}," + OUT + "]}",
                "\"random\"",
                "42");
        values(
                cases,
                "l2",
                "{\"layers\":[{\"type\":\"dense\",\"units\":8,\"l2\":@}," + OUT + "]}",
                "-1",
                "1000",
                "\"x\"",
                "1e400");
        values(
                cases,
                "dropout rate",
                "{\"layers\":[" + HIDDEN + ",{\"type\":\"dropout\",\"rate\":@}," + OUT + "]}",
                "1.0",
                "-0.1",
                "1.5",
                "\"half\"",
                "1e400",
                "null");
        values(cases, "loss", "{\"layers\":[" + OUT + "],\"loss\":@}", "\"mse\"", "\"hinge\"", "42", "\"\"");
        values(
                cases,
                "optimizer",
                "{\"layers\":[" + OUT + "],\"optimizer\":@}",
                "{\"type\":\"adadelta\"}",
                "{\"learningRate\":0.1}",
                "\"adam\"",
                "{\"type\":\"adam\",\"learningRate\":0}",
                "{\"type\":\"adam\",\"learningRate\":-1}",
                "{\"type\":\"sgd\",\"learningRate\":1e10}",
                "{\"type\":\"sgd\",\"learningRate\":\"fast\"}",
                "{\"type\":\"sgd\",\"momentum\":1.5}",
                "{\"type\":\"adam\",\"beta1\":1}",
                "{\"type\":\"adam\",\"beta2\":-0.5}",
                "{\"type\":\"adam\",\"epsilon\":0}",
                "{\"type\":\"adam\",\"lr\":0.1}",
                "[]");
        values(
                cases,
                "epochs",
                "{\"layers\":[" + OUT + "],\"epochs\":@}",
                "0",
                "-5",
                "10001",
                "2147483648",
                "2.5",
                "\"ten\"",
                "true",
                "[]",
                "{}");
        values(
                cases,
                "batchSize",
                "{\"layers\":[" + OUT + "],\"batchSize\":@}",
                "0",
                "-1",
                "65537",
                "1e100",
                "\"big\"");
        values(
                cases,
                "validationSplit",
                "{\"layers\":[" + OUT + "],\"validationSplit\":@}",
                "-0.1",
                "0.9",
                "1",
                "\"half\"",
                "true");
        values(cases, "testSplit", "{\"layers\":[" + OUT + "],\"testSplit\":@}", "-1", "0.95", "1e400");
        values(cases, "seed", "{\"layers\":[" + OUT + "],\"seed\":@}", "\"abc\"", "1e30", "18446744073709551616", "[]");
        values(
                cases,
                "lossOptions",
                "{\"layers\":[" + OUT + "],\"lossOptions\":@}",
                "{\"delta\":1}",
                "{\"fromLogits\":\"yes\"}",
                "{\"fromLogits\":true}",
                "{\"gamma\":2}",
                "[]");
        values(
                cases,
                "classWeights",
                "{\"layers\":[" + OUT + "],\"classWeights\":@}",
                "\"even\"",
                "42",
                "{\"rose\":2}",
                "{\"setosa\":-1}",
                "{\"setosa\":\"x\"}",
                "[1,2,3]");
        values(
                cases,
                "earlyStopping",
                "{\"layers\":[" + OUT + "],\"earlyStopping\":@}",
                "{\"monitor\":\"val_mae\"}",
                "{\"patience\":-1}",
                "{\"minDelta\":-0.1}",
                "{\"monitor\":42}",
                "true");
        values(cases, "mode", "{\"layers\":[" + OUT + "],\"mode\":@}", "\"perceptron\"", "\"hebbian\"", "42");
        values(
                cases,
                "step outside perceptron mode",
                "{\"layers\":[" + HIDDEN.replace("\"relu\"", "@") + "," + OUT + "]}",
                "\"step\"",
                "\"sign\"");
        values(
                cases,
                "initializer arguments",
                "{\"layers\":[{\"type\":\"dense\",\"units\":8," + "\"kernelInitializer\":@}," + OUT + "]}",
                "{\"type\":\"constant\"}",
                "{\"type\":\"he_normal\",\"stddev\":1}",
                "{\"type\":\"random_normal\",\"stddev\":-1}",
                "{\"type\":\"random_uniform\",\"minval\":1,\"maxval\":0}",
                "{\"value\":1}");
        values(
                cases,
                "activation alpha",
                "{\"layers\":[" + HIDDEN + ",{\"type\":\"activation\"," + "\"activation\":\"relu\",\"alpha\":@}," + OUT
                        + "]}",
                "0.1",
                "-1",
                "\"x\"");
        values(
                cases,
                "optimizer schedule",
                "{\"layers\":[" + OUT + "],\"optimizer\":{\"type\":\"adam\"," + "\"schedule\":@}}",
                "{\"type\":\"cyclic\"}",
                "{\"type\":\"step\",\"factor\":2}",
                "{\"type\":\"cosine\",\"warmupSteps\":-1}",
                "\"cosine\"");
        values(
                cases,
                "images on a table",
                "{\"layers\":[" + OUT + "],\"images\":@}",
                "{\"shift\":2}",
                "{\"rotation\":400}",
                "{\"standardize\":\"yes\"}",
                "\"yes\"");
        values(
                cases,
                "tables",
                "{\"layers\":[" + OUT + "],\"tables\":@}",
                "{\"unknownCategories\":\"bogus\"}",
                "{\"unknownCategories\":42}",
                "{\"unknownCategories\":[\"error\"]}",
                "{\"unknown\":1}",
                "\"error\"");
        values(
                cases,
                "from",
                "{\"layers\":[" + OUT + "],\"from\":@}",
                "{\"model\":\"nobody\",\"upTo\":0}",
                "{\"upTo\":0}",
                "{\"model\":\"00000000-0000-0000-0000-000000000000\",\"upTo\":\"x\"}",
                "{\"model\":42,\"upTo\":[1]}",
                "{\"model\":\"a@b@c\",\"upTo\":99999999999}",
                "{\"model\":\"x\",\"upTo\":0,\"frozen\":\"all\"}",
                "{\"model\":\"x\",\"upTo\":0,\"id\":\"not-a-uuid\"}",
                "{\"model\":\"" + "x".repeat(10_000) + "\",\"upTo\":0}",
                "{\"model\":\"x\",\"upTo\":0,\"weights\":1}",
                "\"model\"");
        values(
                cases,
                "unfreeze",
                "{\"layers\":[" + OUT + "],\"unfreeze\":@}",
                "[{\"epoch\":1,\"layers\":[0]}]",
                "[null]",
                "{\"epoch\":1}",
                "[{\"epoch\":99999999999,\"layers\":[0]}]",
                "[{\"epoch\":1,\"layers\":\"x\"}]",
                "[{\"epoch\":1,\"layers\":[{\"a\":1}]}]");
        values(
                cases,
                "task",
                "{\"layers\":[" + OUT + "],\"task\":@}",
                "\"bogus\"",
                "42",
                "[\"reconstruction\"]",
                "{\"task\":\"reconstruction\"}",
                "\"RECONSTRUCTION\"",
                "\"reconstruction\u0000\"");
        values(
                cases,
                "autoencoder",
                "{\"layers\":[" + HIDDEN + "," + OUT + "],\"task\":\"reconstruction\",\"autoencoder\":@}",
                "{\"noise\":\"x\"}",
                "{\"noise\":-1}",
                "{\"noise\":1e309}",
                "{\"masking\":0.95}",
                "{\"code\":1e20}",
                "{\"code\":2.5}",
                "{\"code\":-1}",
                "{\"code\":true}",
                "{\"code\":{\"a\":1}}",
                "{\"code\":[0]}",
                "{\"code\":\"" + "n".repeat(10_000) + "\"}",
                "{\"unknown\":1}",
                "\"denoising\"");
        values(
                cases,
                "autoencoder without the task",
                "{\"layers\":[" + OUT + "],\"autoencoder\":@}",
                "{\"noise\":0.1}",
                "{}");

        cases.category("spec-shape");
        job(cases, "65 layers", "{\"layers\":[" + (HIDDEN + ",").repeat(64) + OUT + "]}");
        job(
                cases,
                "4 billion parameters",
                "{\"layers\":[{\"type\":\"dense\",\"units\":65536}," + "{\"type\":\"dense\",\"units\":65536}," + OUT
                        + "]}");
        job(
                cases,
                "conv2d on a table",
                "{\"layers\":[{\"type\":\"conv2d\",\"filters\":4,\"kernelSize\":3}," + OUT + "]}");
        job(cases, "global pooling on a table", "{\"layers\":[{\"type\":\"globalavgpool2d\"}," + OUT + "]}");
        job(
                cases,
                "output of 2 units for 3 classes",
                "{\"layers\":[{\"type\":\"dense\",\"units\":2," + "\"activation\":\"softmax\"}]}");
        values(
                cases,
                "maxout units",
                "{\"layers\":[{\"type\":\"maxout\",\"units\":@,\"pieces\":2}," + OUT + "]}",
                "0",
                "\"four\"",
                "4.5",
                "null",
                "[4]",
                "65537");
        values(
                cases,
                "maxout pieces",
                "{\"layers\":[{\"type\":\"maxout\",\"units\":4,\"pieces\":@}," + OUT + "]}",
                "1",
                "17",
                "\"2\"x",
                "true",
                "-2147483648",
                "{}");
        values(
                cases,
                "reshape targetShape",
                "{\"layers\":[{\"type\":\"reshape\",\"targetShape\":@},{\"type\":\"flatten\"}," + OUT + "]}",
                "[5,8]",
                "[-1,-1]",
                "[0,2]",
                "[]",
                "[1,2,2,1]",
                "\"[1,2,2]\"",
                "[1.5,2]",
                "[null]",
                "null",
                "4",
                "[2147483647,2147483647,2147483647]",
                "{\"a\":1}");
        values(
                cases,
                "conv1d kernelSize",
                "{\"layers\":[{\"type\":\"reshape\",\"targetShape\":[1,-1]},{\"type\":\"conv1d\",\"filters\":2,"
                        + "\"kernelSize\":@},{\"type\":\"maxpool1d\"},{\"type\":\"flatten\"}," + OUT + "]}",
                "0",
                "[3]",
                "100",
                "\"3\"",
                "null");
        job(
                cases,
                "conv1d on a table",
                "{\"layers\":[{\"type\":\"conv1d\",\"filters\":2,\"kernelSize\":1}," + OUT + "]}");
        job(cases, "maxpool1d on a table", "{\"layers\":[{\"type\":\"maxpool1d\"}," + OUT + "]}");
        job(cases, "unknown layer property", "{\"layers\":[{\"type\":\"dense\",\"unit\":4}," + OUT + "]}");
        job(cases, "unknown spec property", SPEC.replace("\"seed\":1", "\"seed\":1,\"lr\":0.1"));
        job(cases, "flatten with a property", "{\"layers\":[{\"type\":\"flatten\",\"x\":1}," + OUT + "]}");
        image(cases, "conv2d filters 0", "{\"type\":\"conv2d\",\"filters\":0,\"kernelSize\":3}");
        image(cases, "conv2d filters -1", "{\"type\":\"conv2d\",\"filters\":-1,\"kernelSize\":3}");
        image(cases, "conv2d without kernelSize", "{\"type\":\"conv2d\",\"filters\":2}");
        image(cases, "kernelSize 0", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":0}");
        image(cases, "kernelSize [-3, -3]", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":[-3,-3]}");
        image(cases, "kernelSize of three numbers", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":[3,3,3]}");
        image(cases, "kernel larger than the image", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":100}");
        image(cases, "kernel of 29 on 28x28 images", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":29}");
        image(cases, "pool of 29 on 28x28 images", "{\"type\":\"maxpool2d\",\"poolSize\":[29,1]}");
        image(cases, "kernelSize 2^31-1", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":2147483647}");
        image(cases, "strides 0", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":3,\"strides\":0}");
        image(cases, "strides -1", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":3,\"strides\":[-1,1]}");
        image(cases, "padding full", "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":3,\"padding\":\"full\"}");
        image(
                cases,
                "same padding with an even kernel",
                "{\"type\":\"conv2d\",\"filters\":2,\"kernelSize\":4," + "\"padding\":\"same\"}");
        image(cases, "maxpool of 0", "{\"type\":\"maxpool2d\",\"poolSize\":0}");
        image(cases, "maxpool larger than the image", "{\"type\":\"maxpool2d\",\"poolSize\":100}");
        image(cases, "avgpool strides [0]", "{\"type\":\"avgpool2d\",\"strides\":[0]}");
        image(cases, "batchnorm momentum 2", "{\"type\":\"batchnorm\",\"momentum\":2}");
        image(cases, "batchnorm epsilon -1", "{\"type\":\"batchnorm\",\"epsilon\":-1}");
        cases.add("image shift 99", t -> t.admin()
                .postJson(
                        JOBS,
                        body(
                                t.imageDataset(),
                                IMAGE_SPEC
                                        .replace("@", "{\"type\":\"batchnorm\"}")
                                        .replace("\"seed\":1", "\"seed\":1,\"images\":{\"shift\":99}"))));
        cases.add("image rotation -1", t -> t.admin()
                .postJson(
                        JOBS,
                        body(
                                t.imageDataset(),
                                IMAGE_SPEC
                                        .replace("@", "{\"type\":\"batchnorm\"}")
                                        .replace("\"seed\":1", "\"seed\":1,\"images\":{\"rotation\":-1}"))));

        cases.category("job-ids");
        for (String id : List.of(
                "42",
                "{}",
                "\"\"",
                "\"not-a-uuid\"",
                "\"00000000-0000-0000-0000-000000000000\"",
                "null",
                "\"" + "f".repeat(10_000) + "\"",
                "\"../../etc/passwd\"")) {
            cases.add("datasetId " + shorten(id), t -> t.admin()
                    .postJson(JOBS, "{\"datasetId\":" + id + ",\"spec\":" + SPEC + "}"));
        }
        cases.add("datasetId of a model", t -> t.admin().postJson(JOBS, body(t.csvModel(), SPEC)));
        cases.add("datasetId of a job", t -> t.admin().postJson(JOBS, body(t.job(), SPEC)));
        cases.add("no spec", t -> t.admin().postJson(JOBS, "{\"datasetId\":\"" + t.csvDataset() + "\"}"));
        cases.add("spec null", t -> t.admin().postJson(JOBS, body(t.csvDataset(), "null")));
        cases.add("spec an array", t -> t.admin().postJson(JOBS, body(t.csvDataset(), "[" + SPEC + "]")));
        cases.add("spec a string", t -> t.admin()
                .postJson(JOBS, body(t.csvDataset(), "\"" + SPEC.replace("\"", "\\\"") + "\"")));
        cases.add("dryRun maybe", t -> t.admin()
                .postJson(
                        JOBS,
                        "{\"datasetId\":\"" + t.csvDataset() + "\",\"spec\":{\"layers\":[]},\"dryRun\":\"maybe\"}"));
        cases.add("dryRun 2 with a bad spec", t -> t.admin()
                .postJson(JOBS, "{\"dryRun\":2,\"datasetId\":\"" + t.csvDataset() + "\",\"spec\":{\"layers\":[]}}"));
        cases.add("unknown top-level property", t -> t.admin()
                .postJson(
                        JOBS,
                        "{\"datasetId\":\"" + t.csvDataset() + "\",\"spec\":" + SPEC + ",\"priority\":\"high\"}"));
        cases.add("duplicate datasetId, the last invalid", t -> t.admin()
                .postJson(
                        JOBS,
                        "{\"datasetId\":\"" + t.csvDataset() + "\",\"spec\":" + SPEC + ",\"datasetId\":\"nope\"}"));
        cases.add("duplicate spec, the last empty", t -> t.admin()
                .postJson(
                        JOBS,
                        "{\"datasetId\":\"" + t.csvDataset() + "\",\"spec\":" + SPEC + ",\"spec\":{\"layers\":[]}}"));
        cases.add("duplicate epochs, the last 0", t -> t.admin()
                .postJson(JOBS, body(t.csvDataset(), SPEC.replace("\"epochs\":1", "\"epochs\":1,\"epochs\":0"))));
    }

    /** One case per hostile value at {@code @} in {@code template}, as a submission and as a dry run. */
    private static void values(HostileCase.Cases cases, String field, String template, String... values) {
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            String spec = template.replace("@", value);
            // every other value goes to the dry run, which validates the same way without queueing
            boolean dry = i % 2 == 1;
            String name = field + " = " + shorten(value) + (dry ? " (dry run)" : "");
            cases.add(name, t -> t.admin()
                    .postJson(JOBS, dry ? dryBody(t.csvDataset(), spec) : body(t.csvDataset(), spec)));
        }
    }

    private static void job(HostileCase.Cases cases, String name, String spec) {
        cases.add(name, t -> t.admin().postJson(JOBS, body(t.csvDataset(), spec)));
        cases.add(name + " (dry run)", t -> t.admin().postJson(JOBS, dryBody(t.csvDataset(), spec)));
    }

    private static void image(HostileCase.Cases cases, String name, String firstLayer) {
        cases.add(name, t -> t.admin().postJson(JOBS, body(t.imageDataset(), IMAGE_SPEC.replace("@", firstLayer))));
    }

    static String body(String datasetId, String spec) {
        return "{\"datasetId\":\"" + datasetId + "\",\"spec\":" + spec + "}";
    }

    static String dryBody(String datasetId, String spec) {
        return "{\"dryRun\":true,\"datasetId\":\"" + datasetId + "\",\"spec\":" + spec + "}";
    }

    static String shorten(String text) {
        return text.length() <= 48
                ? text
                : text.substring(0, 24) + "…" + text.substring(text.length() - 16) + " (" + text.length() + " chars)";
    }
}
