package dev.neurona.prediction;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRefs;
import dev.neurona.model.ModelRegistry;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.spec.OutputHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/**
 * The Open Inference Protocol v2 over the models of this service. Inference turns the request's tensors into the
 * rows or images of the JSON API ({@link OipInputs}) and hands them to {@link PredictionService}, so one forward
 * pass with the model's own preprocessing answers both protocols alike; only the answer is re-arranged into tensors.
 */
@Service
class OipService {

    static final String PLATFORM = "neurona_djl_pytorch";
    static final String LABEL = "label";
    static final String PROBABILITIES = "probabilities";
    static final String SCORE = "score";
    static final String VALUE = "value";

    private static final Pattern ROW_CELL = Pattern.compile("rows\\[(\\d+)]\\.(.+)");
    private static final Pattern ROW = Pattern.compile("rows\\[(\\d+)](.*)");
    private static final Pattern IMAGE = Pattern.compile("images\\[(\\d+)](.*)");

    private final PredictionService predictions;
    private final ModelRefs refs;
    private final ModelRegistry registry;
    private final ApplicationAvailability availability;
    private final String version;

    OipService(
            PredictionService predictions,
            ModelRefs refs,
            ModelRegistry registry,
            ApplicationAvailability availability,
            ObjectProvider<BuildProperties> build) {
        this.predictions = predictions;
        this.refs = refs;
        this.registry = registry;
        this.availability = availability;
        BuildProperties props = build.getIfAvailable();
        this.version = props == null ? "dev" : props.getVersion();
    }

    OipResponse.ServerMetadata server() {
        return new OipResponse.ServerMetadata("neurona", version, List.of());
    }

    boolean live() {
        return availability.getLivenessState() == LivenessState.CORRECT;
    }

    boolean ready() {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    /** The registered model's version number the model is; "1" for a record without one (never after V9). */
    static String versionOf(ModelRecord record) {
        return record.version() == null ? "1" : String.valueOf(record.version());
    }

    OipResponse.ModelMetadata metadata(String name, String version) {
        ModelRecord record = record(name, version);
        refuseAutoencoder(record);
        if (record.preprocessing() instanceof TabularEncoding table) {
            return new OipResponse.ModelMetadata(
                    name,
                    List.of(versionOf(record)),
                    PLATFORM,
                    OipInputs.metadata(table),
                    outputs(record),
                    OipInputs.alternatives(table));
        }
        ImageEncoding image = (ImageEncoding) record.preprocessing();
        return new OipResponse.ModelMetadata(
                name, List.of(versionOf(record)), PLATFORM, OipInputs.metadata(image), outputs(record), Map.of());
    }

    /** Ready once stored: a model is loaded on its first prediction. */
    OipResponse.ModelReady modelReady(String name, String version) {
        record(name, version);
        return new OipResponse.ModelReady(name, true);
    }

    /** The protocol's outputs here are labels, probabilities and values: an autoencoder answers at the JSON door. */
    private static void refuseAutoencoder(ModelRecord record) {
        if (record.spec() != null && record.spec().reconstruction()) {
            throw new dev.neurona.platform.problem.ConflictException(
                    "Model " + record.id() + " is an autoencoder (spec.task reconstruction): the Open Inference "
                            + "Protocol door answers labels, probabilities and values; ask POST "
                            + "/api/v1/models/{ref}/predictions for its reconstructions, codes and scores.");
        }
    }

    OipResponse.Inference infer(String name, String version, OipRequest request) {
        ModelRecord record = record(name, version);
        refuseAutoencoder(record);
        List<OipResponse.TensorMetadata> available = outputs(record);
        List<String> wanted = wanted(request.outputs(), available);
        List<OipTensors.Tensor> inputs = OipTensors.read(request.inputs());
        PredictionRequest rowsOrImages = record.preprocessing() instanceof TabularEncoding table
                ? OipInputs.rows(table, inputs)
                : OipInputs.images((ImageEncoding) record.preprocessing(), inputs);
        PredictionResponse answer;
        try {
            // by id: the request is served by the model its reference named once, at the start
            answer = predictions.predict(record.id().toString(), null, rowsOrImages);
        } catch (InvalidInputException e) {
            throw inTensorTerms(e, inputs);
        }
        List<OipResponse.Tensor> outputs = new ArrayList<>();
        for (OipResponse.TensorMetadata m : available) {
            if (wanted.contains(m.name())) {
                outputs.add(tensor(m, answer.predictions(), record));
            }
        }
        return new OipResponse.Inference(
                name, versionOf(record), request.id(), notes(answer.predictions(), inputs), outputs);
    }

    /** The JSON API's per-row notes in one protocol parameter, whose values are scalars. */
    private static Map<String, Object> notes(
            List<PredictionResponse.Prediction> predictions, List<OipTensors.Tensor> inputs) {
        List<FieldProblem> notes = new ArrayList<>();
        for (PredictionResponse.Prediction p : predictions) {
            if (p.notes() != null) {
                p.notes().forEach(n -> notes.add(new FieldProblem(n.field(), n.reason())));
            }
        }
        if (notes.isEmpty()) {
            return Map.of();
        }
        String text = inTensorTerms(new InvalidInputException("notes", notes), inputs).errors().stream()
                .map(n -> n.field() + ": " + n.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return Map.of("notes", text);
    }

    private ModelRecord record(String name, String version) {
        Integer number = null;
        if (version != null) {
            try {
                number = Integer.valueOf(version);
            } catch (NumberFormatException notANumber) {
                throw new NotFoundException("model", name + "/versions/" + version);
            }
        }
        UUID id = refs.resolve(name, number);
        return registry.find(id).orElseThrow(() -> new NotFoundException("model", name));
    }

    /** Per row the predicted label and every class's probability; a margin model's score; a regression's value. */
    private static List<OipResponse.TensorMetadata> outputs(ModelRecord record) {
        if (record.preprocessing().task() == Task.REGRESSION) {
            return List.of(new OipResponse.TensorMetadata(VALUE, "FP64", List.of(-1L)));
        }
        OipResponse.TensorMetadata label = new OipResponse.TensorMetadata(LABEL, "BYTES", List.of(-1L));
        if (OutputHead.of(record.spec()) == OutputHead.MARGIN) {
            return List.of(label, new OipResponse.TensorMetadata(SCORE, "FP32", List.of(-1L)));
        }
        long classes = record.preprocessing().classes().size();
        return List.of(label, new OipResponse.TensorMetadata(PROBABILITIES, "FP32", List.of(-1L, classes)));
    }

    private static List<String> wanted(List<OipRequest.Output> requested, List<OipResponse.TensorMetadata> available) {
        List<String> names =
                available.stream().map(OipResponse.TensorMetadata::name).toList();
        if (requested == null || requested.isEmpty()) {
            return names;
        }
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            OipRequest.Output o = requested.get(i);
            if (o == null || !names.contains(o.name())) {
                throw new InvalidInputException(
                        "outputs[" + i + "]",
                        "unknown output " + (o == null ? "null" : "'" + o.name() + "'") + "; this model's outputs are "
                                + String.join(", ", names));
            }
            wanted.add(o.name());
        }
        return wanted;
    }

    private static OipResponse.Tensor tensor(
            OipResponse.TensorMetadata m, List<PredictionResponse.Prediction> predictions, ModelRecord record) {
        long n = predictions.size();
        switch (m.name()) {
            case LABEL:
                return new OipResponse.Tensor(
                        LABEL,
                        "BYTES",
                        List.of(n),
                        predictions.stream()
                                .map(PredictionResponse.Prediction::label)
                                .toList());
            case PROBABILITIES:
                List<String> classes = record.preprocessing().classes();
                List<Float> p = new ArrayList<>(predictions.size() * classes.size());
                for (PredictionResponse.Prediction prediction : predictions) {
                    // the probabilities were float before the JSON API widened them: narrowing is exact
                    classes.forEach(c -> p.add(prediction.probabilities().get(c).floatValue()));
                }
                return new OipResponse.Tensor(PROBABILITIES, "FP32", List.of(n, (long) classes.size()), p);
            case SCORE:
                return new OipResponse.Tensor(
                        SCORE,
                        "FP32",
                        List.of(n),
                        predictions.stream().map(x -> x.value().floatValue()).toList());
            default:
                // the value is decoded in double precision; FP64 keeps it equal to the JSON API's
                return new OipResponse.Tensor(
                        VALUE,
                        "FP64",
                        List.of(n),
                        predictions.stream()
                                .map(PredictionResponse.Prediction::value)
                                .toList());
        }
    }

    /** The JSON API names rows and images; a tensor client knows inputs and their rows. */
    private static InvalidInputException inTensorTerms(InvalidInputException e, List<OipTensors.Tensor> inputs) {
        List<FieldProblem> problems = new ArrayList<>();
        String whole = inputs.size() == 1 ? inputs.get(0).name() : null;
        for (FieldProblem p : e.errors()) {
            Matcher cell = ROW_CELL.matcher(p.field());
            Matcher row = ROW.matcher(p.field());
            Matcher image = IMAGE.matcher(p.field());
            String field;
            if (cell.matches()) {
                field = "input '" + (whole != null ? whole : cell.group(2)) + "', row " + cell.group(1)
                        + (whole != null ? " (" + cell.group(2) + ")" : "");
            } else if (row.matches()) {
                field = (whole != null ? "input '" + whole + "', " : "") + "row " + row.group(1) + row.group(2);
            } else if (image.matches()) {
                field = "input '" + whole + "', image " + image.group(1) + image.group(2);
            } else if ("rows".equals(p.field()) || "images".equals(p.field())) {
                field = "inputs";
            } else {
                field = p.field();
            }
            problems.add(new FieldProblem(field, p.message()));
        }
        return new InvalidInputException(e.title(), problems);
    }
}
