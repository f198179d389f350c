package dev.neurona.spec;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Physics-informed training: the network φ(x, t) is fitted to a PDE, its initial condition and its boundary
 * condition at sampled points instead of to the dataset's rows, which become the grid the result is measured on
 * (docs/physics.md).
 */
@Schema(
        name = "Physics",
        description = "physics-informed training (a PINN): the loss is the PDE residual at collocation points plus the "
                + "initial- and boundary-condition terms; the dataset's rows (columns x, t and the target) are only the "
                + "evaluation grid")
public record Physics(
        @Schema(
                        description = "the PDE: advection, φ_t + u·φ_x = 0 on (0,1)×(0,1), periodic in x, "
                                + "φ(x, 0) = sin(2πx)",
                        allowableValues = {"advection"},
                        defaultValue = "advection")
                String equation,
        @Schema(description = "u, the advection velocity, −10 to 10", defaultValue = "1.0") Double velocity,
        @Schema(
                        description = "collocation points for the residual, drawn uniformly in (0,1)² (seeded) afresh "
                                + "every epoch, 1 to 20000",
                        defaultValue = "2000")
                Integer collocation,
        @Schema(description = "points on t = 0 for the initial condition, 1 to 5000", defaultValue = "200")
                Integer initial,
        @Schema(
                        description = "times t at which φ(0, t) = φ(1, t) is asked (periodicity), 1 to 5000",
                        defaultValue = "200")
                Integer boundary,
        @Schema(
                        description = "full-batch optimisation steps per epoch (one epoch = one draw of points), 1 to "
                                + "1000",
                        defaultValue = "100")
                Integer stepsPerEpoch,
        @Schema(description = "weights of the three mean squared terms in the loss") Weights weights) {

    /** Each 0 to 10000; not all 0. */
    @Schema(name = "PhysicsWeights")
    public record Weights(
            @Schema(defaultValue = "1.0") Double residual,
            @Schema(defaultValue = "1.0") Double initial,
            @Schema(defaultValue = "1.0") Double boundary) {}
}
