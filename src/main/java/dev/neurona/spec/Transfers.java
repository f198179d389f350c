package dev.neurona.spec;

import dev.neurona.platform.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks {@code from} and {@code unfreeze} of a spec whose layers already hold the base's part (the job service
 * puts it there after looking the base model up) and turns every layer reference into an index. Which layers are
 * frozen in an epoch is a pure function of the resolved spec and the epoch ({@link #frozenAt}), so a resumed job
 * freezes exactly what the uninterrupted one would have.
 */
public final class Transfers {

    private Transfers() {}

    record Resolved(Transfer from, List<Transfer.Unfreeze> unfreeze) {}

    static Resolved resolve(ModelSpec spec, List<LayerSpec> layers, int epochs, List<FieldProblem> problems) {
        Transfer from = spec.from();
        TreeSet<Integer> fixed = notTrainable(layers);
        for (int i : fixed) {
            if (spec.physics() != null || "perceptron".equals(spec.mode())) {
                problems.add(new FieldProblem(
                        "spec.layers[" + i + "].trainable",
                        "only for gradient training: " + (spec.physics() != null ? "a PINN" : "the perceptron rule")
                                + " trains every layer"));
            }
        }
        if (from == null) {
            if (spec.unfreeze() != null && fixed.isEmpty()) {
                problems.add(new FieldProblem(
                        "spec.unfreeze",
                        "only for frozen layers: those of a base model (spec.from) or layers with trainable: false"));
                return new Resolved(null, null);
            }
            return new Resolved(null, unfreeze(spec, layers, epochs, fixed, problems));
        }
        if (from.id() == null) {
            problems.add(new FieldProblem("spec.from.model", "the base model has not been looked up"));
            return new Resolved(null, null);
        }
        if ("perceptron".equals(spec.mode())) {
            problems.add(new FieldProblem("spec.mode", "transfer learning trains by gradient; not with perceptron"));
        }
        if (from.upTo() == null) {
            problems.add(new FieldProblem("spec.from.upTo", "required: the base's last layer, by name or index"));
            return new Resolved(null, null);
        }
        Integer upTo = index(from.upTo(), layers, "spec.from.upTo", problems);
        if (upTo == null) {
            return new Resolved(null, null);
        }
        TreeSet<Integer> frozen = new TreeSet<>();
        if (from.frozen() == null) {
            for (int i = 0; i <= upTo; i++) {
                if (hasWeights(layers.get(i))) {
                    frozen.add(i);
                }
            }
        } else {
            for (int k = 0; k < from.frozen().size(); k++) {
                String path = "spec.from.frozen[" + k + "]";
                Integer index = index(from.frozen().get(k), layers, path, problems);
                if (index != null && index > upTo) {
                    problems.add(new FieldProblem(
                            path,
                            "layer " + index + " is not one of the base's (0 to " + upTo
                                    + "): the new head's layers train from the start"));
                } else if (index != null) {
                    frozen.add(index);
                }
            }
        }
        TreeSet<Integer> all = new TreeSet<>(frozen);
        all.addAll(fixed);
        List<Transfer.Unfreeze> unfreeze = unfreeze(spec, layers, epochs, all, problems);
        Transfer resolved = new Transfer(
                from.model(), upTo, List.copyOf(frozen), from.id(), from.name(), from.version(), from.datasetId());
        return new Resolved(resolved, unfreeze);
    }

    /** The schedule with layer references as indices; null when there is none. */
    private static List<Transfer.Unfreeze> unfreeze(
            ModelSpec spec,
            List<LayerSpec> layers,
            int epochs,
            java.util.Set<Integer> frozen,
            List<FieldProblem> problems) {
        if (spec.unfreeze() == null) {
            return null;
        }
        List<Transfer.Unfreeze> unfreeze = new ArrayList<>();
        Map<Integer, Integer> released = new TreeMap<>();
        for (int k = 0; k < spec.unfreeze().size(); k++) {
            String path = "spec.unfreeze[" + k + "]";
            Transfer.Unfreeze step = spec.unfreeze().get(k);
            if (step == null) {
                problems.add(new FieldProblem(path, "must be an object {\"epoch\": …, \"layers\": […]}"));
                continue;
            }
            Integer epoch = Checks.intInRange(step.epoch(), null, 1, epochs, path + ".epoch", problems);
            if (step.layers() == null || step.layers().isEmpty()) {
                problems.add(new FieldProblem(path + ".layers", "required: at least one frozen layer"));
                continue;
            }
            List<Object> indices = new ArrayList<>();
            for (int j = 0; j < step.layers().size(); j++) {
                String at = path + ".layers[" + j + "]";
                Integer index = index(step.layers().get(j), layers, at, problems);
                if (index == null) {
                    continue;
                }
                if (!frozen.contains(index)) {
                    problems.add(
                            new FieldProblem(
                                    at,
                                    "layer " + index
                                            + " is not frozen (spec.from.frozen, or trainable: false): it trains from the start"));
                } else if (released.containsKey(index)) {
                    problems.add(new FieldProblem(
                            at, "layer " + index + " is already unfrozen from epoch " + released.get(index)));
                } else {
                    released.put(index, epoch);
                    indices.add(index);
                }
            }
            unfreeze.add(new Transfer.Unfreeze(epoch, indices));
        }
        return unfreeze;
    }

    /** The layers whose own spec says trainable: false. */
    static TreeSet<Integer> notTrainable(List<LayerSpec> layers) {
        TreeSet<Integer> fixed = new TreeSet<>();
        for (int i = 0; i < layers.size(); i++) {
            if (Boolean.FALSE.equals(layers.get(i).trainable())) {
                fixed.add(i);
            }
        }
        return fixed;
    }

    /** The layer indices that do not train in {@code epoch} (1-based): a base's frozen layers and trainable: false. */
    public static java.util.Set<Integer> frozenAt(ModelSpec resolved, int epoch) {
        java.util.Set<Integer> frozen = notTrainable(resolved.layers());
        if (resolved.from() != null && resolved.from().frozen() != null) {
            resolved.from().frozen().forEach(i -> frozen.add(((Number) i).intValue()));
        }
        if (resolved.unfreeze() != null) {
            for (Transfer.Unfreeze step : resolved.unfreeze()) {
                if (step.epoch() <= epoch) {
                    step.layers().forEach(i -> frozen.remove(((Number) i).intValue()));
                }
            }
        }
        return frozen;
    }

    /** The last epoch a layer is frozen in (the job's epochs when it never trains), or 0 when it always trains. */
    public static int frozenThrough(ModelSpec resolved, int layer) {
        int last = 0;
        for (int epoch = 1; epoch <= resolved.epochs(); epoch++) {
            if (frozenAt(resolved, epoch).contains(layer)) {
                last = epoch;
            }
        }
        return last;
    }

    static boolean hasWeights(LayerSpec layer) {
        return layer instanceof LayerSpec.Dense
                || layer instanceof LayerSpec.Conv2d
                || layer instanceof LayerSpec.Conv1d
                || layer instanceof LayerSpec.Maxout
                || layer instanceof LayerSpec.BatchNorm;
    }

    /** A layer reference: a name in the spec or a 0-based index (what dry runs and reports number). */
    public static Integer index(Object ref, List<LayerSpec> layers, String path, List<FieldProblem> problems) {
        if (ref instanceof String name) {
            for (int i = 0; i < layers.size(); i++) {
                if (name.equals(layers.get(i).name())) {
                    return i;
                }
            }
            problems.add(new FieldProblem(path, "no layer is named '" + describe(name) + "'"));
            return null;
        }
        if (ref instanceof Integer i) {
            if (i >= 0 && i < layers.size()) {
                return i;
            }
            problems.add(new FieldProblem(path, "layer index " + i + " is not from 0 to " + (layers.size() - 1)));
            return null;
        }
        problems.add(new FieldProblem(path, "a layer name or 0-based index, was " + describe(ref)));
        return null;
    }

    private static String describe(Object ref) {
        String text = String.valueOf(ref);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
