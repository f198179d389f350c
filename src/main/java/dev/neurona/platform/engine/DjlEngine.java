package dev.neurona.platform.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import dev.neurona.platform.NeuronaProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Loads DJL's PyTorch engine once, offline, with the configured threads and cache directory. Anything that touches
 * NDArrays depends on this bean, so the system properties below are set before the engine's first use (DJL reads
 * them only then). Also reports the engine in {@code /actuator/info}.
 */
@Component
public class DjlEngine implements InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(DjlEngine.class);

    private final Engine engine;
    private final Device device;
    private final String libtorch;
    private final String libtorchSource;

    DjlEngine(NeuronaProperties properties) {
        Path cache = properties.resolvedCacheDir().toAbsolutePath();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the DJL cache directory " + cache, e);
        }
        goOffline();
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        System.setProperty("ai.djl.cache_dir", cache.toString());
        System.setProperty("ai.djl.default_engine", "PyTorch");
        if (properties.engine().threads() > 0) {
            System.setProperty(
                    "ai.djl.pytorch.num_threads",
                    String.valueOf(properties.engine().threads()));
        }
        if (properties.engine().interopThreads() > 0) {
            System.setProperty(
                    "ai.djl.pytorch.num_interop_threads",
                    String.valueOf(properties.engine().interopThreads()));
        }
        this.libtorchSource = bringOwnLibtorch(properties.engine().libtorchDir());
        long start = System.nanoTime();
        this.engine = Engine.getEngine("PyTorch");
        this.libtorch = LibUtils.getLibtorchPath();
        log.info(
                "PyTorch {} loaded through DJL {} in {} ms from {} ({}; cache {})",
                engine.getVersion(),
                Engine.getDjlVersion(),
                (System.nanoTime() - start) / 1_000_000,
                libtorch,
                libtorchSource,
                cache);
        this.device = device(properties.device(), engine.getGpuCount(), engine.defaultDevice());
        log.info(
                "training and prediction run on {} (neurona.device={}, GPUs seen: {})",
                device,
                properties.device(),
                engine.getGpuCount());
    }

    /**
     * Points DJL at {@code neurona.engine.libtorch-dir} when it is set, after checking it (a mismatch would otherwise
     * surface as an unresolved symbol in native code, or a JNI DJL tries to download); says where libtorch comes from.
     */
    private static String bringOwnLibtorch(String setting) {
        if (setting == null || setting.isBlank()) {
            return System.getenv("PYTORCH_LIBRARY_PATH") != null
                    ? "PYTORCH_LIBRARY_PATH"
                    : "the CPU build inside the jar, extracted to the cache";
        }
        String classifier = Platform.detectPlatform("pytorch").getClassifier();
        LibtorchDirectory dir = LibtorchDirectory.resolve(
                setting,
                LibtorchDirectory.jniPytorchVersion(),
                classifier,
                flavor -> LibtorchDirectory.jniInJar(classifier, flavor));
        dir.apply();
        return LibtorchDirectory.SETTING + ", " + dir.flavor() + " build"
                + (dir.version() == null ? "" : " " + dir.version());
    }

    /**
     * The one place that puts DJL offline. libtorch comes from the pytorch-native-cpu jar on the class path: offline,
     * DJL fails fast instead of trying a download when something is missing, and does not call home (its telemetry
     * probes the EC2 metadata address when the Engine class loads). Called here, before the engine's first use, it
     * covers every way the service starts (spring-boot:run, the jar, the container, Spring tests); the test launcher
     * calls it too, for tests that use DJL without Spring.
     */
    public static void goOffline() {
        System.setProperty("ai.djl.offline", "true");
    }

    /**
     * Resolves {@code neurona.device}. Asking for a GPU the engine cannot see stops the start-up: silently training on
     * the CPU instead would turn a minutes-long job into hours without anyone being told.
     */
    public static Device device(String setting, int gpus, Device engineDefault) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("auto")) {
            return engineDefault;
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.matches("gpu(:\\d{1,3})?")) {
            int index = s.equals("gpu") ? 0 : Integer.parseInt(s.substring(4));
            if (index >= gpus) {
                throw new IllegalStateException("neurona.device=" + setting + " but PyTorch sees " + gpus + " GPU(s)"
                        + (gpus == 0 ? " (a CPU build of libtorch, or no CUDA device)" : "")
                        + ": use auto, cpu" + (gpus > 0 ? " or gpu:0..gpu:" + (gpus - 1) : ""));
            }
            return Device.gpu(index);
        }
        throw new IllegalStateException("neurona.device must be auto, cpu, gpu or gpu:<index>, not '" + setting + "'");
    }

    /** Where models are trained and served. */
    public Device device() {
        return device;
    }

    public Engine engine() {
        return engine;
    }

    /** Seeds PyTorch's generator, which weight initialisation and dropout masks draw from. */
    public void seed(long seed) {
        engine.setRandomSeed((int) (seed % Integer.MAX_VALUE));
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail(
                "djl",
                Map.of(
                        "version", Engine.getDjlVersion(),
                        "engine", engine.getEngineName(),
                        "pytorch", engine.getVersion(),
                        "device", device.toString(),
                        "gpus", engine.getGpuCount(),
                        "libtorch", libtorch,
                        "libtorchSource", libtorchSource));
    }
}
