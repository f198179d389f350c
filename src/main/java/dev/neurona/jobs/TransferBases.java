package dev.neurona.jobs;

import dev.neurona.dataset.DatasetInfo;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRegistry;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Transfer;
import dev.neurona.spec.Transfers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Transfer learning at submission: looks the base model up and puts its layers 0..upTo in front of the job's layers
 * (the new head), so the spec validator, the dry run, training, predictions and exports all see one whole network.
 * The base is named in the spec, so an unknown base is a 400 at {@code spec.from.model}, not a 404 of the job.
 */
@Component
class TransferBases {

    private final ModelRegistry models;

    TransferBases(ModelRegistry models) {
        this.models = models;
    }

    /** Whether {@link #expand} puts base layers in front of this spec's (a resolved spec already holds them). */
    static boolean expands(ModelSpec spec) {
        return spec.from() != null && spec.from().id() == null;
    }

    /** The spec with the base's layers in front and {@code from} naming the base; unchanged without transfer. */
    ModelSpec expand(ModelSpec spec, DatasetInfo dataset) {
        Transfer from = spec.from();
        if (from == null) {
            return spec;
        }
        List<FieldProblem> problems = new ArrayList<>();
        ModelRecord base = base(from, problems);
        if (base == null) {
            throw new InvalidInputException("Invalid spec", problems);
        }
        List<LayerSpec> baseLayers = base.spec().layers();
        if (base.spec().perceptron()) {
            problems.add(new FieldProblem(
                    "spec.from.model",
                    "model " + base.label() + " was trained by the perceptron rule; only gradient-trained "
                            + "models can be a base"));
        }
        if (base.preprocessing() != null && !base.preprocessing().inputShape().equals(dataset.inputShape())) {
            problems.add(new FieldProblem(
                    "spec.from.model",
                    "model " + base.label() + " takes inputs of shape "
                            + base.preprocessing().inputShape()
                            + " and this dataset's are " + dataset.inputShape()
                            + ": the base's first layer must fit the new inputs"));
        }
        Integer upTo = from.upTo() == null
                ? required(problems)
                : Transfers.index(from.upTo(), baseLayers, "spec.from.upTo", problems);
        if (from.id() != null) {
            // a resolved spec submitted again: its layers already start with the base's
            checkSameBase(spec, base, upTo, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException("Invalid spec", problems);
            }
            return spec;
        }
        List<LayerSpec> head = spec.layers() == null ? List.of() : spec.layers();
        if (upTo != null) {
            Set<String> names = new HashSet<>();
            baseLayers.subList(0, upTo + 1).forEach(l -> names.add(l.name()));
            for (int j = 0; j < head.size(); j++) {
                LayerSpec layer = head.get(j);
                if (layer != null && layer.name() != null && names.contains(layer.name())) {
                    problems.add(new FieldProblem(
                            "spec.layers[" + j + "].name",
                            "'" + layer.name() + "' names a layer of the base model already: rename it"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid spec", problems);
        }
        List<LayerSpec> layers = new ArrayList<>(baseLayers.subList(0, upTo + 1));
        layers.addAll(head);
        Transfer resolved = new Transfer(
                from.model(), upTo, from.frozen(), base.id(), base.registeredName(), base.version(), base.datasetId());
        return new ModelSpec(
                layers,
                spec.loss(),
                spec.optimizer(),
                spec.epochs(),
                spec.batchSize(),
                spec.validationSplit(),
                spec.testSplit(),
                spec.seed(),
                spec.images(),
                spec.lossOptions(),
                spec.classWeights(),
                spec.earlyStopping(),
                spec.mode(),
                spec.tables(),
                spec.task(),
                spec.autoencoder(),
                resolved,
                spec.unfreeze(),
                spec.physics());
    }

    /**
     * The validator's problems with layer paths as the request wrote them: the head's layers counted from 0 again,
     * the base's (which the request did not write) under {@code spec.from}.
     */
    static InvalidInputException inRequestTerms(InvalidInputException e, int baseLayers) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldProblem p : e.errors()) {
            String field = p.field();
            if (field.startsWith("spec.layers[")) {
                int close = field.indexOf(']');
                int index = Integer.parseInt(field.substring("spec.layers[".length(), close));
                if (index >= baseLayers) {
                    problems.add(new FieldProblem(
                            "spec.layers[" + (index - baseLayers) + "]" + field.substring(close + 1), p.message()));
                } else {
                    problems.add(new FieldProblem("spec.from.upTo", "base layer " + index + ": " + p.message()));
                }
            } else {
                problems.add(p);
            }
        }
        return new InvalidInputException("Invalid spec", problems);
    }

    private ModelRecord base(Transfer from, List<FieldProblem> problems) {
        if (from.model() == null || from.model().isBlank()) {
            problems.add(new FieldProblem(
                    "spec.from.model", "required: a trained model's id, registered name or name@alias"));
            return null;
        }
        Optional<ModelRecord> found;
        try {
            found = from.id() != null ? models.find(from.id()) : Optional.of(models.get(from.model()));
        } catch (NotFoundException | InvalidInputException e) {
            // the reference is a field of this spec: its problem is the spec's, not the URL's
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            problems.add(new FieldProblem(
                    "spec.from.model",
                    "no model '" + shorten(from.model()) + "'" + (from.id() != null ? " (id " + from.id() + ")" : "")
                            + ": use a model's id, registered name or name@alias"));
            return null;
        }
        if (found.get().spec() == null) {
            problems.add(
                    new FieldProblem("spec.from.model", "model " + found.get().id() + " cannot be read back"));
            return null;
        }
        return found.get();
    }

    private static void checkSameBase(ModelSpec spec, ModelRecord base, Integer upTo, List<FieldProblem> problems) {
        if (upTo == null) {
            return;
        }
        List<LayerSpec> kept = base.spec().layers().subList(0, upTo + 1);
        if (spec.layers() == null
                || spec.layers().size() <= upTo
                || !spec.layers().subList(0, upTo + 1).equals(kept)) {
            problems.add(new FieldProblem(
                    "spec.from.id",
                    "with an id (a resolved spec) the layers must start with the base's layers 0.." + upTo
                            + "; to start a new transfer, leave id out and list only the new head's layers"));
        }
    }

    private static Integer required(List<FieldProblem> problems) {
        problems.add(
                new FieldProblem("spec.from.upTo", "required: the base's last layer kept, by name or 0-based index"));
        return null;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
