package dev.neurona.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * Jackson takes {@code "dryRun": "true"} and {@code "dryRun": 1} as true, {@code "epochs": "10"} as 10 and
 * {@code "task": 0} as the first constant: a client's mistake (a quoted number, a flag set by a form's "1") would go
 * unnoticed, and a different client would read the same body differently. Request bodies must use JSON's own types;
 * everything the service stores it writes with those types, so reading it back is unaffected. A whole number is
 * still a valid floating-point value ({@code "learningRate": 1}), and NaN/Infinity in stored metrics are read as
 * before (Jackson treats those strings apart from coercion).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder.withCoercionConfig(LogicalType.Boolean, config -> config.setCoercion(
                                CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
