package dev.neurona.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neurona.engine.libtorch-dir}: which folder DJL is pointed at, which JNI flavor goes with it, and the checks
 * that stop the start with the reason instead of a crash in native code. The directory is really loaded by
 * LibtorchDirectoryIT (a separate JVM: DJL loads libtorch once per process).
 */
class LibtorchDirectoryTest {

    private static final Predicate<String> DJL_0_36 = Set.of("cpu", "cu128")::contains;

    @TempDir
    Path dir;

    @Test
    void anUnpackedZipIsTakenByItsTopFolderAndItsBuildVersionGivesTheFlavor() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
        touch(lib.resolve("libtorch.so"));
        touch(lib.resolve("libtorch_cuda.so"));
        Files.writeString(dir.resolve("libtorch/build-version"), "2.7.1+cu128\n");

        LibtorchDirectory found =
                LibtorchDirectory.resolve(dir.resolve("libtorch").toString(), "2.7.1", "x", DJL_0_36);

        assertThat(found.libDir()).isEqualTo(lib);
        assertThat(found.flavor()).isEqualTo("cu128");
        assertThat(found.version()).isEqualTo("2.7.1+cu128");
        // its lib folder directly works as well, the version still read beside it
        assertThat(LibtorchDirectory.resolve(lib.toString(), "2.7.1", "x", DJL_0_36))
                .isEqualTo(found);
    }

    @Test
    void aFolderCopiedOutOfDjlsNativeJarHasNoVersionAndIsTheCpuFlavor() throws IOException {
        touch(dir.resolve("libtorch.so"));
        touch(dir.resolve("libtorch_cpu.so"));

        LibtorchDirectory found = LibtorchDirectory.resolve(dir.toString(), "2.7.1", "x", DJL_0_36);

        assertThat(found).isEqualTo(new LibtorchDirectory(dir, "cpu", null));
        assertThat(LibtorchDirectory.flavor(null, true)).isEqualTo("cu128");
    }

    @Test
    void anotherPytorchVersionIsRefusedNamingBoth() throws IOException {
        touch(Files.createDirectories(dir.resolve("lib")).resolve("libtorch.so"));
        Files.writeString(dir.resolve("build-version"), "2.5.1+cu124");

        assertThatIllegalStateException()
                .isThrownBy(() -> LibtorchDirectory.resolve(dir.toString(), "2.7.1", "x", DJL_0_36))
                .withMessageContaining("neurona.engine.libtorch-dir=")
                .withMessageContaining("libtorch 2.5.1+cu124")
                .withMessageContaining("only works with libtorch 2.7.1");
    }

    @Test
    void aCudaBuildDjlHasNoJniForNeedsItsOwnJniBesideIt() throws IOException {
        touch(Files.createDirectories(dir.resolve("lib")).resolve("libtorch.so"));
        Files.writeString(dir.resolve("build-version"), "2.7.1+cu126");

        assertThatIllegalStateException()
                .isThrownBy(() -> LibtorchDirectory.resolve(dir.toString(), "2.7.1", "linux-x86_64", DJL_0_36))
                .withMessageContaining("cu126 build")
                .withMessageContaining("only as cpu and cu128");

        touch(dir.resolve("lib/" + System.mapLibraryName("djl_torch")));
        assertThat(LibtorchDirectory.resolve(dir.toString(), "2.7.1", "linux-x86_64", DJL_0_36)
                        .flavor())
                .isEqualTo("cu126");
    }

    @Test
    void aMissingFolderOrOneWithoutLibtorchIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LibtorchDirectory.resolve(dir.resolve("nope").toString(), "2.7.1", "x", DJL_0_36))
                .withMessageContaining("no such directory");
        assertThatIllegalStateException()
                .isThrownBy(() -> LibtorchDirectory.resolve(dir.toString(), "2.7.1", "x", DJL_0_36))
                .withMessageContaining("no libtorch.so in it or in its lib folder");
    }

    @Test
    void theJarsJniIsBuiltForPytorch271WithCpuAndCu128ForLinux() {
        assertThat(LibtorchDirectory.jniPytorchVersion()).isEqualTo("2.7.1");
        assertThat(LibtorchDirectory.jniInJar("linux-x86_64", "cpu")).isTrue();
        assertThat(LibtorchDirectory.jniInJar("linux-x86_64", "cu128")).isTrue();
        assertThat(LibtorchDirectory.jniInJar("linux-x86_64", "cu126")).isFalse();
    }

    private static void touch(Path file) throws IOException {
        Files.write(file, new byte[] {0});
    }
}
