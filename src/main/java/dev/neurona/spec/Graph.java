package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which layers feed each layer (Keras' functional API): {@code inputs.get(i)} lists the indices of the layers that
 * layer i takes, {@link #INPUT} for the model's input. Layers are listed in the order they compute, so every input
 * comes earlier; the last layer is the output and every other layer must lead to it. A spec without {@code inputs}
 * anywhere is a chain, each layer taking the one before it: the sequential form.
 */
public record Graph(List<List<Integer>> inputs, List<String> names) {

    /** Stands for the model's input among a layer's inputs. */
    public static final int INPUT = -1;
    /** How the model's input is named in {@code inputs}. */
    public static final String INPUT_NAME = "input";

    static final int MAX_MERGED = 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    /** Whether each layer takes just the one before it, so the network is a plain stack. */
    public boolean chain() {
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(List.of(i - 1))) {
                return false;
            }
        }
        return true;
    }

    /** How a layer is named in messages and tables: its name, or its place in the list. */
    public String label(int layer) {
        if (layer == INPUT) {
            return INPUT_NAME;
        }
        return names.get(layer) != null ? names.get(layer) : "layers[" + layer + "]";
    }

    /** A stack of {@code layers} layers, each taking the one before it. */
    public static Graph stack(int layers) {
        List<List<Integer>> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            inputs.add(List.of(i - 1));
            names.add(null);
        }
        return new Graph(List.copyOf(inputs), java.util.Collections.unmodifiableList(names));
    }

    /** The wiring of valid layers (validated before: see {@link #of}). */
    public static Graph of(List<LayerSpec> layers) {
        List<FieldProblem> problems = new ArrayList<>();
        Graph graph = of(layers, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("layers do not form a graph: " + problems);
        }
        return graph;
    }

    /**
     * The wiring, with every problem named by the layer's path: bad or repeated names, unknown inputs, inputs listed
     * later (and cycles, which need them), the wrong number of inputs, and layers that do not lead to the output.
     * Null when the wiring cannot be made out.
     */
    static Graph of(List<LayerSpec> layers, List<FieldProblem> problems) {
        int before = problems.size();
        Map<String, Integer> byName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i).name();
            names.add(name);
            if (name == null) {
                continue;
            }
            String path = "spec.layers[" + i + "].name";
            if (!NAME.matcher(name).matches()) {
                problems.add(new FieldProblem(
                        path,
                        "must start with a letter and hold only letters, digits, _ or -, at most 64, was '"
                                + shorten(name) + "'"));
            } else if (name.equals(INPUT_NAME)) {
                problems.add(new FieldProblem(path, "'input' names the model's input; choose another name"));
            } else if (byName.containsKey(name)) {
                problems.add(new FieldProblem(
                        path, "'" + name + "' already names spec.layers[" + byName.get(name) + "]; names are unique"));
            } else {
                byName.put(name, i);
            }
        }
        List<List<Integer>> inputs = new ArrayList<>();
        List<int[]> later = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String path = "spec.layers[" + i + "].inputs";
            List<String> given = layer.inputs();
            List<Integer> resolved = new ArrayList<>();
            if (given == null) {
                if (layer.merge()) {
                    problems.add(new FieldProblem(
                            path,
                            "required: " + layer.typeName() + " merges two or more layers, e.g. [\"h1\", \"h2\"]"));
                }
                resolved.add(i - 1);
            } else {
                for (int k = 0; k < given.size(); k++) {
                    Integer from = source(given.get(k), i, byName, names, path + "[" + k + "]", problems);
                    if (from != null) {
                        resolved.add(from);
                        if (from > i) {
                            later.add(new int[] {i, from, k});
                        }
                    }
                }
                arity(layer, given.size(), path, problems);
            }
            inputs.add(List.copyOf(resolved));
        }
        for (int[] edge : later) {
            String cycle = cycle(inputs, names, edge[0]);
            String path = "spec.layers[" + edge[0] + "].inputs[" + edge[2] + "]";
            problems.add(new FieldProblem(
                    path,
                    cycle != null
                            ? "the layers take each other in a cycle (" + cycle
                                    + "); a network computes each layer from layers before it"
                            : "'" + names.get(edge[1]) + "' is listed after this layer (at spec.layers[" + edge[1]
                                    + "]): list the layers in the order they compute, each after its inputs"));
        }
        if (problems.size() > before) {
            return null;
        }
        Graph graph = new Graph(List.copyOf(inputs), java.util.Collections.unmodifiableList(names));
        graph.checkLeadsToOutput(problems);
        return problems.size() > before ? null : graph;
    }

    /** Every layer must lead to the last one: a branch nobody takes would be trained by nothing. */
    private void checkLeadsToOutput(List<FieldProblem> problems) {
        int n = inputs.size();
        boolean[] used = new boolean[n];
        used[n - 1] = true;
        for (int i = n - 1; i >= 0; i--) {
            if (used[i]) {
                for (int from : inputs.get(i)) {
                    if (from != INPUT) {
                        used[from] = true;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                boolean taken = false;
                for (List<Integer> in : inputs) {
                    taken |= in.contains(i);
                }
                problems.add(new FieldProblem(
                        "spec.layers[" + i + "]",
                        (taken
                                        ? "only layers that do not lead to the output take " + label(i)
                                        : "no layer takes " + label(i) + " and it is not the last layer (the output)")
                                + ": name it in a later layer's inputs, or remove it"));
            }
        }
    }

    private static Integer source(
            String name,
            int layer,
            Map<String, Integer> byName,
            List<String> names,
            String path,
            List<FieldProblem> problems) {
        if (name == null) {
            problems.add(new FieldProblem(path, "must be a layer's name or 'input'"));
            return null;
        }
        if (name.equals(INPUT_NAME)) {
            return INPUT;
        }
        Integer from = byName.get(name);
        if (from == null) {
            List<String> known = names.stream()
                    .filter(java.util.Objects::nonNull)
                    .filter(byName::containsKey)
                    .limit(12)
                    .toList();
            problems.add(new FieldProblem(
                    path,
                    "no layer is named '" + shorten(name) + "'; "
                            + (known.isEmpty()
                                    ? "no layer has a name yet: give the layer a \"name\""
                                    : "the names are input, " + String.join(", ", known))));
            return null;
        }
        if (from == layer) {
            problems.add(new FieldProblem(path, "a layer cannot take its own output"));
            return null;
        }
        return from;
    }

    private static void arity(LayerSpec layer, int count, String path, List<FieldProblem> problems) {
        if (layer.merge()) {
            if (count < 2 || count > MAX_MERGED) {
                problems.add(new FieldProblem(
                        path,
                        layer.typeName() + " merges 2 to " + MAX_MERGED + " layers, got " + count
                                + (count < 2 ? ": name at least two layers" : "")));
            }
        } else if (count != 1) {
            problems.add(new FieldProblem(
                    path,
                    layer.typeName() + " takes one input, got " + count
                            + (count > 1 ? ": merge them first with add, concatenate, multiply or average" : "")));
        }
    }

    /** The cycle through {@code start}, as "a → b → a", or null when it is on none. */
    private static String cycle(List<List<Integer>> inputs, List<String> names, int start) {
        List<Integer> path = new ArrayList<>();
        if (!reaches(inputs, start, start, path, new boolean[inputs.size()])) {
            return null;
        }
        // in the direction the values flow: each layer is taken by the next
        StringBuilder text = new StringBuilder();
        for (int layer : path) {
            text.append(label(names, layer)).append(" → ");
        }
        return text.append(label(names, start)).toString();
    }

    /** Depth-first along inputs: whether {@code target} is among the (transitive) inputs of {@code from}. */
    private static boolean reaches(
            List<List<Integer>> inputs, int from, int target, List<Integer> path, boolean[] seen) {
        for (int next : inputs.get(from)) {
            if (next == INPUT) {
                continue;
            }
            if (next == target) {
                path.add(next);
                return true;
            }
            if (!seen[next]) {
                seen[next] = true;
                if (reaches(inputs, next, target, path, seen)) {
                    path.add(next);
                    return true;
                }
            }
        }
        return false;
    }

    private static String label(List<String> names, int layer) {
        return names.get(layer) != null ? names.get(layer) : "layers[" + layer + "]";
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
