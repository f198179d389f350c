package dev.neurona.storage;

import dev.neurona.platform.NeuronaProperties;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one artifact store of this process, chosen by {@code neurona.artifacts.store}. */
@Configuration(proxyBeanMethods = false)
class ArtifactStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(ArtifactStoreConfig.class);

    @Bean
    ArtifactStore artifactStore(NeuronaProperties properties) throws IOException {
        NeuronaProperties.Artifacts artifacts = properties.artifacts();
        ArtifactStore store =
                switch (artifacts.store()) {
                    case FILESYSTEM ->
                        new FileArtifactStore(properties.dataDir().resolve("artifacts"));
                    case S3 -> new S3ArtifactStore(artifacts.s3(), properties.dataDir());
                };
        log.info("Artifact store: {}", store.describe());
        return store;
    }
}
