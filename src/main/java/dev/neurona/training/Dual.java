package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * Forward-mode derivatives: a value and its derivatives along x and t, carried together through a network built of
 * dense layers and elementwise activations. Every operation here is an ordinary tensor operation, so the derivatives
 * are themselves differentiable by the engine's first-order autograd: the PDE residual φ_t + u·φ_x can be
 * backpropagated to the weights without second-order autograd (which DJL's gradient collector does not offer, see
 * docs/physics.md). Results are attached to the manager of {@code value}'s operands, never to a parameter's.
 *
 * @param value (rows, units)
 * @param dx    ∂value/∂x, same shape
 * @param dt    ∂value/∂t, same shape
 */
record Dual(NDArray value, NDArray dx, NDArray dt) {

    /** A dense layer: value·Wᵀ + b; the derivatives see only the weights (the bias is constant in x and t). */
    Dual dense(NDArray weight, NDArray bias) {
        return new Dual(
                Linear.linear(value, weight, bias).singletonOrThrow(),
                Linear.linear(dx, weight).singletonOrThrow(),
                Linear.linear(dt, weight).singletonOrThrow());
    }

    /** An elementwise activation f: f(v), and by the chain rule f'(v)·dv. */
    Dual activation(String name) {
        NDArray out;
        NDArray slope;
        switch (name) {
            case "linear" -> {
                return this;
            }
            case "tanh" -> {
                out = value.tanh();
                slope = out.square().neg().add(1f);
            }
            case "sigmoid" -> {
                out = Activation.sigmoid(value);
                slope = out.mul(out.neg().add(1f));
            }
            case "softplus" -> {
                out = Activation.softPlus(value);
                slope = Activation.sigmoid(value);
            }
            case "sin" -> {
                out = value.sin();
                slope = value.cos();
            }
            default -> throw new IllegalArgumentException("no derivative for activation " + name);
        }
        return new Dual(out, slope.mul(dx), slope.mul(dt));
    }

    /** scale·value + shift, e.g. a standardised regression output decoded to the target's units. */
    Dual affine(double scale, double shift) {
        return new Dual(value.mul((float) scale).add((float) shift), dx.mul((float) scale), dt.mul((float) scale));
    }
}
