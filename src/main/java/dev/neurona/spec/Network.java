package dev.neurona.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * A DJL block built from a resolved spec, the head applied to its output at prediction time, the objective to train
 * it with (null in perceptron mode, which has none), the weight penalties (L1/L2) to add to that objective, and
 * for each child block of {@code block} the index of the spec layer it was built from, and how the layers are wired
 * (a chain for a stack; a graph's block is a {@link GraphBlock}).
 */
public record Network(
        SequentialBlock block,
        OutputHead head,
        Objective objective,
        List<Penalty> penalties,
        List<Integer> blockLayers,
        Graph graph) {

    /** The same network trained with class weights (known once the training split is). */
    public Network withClassWeights(float[] classWeights) {
        return new Network(
                block,
                head,
                new Objective(objective.loss(), objective.delta(), classWeights),
                penalties,
                blockLayers,
                graph);
    }

    /**
     * Runs {@code x} through the block in prediction mode, handing each child block's output to {@code seen} with the
     * child's index (see {@code blockLayers}): for looking inside a trained network, stack or graph alike.
     */
    public NDList forwardEach(ParameterStore store, NDList x, ObjIntConsumer<NDList> seen) {
        if (block instanceof GraphBlock graphBlock) {
            return graphBlock.forwardEach(store, x, seen);
        }
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            x = children.get(i).forward(store, x, false);
            seen.accept(x, i);
        }
        return x;
    }

    /** An L1/L2 penalty on one dense layer's weights: l1·Σ|w| + l2·Σw² (Keras' definition, no ½). */
    public record Penalty(Block layer, double l1, double l2) {

        public NDArray of() {
            NDArray w = layer.getParameters().get("weight").getArray();
            NDArray term = null;
            if (l1 > 0) {
                term = w.abs().sum().mul((float) l1);
            }
            if (l2 > 0) {
                NDArray l2Term = w.square().sum().mul((float) l2);
                term = term == null ? l2Term : term.add(l2Term);
            }
            return term;
        }
    }
}
