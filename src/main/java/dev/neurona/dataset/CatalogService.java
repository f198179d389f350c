package dev.neurona.dataset;

import dev.neurona.dataset.format.CsvOptions;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.platform.problem.TooLargeException;
import dev.neurona.platform.problem.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Built-in datasets. MNIST and several sample tables ship inside the service (unpacked from a Maven Central artifact
 * at build time, see {@link CatalogTables}), so they import offline with nothing configured. A configured mirror
 * folder that has a file takes precedence; the rest come from their official sources. The same reading code runs
 * either way, and each entry's {@code source} says where an import would read from.
 */
@Service
class CatalogService {

    record Entry(String name, String kind, String description, String source, boolean bundled) {}

    private static final String QUICKDRAW_URL = "https://storage.googleapis.com/quickdraw_dataset/full/numpy_bitmap/";
    private static final String FASHION_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final List<String> IDX_FILES = List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");
    /** The MD5 sums published with MNIST, checked on every import of the bundled copy. */
    private static final Map<String, String> MNIST_MD5 = Map.of(
            "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432",
            "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
            "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c");

    private final ImageUploads images;
    private final DatasetService datasets;
    private final NeuronaProperties.Catalog settings;
    private final NeuronaProperties.Uploads uploads;
    private final String bundledSource = "bundled: " + CatalogTables.bundledArtifact() + " (Maven Central)";
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    CatalogService(ImageUploads images, DatasetService datasets, NeuronaProperties properties) {
        this.images = images;
        this.datasets = datasets;
        this.settings = properties.catalog();
        this.uploads = properties.uploads();
    }

    List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(
                "mnist",
                "image",
                "handwritten digits 0–9, 60,000 training + 10,000 official test " + "images, 28×28",
                bundledSource,
                true));
        entries.add(new Entry(
                "fashion-mnist",
                "image",
                "Zalando's clothing pictures, 10 classes, 60,000 + 10,000 " + "official test, 28×28",
                source("fashion-mnist/" + IDX_FILES.get(0), FASHION_URL),
                false));
        entries.add(new Entry(
                "quickdraw",
                "image",
                "Quick, Draw! doodles, 28×28; choose `categories` and " + "`perClass`",
                source("quickdraw", QUICKDRAW_URL),
                false));
        CatalogTables.ALL.stream()
                .sorted(Comparator.comparing(CatalogTables.SampleTable::name))
                .forEach(table -> entries.add(
                        new Entry(table.name(), "tabular", table.description(), tableSource(table), table.bundled())));
        return entries;
    }

    DatasetInfo importDataset(String name, List<String> categories, int perClass) {
        if ("mnist".equals(name)) {
            List<byte[]> files = new ArrayList<>();
            for (String file : IDX_FILES) {
                byte[] bytes = bundled("catalog/mnist/" + file);
                if (!MNIST_MD5.get(file).equals(md5(bytes))) {
                    throw new IllegalStateException("bundled MNIST file " + file + " does not match its MD5");
                }
                files.add(bytes);
            }
            return images.idx("mnist", files.get(0), files.get(1), files.get(2), files.get(3));
        }
        if ("fashion-mnist".equals(name)) {
            List<byte[]> files = new ArrayList<>();
            for (String file : IDX_FILES) {
                files.add(fetch("fashion-mnist/" + file, FASHION_URL + file));
            }
            return images.idx("fashion-mnist", files.get(0), files.get(1), files.get(2), files.get(3));
        }
        if ("quickdraw".equals(name)) {
            if (categories == null || categories.isEmpty()) {
                throw new InvalidInputException("categories", "choose Quick, Draw! categories, e.g. cat,apple,star");
            }
            if (categories.size() < 2 || categories.size() > 345) {
                throw new InvalidInputException(
                        "categories",
                        "choose 2 to 345 categories (a classifier needs at least" + " 2 classes), not "
                                + categories.size());
            }
            // every name is checked before the first download, which may take minutes
            List<String> names = new ArrayList<>();
            for (String category : categories) {
                String file = category.trim().replace(' ', '_');
                if (!category.matches("[A-Za-z _-]{1,40}")) {
                    throw new InvalidInputException("categories", "'" + category + "' is not a category name");
                }
                if (names.contains(file)) {
                    throw new InvalidInputException("categories", "'" + category + "' is listed twice");
                }
                names.add(file);
            }
            // refused before the downloads, with the parameter to change; the reader would refuse it after them
            long wanted = (long) names.size() * perClass;
            if (wanted > uploads.maxImages()) {
                throw new TooLargeException(
                        "perClass",
                        names.size() + " categories × " + perClass + " drawings are " + wanted
                                + " images; one dataset may hold at most " + uploads.maxImages()
                                + " (neurona.uploads.max-images); lower perClass");
            }
            List<NamedFile> files = new ArrayList<>();
            for (String file : names) {
                files.add(new NamedFile(
                        file + ".npy",
                        fetch("quickdraw/" + file + ".npy", QUICKDRAW_URL + file.replace("_", "%20") + ".npy")));
            }
            return images.quickDraw("quickdraw", files, perClass);
        }
        CatalogTables.SampleTable table = CatalogTables.find(name);
        if (table == null) {
            throw new NotFoundException("catalog entry", name);
        }
        String relative = "tabular/" + name + ".csv";
        byte[] csv =
                mirror(relative) == null && table.bundled() ? CatalogTables.bundledCsv(table) : fetch(relative, null);
        return datasets.upload(name, csv, new CsvOptions(null, table.label(), table.task(), table.missing()));
    }

    private String tableSource(CatalogTables.SampleTable table) {
        String relative = "tabular/" + table.name() + ".csv";
        return mirror(relative) == null && table.bundled()
                ? bundledSource + ", " + table.file()
                : source(relative, null);
    }

    private String source(String relative, String url) {
        return mirror(relative) != null
                ? "mirror " + mirror(relative)
                : url != null && settings.download() ? url : "unavailable: no mirror folder has " + relative;
    }

    private Path mirror(String relative) {
        for (Path dir : settings.mirrorDirs()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private byte[] fetch(String relative, String url) {
        Path local = mirror(relative);
        try {
            if (local != null) {
                return Files.readAllBytes(local);
            }
            if (url == null || !settings.download()) {
                throw UnavailableException.here(
                        "catalog-unavailable",
                        "Not available here",
                        relative + " is in no mirror folder (neurona.catalog.mirror-dirs) and cannot be downloaded");
            }
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                throw new InvalidInputException("categories", "the official source has no " + relative);
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            return response.body();
        } catch (IOException e) {
            throw UnavailableException.upstream(
                    "catalog-download", "Download failed", "could not fetch " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bundled(String resource) {
        try (InputStream in = CatalogService.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the build did not bundle " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
