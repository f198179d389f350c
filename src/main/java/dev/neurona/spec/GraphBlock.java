package dev.neurona.spec;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ObjIntConsumer;

/**
 * A network whose layers take other layers than the one before them (Keras' functional API). It keeps the flat list
 * of child blocks of a {@link SequentialBlock} (so parameters are saved, loaded, counted and exported in the same
 * order as for a stack) and wires them by the spec's graph: the children of layer i run on the outputs of the layers
 * it takes, merged first when the layer is a merge.
 */
final class GraphBlock extends SequentialBlock {

    private final List<LayerSpec> layers;
    private final Graph graph;
    /** For each child block, the spec layer it belongs to (children of one layer are adjacent, in layer order). */
    private final List<Integer> owners;

    GraphBlock(List<LayerSpec> layers, Graph graph, List<Integer> owners) {
        this.layers = List.copyOf(layers);
        this.graph = graph;
        this.owners = List.copyOf(owners);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return run(inputs, (child, x) -> child.forward(store, x, training, params), GraphBlock::merge);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList data, NDList labels, PairList<String, Object> params) {
        return run(data, (child, x) -> child.forward(store, x, labels, params), GraphBlock::merge);
    }

    /** A prediction-mode forward pass that hands each child block's output to {@code seen}, with the child's index. */
    NDList forwardEach(ParameterStore store, NDList inputs, ObjIntConsumer<NDList> seen) {
        int[] next = {0};
        return run(
                inputs,
                (child, x) -> {
                    NDList out = child.forward(store, x, false);
                    seen.accept(out, next[0]++);
                    return out;
                },
                GraphBlock::merge);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return run(inputShapes, (child, x) -> child.getOutputShapes(x), GraphBlock::mergedShape);
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        run(
                inputShapes,
                (child, x) -> {
                    child.initialize(manager, dataType, x);
                    return child.getOutputShapes(x);
                },
                GraphBlock::mergedShape);
    }

    /**
     * Walks the layers in order, on arrays or on shapes: {@code step} runs one child block, {@code merge} combines
     * what a merge layer takes (one value per layer it names, in the spec's order).
     */
    private <T> T run(T input, BiFunction<Block, T, T> step, BiFunction<LayerSpec, List<T>, T> merge) {
        List<Block> children = getChildren().values();
        List<T> values = new ArrayList<>(layers.size());
        int child = 0;
        for (int i = 0; i < layers.size(); i++) {
            List<Integer> from = graph.inputs().get(i);
            T x;
            if (layers.get(i).merge()) {
                List<T> taken = new ArrayList<>(from.size());
                for (int layer : from) {
                    taken.add(layer == Graph.INPUT ? input : values.get(layer));
                }
                x = merge.apply(layers.get(i), taken);
            } else {
                x = from.get(0) == Graph.INPUT ? input : values.get(from.get(0));
            }
            while (child < children.size() && owners.get(child) == i) {
                x = step.apply(children.get(child), x);
                child++;
            }
            values.add(x);
        }
        return values.get(layers.size() - 1);
    }

    private static NDList merge(LayerSpec layer, List<NDList> taken) {
        NDList all = new NDList(taken.size());
        for (NDList one : taken) {
            all.add(one.singletonOrThrow());
        }
        return Merges.apply(layer, all);
    }

    private static Shape[] mergedShape(LayerSpec layer, List<Shape[]> taken) {
        Shape first = taken.get(0)[0];
        if (layer instanceof LayerSpec.Concatenate) {
            long[] dims = first.getShape().clone();
            dims[1] = taken.stream().mapToLong(s -> s[0].get(1)).sum();
            return new Shape[] {new Shape(dims)};
        }
        return new Shape[] {first};
    }
}
