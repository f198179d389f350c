package dev.neurona.dataset;

/** One uploaded file: the name the client sent (it may carry a folder path) and its bytes. */
record NamedFile(String name, byte[] bytes) {

    NamedFile {
        if (name == null || bytes == null) {
            throw new IllegalArgumentException("a named file needs a name and bytes");
        }
    }

    /** The name without any folder part; browsers and zip tools send either separator. */
    String baseName() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }
}
