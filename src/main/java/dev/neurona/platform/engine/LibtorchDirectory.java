package dev.neurona.platform.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code neurona.engine.libtorch-dir}: a libtorch the user brings (a CUDA build, since Maven Central has none for
 * PyTorch 2.7.1) instead of the CPU build inside the jar. DJL takes such a directory from {@code PYTORCH_LIBRARY_PATH}
 * (environment or system property), then looks for its own JNI library ({@code libdjl_torch.so}) in that directory,
 * else in the pytorch-jni jar under the <em>flavor</em> from {@code PYTORCH_FLAVOR}. Left to itself DJL guesses the
 * flavor {@code cpu-precxx11} or {@code cu<version>-precxx11}, names the 0.36.0 jar does not have, so the flavor is
 * worked out here from the directory and everything that would only fail later in native code is checked first.
 *
 * @param libDir  the directory holding {@code libtorch.so}: the setting itself, or its {@code lib} folder when the
 *                setting names an unpacked libtorch ZIP's top folder
 * @param flavor  {@code cpu} or {@code cu128}: which of DJL's JNI builds goes with it
 * @param version what the directory's {@code build-version} file says (e.g. {@code 2.7.1+cu128}), or null when it
 *                has none (a directory copied out of DJL's native jar)
 */
record LibtorchDirectory(Path libDir, String flavor, String version) {

    static final String SETTING = "neurona.engine.libtorch-dir";
    private static final String LIBTORCH = System.mapLibraryName("torch");
    private static final String JNI = System.mapLibraryName("djl_torch");

    /**
     * Checks the directory against the PyTorch version DJL's JNI was built for ({@code 2.7.1}) and the JNI builds on
     * the class path. Every refusal names the setting and says what would work.
     *
     * @param jniVersion the PyTorch version of DJL's JNI library (jnilib/pytorch.properties)
     * @param classifier DJL's platform classifier, e.g. {@code linux-x86_64}
     * @param jniInJar   whether the pytorch-jni jar has a JNI build for a flavor on this platform
     */
    static LibtorchDirectory resolve(
            String setting, String jniVersion, String classifier, java.util.function.Predicate<String> jniInJar) {
        Path given = Path.of(setting.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(given)) {
            throw new IllegalStateException(SETTING + "=" + setting + ": no such directory");
        }
        Path libDir = Files.isRegularFile(given.resolve(LIBTORCH)) ? given : given.resolve("lib");
        if (!Files.isRegularFile(libDir.resolve(LIBTORCH))) {
            throw new IllegalStateException(SETTING + "=" + setting + ": no " + LIBTORCH + " in it or in its lib"
                    + " folder; point it at an unpacked libtorch " + jniVersion + " (the folder with build-version"
                    + " and lib/)");
        }
        String version = buildVersion(given, libDir);
        if (version != null && !version.equals(jniVersion) && !version.startsWith(jniVersion + "+")) {
            throw new IllegalStateException(SETTING + "=" + setting + " holds libtorch " + version + ", but this"
                    + " build of DJL only works with libtorch " + jniVersion);
        }
        String flavor = flavor(version, Files.exists(libDir.resolve(System.mapLibraryName("torch_cuda"))));
        boolean ownJni = Files.isRegularFile(libDir.resolve(JNI));
        if (!ownJni && !jniInJar.test(flavor)) {
            throw new IllegalStateException(SETTING + "=" + setting + " is a " + flavor + " build of libtorch, but"
                    + " DJL ships its JNI library for " + classifier + " only as cpu and cu128: use libtorch "
                    + jniVersion + "+cu128, or put a " + JNI + " built for " + flavor + " beside " + LIBTORCH);
        }
        return new LibtorchDirectory(libDir, flavor, version);
    }

    /** The CUDA flavor from build-version's local part ({@code 2.7.1+cu128}), else from the files present. */
    static String flavor(String version, boolean hasCudaLibrary) {
        int plus = version == null ? -1 : version.indexOf('+');
        if (plus >= 0) {
            return version.substring(plus + 1).toLowerCase(Locale.ROOT);
        }
        // DJL 0.36.0's only CUDA JNI for Linux is cu128
        return hasCudaLibrary ? "cu128" : "cpu";
    }

    /** Points DJL at this directory; call before the engine's first use. An explicit PYTORCH_FLAVOR wins. */
    void apply() {
        System.setProperty("PYTORCH_LIBRARY_PATH", libDir.toString());
        if (System.getenv("PYTORCH_FLAVOR") == null) {
            System.setProperty("PYTORCH_FLAVOR", flavor);
        }
    }

    /** The PyTorch version DJL's JNI library on the class path was built for, e.g. {@code 2.7.1}. */
    static String jniPytorchVersion() {
        Properties properties = new Properties();
        try (InputStream in = LibtorchDirectory.class.getResourceAsStream("/jnilib/pytorch.properties")) {
            if (in == null) {
                throw new IllegalStateException("pytorch-jni is not on the class path (jnilib/pytorch.properties)");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // jni_version=2.7.1-0.36.0: the PyTorch version, then DJL's
        String jni = properties.getProperty("jni_version", "");
        int dash = jni.indexOf('-');
        return dash > 0 ? jni.substring(0, dash) : jni;
    }

    /** Whether the pytorch-jni jar carries a JNI build for this platform and flavor. */
    static boolean jniInJar(String classifier, String flavor) {
        return LibtorchDirectory.class.getResource("/jnilib/" + classifier + "/" + flavor + "/" + JNI) != null;
    }

    private static String buildVersion(Path given, Path libDir) {
        // an unpacked libtorch ZIP: libtorch/build-version beside libtorch/lib
        Path parent = libDir.getParent() == null ? libDir : libDir.getParent();
        for (Path candidate : new Path[] {given.resolve("build-version"), parent.resolve("build-version")}) {
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate, StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + candidate, e);
                }
            }
        }
        return null;
    }
}
