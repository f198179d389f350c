package dev.neurona.model;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.spec.OutputHead;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 document for predicting with one model: its prediction URL, a request schema naming every input
 * (table columns with their types and categories, or the image shape and drawing format), a response schema with
 * its class names, and a ready-to-send example built from the model's training statistics.
 */
final class ModelOpenApi {

    static final String REQUEST = "PredictionRequest";
    static final String RESPONSE = "PredictionResponse";
    static final String PREDICTION = "Prediction";
    private static final String ROW = "Row";
    private static final String PROBLEM = "Problem";
    private static final String JSON = "application/json";

    private ModelOpenApi() {}

    /** {@code path}: the model's prediction URL, as the client should call it. */
    static OpenAPI of(ModelRecord model, String path, int maxRows) {
        Components components = new Components()
                .addSecuritySchemes(
                        "apiKey",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("X-API-Key"))
                .addSecuritySchemes(
                        "bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSchemas(PROBLEM, problem())
                .addSchemas(PREDICTION, prediction(model))
                .addSchemas(
                        RESPONSE,
                        new ObjectSchema()
                                .addProperty("modelId", new UUIDSchema().example(model.id()))
                                .addProperty("predictions", new ArraySchema().items(ref(PREDICTION)))
                                .required(List.of("modelId", "predictions")));
        Operation json = new Operation()
                .operationId("predict")
                .summary("Predict with model " + describe(model))
                .addTagsItem("Predictions")
                .responses(responses());
        PathItem item = new PathItem().post(json);
        if (model.preprocessing() instanceof TabularEncoding table) {
            components.addSchemas(ROW, PredictionInputs.row(table));
            ArraySchema rows = new ArraySchema().items(ref(ROW));
            rows.minItems(1).maxItems(maxRows);
            components.addSchemas(
                    REQUEST,
                    new ObjectSchema()
                            .addProperty("rows", rows.description("one prediction per row"))
                            .required(List.of("rows")));
            json.requestBody(body(
                    JSON,
                    ref(REQUEST),
                    Map.of("rows", List.of(PredictionInputs.exampleRow(table))),
                    "a row of the training means and most frequent categories"));
        } else if (model.preprocessing() instanceof ImageEncoding image) {
            components.addSchemas(REQUEST, PredictionInputs.imageBody(image, maxRows));
            RequestBody body = body(
                    JSON, ref(REQUEST), Map.of("images", List.of(PredictionInputs.blankImage(image))), "a blank image");
            if (PredictionInputs.takesDrawings(image)) {
                body.getContent()
                        .get(JSON)
                        .addExamples(
                                "drawing",
                                new Example()
                                        .summary("a drawing of two strokes")
                                        .value(Map.of("drawings", List.of(PredictionInputs.EXAMPLE_DRAWING))));
            }
            body.getContent().addMediaType("multipart/form-data", pictures());
            json.requestBody(body);
            json.addParametersItem(new QueryParameter()
                            .name("topK")
                            .schema(PredictionInputs.topK(image))
                            .description("multipart only (JSON: in the body)"))
                    .addParametersItem(new QueryParameter()
                            .name("includeInput")
                            .schema(new io.swagger.v3.oas.models.media.BooleanSchema()._default(false))
                            .description("multipart only (JSON: in the body)"));
        }
        return new OpenAPI()
                .info(new Info()
                        .title("Neurona model " + describe(model))
                        .version(model.id().toString())
                        .description(description(model)))
                .paths(new Paths().addPathItem(path, item))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    private static String describe(ModelRecord model) {
        return model.name() == null ? model.id().toString() : model.name() + " (" + model.id() + ")";
    }

    private static String description(ModelRecord model) {
        String what = autoencoder(model)
                ? "Autoencoder (spec.task reconstruction): each prediction is the input's `reconstruction`, its "
                        + "`code`, its `score` (reconstruction error) and whether it is an `anomaly`."
                : model.task() == Task.REGRESSION
                        ? "Regression: each prediction is a `value` in the target's units."
                        : "Classification into "
                                + model.preprocessing().classes().size() + " classes: "
                                + String.join(", ", model.preprocessing().classes()) + ".";
        String input = model.preprocessing() instanceof ImageEncoding image
                ? " Input: " + image.inputShape().get(0) + "×"
                        + image.inputShape().get(1) + "×"
                        + image.inputShape().get(2) + " images as JSON pixels"
                        + (PredictionInputs.takesDrawings(image) ? " or drawings (strokes)" : "")
                        + ", or PNG/JPEG files as multipart `files`."
                : " Input: table rows of the model's "
                        + ((TabularEncoding) model.preprocessing()).features().size() + " input columns.";
        return what + input + " Trained on dataset " + model.datasetId() + " by job " + model.jobId() + ".";
    }

    private static boolean autoencoder(ModelRecord model) {
        return model.spec() != null && model.spec().reconstruction();
    }

    private static Schema<?> prediction(ModelRecord model) {
        ObjectSchema prediction = new ObjectSchema();
        if (autoencoder(model)) {
            prediction.addProperty(
                    "reconstruction",
                    model.preprocessing() instanceof ImageEncoding
                            ? new StringSchema().format("byte").description("the reconstructed image, PNG")
                            : new ObjectSchema().description("every input column's reconstructed value"));
            prediction.addProperty(
                    "code", new ArraySchema().items(new NumberSchema()).description("the code layer's values"));
            prediction.addProperty(
                    "score",
                    new NumberSchema().description("the reconstruction error, in the training loss's measure"));
            prediction.addProperty(
                    "anomaly",
                    new io.swagger.v3.oas.models.media.BooleanSchema().description("score above the stored threshold"));
            prediction.required(List.of("reconstruction", "score", "anomaly"));
            return prediction;
        }
        List<String> classes = model.preprocessing().classes();
        if (model.task() == Task.REGRESSION) {
            prediction.addProperty(
                    "value", new NumberSchema().description("the predicted value, in the target's units"));
            prediction.required(List.of("value"));
        } else {
            StringSchema label = new StringSchema();
            label.setEnum(new ArrayList<>(classes));
            prediction.addProperty("label", label.description("the predicted class"));
            if (margin(model)) {
                prediction.addProperty(
                        "value",
                        new NumberSchema()
                                .description("the margin score: " + classes.get(1) + " when ≥ 0, else " + classes.get(0)
                                        + "; no probability"));
                prediction.required(List.of("label", "value"));
            } else {
                ObjectSchema probabilities = new ObjectSchema();
                for (String c : classes) {
                    probabilities.addProperty(
                            c, new NumberSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.ONE));
                }
                probabilities.required(new ArrayList<>(classes));
                prediction.addProperty("probabilities", probabilities.description("every class's probability"));
                prediction.required(List.of("label", "probabilities"));
            }
        }
        if (model.preprocessing() instanceof ImageEncoding) {
            StringSchema label = new StringSchema();
            label.setEnum(new ArrayList<>(classes));
            Schema<?> ranked = new ObjectSchema()
                    .addProperty("label", label)
                    .addProperty(
                            "probability",
                            new NumberSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.ONE));
            prediction.addProperty(
                    "top", new ArraySchema().items(ranked).description("the best topK classes, best first"));
            prediction.addProperty(
                    "input",
                    new StringSchema().format("byte").description("with includeInput: the image the model saw, PNG"));
        } else {
            Schema<?> note = new ObjectSchema()
                    .addProperty("field", new StringSchema().example("rows[0].color"))
                    .addProperty("reason", new StringSchema());
            prediction.addProperty(
                    "notes",
                    new ArraySchema()
                            .items(note)
                            .description("what was done to a cell instead of refusing it; absent when nothing"));
        }
        return prediction;
    }

    /** Hinge and perceptron classifiers answer a score instead of probabilities (see {@link OutputHead}). */
    private static boolean margin(ModelRecord model) {
        return model.spec() != null
                && (model.spec().perceptron() || "hinge".equals(model.spec().loss()));
    }

    private static MediaType pictures() {
        ArraySchema files = new ArraySchema().items(new BinarySchema());
        files.minItems(1);
        return new MediaType()
                .schema(new ObjectSchema()
                        .addProperty(
                                "files",
                                files.description("PNG or JPEG pictures, prepared like the model's training images"))
                        .required(List.of("files")));
    }

    private static RequestBody body(String mediaType, Schema<?> schema, Object example, String summary) {
        return new RequestBody()
                .required(true)
                .content(new Content()
                        .addMediaType(
                                mediaType,
                                new MediaType()
                                        .schema(schema)
                                        .addExamples(
                                                "example",
                                                new Example().summary(summary).value(example))));
    }

    private static ApiResponses responses() {
        ApiResponses responses = new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("one prediction per input, in order")
                                .content(new Content().addMediaType(JSON, new MediaType().schema(ref(RESPONSE)))));
        List.of(
                        List.of(
                                "400",
                                "invalid input: `errors` names each field (rows[i].column, images[i]) and what is wrong"),
                        List.of("401", "no API key, or an unknown, revoked or expired one"),
                        List.of("404", "no such model (deleted)"),
                        List.of("409", "the model's stored files are corrupted"))
                .forEach(status -> responses.addApiResponse(
                        status.get(0),
                        new ApiResponse()
                                .description(status.get(1))
                                .content(new Content()
                                        .addMediaType(
                                                "application/problem+json", new MediaType().schema(ref(PROBLEM))))));
        return responses;
    }

    private static Schema<?> problem() {
        Schema<?> field =
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("errors", new ArraySchema().items(field));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }
}
