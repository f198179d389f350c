package dev.neurona.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An optimizer written from NDArray operations, so every update rule is the textbook formula and can be checked
 * against hand-computed values (the PyTorch engine has no RMSProp, Nesterov or dense Adagrad, and its SGD momentum
 * and Adam follow other conventions than Keras').
 *
 * <p>Memory: the state (velocities, moments) of each parameter lives in one sub-manager of the parameters' manager,
 * created once and freed with the model. Every temporary of an update is closed by an {@link NDScope} around it, so
 * the number of live arrays does not grow with the number of steps.
 *
 * <p>DJL calls {@link #update} once per parameter per {@code trainer.step()}, after the gradient collector has
 * closed. The weight is changed in place through a detached view of it (PyTorch refuses in-place changes of a leaf
 * that requires a gradient while grad mode is on), and the gradient is zeroed afterwards, as DJL's own optimizers
 * do: PyTorch adds every backward pass to the stored gradient.
 */
abstract class JavaOptimizer extends Optimizer {

    private final LearningRateSchedule schedule;
    private final GradientClipping clipping;
    private final Map<String, NDArray[]> states = new ConcurrentHashMap<>();
    /** Updates per parameter id; our own rather than DJL's private count, so a checkpoint can restore it. */
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    private NDManager stateManager;
    /** The training's update number (from 1), set before each step; 0 when no loop sets it (unit tests). */
    private long globalStep;

    JavaOptimizer(LearningRateSchedule schedule, GradientClipping clipping) {
        super(new NoBuiltIns());
        this.schedule = schedule;
        this.clipping = clipping;
    }

    /** The state arrays of one parameter, initialised for a weight of this shape; nulls for unused slots. */
    abstract NDArray[] initialState(NDManager manager, NDArray weight);

    /**
     * Applies one update in place.
     *
     * @param w  the weight (a view: in-place operations change the parameter)
     * @param g  the gradient, already clipped; never change it in place
     * @param lr the scheduled learning rate of this update
     * @param t  the update number, from 1
     */
    abstract void step(NDArray w, NDArray g, NDArray[] state, float lr, int t);

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        int t = counts.merge(parameterId, 1, Integer::sum);
        // a layer unfrozen late has fewer updates than the training has steps: the schedule and clipping follow
        // the training's step, Adam's bias correction the parameter's own count
        long step = globalStep > 0 ? globalStep : t;
        float lr = (float) schedule.at(step - 1L);
        NDArray[] state = states.computeIfAbsent(parameterId, id -> newState(weight));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray w = weight.stopGradient();
            step(w, clipping.apply(grad, step), state, lr, t);
        }
        zeroGradient(weight);
    }

    /**
     * Writes every parameter's update count and state arrays, keyed by the parameter's name (ids are random per
     * model instance, names are stable across a restart).
     */
    void writeState(DataOutputStream out, ParameterList parameters) throws IOException {
        int count = 0;
        for (Pair<String, Parameter> p : parameters) {
            count += counts.containsKey(p.getValue().getId()) ? 1 : 0;
        }
        out.writeInt(count);
        for (Pair<String, Parameter> p : parameters) {
            Integer t = counts.get(p.getValue().getId());
            if (t == null) {
                continue;
            }
            out.writeUTF(p.getKey());
            out.writeInt(t);
            NDArray[] state = states.get(p.getValue().getId());
            out.writeInt(state == null ? 0 : state.length);
            for (int i = 0; state != null && i < state.length; i++) {
                out.writeBoolean(state[i] != null);
                if (state[i] != null) {
                    byte[] encoded = state[i].encode();
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
            }
        }
    }

    /** Restores what {@link #writeState} wrote into a freshly initialised model with the same parameter names. */
    void readState(DataInputStream in, ParameterList parameters) throws IOException {
        int count = in.readInt();
        for (int k = 0; k < count; k++) {
            String name = in.readUTF();
            int t = in.readInt();
            Parameter parameter = parameters.get(name);
            if (parameter == null) {
                throw new IOException(
                        "the checkpoint has optimizer state for a parameter " + name + " this network does not have");
            }
            NDArray weight = parameter.getArray();
            if (stateManager == null) {
                stateManager = weight.getManager().newSubManager();
            }
            int slots = in.readInt();
            NDArray[] state = slots == 0 ? null : new NDArray[slots];
            for (int i = 0; i < slots; i++) {
                if (in.readBoolean()) {
                    byte[] encoded = in.readNBytes(in.readInt());
                    state[i] = NDArray.decode(stateManager, encoded);
                    NDScope.unregister(state[i]);
                }
            }
            counts.put(parameter.getId(), t);
            if (state != null) {
                states.put(parameter.getId(), state);
            }
        }
    }

    void globalStep(long step) {
        globalStep = step;
    }

    GradientClipping clipping() {
        return clipping;
    }

    private NDArray[] newState(NDArray weight) {
        if (stateManager == null) {
            stateManager = weight.getManager().newSubManager();
        }
        NDArray[] state = initialState(stateManager, weight);
        // created outside our scope, but an enclosing scope (a caller's) must not close it either
        NDScope.unregister(Arrays.stream(state).filter(Objects::nonNull).toArray(NDArray[]::new));
        return state;
    }

    private static void zeroGradient(NDArray weight) {
        if (!weight.hasGradient()) {
            return;
        }
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
            return;
        }
        try (NDArray g = weight.getGradient()) {
            g.subi(g);
        }
    }

    /** The base class wants a builder; its built-in rescaling, clipping and weight decay stay off. */
    private static final class NoBuiltIns extends OptimizerBuilder<NoBuiltIns> {

        @Override
        protected NoBuiltIns self() {
            return this;
        }
    }
}
