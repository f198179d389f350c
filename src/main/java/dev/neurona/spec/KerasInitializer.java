package dev.neurona.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Keras' initialisers by name, with fans computed as Keras does. DJL's PyTorch engine has no He/LeCun classes,
 * so all variance-scaling ones share one formula: std = sqrt(scale / fan), uniform limit = sqrt(3 · scale / fan);
 * the normal variants draw from a normal truncated at two standard deviations, rescaled by 0.8796… so the
 * variance still matches (Keras' VarianceScaling).
 */
final class KerasInitializer implements Initializer {

    private static final double TRUNCATED_STD_CORRECTION = 0.87962566103423978;

    private final InitializerSpec spec;

    /** A resolved initialiser: every argument of its type is filled in. */
    KerasInitializer(InitializerSpec spec) {
        this.spec = spec;
    }

    KerasInitializer(String name) {
        this(InitializerSpec.named(name));
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        return switch (spec.type()) {
            case "zeros" -> manager.zeros(shape, dataType);
            case "ones" -> manager.ones(shape, dataType);
            case "constant" -> manager.full(shape, spec.value().floatValue(), dataType);
            case "random_normal" ->
                manager.randomNormal(arg(spec.mean(), 0), arg(spec.stddev(), 0.05), shape, dataType);
            // Keras' TruncatedNormal: the stddev is the untruncated normal's; draws beyond 2σ are redrawn
            case "truncated_normal" ->
                manager.truncatedNormal(arg(spec.mean(), 0), arg(spec.stddev(), 0.05), shape, dataType);
            case "random_uniform" ->
                manager.randomUniform(arg(spec.minval(), -0.05), arg(spec.maxval(), 0.05), shape, dataType);
            case "glorot_uniform" -> uniform(manager, shape, dataType, 1.0, fanAverage(shape));
            case "glorot_normal" -> normal(manager, shape, dataType, 1.0, fanAverage(shape));
            case "he_uniform" -> uniform(manager, shape, dataType, 2.0, fanIn(shape));
            case "he_normal" -> normal(manager, shape, dataType, 2.0, fanIn(shape));
            case "lecun_uniform" -> uniform(manager, shape, dataType, 1.0, fanIn(shape));
            case "lecun_normal" -> normal(manager, shape, dataType, 1.0, fanIn(shape));
            default -> throw new IllegalArgumentException("unknown initializer " + spec.type());
        };
    }

    private static float arg(Double value, double fallback) {
        return (float) (value != null ? value : fallback);
    }

    private static NDArray uniform(NDManager manager, Shape shape, DataType type, double scale, double fan) {
        float limit = (float) Math.sqrt(3.0 * scale / fan);
        return manager.randomUniform(-limit, limit, shape, type);
    }

    private static NDArray normal(NDManager manager, Shape shape, DataType type, double scale, double fan) {
        float std = (float) (Math.sqrt(scale / fan) / TRUNCATED_STD_CORRECTION);
        return manager.truncatedNormal(0f, std, shape, type);
    }

    /** DJL weights are (out, in, kernel…): fan-in = in · receptive field, fan-out = out · receptive field. */
    static double fanIn(Shape shape) {
        if (shape.dimension() < 2) {
            return shape.dimension() == 0 ? 1 : shape.get(0);
        }
        return shape.get(1) * receptiveField(shape);
    }

    static double fanOut(Shape shape) {
        if (shape.dimension() < 2) {
            return shape.dimension() == 0 ? 1 : shape.get(0);
        }
        return shape.get(0) * receptiveField(shape);
    }

    private static double fanAverage(Shape shape) {
        return (fanIn(shape) + fanOut(shape)) / 2.0;
    }

    private static long receptiveField(Shape shape) {
        long size = 1;
        for (int i = 2; i < shape.dimension(); i++) {
            size *= shape.get(i);
        }
        return size;
    }
}
