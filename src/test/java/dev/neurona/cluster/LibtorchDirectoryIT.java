package dev.neurona.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code neurona.engine.libtorch-dir}, the way a GPU user brings a CUDA libtorch, tried on the CPU: the libtorch files
 * are copied out of the pytorch-native-cpu jar nested in the packaged service, into a folder of their own; the
 * service started with the setting loads them from there (not from its cache), says so in its log and
 * /actuator/info, computes (its health check adds two numbers in PyTorch) and trains a model.
 */
class LibtorchDirectoryIT {

    @TempDir
    Path dir;

    @Test
    void theServiceLoadsLibtorchFromTheDirectoryItIsGiven() throws Exception {
        Path libtorch = Files.createDirectories(dir.resolve("libtorch"));
        List<String> copied = copyLibtorchOutOfTheJar(libtorch);
        assertThat(copied).contains("libtorch.so", "libtorch_cpu.so", "libc10.so");
        Path data = dir.resolve("data");

        try (ServiceNode node = ServiceNode.start(
                "libtorch-dir",
                dir,
                Map.of("neurona.data-dir", data.toString(), "neurona.engine.libtorch-dir", libtorch.toString()))) {
            JsonNode djl = node.http().get("/actuator/info").expect(200).json().path("djl");
            System.out.println("[libtorch-dir] /actuator/info djl: " + djl);
            assertThat(djl.path("libtorch").asString()).isEqualTo(libtorch.toString());
            assertThat(djl.path("libtorchSource").asString()).isEqualTo("neurona.engine.libtorch-dir, cpu build");
            assertThat(djl.path("device").asString()).isEqualTo("cpu()");
            assertThat(node.log())
                    .contains("loaded through DJL 0.36.0")
                    .contains("from " + libtorch + " (neurona.engine.libtorch-dir, cpu build;")
                    .contains("training and prediction run on cpu()");
            // only DJL's JNI library went to the cache: the 430 MB of libtorch were not extracted there
            try (Stream<Path> cached = Files.walk(data.resolve("djl-cache"))) {
                assertThat(cached.map(p -> p.getFileName().toString()))
                        .contains("0.36.0-libdjl_torch.so")
                        .doesNotContain("libtorch_cpu.so");
            }

            Http http = node.http();
            String dataset = http.post("/api/v1/catalog/iris/import", "application/json", new byte[0])
                    .expect(201)
                    .json()
                    .path("id")
                    .asString();
            String spec = "{\"layers\": [{\"type\": \"dense\", \"units\": 8, \"activation\": \"relu\"},"
                    + " {\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}], \"epochs\": 3, \"seed\": 1}";
            String job = http.postJson("/api/v1/jobs", "{\"datasetId\": \"" + dataset + "\", \"spec\": " + spec + "}")
                    .expect(202)
                    .json()
                    .path("id")
                    .asString();
            String state = "";
            for (int i = 0; i < 240 && !state.equals("SUCCEEDED") && !state.equals("FAILED"); i++) {
                Thread.sleep(500);
                state = http.get("/api/v1/jobs/" + job)
                        .expect(200)
                        .json()
                        .path("state")
                        .asString();
            }
            assertThat(state).isEqualTo("SUCCEEDED");
        }
    }

    /** The files under pytorch/cpu/linux-x86_64/ of BOOT-INF/lib/pytorch-native-cpu-*.jar inside the service jar. */
    private static List<String> copyLibtorchOutOfTheJar(Path target) throws IOException {
        Path jar = Path.of(System.getProperty("neurona.jar", "target/neurona-0.1.0-SNAPSHOT.jar"));
        List<String> copied = new ArrayList<>();
        try (ZipInputStream outer = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = outer.getNextEntry()) != null; ) {
                if (e.getName().matches("BOOT-INF/lib/pytorch-native-cpu-.*\\.jar")) {
                    ZipInputStream inner = new ZipInputStream(outer);
                    for (ZipEntry f; (f = inner.getNextEntry()) != null; ) {
                        if (!f.isDirectory() && f.getName().startsWith("pytorch/cpu/")) {
                            String name = Path.of(f.getName()).getFileName().toString();
                            // Files.copy leaves the stream open, ready for the next entry
                            Files.copy(inner, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                            copied.add(name);
                        }
                    }
                    return copied;
                }
            }
        }
        throw new IllegalStateException("no pytorch-native-cpu jar inside " + jar);
    }
}
