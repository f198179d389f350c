package dev.neurona.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The whole service on a random port, as a user reaches it over HTTP, with a data directory of its own that is
 * deleted once the context is closed (the engine's cache is shared: src/test/resources/config/application.yaml).
 * The context is closed after the class: end-to-end classes train, queue and count what they made, so none inherits
 * another's state, and a closed context stops its job server instead of polling in the background of later tests.
 *
 * <p>Tagged {@code e2e}: {@code ./mvnw test -DexcludedGroups=e2e} runs only the fast tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(EndToEndTest.TempDataDir.class)
@DirtiesContext
public @interface EndToEndTest {

    /** Settings for this class's context, as {@code key=value}. */
    @AliasFor(annotation = SpringBootTest.class)
    String[] properties() default {};

    /**
     * Gives each context a fresh {@code neurona.data-dir}. The customizer is the same for every class, so it does not
     * on its own keep two classes from sharing a context; a shared context shares its directory.
     */
    final class TempDataDir implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new Customizer();
        }

        private record Customizer() implements ContextCustomizer {

            @Override
            public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
                Path dir = TestData.tempDir("neurona-e2e-");
                context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("e2e-data-dir", Map.of("neurona.data-dir", dir.toString())));
                // registered before every bean, so destroyed after all of them: the database and the job server are
                // closed before their files go
                ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                        .registerDisposableBean("e2eDataDirDeletion", () -> TestData.delete(dir));
            }
        }
    }
}
