package dev.neurona.spec.keras;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Who feeds whom in a Functional model, read from both ways Keras writes it: Keras 2's nested lists
 * {@code [[["dense", 0, 0, {}], …]]} and Keras 3's {@code [{"args": [tensor or [tensors]], "kwargs": {}}]} whose
 * tensors carry {@code keras_history: ["dense", 0, 0]}. Also Neurona names for Keras' names.
 */
final class KerasWiring {

    private static final String NAME = "[A-Za-z][A-Za-z0-9_-]{0,63}";

    private KerasWiring() {}

    /** The Keras names of the layers one call takes, or null (refused) when the layer is called other than once. */
    static List<String> inbound(JsonNode layer, String path, Reading r) {
        JsonNode nodes = layer.get("inbound_nodes");
        String np = path + ".inbound_nodes";
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            r.refuse(np, "expected the call that feeds this layer, was " + nodes);
            return null;
        }
        if (nodes.size() > 1) {
            r.refuse(
                    np,
                    "the layer is called " + nodes.size() + " times (shared weights): Neurona has no shared layers");
            return null;
        }
        JsonNode node = nodes.get(0);
        List<JsonNode> tensors = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(tensors::add);
        } else if (node.isObject()
                && node.path("args").isArray()
                && !node.path("args").isEmpty()) {
            JsonNode first = node.path("args").get(0);
            if (first.isArray()) {
                first.forEach(tensors::add);
            } else {
                tensors.add(first);
            }
            if (node.path("args").size() > 1) {
                r.refuse(np + "[0].args", "a call with more than one positional argument is unsupported");
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            JsonNode t = tensors.get(i);
            JsonNode history = t.isArray() ? t : t.path("config").path("keras_history");
            if (!history.isArray() || history.size() < 3 || !history.get(0).isString()) {
                r.refuse(np, "cannot read input " + i + ": " + t);
                return null;
            }
            if (!history.get(1).isIntegralNumber()
                    || history.get(1).asLong(-1) != 0
                    || !history.get(2).isIntegralNumber()
                    || history.get(2).asLong(-1) != 0) {
                r.refuse(
                        np,
                        "input " + history.get(0).asString() + " is not the first output of its layer's first "
                                + "call: Neurona has no shared layers or layers with several outputs");
                return null;
            }
            names.add(history.get(0).asString());
        }
        if (names.isEmpty()) {
            r.refuse(np, "expected the tensors this layer takes, was " + node);
            return null;
        }
        return names;
    }

    /** One [name, 0, 0] from input_layers or output_layers, which hold a list of them or (Keras 3) just one. */
    static String single(JsonNode list, String path, String what, Reading r) {
        JsonNode one =
                list != null && list.isArray() && list.size() > 0 && list.get(0).isString() ? list : null;
        if (one == null
                && list != null
                && list.isArray()
                && list.size() == 1
                && list.get(0).isArray()) {
            one = list.get(0);
        }
        if (one == null || one.size() < 1 || !one.get(0).isString()) {
            r.refuse(path, "Neurona models have exactly one " + what + ", was " + list);
            return null;
        }
        return one.get(0).asString();
    }

    /** A Neurona name for a Keras name, noted when it had to change (characters, length, 'input', duplicates). */
    static String name(String keras, Set<String> taken, String path, Reading r) {
        String name = keras == null ? "" : keras.replaceAll("[^A-Za-z0-9_-]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 'z') {
            name = "l_" + name;
        }
        name = name.length() > 64 ? name.substring(0, 64) : name;
        String base = name.length() > 60 ? name.substring(0, 60) : name;
        for (int i = 2; name.equals("input") || taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        if (!name.equals(keras) && keras != null) {
            r.note(
                    path,
                    "name '" + keras + "' is '" + name + "' in Neurona (names match " + NAME + ", unique, "
                            + "'input' is the model's input)");
        }
        return name;
    }

    /**
     * The layers in an order where each comes after those it takes, as stable as possible: Keras lists them that way
     * already, so the order only changes when a document lists a layer before its inputs.
     */
    static List<Integer> order(Map<String, Integer> index, Map<Integer, List<String>> takes) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> placed = new HashSet<>();
        Map<Integer, List<String>> left = new LinkedHashMap<>(takes);
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            progress = false;
            for (var it = left.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                boolean ready = e.getValue().stream()
                        .allMatch(n -> index.get(n) == null
                                || !takes.containsKey(index.get(n))
                                || placed.contains(index.get(n)));
                if (ready) {
                    out.add(e.getKey());
                    placed.add(e.getKey());
                    it.remove();
                    progress = true;
                    break;
                }
            }
        }
        out.addAll(left.keySet()); // a cycle: Neurona's graph check names it
        return out;
    }
}
