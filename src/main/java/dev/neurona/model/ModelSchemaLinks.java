package dev.neurona.model;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Points readers of the service's OpenAPI description at each model's own document, on the Models tag. */
@Configuration(proxyBeanMethods = false)
class ModelSchemaLinks {

    static final String LINK = "Each model has its own OpenAPI document, for predicting with that one model (its "
            + "input columns or image shape, its classes, an example request): GET " + ModelSchemaController.PATH
            + ".";

    @Bean
    OpenApiCustomizer modelSchemaLink() {
        return api -> {
            if (api.getTags() == null) {
                return;
            }
            api.getTags().stream()
                    .filter(tag -> "Models".equals(tag.getName()))
                    .filter(tag -> tag.getDescription() == null
                            || !tag.getDescription().contains(LINK))
                    .forEach(tag -> tag.setDescription(
                            (tag.getDescription() == null ? "" : tag.getDescription() + ". ") + LINK));
        };
    }
}
