package dev.neurona.dataset.format;

import dev.neurona.dataset.ImageSet;
import dev.neurona.imaging.ImageDecoder;
import dev.neurona.imaging.Resampler;
import dev.neurona.platform.problem.FieldPath;
import dev.neurona.platform.problem.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a ZIP of images sorted into one folder per class ({@code cat/001.png}, {@code dog/x.jpg}), optionally
 * inside one wrapper folder, as students get when they zip a folder of folders.
 *
 * <p>Every image is resized to size×size as a whole, without keeping its aspect ratio: cropping could cut off the
 * object, and letterboxing adds borders the model would learn from; photos of one dataset usually share a shape,
 * so the distortion is the same for all of them. Resizing averages areas, which keeps thin lines visible when
 * shrinking a lot. Transparent pixels are shown over white, as an image viewer on a page shows them.
 */
public final class ImageZipReader {

    static final String FIELD = "file";
    static final int MAX_TARGET_SIZE = 512;
    /** Deflate rarely beats 10:1 on real files and never 100:1 on images; bombs reach 1000:1. */
    static final int MAX_RATIO = 100;
    /** Below this many bytes an entry may compress as well as it likes; ratios of tiny entries mean nothing. */
    static final int RATIO_GRACE = 1 << 20;

    private static final Set<String> JUNK = Set.of("thumbs.db", "desktop.ini");

    private ImageZipReader() {}

    public static ImageSet read(byte[] zip, int size, boolean rgb, int maxEntries, long maxUncompressedBytes) {
        return read(zip, size, rgb, maxEntries, maxUncompressedBytes, ImageBudget.unlimited(), new ArrayList<>());
    }

    /**
     * Reads the ZIP through its central directory (the index at its end), so a ZIP cut short or with a damaged
     * index is refused instead of yielding the entries before the damage. Entries that are not part of a dataset
     * (macOS and Windows system files, dot files) are not read and their names are added to {@code skipped}.
     */
    public static ImageSet read(
            byte[] zip,
            int size,
            boolean rgb,
            int maxEntries,
            long maxUncompressedBytes,
            ImageBudget budget,
            List<String> skipped) {
        if (size < 1 || size > MAX_TARGET_SIZE) {
            throw new InvalidInputException(
                    "size", "the image size must be 1 to " + MAX_TARGET_SIZE + " pixels, not " + size);
        }
        if (maxEntries < 1 || maxUncompressedBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
            throw new InvalidInputException(
                    FIELD, "not a ZIP file; put one folder per class into a ZIP and upload that");
        }
        Path file = null;
        try {
            // java.util.zip reads a central directory only from a file
            file = Files.createTempFile("neurona-upload-", ".zip");
            Files.write(file, zip);
            try (ZipFile archive = ZipArchive.open(file)) {
                ZipArchive.checkEndRecord(zip, archive.size());
                ZipArchive.checkLocalEntries(zip, archive, maxUncompressedBytes);
                return read(archive, size, rgb, maxEntries, maxUncompressedBytes, budget, skipped);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot buffer the uploaded ZIP on disk", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temporary folder is cleaned by the system as well
                }
            }
        }
    }

    private static ImageSet read(
            ZipFile archive,
            int size,
            boolean rgb,
            int maxEntries,
            long maxBytes,
            ImageBudget budget,
            List<String> skipped) {
        List<Entry> entries = entries(archive, maxEntries, skipped);
        Map<String, List<Entry>> byClass = classes(entries);
        int channels = rgb ? 3 : 1;
        long images = byClass.values().stream().mapToLong(List::size).sum();
        long bytes = images * channels * size * size;
        if (bytes > ClassImages.MAX_TOTAL_BYTES) {
            // checked before decoding anything: the limit on entries alone allows far more than memory holds
            throw new InvalidInputException(
                    FIELD,
                    images + " images of " + size + "×" + size + (rgb ? " RGB" : "")
                            + " would take " + bytes
                            + " bytes, more than the 1 GiB limit; upload fewer images or choose a"
                            + " smaller size");
        }
        budget.take(
                FIELD,
                images,
                (long) channels * size * size,
                "the ZIP holds " + images + " images of " + size + "×" + size + (rgb ? " RGB" : ""),
                "; upload fewer images or choose a smaller size");
        ZipArchive.Inflated inflated = new ZipArchive.Inflated(maxBytes);
        List<ClassImages> classes = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> c : byClass.entrySet()) {
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            for (Entry e : c.getValue()) {
                byte[] data = inflated.read(archive, e.entry, e.name);
                pixels.writeBytes(
                        FieldPath.under(FIELD, () -> Resampler.resize(ImageDecoder.decode(data, e.name), size, rgb)));
            }
            classes.add(new ClassImages(c.getKey(), c.getValue().size(), pixels.toByteArray()));
        }
        return ClassImages.stack(channels, size, size, classes, FIELD);
    }

    /** A kept entry: its path split into folders and file name, and the central directory's record of it. */
    private record Entry(String name, List<String> path, boolean directory, ZipEntry entry) {}

    private static List<Entry> entries(ZipFile archive, int maxEntries, List<String> skipped) {
        if (archive.size() == 0) {
            throw new InvalidInputException(FIELD, "the ZIP is empty; put one folder per class into it");
        }
        if (archive.size() > maxEntries) {
            throw new InvalidInputException(
                    FIELD,
                    "the ZIP holds " + archive.size() + " entries, more than the " + maxEntries
                            + " allowed (neurona.uploads.zip-entries)");
        }
        List<Entry> kept = new ArrayList<>();
        try {
            Enumeration<? extends ZipEntry> all = archive.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                List<String> path = safePath(name);
                if (isJunk(path)) {
                    if (!entry.isDirectory()) {
                        skipped.add(name);
                    }
                    continue;
                }
                kept.add(new Entry(name, path, entry.isDirectory(), entry));
            }
        } catch (IllegalArgumentException e) {
            throw ZipArchive.notUtf8();
        }
        return kept;
    }

    /**
     * The entry's path as folder and file names. Nothing is ever written to disk, but a name that climbs out of
     * the archive is a sign of a crafted file, and accepting it would make this code unsafe to reuse for extraction.
     */
    private static List<String> safePath(String name) {
        String normal = name.replace('\\', '/');
        boolean drive = normal.length() > 1 && Character.isLetter(normal.charAt(0)) && normal.charAt(1) == ':';
        if (normal.startsWith("/") || drive) {
            throw new InvalidInputException(
                    FIELD,
                    "the ZIP entry '" + name + "' has an absolute path; entries must be"
                            + " relative, like cat/001.png");
        }
        List<String> path = new ArrayList<>();
        for (String part : normal.split("/")) {
            if (part.equals("..")) {
                throw new InvalidInputException(
                        FIELD, "the ZIP entry '" + name + "' points outside the archive (..);" + " refusing the ZIP");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                path.add(part);
            }
        }
        return path;
    }

    /** macOS resource forks, dot files like .DS_Store, and Windows thumbnails: never part of a dataset. */
    private static boolean isJunk(List<String> path) {
        if (path.isEmpty()) {
            return true;
        }
        for (String part : path) {
            if (part.startsWith(".") || part.equals("__MACOSX")) {
                return true;
            }
        }
        return JUNK.contains(path.get(path.size() - 1).toLowerCase(Locale.ROOT));
    }

    /** Files per class folder, sorted by class and then by file name so that reading is reproducible. */
    private static Map<String, List<Entry>> classes(List<Entry> entries) {
        List<Entry> files = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.directory) {
                files.add(e);
            }
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(FIELD, "the ZIP holds no images; put one folder per class into it");
        }
        // one folder around all class folders ("animals/cat/1.png") is dropped, as zipping a folder produces it
        String top = files.get(0).path.get(0);
        boolean wrapped = false;
        for (Entry f : files) {
            if (!f.path.get(0).equals(top)) {
                wrapped = false;
                break;
            }
            wrapped |= f.path.size() >= 3;
        }
        int depth = wrapped ? 1 : 0;
        Map<String, List<Entry>> byClass = new TreeMap<>();
        for (Entry e : entries) {
            List<String> path = e.path.subList(Math.min(depth, e.path.size()), e.path.size());
            if (e.directory && !path.isEmpty()) {
                byClass.computeIfAbsent(path.get(0), k -> new ArrayList<>());
            }
        }
        for (Entry f : files) {
            List<String> path = f.path.subList(depth, f.path.size());
            if (path.size() < 2) {
                throw new InvalidInputException(
                        FIELD,
                        f.name + " is not inside a class folder; put each image into a"
                                + " folder named after its class, like cat/" + f.path.get(f.path.size() - 1));
            }
            byClass.computeIfAbsent(path.get(0), k -> new ArrayList<>()).add(f);
        }
        if (byClass.size() < 2) {
            throw new InvalidInputException(
                    FIELD,
                    "the ZIP holds "
                            + (byClass.isEmpty()
                                    ? "no class folders"
                                    : "only the class folder '"
                                            + byClass.keySet().iterator().next() + "'")
                            + "; a classifier needs at least 2 classes, one folder each");
        }
        Set<String> empty = new TreeSet<>();
        Map<String, List<Entry>> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, List<Entry>> c : byClass.entrySet()) {
            if (c.getValue().isEmpty()) {
                empty.add(c.getKey());
            }
            List<Entry> list = new ArrayList<>(c.getValue());
            list.sort((a, b) -> a.name.compareTo(b.name));
            sorted.put(c.getKey(), list);
        }
        if (!empty.isEmpty()) {
            throw new InvalidInputException(
                    FIELD,
                    "the class folder" + (empty.size() > 1 ? "s " : " ") + String.join(", ", empty)
                            + (empty.size() > 1 ? " hold" : " holds") + " no images");
        }
        return sorted;
    }
}
