package dev.neurona.spec.keras;

import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.LayerRow;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.ShapeInference;
import dev.neurona.spec.SpecLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An imported Keras model: the Neurona spec, its channels-first input shape, the dry-run rows on that shape, what
 * was translated how, and for each spec layer the JSON path of the Keras layer it came from.
 */
public record KerasModel(
        ModelSpec spec,
        List<Integer> inputShape,
        String inputPath,
        List<LayerRow> rows,
        List<KerasNote> notes,
        int version,
        String model,
        List<String> layerPaths) {

    private static final Pattern SPEC_LAYER = Pattern.compile("^spec\\.layers\\[(\\d+)](.*)$");

    public KerasModel {
        inputShape = List.copyOf(inputShape);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        layerPaths = List.copyOf(layerPaths);
    }

    /** The trainable parameters, as Keras' summary counts them. */
    public long parameters() {
        return rows.stream().mapToLong(LayerRow::parameters).sum();
    }

    /**
     * A spec problem ({@code spec.layers[2].kernelSize}) named where the user can fix it, in the Keras document
     * ({@code $.config.layers[3].config.kernel_size}); other fields (spec.loss, datasetId) stay as they are.
     */
    public String kerasPath(String specField) {
        Matcher m = SPEC_LAYER.matcher(specField);
        if (!m.matches() || Integer.parseInt(m.group(1)) >= layerPaths.size()) {
            return specField;
        }
        String layer = layerPaths.get(Integer.parseInt(m.group(1)));
        String rest = m.group(2);
        if (rest.isEmpty()) {
            return layer;
        }
        if (rest.startsWith(".inputs")) {
            return layer + ".inbound_nodes";
        }
        return layer + ".config" + rest.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The exception with every spec path turned into its Keras path. */
    public InvalidInputException inKerasTerms(InvalidInputException e) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldProblem p : e.errors()) {
            problems.add(new FieldProblem(kerasPath(p.field()), p.message()));
        }
        return new InvalidInputException("Cannot import the Keras model", problems);
    }

    /**
     * The model fed images of as many values as its flat input (Keras' mnist_mlp takes 784, MNIST holds 1×28×28): a
     * flatten layer first, taking the model's input in place of the layers that took it.
     */
    public KerasModel flattenedFor(List<Integer> imageShape, SpecLimits limits) {
        List<String> names = new ArrayList<>();
        spec.layers().forEach(l -> names.add(l.name()));
        String name = "flatten_input";
        for (int i = 2; names.contains(name); i++) {
            name = "flatten_input_" + i;
        }
        final String flatten = name;
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec.Flatten(name, null));
        for (LayerSpec layer : spec.layers()) {
            List<String> inputs = layer.inputs() == null
                    ? null
                    : layer.inputs().stream()
                            .map(in -> in.equals("input") ? flatten : in)
                            .toList();
            layers.add(layer.withWiring(layer.name(), inputs));
        }
        List<String> paths = new ArrayList<>();
        paths.add(inputPath);
        paths.addAll(layerPaths);
        List<KerasNote> more = new ArrayList<>(notes);
        more.add(new KerasNote(
                inputPath,
                "the model takes " + KerasValues.tuple(inputShape) + " values and the dataset holds images "
                        + KerasValues.tuple(imageShape) + " of as many: a flatten layer '" + name
                        + "' comes first"));
        ModelSpec flattened = new ModelSpec(layers, null, null, null, null, null, null, null);
        KerasModel partial = new KerasModel(flattened, imageShape, inputPath, List.of(), more, version, model, paths);
        try {
            return new KerasModel(
                    flattened,
                    imageShape,
                    inputPath,
                    ShapeInference.rows(layers, imageShape, limits),
                    more,
                    version,
                    model,
                    paths);
        } catch (InvalidInputException e) {
            throw partial.inKerasTerms(e);
        }
    }
}
