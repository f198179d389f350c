package dev.neurona.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Turns a resolved spec into a DJL block. Training and prediction both build through here, so they agree. */
public final class NetworkBuilder {

    private NetworkBuilder() {}

    public static Network build(ModelSpec resolved) {
        OutputHead head = OutputHead.of(resolved);
        List<LayerSpec> layers = resolved.layers();
        int fusedActivation =
                head.fusesOutputActivation() || resolved.perceptron() ? outputActivationIndex(layers) : -1;
        SequentialBlock block = new SequentialBlock();
        List<Network.Penalty> penalties = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            int before = block.getChildren().size();
            if (layer instanceof LayerSpec.Dense d) {
                Linear linear =
                        Linear.builder().setUnits(d.units()).optBias(true).build();
                linear.setInitializer(new KerasInitializer(d.kernelInitializer()), Parameter.Type.WEIGHT);
                linear.setInitializer(new KerasInitializer(d.biasInitializer()), Parameter.Type.BIAS);
                block.add(linear);
                if (i != fusedActivation && !"linear".equals(d.activation())) {
                    block.add(activation(d.activation(), null));
                }
                if (d.l1() > 0 || d.l2() > 0) {
                    penalties.add(new Network.Penalty(linear, d.l1(), d.l2()));
                }
            } else if (layer instanceof LayerSpec.Maxout m) {
                // DJL has no maxout: one Linear computes all U·K pieces, then the max over each unit's K of them
                Linear linear = Linear.builder()
                        .setUnits((long) m.units() * m.pieces())
                        .optBias(true)
                        .build();
                linear.setInitializer(new KerasInitializer(m.kernelInitializer()), Parameter.Type.WEIGHT);
                linear.setInitializer(new KerasInitializer(m.biasInitializer()), Parameter.Type.BIAS);
                block.add(linear);
                block.add(maxout(m.units(), m.pieces()));
                if (m.l1() > 0 || m.l2() > 0) {
                    penalties.add(new Network.Penalty(linear, m.l1(), m.l2()));
                }
            } else if (layer instanceof LayerSpec.Reshape r) {
                block.add(reshape(r.targetShape()));
            } else if (layer instanceof LayerSpec.Conv1d c) {
                Conv1d conv = Conv1d.builder()
                        .setFilters(c.filters())
                        .setKernelShape(new Shape(c.kernelSize()))
                        .optStride(new Shape(c.strides()))
                        .optPadding(new Shape("same".equals(c.padding()) ? (c.kernelSize() - 1) / 2 : 0))
                        .optBias(true)
                        .build();
                conv.setInitializer(new KerasInitializer(c.kernelInitializer()), Parameter.Type.WEIGHT);
                conv.setInitializer(new KerasInitializer(c.biasInitializer()), Parameter.Type.BIAS);
                block.add(conv);
                if (!"linear".equals(c.activation())) {
                    block.add(activation(c.activation()));
                }
                if (c.l1() > 0 || c.l2() > 0) {
                    penalties.add(new Network.Penalty(conv, c.l1(), c.l2()));
                }
            } else if (layer instanceof LayerSpec.MaxPool1d p) {
                block.add(Pool.maxPool1dBlock(new Shape(p.poolSize()), new Shape(p.strides()), new Shape(0), false));
            } else if (layer instanceof LayerSpec.Conv2d c) {
                Conv2d conv = Conv2d.builder()
                        .setFilters(c.filters())
                        .setKernelShape(shape(c.kernelSize()))
                        .optStride(shape(c.strides()))
                        .optPadding(
                                "same".equals(c.padding())
                                        ? new Shape(
                                                (c.kernelSize().get(0) - 1) / 2,
                                                (c.kernelSize().get(1) - 1) / 2)
                                        : new Shape(0, 0))
                        .optBias(true)
                        .build();
                conv.setInitializer(new KerasInitializer(c.kernelInitializer()), Parameter.Type.WEIGHT);
                conv.setInitializer(new KerasInitializer(c.biasInitializer()), Parameter.Type.BIAS);
                block.add(conv);
                if (!"linear".equals(c.activation())) {
                    block.add(activation(c.activation()));
                }
                if (c.l1() > 0 || c.l2() > 0) {
                    penalties.add(new Network.Penalty(conv, c.l1(), c.l2()));
                }
            } else if (layer instanceof LayerSpec.MaxPool2d p) {
                // same padding is only allowed with strides = pool size, where ceil mode gives ceil(in / stride)
                block.add(Pool.maxPool2dBlock(
                        shape(p.poolSize()), shape(p.strides()), new Shape(0, 0), "same".equals(p.padding())));
            } else if (layer instanceof LayerSpec.AvgPool2d p) {
                block.add(Pool.avgPool2dBlock(
                        shape(p.poolSize()), shape(p.strides()), new Shape(0, 0), "same".equals(p.padding()), false));
            } else if (layer instanceof LayerSpec.GlobalAvgPool2d) {
                block.add(Pool.globalAvgPool2dBlock());
            } else if (layer instanceof LayerSpec.Flatten) {
                block.add(Blocks.batchFlattenBlock());
            } else if (layer instanceof LayerSpec.BatchNorm b) {
                // DJL's momentum weighs the old moving statistics, as Keras' does
                block.add(BatchNorm.builder()
                        .optMomentum(b.momentum().floatValue())
                        .optEpsilon(b.epsilon().floatValue())
                        .build());
            } else if (layer instanceof LayerSpec.Dropout d) {
                block.add(Dropout.builder().optRate(d.rate().floatValue()).build());
            } else if (layer instanceof LayerSpec.Activation a) {
                if (i != fusedActivation && !"linear".equals(a.activation())) {
                    block.add(activation(a.activation(), a.alpha()));
                }
            } // merges have no block of their own: the GraphBlock combines their inputs
            for (int added = block.getChildren().size() - before; added > 0; added--) {
                owners.add(i);
            }
        }
        Objective objective = resolved.perceptron()
                ? null
                : new Objective(
                        resolved.reconstruction() && "binary_crossentropy".equals(resolved.loss())
                                ? Loss.BINARY_CROSSENTROPY_OF_PROBABILITIES
                                : Loss.named(resolved.loss()),
                        resolved.lossOptions() != null && resolved.lossOptions().delta() != null
                                ? resolved.lossOptions().delta()
                                : 1.0,
                        null);
        Graph graph = Graph.of(layers);
        if (!graph.chain()) {
            // same children in the same order as a stack would have, wired by the graph
            GraphBlock wired = new GraphBlock(layers, graph, owners);
            wired.addAll(block.getChildren().values());
            block = wired;
        }
        return new Network(block, head, objective, List.copyOf(penalties), List.copyOf(owners), graph);
    }

    /**
     * (N, U·K) → (N, U): piece k of unit u is column u·K + k, the layout the ONNX export's Reshape assumes too.
     */
    static LambdaBlock maxout(int units, int pieces) {
        return new LambdaBlock(
                list -> new NDList(
                        list.singletonOrThrow().reshape(-1, units, pieces).max(new int[] {2})),
                "maxout");
    }

    /** Each row to the target shape; the batch size is taken from the input, so the target may hold its one -1. */
    static LambdaBlock reshape(List<Integer> target) {
        return new LambdaBlock(
                list -> {
                    NDArray x = list.singletonOrThrow();
                    long[] dims = new long[target.size() + 1];
                    dims[0] = x.getShape().get(0);
                    for (int i = 0; i < target.size(); i++) {
                        dims[i + 1] = target.get(i);
                    }
                    return new NDList(x.reshape(new Shape(dims)));
                },
                "reshape");
    }

    private static Shape shape(List<Integer> hw) {
        return new Shape(hw.get(0), hw.get(1));
    }

    /** Index of the layer whose activation is the network's output activation (validated to exist). */
    static int outputActivationIndex(List<LayerSpec> layers) {
        int out = SpecValidator.lastDense(layers);
        int at = out;
        for (int i = out + 1; i < layers.size(); i++) {
            if (layers.get(i) instanceof LayerSpec.Activation) {
                at = i;
            }
        }
        return at;
    }

    private static LambdaBlock activation(String name) {
        return activation(name, null);
    }

    private static LambdaBlock activation(String name, Double alpha) {
        UnaryOperator<NDArray> f = function(name, alpha);
        return new LambdaBlock(list -> new NDList(f.apply(list.singletonOrThrow())), name);
    }

    static UnaryOperator<NDArray> function(String name) {
        return function(name, null);
    }

    /** The activation by name; {@code alpha} (leaky_relu's slope, elu's α) when given, else Keras 3's default. */
    static UnaryOperator<NDArray> function(String name, Double alpha) {
        return switch (name) {
            case "linear" -> x -> x;
            case "relu" -> Activation::relu;
            case "sigmoid" -> Activation::sigmoid;
            case "tanh" -> Activation::tanh;
            case "softmax" -> x -> x.softmax(-1);
            // Keras 3's functional defaults: leaky_relu slope 0.2, elu alpha 1, swish = x·σ(x)
            case "leaky_relu" -> x -> Activation.leakyRelu(x, alpha != null ? alpha.floatValue() : 0.2f);
            case "elu" -> x -> Activation.elu(x, alpha != null ? alpha.floatValue() : 1f);
            case "selu" -> Activation::selu;
            case "gelu" -> Activation::gelu;
            case "softplus" -> Activation::softPlus;
            case "swish" -> x -> Activation.swish(x, 1f);
            // only Rosenblatt's rule trains these (validated): prediction-time functions, no gradient needed
            case "step" -> x -> x.gte(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            case "sign" -> x -> x.sign();
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }
}
