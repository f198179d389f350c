package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The seed's advection problem φ_t + u·φ_x = 0 on (0,1)×(0,1), periodic in x, φ(x,0) = sin(2πx); its solution is
 * sin(2π(x − ut)). The loss terms of a physics-informed network are computed here, from any {@link Field} — the
 * trained network, or in the tests a function whose answer is known — with the same code.
 */
final class Advection {

    /** φ and its derivatives at points (x, t), each (rows, 1); the arrays are created in x's manager. */
    interface Field {
        Dual at(NDArray x, NDArray t);
    }

    /** The mean squared terms of one step, as scalars still attached to the autograd graph. */
    record Terms(NDArray residual, NDArray initial, NDArray boundary) {

        NDArray total(double residualWeight, double initialWeight, double boundaryWeight) {
            return residual.mul((float) residualWeight)
                    .add(initial.mul((float) initialWeight))
                    .add(boundary.mul((float) boundaryWeight));
        }
    }

    private Advection() {}

    /** r = φ_t + u·φ_x at every point, (rows, 1). */
    static NDArray residual(Field field, NDArray x, NDArray t, double velocity) {
        Dual phi = field.at(x, t);
        return phi.dt().add(phi.dx().mul((float) velocity));
    }

    /** φ(x, 0) − sin(2πx) at every x, (rows, 1). */
    static NDArray initialError(Field field, NDArray x) {
        NDArray zero = x.zerosLike();
        return field.at(x, zero).value().sub(x.mul((float) (2 * Math.PI)).sin());
    }

    /** φ(0, t) − φ(1, t) at every t, (rows, 1): periodicity in x. */
    static NDArray periodicError(Field field, NDArray t) {
        NDArray left = field.at(t.zerosLike(), t).value();
        NDArray right = field.at(t.onesLike(), t).value();
        return left.sub(right);
    }

    /**
     * The three mean squared terms from one pass of the field over all the points at once (collocation, then t = 0,
     * then x = 0, then x = 1): one forward pass per step instead of four, the same values as {@link #residual},
     * {@link #initialError} and {@link #periodicError}.
     */
    static Terms terms(Field field, Points points, double velocity) {
        long c = points.x().size();
        long i = points.initialX().size();
        long b = points.boundaryT().size();
        NDArray bt = points.boundaryT();
        NDArray x = NDArrays.concat(new NDList(points.x(), points.initialX(), bt.zerosLike(), bt.onesLike()));
        NDArray t = NDArrays.concat(new NDList(points.t(), points.initialX().zerosLike(), bt, bt));
        Dual phi = field.at(x, t);
        NDArray residual = phi.dt().get("0:" + c).add(phi.dx().get("0:" + c).mul((float) velocity));
        NDArray initial = phi.value()
                .get(c + ":" + (c + i))
                .sub(points.initialX().mul((float) (2 * Math.PI)).sin());
        NDArray periodic =
                phi.value().get((c + i) + ":" + (c + i + b)).sub(phi.value().get((c + i + b) + ":"));
        return new Terms(
                residual.square().mean(),
                initial.square().mean(),
                periodic.square().mean());
    }

    /** sin(2π(x − ut)), the exact solution. */
    static double exact(double x, double t, double velocity) {
        return Math.sin(2 * Math.PI * (x - velocity * t));
    }

    /**
     * Where the terms are evaluated: collocation points (x, t) uniform in the square, initial points x on t = 0,
     * boundary times t on x = 0 and x = 1. Each (rows, 1).
     */
    record Points(NDArray x, NDArray t, NDArray initialX, NDArray boundaryT) {

        static Points sample(NDManager manager, java.util.Random random, int collocation, int initial, int boundary) {
            return new Points(
                    uniform(manager, random, collocation),
                    uniform(manager, random, collocation),
                    uniform(manager, random, initial),
                    uniform(manager, random, boundary));
        }

        private static NDArray uniform(NDManager manager, java.util.Random random, int n) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextFloat();
            }
            return manager.create(values, new ai.djl.ndarray.types.Shape(n, 1));
        }
    }
}
