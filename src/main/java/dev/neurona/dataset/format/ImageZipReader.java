package dev.neurona.dataset.format;

import dev.neurona.dataset.ImageSet;
import dev.neurona.imaging.ImageDecoder;
import dev.neurona.imaging.Resampler;
import dev.neurona.platform.problem.FieldPath;
import dev.neurona.platform.problem.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
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
            try (ZipFile archive = open(file)) {
                checkEndRecord(zip, archive.size());
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

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("bad entry name")) {
                throw notUtf8();
            }
            throw new InvalidInputException(
                    FIELD,
                    "the ZIP is damaged: its central directory (the index at its end) cannot be read (" + why
                            + "); it may be truncated or corrupted, create it again with your system's 'compress'"
                            + " command");
        } catch (IllegalArgumentException e) {
            throw notUtf8();
        }
    }

    /**
     * java.util.zip reads the directory by its size and ignores the entry count of the end record; a count that
     * disagrees means the directory is not the one the ZIP was written with, so entries may be missing from it.
     */
    private static void checkEndRecord(byte[] zip, int entries) {
        for (int at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xFFFF); at--) {
            if (zip[at] == 'P' && zip[at + 1] == 'K' && zip[at + 2] == 5 && zip[at + 3] == 6) {
                int total = (zip[at + 10] & 0xFF) | (zip[at + 11] & 0xFF) << 8;
                // 0xFFFF: a ZIP64 archive keeps its real count elsewhere
                if (total != 0xFFFF && total != (entries & 0xFFFF)) {
                    throw new InvalidInputException(
                            FIELD,
                            "the ZIP is damaged: its end record counts " + total + " entries but its central"
                                    + " directory holds " + entries + "; create it again with your system's"
                                    + " 'compress' command");
                }
                return;
            }
        }
    }

    private static InvalidInputException notUtf8() {
        return new InvalidInputException(
                FIELD,
                "the ZIP has file names that are not UTF-8 text; rename the files"
                        + " with plain letters and digits or create the ZIP with a tool that stores UTF-8 names");
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
        Inflated inflated = new Inflated(maxBytes);
        List<ClassImages> classes = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> c : byClass.entrySet()) {
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            for (Entry e : c.getValue()) {
                byte[] data = inflated.read(archive, e);
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
            throw notUtf8();
        }
        return kept;
    }

    /**
     * Inflates entries one at a time, counting the bytes as they come (the sizes in the directory are the
     * uploader's claims) and checking each entry's size and CRC against the directory, so damage inside an entry
     * is refused rather than decoded into a wrong picture.
     */
    private static final class Inflated {

        private final long maxBytes;
        private final byte[] buffer = new byte[64 * 1024];
        private long total;

        Inflated(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        byte[] read(ZipFile archive, Entry e) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CRC32 crc = new CRC32();
            long compressed = Math.max(1, e.entry.getCompressedSize());
            long entryBytes = 0;
            try (InputStream in = archive.getInputStream(e.entry)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    entryBytes += n;
                    total += n;
                    if (total > maxBytes) {
                        throw new InvalidInputException(
                                FIELD,
                                "the ZIP expands to more than " + maxBytes + " bytes"
                                        + " (neurona.uploads.zip-expanded); upload fewer or smaller images");
                    }
                    if (entryBytes > RATIO_GRACE && entryBytes > MAX_RATIO * compressed) {
                        throw new InvalidInputException(
                                FIELD,
                                e.name + " expands more than " + MAX_RATIO + " times; refusing"
                                        + " the ZIP as a possible decompression bomb");
                    }
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            } catch (ZipException ex) {
                throw damaged(e, String.valueOf(ex.getMessage()));
            } catch (EOFException ex) {
                throw damaged(e, "its data ends early");
            } catch (IOException ex) {
                throw damaged(e, String.valueOf(ex.getMessage()));
            }
            if (e.entry.getSize() >= 0 && entryBytes != e.entry.getSize()) {
                throw damaged(e, "it holds " + entryBytes + " bytes but the ZIP's directory says " + e.entry.getSize());
            }
            if (e.entry.getCrc() >= 0 && crc.getValue() != e.entry.getCrc()) {
                throw damaged(e, "its checksum (CRC-32) does not match");
            }
            return out.toByteArray();
        }

        private static InvalidInputException damaged(Entry e, String why) {
            return new InvalidInputException(
                    FIELD,
                    "the ZIP is damaged: " + e.name + " cannot be read (" + why
                            + "); create the ZIP again with your system's 'compress' command");
        }
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
