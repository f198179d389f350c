package dev.neurona.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.neurona.spec.OptimizerSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a training loop needs from a resolved {@link OptimizerSpec}: the DJL optimizer to configure the trainer
 * with, the gradient-norm measurement clipping needs before each step, and the learning rate of any step.
 */
public final class Optimization {

    private final JavaOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private long measured;

    private Optimization(JavaOptimizer optimizer, LearningRateSchedule schedule) {
        this.optimizer = optimizer;
        this.schedule = schedule;
    }

    /**
     * @param spec          a resolved optimizer spec (every default filled in)
     * @param stepsPerEpoch batches per epoch
     * @param totalSteps    updates over the whole training (epochs × batches per epoch)
     */
    public static Optimization of(OptimizerSpec spec, int stepsPerEpoch, long totalSteps) {
        LearningRateSchedule schedule =
                LearningRateSchedule.of(spec.schedule(), spec.learningRate(), stepsPerEpoch, totalSteps);
        GradientClipping clipping = new GradientClipping(spec.clipNorm(), spec.clipValue());
        return new Optimization(create(spec, schedule, clipping), schedule);
    }

    static JavaOptimizer create(OptimizerSpec spec, LearningRateSchedule schedule, GradientClipping clipping) {
        if (spec instanceof OptimizerSpec.Sgd s) {
            return new SgdOptimizer(schedule, clipping, s.momentum(), Boolean.TRUE.equals(s.nesterov()));
        }
        if (spec instanceof OptimizerSpec.RmsProp r) {
            return new RmsPropOptimizer(
                    schedule, clipping, r.rho(), r.momentum(), r.epsilon(), Boolean.TRUE.equals(r.centered()));
        }
        if (spec instanceof OptimizerSpec.Adam a) {
            return new AdamOptimizer(schedule, clipping, a.beta1(), a.beta2(), a.epsilon(), 0);
        }
        if (spec instanceof OptimizerSpec.AdamW a) {
            return new AdamOptimizer(schedule, clipping, a.beta1(), a.beta2(), a.epsilon(), a.weightDecay());
        }
        OptimizerSpec.Adagrad a = (OptimizerSpec.Adagrad) spec;
        return new AdagradOptimizer(schedule, clipping, a.initialAccumulatorValue(), a.epsilon());
    }

    /** For {@code DefaultTrainingConfig.optOptimizer}. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Call after the backward pass and before every {@code trainer.step()}: with {@code clipNorm} it measures the
     * global norm of all gradients, which no single parameter's update could see.
     */
    public void beforeStep(ParameterList parameters) {
        measured++;
        optimizer.globalStep(measured);
        GradientClipping clipping = optimizer.clipping();
        if (!clipping.byNorm()) {
            return;
        }
        List<NDArray> gradients = new ArrayList<>();
        try {
            for (Pair<String, Parameter> p : parameters) {
                if (p.getValue().requiresGradient()) {
                    gradients.add(p.getValue().getArray().getGradient());
                }
            }
            clipping.measured(GradientClipping.globalNorm(gradients), measured);
        } finally {
            gradients.forEach(NDArray::close);
        }
    }

    /**
     * The optimizer's state for a checkpoint: update counts, velocities and moments of every parameter, so a resumed
     * training takes the same steps it would have taken without the interruption.
     */
    public void writeState(DataOutputStream out, ParameterList parameters) throws IOException {
        out.writeLong(measured);
        optimizer.writeState(out, parameters);
    }

    /** Restores {@link #writeState}'s output into the optimizer of a freshly initialised, same-shaped network. */
    public void readState(DataInputStream in, ParameterList parameters) throws IOException {
        measured = in.readLong();
        optimizer.readState(in, parameters);
    }

    /** The learning rate of update {@code step}, counting from 0. */
    public double learningRate(long step) {
        return schedule.at(step);
    }
}
