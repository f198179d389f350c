package dev.neurona.dataset.format;

import static dev.neurona.dataset.format.ImageZipReader.FIELD;
import static dev.neurona.dataset.format.ImageZipReader.MAX_RATIO;
import static dev.neurona.dataset.format.ImageZipReader.RATIO_GRACE;

import dev.neurona.platform.problem.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A ZIP as the image reader trusts it: opened through its central directory, with the end record's count, every
 * local entry and every entry's size and CRC-32 checked against that directory, so damage anywhere is a 400 and
 * never a dataset of the pictures before it.
 */
final class ZipArchive {

    private ZipArchive() {}

    static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // ZipException for most damage, but a directory cut short is an EOFException: both are the upload's fault
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
    static void checkEndRecord(byte[] zip, int entries) {
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

    /**
     * Every entry is stored twice, in a local header before its data and in the central directory. java.util.zip
     * trusts the directory alone, so an entry whose local header says something else (encrypted, another
     * compression method), or local entries the directory does not list, would be read differently by other tools;
     * walking the local entries in order and comparing their names with the directory's catches both. The walk
     * inflates and discards, bounded like the real read.
     */
    static void checkLocalEntries(byte[] zip, ZipFile archive, long maxBytes) {
        List<String> directory = new ArrayList<>(archive.size());
        archive.stream().forEach(e -> directory.add(e.getName()));
        List<String> local = new ArrayList<>();
        long total = 0;
        String current = null;
        String after = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            byte[] buffer = new byte[64 * 1024];
            ZipEntry entry;
            while (local.size() <= directory.size() && (entry = in.getNextEntry()) != null) {
                current = entry.getName();
                local.add(current);
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new InvalidInputException(
                                FIELD,
                                "the ZIP expands to more than " + maxBytes + " bytes"
                                        + " (neurona.uploads.zip-expanded); upload fewer or smaller images");
                    }
                }
                after = current;
                current = null;
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    FIELD,
                    "the ZIP is damaged: "
                            + (current != null
                                    ? current
                                    : after == null ? "its first entry" : "the entry after " + after)
                            + " cannot be read (" + e.getMessage()
                            + "); create it again with your system's 'compress' command");
        } catch (IllegalArgumentException e) {
            throw notUtf8();
        }
        if (!local.equals(directory)) {
            throw new InvalidInputException(
                    FIELD,
                    "the ZIP is damaged: its entries (" + local.size() + ") do not match its central directory ("
                            + directory.size() + " entries); create it again with your system's 'compress' command");
        }
    }

    static InvalidInputException notUtf8() {
        return new InvalidInputException(
                FIELD,
                "the ZIP has file names that are not UTF-8 text; rename the files"
                        + " with plain letters and digits or create the ZIP with a tool that stores UTF-8 names");
    }

    /**
     * Inflates entries one at a time, counting the bytes as they come (the sizes in the directory are the
     * uploader's claims) and checking each entry's size and CRC against the directory, so damage inside an entry
     * is refused rather than decoded into a wrong picture.
     */
    static final class Inflated {

        private final long maxBytes;
        private final byte[] buffer = new byte[64 * 1024];
        private long total;

        Inflated(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        byte[] read(ZipFile archive, ZipEntry entry, String name) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CRC32 crc = new CRC32();
            long compressed = Math.max(1, entry.getCompressedSize());
            long entryBytes = 0;
            try (InputStream in = archive.getInputStream(entry)) {
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
                                name + " expands more than " + MAX_RATIO + " times; refusing"
                                        + " the ZIP as a possible decompression bomb");
                    }
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            } catch (ZipException ex) {
                throw damaged(name, String.valueOf(ex.getMessage()));
            } catch (EOFException ex) {
                throw damaged(name, "its data ends early");
            } catch (IOException ex) {
                throw damaged(name, String.valueOf(ex.getMessage()));
            }
            if (entry.getSize() >= 0 && entryBytes != entry.getSize()) {
                throw damaged(
                        name, "it holds " + entryBytes + " bytes but the ZIP's directory says " + entry.getSize());
            }
            if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                throw damaged(name, "its checksum (CRC-32) does not match");
            }
            return out.toByteArray();
        }

        private static InvalidInputException damaged(String name, String why) {
            return new InvalidInputException(
                    FIELD,
                    "the ZIP is damaged: " + name + " cannot be read (" + why
                            + "); create the ZIP again with your system's 'compress' command");
        }
    }
}
