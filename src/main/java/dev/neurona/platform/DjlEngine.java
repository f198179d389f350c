package dev.neurona.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.engine.Engine;

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

    DjlEngine(NeuronaProperties properties) {
        Path cache = properties.resolvedCacheDir().toAbsolutePath();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the DJL cache directory " + cache, e);
        }
        // libtorch comes from the pytorch-native-cpu jar on the class path; offline makes DJL fail fast instead of
        // trying a download when something is missing.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        System.setProperty("ai.djl.cache_dir", cache.toString());
        System.setProperty("ai.djl.default_engine", "PyTorch");
        if (properties.engine().threads() > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(properties.engine().threads()));
        }
        if (properties.engine().interopThreads() > 0) {
            System.setProperty("ai.djl.pytorch.num_interop_threads",
                    String.valueOf(properties.engine().interopThreads()));
        }
        long start = System.nanoTime();
        this.engine = Engine.getEngine("PyTorch");
        log.info("PyTorch {} loaded through DJL {} in {} ms (cache {})", engine.getVersion(), Engine.getDjlVersion(),
                (System.nanoTime() - start) / 1_000_000, cache);
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
        builder.withDetail("djl", Map.of(
                "version", Engine.getDjlVersion(),
                "engine", engine.getEngineName(),
                "pytorch", engine.getVersion(),
                "device", engine.defaultDevice().toString(),
                "gpus", engine.getGpuCount()));
    }
}
