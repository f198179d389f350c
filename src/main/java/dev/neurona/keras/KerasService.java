package dev.neurona.keras;

import dev.neurona.dataset.DatasetInfo;
import dev.neurona.dataset.DatasetService;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.SpecLimits;
import dev.neurona.spec.SpecValidator;
import dev.neurona.spec.keras.KerasImport;
import dev.neurona.spec.keras.KerasModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Keras documents in, Neurona specs out; with a dataset, checked against it as a dry run would. */
@Service
class KerasService {

    private final DatasetService datasets;
    private final SpecLimits limits;
    private final JsonMapper json;

    KerasService(DatasetService datasets, NeuronaProperties properties, JsonMapper json) {
        NeuronaProperties.Limits l = properties.limits();
        this.datasets = datasets;
        this.json = json;
        this.limits = new SpecLimits(l.maxLayers(), l.maxUnits(), l.maxParameters(), l.maxEpochs(), l.maxBatchSize());
    }

    KerasImportResult importModel(String document, UUID datasetId) {
        // the dataset first: an unknown id is the cheaper mistake to report
        DatasetInfo dataset = datasetId == null
                ? null
                : datasets.find(datasetId)
                        .orElseThrow(() -> new InvalidInputException(
                                "Unknown dataset",
                                List.of(new FieldProblem("datasetId", "no dataset with id " + datasetId))));
        KerasModel model = KerasImport.read(document, limits);
        if (dataset != null) {
            model = fitted(model, dataset);
        }
        return new KerasImportResult(
                withoutNulls(json.valueToTree(model.spec())),
                model.inputShape(),
                model.rows(),
                model.parameters(),
                model.notes(),
                new KerasImportResult.Source(model.version(), model.model()));
    }

    /** The model on the dataset's input: flattened when it takes the images' values as one vector, then validated. */
    private KerasModel fitted(KerasModel model, DatasetInfo dataset) {
        List<Integer> data = dataset.inputShape();
        if (!data.equals(model.inputShape())) {
            long values = data.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
            if (model.inputShape().size() == 1
                    && data.size() > 1
                    && values == model.inputShape().get(0)) {
                model = model.flattenedFor(data, limits);
            } else {
                throw new InvalidInputException(
                        "The Keras model does not fit the dataset",
                        List.of(new FieldProblem(
                                model.inputPath(),
                                "the model takes " + shape(model.inputShape()) + " (channels-first) but dataset "
                                        + dataset.id() + " holds " + shape(data))));
            }
        }
        try {
            SpecValidator.resolve(
                    model.spec(), new DataShape(data, dataset.task(), dataset.classes(), dataset.rows()), limits);
        } catch (InvalidInputException e) {
            throw model.inKerasTerms(e);
        }
        return model;
    }

    /** The spec as a person writes one: options left at their defaults are left out, not written as null. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> empty = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (e.getValue().isNull()) {
                    empty.add(e.getKey());
                } else {
                    withoutNulls(e.getValue());
                }
            }
            object.remove(empty);
        } else if (node != null && node.isArray()) {
            node.forEach(KerasService::withoutNulls);
        }
        return node;
    }

    private static String shape(List<Integer> shape) {
        return shape.toString().replace('[', '(').replace(']', ')');
    }
}
