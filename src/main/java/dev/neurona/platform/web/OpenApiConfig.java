package dev.neurona.platform.web;

import dev.neurona.platform.problem.ProblemHandler;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** API description for /v3/api-docs and the Swagger UI, with the problem+json shape every error shares. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI neuronaApi(ObjectProvider<BuildProperties> build) {
        BuildProperties props = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Neurona API")
                        .version(props == null ? "dev" : props.getVersion())
                        .description("Train and serve small neural networks: upload a dataset, post a Keras-like "
                                + "spec (validated, with a dry run), follow the training job, predict with the "
                                + "model. Errors are RFC 9457 problem+json with an `errors` list of {field, message}. Each "
                                + "model describes its own prediction request and answer (columns, categories, image "
                                + "shape, classes, an example) at `GET /api/v1/models/{ref}/openapi.json`.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSchemas(PROBLEM, problemSchema())
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")
                                        .description(
                                                "an API key; the first admin key is printed in the log at first start"))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("the same API key as a bearer token")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Adds the shared problem+json error responses to every operation. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations()
                .forEach(op -> {
                    Map<String, String> errors = Map.of(
                            "400", "invalid input: `errors` names each field and what is wrong",
                            "401", "no API key, or an unknown, revoked or expired one",
                            "403", "the key's role may not do this",
                            "404", "unknown id",
                            "409", "conflict with the resource's current state");
                    errors.forEach((status, description) -> op.getResponses()
                            .putIfAbsent(
                                    status,
                                    new ApiResponse()
                                            .description(description)
                                            .content(new Content()
                                                    .addMediaType(
                                                            "application/problem+json",
                                                            new MediaType()
                                                                    .schema(new Schema<>()
                                                                            .$ref("#/components/schemas/"
                                                                                    + PROBLEM))))));
                }));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema().example("spec.layers[1].units"))
                .addProperty(
                        "message",
                        new StringSchema().example("the output layer has 2 units but the dataset has 3 classes"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example(ProblemHandler.TYPE_BASE + "validation"))
                .addProperty("title", new StringSchema().example("Invalid spec"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .example("spec.layers[1].units: the output layer has 2 "
                                        + "units but the dataset has 3 classes"))
                .addProperty("instance", new StringSchema().example("/api/v1/jobs"))
                .addProperty("errors", new ArraySchema().items(fieldProblem))
                .addProperty(
                        "setting",
                        new StringSchema()
                                .example("neurona.jobs.max-queued")
                                .description("429 and 503 for a reached limit: the setting to raise"))
                .addProperty("limit", new IntegerSchema().example(100).description("the setting's value"))
                .addProperty("current", new IntegerSchema().example(100).description("the count it limits, now"))
                .required(List.of("type", "title", "status"));
    }
}
