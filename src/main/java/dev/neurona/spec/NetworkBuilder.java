package dev.neurona.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/** Turns a resolved spec into a DJL block. Training and prediction both build through here, so they agree. */
public final class NetworkBuilder {

    private NetworkBuilder() {
    }

    public static Network build(ModelSpec resolved) {
        OutputHead head = OutputHead.forLoss(resolved.loss());
        List<LayerSpec> layers = resolved.layers();
        int fusedActivation = head == OutputHead.IDENTITY ? -1 : outputActivationIndex(layers);
        SequentialBlock block = new SequentialBlock();
        List<Network.Penalty> penalties = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer instanceof LayerSpec.Dense d) {
                Linear linear = Linear.builder().setUnits(d.units()).optBias(true).build();
                linear.setInitializer(new KerasInitializer(d.kernelInitializer()), Parameter.Type.WEIGHT);
                linear.setInitializer(new KerasInitializer(d.biasInitializer()), Parameter.Type.BIAS);
                block.add(linear);
                if (i != fusedActivation && !"linear".equals(d.activation())) {
                    block.add(activation(d.activation()));
                }
                if (d.l1() > 0 || d.l2() > 0) {
                    penalties.add(new Network.Penalty(linear, d.l1(), d.l2()));
                }
            } else if (layer instanceof LayerSpec.Dropout d) {
                block.add(Dropout.builder().optRate(d.rate().floatValue()).build());
            } else if (layer instanceof LayerSpec.Activation a) {
                if (i != fusedActivation && !"linear".equals(a.activation())) {
                    block.add(activation(a.activation()));
                }
            }
        }
        return new Network(block, head, Loss.named(resolved.loss()), List.copyOf(penalties));
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
        UnaryOperator<NDArray> f = function(name);
        return new LambdaBlock(list -> new NDList(f.apply(list.singletonOrThrow())), name);
    }

    static UnaryOperator<NDArray> function(String name) {
        return switch (name) {
            case "linear" -> x -> x;
            case "relu" -> Activation::relu;
            case "sigmoid" -> Activation::sigmoid;
            case "tanh" -> Activation::tanh;
            case "softmax" -> x -> x.softmax(-1);
            // Keras 3's functional defaults: leaky_relu slope 0.2, elu alpha 1, swish = x·σ(x)
            case "leaky_relu" -> x -> Activation.leakyRelu(x, 0.2f);
            case "elu" -> x -> Activation.elu(x, 1f);
            case "selu" -> Activation::selu;
            case "gelu" -> Activation::gelu;
            case "softplus" -> Activation::softPlus;
            case "swish" -> x -> Activation.swish(x, 1f);
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }
}
