package dev.neurona.model.export;

import dev.neurona.model.export.OnnxGraph.Attr;
import java.util.List;

/** Neurona's activations as ONNX operators, with the same constants as the DJL functions in NetworkBuilder. */
final class OnnxActivations {

    private OnnxActivations() {}

    /** The activation applied to {@code x}; null for a name this exporter does not know. */
    static String add(OnnxGraph g, String name, Double alpha, String x) {
        return switch (name) {
            case "linear" -> x;
            case "relu" -> g.node("Relu", List.of(x));
            case "sigmoid" -> g.node("Sigmoid", List.of(x));
            case "tanh" -> g.node("Tanh", List.of(x));
            case "softmax" -> g.node("Softmax", List.of(x), Attr.i("axis", -1));
            case "leaky_relu" -> g.node("LeakyRelu", List.of(x), Attr.f("alpha", alpha(alpha, 0.2)));
            case "elu" -> g.node("Elu", List.of(x), Attr.f("alpha", alpha(alpha, 1.0)));
            // PyTorch's constants, which are ONNX's defaults too
            case "selu" ->
                g.node("Selu", List.of(x), Attr.f("alpha", 1.6732632423543772f), Attr.f("gamma", 1.0507009873554805f));
            // PyTorch's exact gelu, x·Φ(x) = x·(1 + erf(x/√2))/2; ONNX has no Gelu operator before opset 20
            case "gelu" -> {
                String erf = g.node("Erf", List.of(g.node("Div", List.of(x, g.scalar("sqrt2", (float) Math.sqrt(2))))));
                String half = g.node("Mul", List.of(x, g.scalar("half", 0.5f)));
                yield g.node("Mul", List.of(half, g.node("Add", List.of(erf, g.scalar("one", 1f)))));
            }
            case "softplus" -> g.node("Softplus", List.of(x));
            case "swish" -> g.node("Mul", List.of(x, g.node("Sigmoid", List.of(x))));
            case "step" ->
                g.node("Cast", List.of(g.node("GreaterOrEqual", List.of(x, g.scalar("zero", 0f)))), Attr.i("to", 1));
            case "sign" -> g.node("Sign", List.of(x));
            default -> null;
        };
    }

    private static float alpha(Double alpha, double fallback) {
        return (float) (alpha != null ? alpha : fallback);
    }
}
