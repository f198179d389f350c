package dev.neurona.dataset.format;

import dev.neurona.dataset.ImageSet;
import dev.neurona.dataset.NamedFile;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads uint8 image stacks from NumPy {@code .npy} files, the format of Google's Quick, Draw! bitmaps
 * ({@code full/numpy_bitmap/<category>.npy}, shape (N, 784)).
 */
public final class NpyReader {

    static final int MAX_COUNT = 2_000_000;
    static final int MAX_SIDE = 512;
    /** numpy pads headers to a few hundred bytes at most; a longer one is not a real .npy header. */
    static final int MAX_HEADER = 64 * 1024;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Set<String> UINT8 = Set.of("|u1", "<u1", "u1");
    private static final String NPY = ".npy";
    private static final String GOOGLE_PREFIX = "full_numpy_bitmap_";

    private NpyReader() {}

    /** A stack of grayscale images, row-major. */
    public record NpyImages(int count, int height, int width, byte[] pixels) {}

    public static NpyImages read(byte[] npy, String field) {
        return read(npy, field, "", 0, ImageBudget.unlimited());
    }

    public static ImageSet readClasses(List<NamedFile> files, int capPerClass) {
        return readClasses(files, capPerClass, ImageBudget.unlimited());
    }

    /**
     * One class per file, named after the file ({@code cat.npy} and Google's {@code full_numpy_bitmap_cat.npy} are
     * both {@code cat}); at most {@code capPerClass} images from the start of each file, or all when it is 0.
     */
    public static ImageSet readClasses(List<NamedFile> files, int capPerClass, ImageBudget budget) {
        if (capPerClass < 0) {
            throw new InvalidInputException(
                    "capPerClass", "must be 0 (all images) or a positive number, not " + capPerClass);
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("files", "no .npy files were uploaded; upload one file per class");
        }
        List<ClassImages> classes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        NpyImages first = null;
        String firstName = null;
        for (int i = 0; i < files.size(); i++) {
            NamedFile file = files.get(i);
            String field = "files[" + i + "]";
            String name = file.baseName();
            String label = file.className(field, List.of(NPY), GOOGLE_PREFIX, seen);
            NpyImages images = read(file.bytes(), field, name + ": ", capPerClass, budget);
            if (first == null) {
                first = images;
                firstName = name;
            } else if (images.height != first.height || images.width != first.width) {
                throw new InvalidInputException(
                        field,
                        name + " holds " + images.height + "×" + images.width
                                + " images but " + firstName + " holds " + first.height + "×" + first.width
                                + "; all classes must have the same image size");
            }
            classes.add(new ClassImages(label, images.count, images.pixels));
        }
        return ClassImages.stack(1, first.height, first.width, classes, "files");
    }

    /** The first {@code cap} images (all when 0), drawn from {@code budget} before their pixels are copied. */
    private static NpyImages read(byte[] npy, String field, String prefix, int cap, ImageBudget budget) {
        if (npy.length < 10 || !Arrays.equals(npy, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw invalid(
                    field,
                    prefix,
                    "not a NumPy .npy file (it does not start with \\x93NUMPY); save the array" + " with numpy.save");
        }
        int major = npy[6] & 0xFF;
        int minor = npy[7] & 0xFF;
        if (major < 1 || major > 3) {
            throw invalid(
                    field,
                    prefix,
                    ".npy format version " + major + "." + minor + " is not supported (only 1.0, 2.0 and 3.0)");
        }
        // v1 stores the header length as uint16, v2 and v3 as uint32 (both little-endian) to allow longer headers
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
            headerStart = 10;
        } else {
            if (npy.length < 12) {
                throw invalid(field, prefix, "the file ends inside its header");
            }
            headerLength =
                    ((npy[8] & 0xFFL) | (npy[9] & 0xFFL) << 8 | (npy[10] & 0xFFL) << 16 | (npy[11] & 0xFFL) << 24);
            headerStart = 12;
        }
        if (headerLength > MAX_HEADER || headerStart + headerLength > npy.length) {
            throw invalid(
                    field,
                    prefix,
                    "the header claims to be " + headerLength + " bytes long but the file holds" + " only " + npy.length
                            + " bytes; the file is damaged or truncated");
        }
        int dataStart = headerStart + (int) headerLength;
        // v3 allows UTF-8 in the header; the keys and values we accept are ASCII either way
        String text = new String(
                npy,
                headerStart,
                (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> header;
        try {
            header = new PyLiteral(text).dict();
        } catch (IllegalArgumentException e) {
            throw invalid(field, prefix, "the header is not a valid .npy header: " + e.getMessage());
        }

        Object descr = required(header, "descr", field, prefix);
        if (!(descr instanceof String) || !UINT8.contains(descr)) {
            String dtype = descr instanceof String ? (String) descr : "with fields (a structured array)";
            throw invalid(
                    field,
                    prefix,
                    "dtype " + dtype + " is not supported: Quick, Draw! bitmaps are uint8 (|u1);"
                            + " convert the array with .astype(numpy.uint8) (pixel values 0-255)");
        }
        Object fortran = required(header, "fortran_order", field, prefix);
        if (!(fortran instanceof Boolean)) {
            throw invalid(field, prefix, "fortran_order must be True or False, not " + fortran);
        }
        if ((Boolean) fortran) {
            throw invalid(
                    field,
                    prefix,
                    "fortran_order is True (column-major data); save a C-ordered array, e.g."
                            + " numpy.save(path, numpy.ascontiguousarray(array))");
        }
        int[] shape = imageShape(required(header, "shape", field, prefix), field, prefix);
        int count = shape[0];
        int height = shape[1];
        int width = shape[2];

        long declared = (long) count * height * width;
        long held = npy.length - (long) dataStart;
        if (held < declared) {
            throw invalid(
                    field,
                    prefix,
                    "declares " + count + " images of " + height + "×" + width + " (" + declared
                            + " bytes) but holds only " + held + " bytes after the header; the file is truncated");
        }
        if (held > declared) {
            throw invalid(
                    field,
                    prefix,
                    "declares " + count + " images of " + height + "×" + width + " (" + declared + " bytes) but holds "
                            + held + " bytes after the header; the header does not match the data");
        }
        int kept = cap == 0 ? count : Math.min(cap, count);
        budget.take(
                field,
                kept,
                (long) height * width,
                prefix + (kept < count ? kept + " of its " + count : String.valueOf(count)) + " images of " + height
                        + "×" + width,
                "; lower capPerClass or upload fewer files");
        return new NpyImages(
                kept, height, width, Arrays.copyOfRange(npy, dataStart, dataStart + kept * height * width));
    }

    private static Object required(Map<String, Object> header, String key, String field, String prefix) {
        Object value = header.get(key);
        if (value == null) {
            throw invalid(field, prefix, "the header has no '" + key + "'; save the array with numpy.save");
        }
        return value;
    }

    /** (count, height, width) from the shape tuple, after checking it against the limits. */
    private static int[] imageShape(Object value, String field, String prefix) {
        if (!(value instanceof List)) {
            throw invalid(field, prefix, "shape must be a tuple, not " + value);
        }
        List<?> tuple = (List<?>) value;
        String shown = PyLiteral.tupleString(tuple);
        List<Long> dims = new ArrayList<>();
        for (Object d : tuple) {
            if (!(d instanceof Long)) {
                throw invalid(field, prefix, "shape " + shown + " must hold whole numbers");
            }
            if ((Long) d < 0) {
                throw invalid(field, prefix, "shape " + shown + " has a negative size");
            }
            dims.add((Long) d);
        }
        if (dims.isEmpty()) {
            throw invalid(field, prefix, "shape () is a single number, not a stack of images");
        }
        long count = dims.get(0);
        // channel-first exports write (N, 1, 784) or (N, 1, 28, 28); a size-1 axis after N changes nothing
        List<Long> image = new ArrayList<>();
        for (Long d : dims.subList(1, dims.size())) {
            if (d != 1) {
                image.add(d);
            }
        }
        if (count < 1 || count > MAX_COUNT) {
            throw invalid(
                    field,
                    prefix,
                    "shape " + shown + " declares " + count + " images; a file here must hold" + " 1 to " + MAX_COUNT);
        }
        long height;
        long width;
        if (image.size() == 1) {
            long side = (long) Math.sqrt((double) image.get(0));
            while (side * side > image.get(0)) {
                side--;
            }
            while ((side + 1) * (side + 1) <= image.get(0)) {
                side++;
            }
            if (side * side != image.get(0)) {
                throw invalid(
                        field,
                        prefix,
                        "shape " + shown + ": " + image.get(0) + " pixels per image is not a"
                                + " square number, so the image size is unknown; save the array as (N, height, width)");
            }
            height = side;
            width = side;
        } else if (image.size() == 2) {
            height = image.get(0);
            width = image.get(1);
        } else {
            throw invalid(
                    field,
                    prefix,
                    "shape " + shown + " is not a stack of grayscale images; expected (N, "
                            + "height×width) like (N, 784) or (N, height, width)");
        }
        if (height < 1 || height > MAX_SIDE || width < 1 || width > MAX_SIDE) {
            throw invalid(
                    field,
                    prefix,
                    "shape " + shown + " means images of " + height + "×" + width + "; height and width must be 1 to "
                            + MAX_SIDE);
        }
        return new int[] {(int) count, (int) height, (int) width};
    }

    private static DomainException invalid(String field, String prefix, String message) {
        return new InvalidInputException(field, prefix + message);
    }
}
