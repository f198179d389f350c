package dev.neurona.dataset;

import dev.neurona.platform.problem.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One uploaded file: the name the client sent (it may carry a folder path) and its bytes. */
public record NamedFile(String name, byte[] bytes) {

    public NamedFile {
        if (name == null || bytes == null) {
            throw new IllegalArgumentException("a named file needs a name and bytes");
        }
    }

    /** The name without any folder part; browsers and zip tools send either separator. */
    public String baseName() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /**
     * The class a one-file-per-class upload holds: the file name without its extension (the first of
     * {@code extensions} that fits) and without Google's download prefix, unique within the upload ({@code seen}
     * maps class → file name).
     */
    public String className(String field, List<String> extensions, String googlePrefix, Map<String, String> seen) {
        String base = baseName();
        String lower = base.toLowerCase(Locale.ROOT);
        String extension =
                extensions.stream().filter(lower::endsWith).findFirst().orElse(null);
        String example = "e.g. cat" + extensions.get(extensions.size() - 1);
        if (extension == null) {
            throw new InvalidInputException(
                    field,
                    base + " is not a " + extensions.get(extensions.size() - 1)
                            + " file; name each file after its class, " + example);
        }
        String name = base.substring(0, base.length() - extension.length());
        if (name.startsWith(googlePrefix)) {
            name = name.substring(googlePrefix.length());
        }
        if (name.isBlank()) {
            throw new InvalidInputException(
                    field, base + " has no class name; name each file after its class, " + example);
        }
        String clash = seen.put(name, base);
        if (clash != null) {
            throw new InvalidInputException(
                    field, base + " and " + clash + " both name the class '" + name + "'; upload one file per class");
        }
        return name;
    }
}
