package dev.neurona.tuning;

import dev.neurona.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spec field paths as the API names them in problems, without the leading {@code spec.}: {@code batchSize},
 * {@code optimizer.learningRate}, {@code layers[0].units}, or a named layer as {@code layers.h1.units} (the layer
 * whose {@code name} is h1, wherever it is listed). A path must lead to a field the resolved spec has, so a typo is
 * refused at submission rather than silently ignored by every trial.
 */
final class SpecPaths {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)((?:\\[\\d{1,4}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private SpecPaths() {}

    /** A step of a path: a field name (a layer's name, in an array of layers), or an index into an array. */
    private record Step(String field, int index) {}

    /** Null when the path leads to a field of the spec, else why not. */
    static String problem(JsonNode spec, String path) {
        try {
            locate(spec, steps(path));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The spec with the epochs and each path's value set, as a spec object (not yet resolved: the caller validates
     * it for the dataset, as any submitted spec is).
     */
    static ModelSpec apply(JsonMapper json, JsonNode base, Map<String, Object> values, Integer epochs) {
        ObjectNode spec = (ObjectNode) base.deepCopy();
        if (epochs != null) {
            spec.put("epochs", epochs);
        }
        values.forEach((path, value) -> set(spec, path, json.valueToTree(value)));
        return json.treeToValue(spec, ModelSpec.class);
    }

    private static void set(ObjectNode spec, String path, JsonNode value) {
        List<Step> steps = steps(path);
        JsonNode parent = locate(spec, steps.subList(0, steps.size() - 1));
        Step last = steps.get(steps.size() - 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(index(parent, last, path(steps.subList(0, steps.size() - 1))), value);
        } else {
            ((ObjectNode) parent).set(last.field(), value);
        }
    }

    private static JsonNode locate(JsonNode root, List<Step> steps) {
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = path(steps.subList(0, i));
            if (node.isArray()) {
                node = node.get(index(node, step, at));
            } else if (step.field() != null && node.isObject() && node.has(step.field())) {
                node = node.get(step.field());
            } else if (step.field() != null) {
                throw new IllegalArgumentException(
                        "the spec has no field " + at + (at.isEmpty() ? "" : ".") + step.field());
            } else {
                throw new IllegalArgumentException(
                        at + " has no entries: there is no " + at + "[" + step.index() + "]");
            }
        }
        return node;
    }

    /** Where a step leads in an array: its index, or the entry whose {@code name} is the step's field. */
    private static int index(JsonNode array, Step step, String at) {
        if (step.field() == null) {
            if (step.index() >= array.size()) {
                throw new IllegalArgumentException(
                        at + " has " + array.size() + " entries: there is no " + at + "[" + step.index() + "]");
            }
            return step.index();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode name = array.get(i).get("name");
            if (name != null && name.isString()) {
                if (name.asString().equals(step.field())) {
                    return i;
                }
                names.add(name.asString());
            }
        }
        throw new IllegalArgumentException("no entry of " + at + " is named '" + step.field() + "'; "
                + (names.isEmpty()
                        ? "none has a name: give the layer a \"name\" or use " + at + "[0], " + at + "[1], …"
                        : "the names are " + String.join(", ", names) + " (or use " + at + "[0], …)"));
    }

    /** The steps as the path names them: {@code layers.h1}, {@code layers[0]}. */
    private static String path(List<Step> steps) {
        StringBuilder at = new StringBuilder();
        for (Step step : steps) {
            if (step.field() != null) {
                at.append(at.isEmpty() ? "" : ".").append(step.field());
            } else {
                at.append('[').append(step.index()).append(']');
            }
        }
        return at.toString();
    }

    private static List<Step> steps(String path) {
        if (path == null || path.isBlank() || path.length() > 200) {
            throw new IllegalArgumentException(
                    "a path such as layers[0].units, layers.h1.units or optimizer.learningRate");
        }
        List<Step> steps = new ArrayList<>();
        for (String segment : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + path + "' is not a path such as layers[0].units");
            }
            steps.add(new Step(m.group(1), -1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(new Step(null, Integer.parseInt(index.group(1))));
            }
        }
        return steps;
    }
}
