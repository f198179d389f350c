package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code from} and {@code unfreeze} on a spec whose layers already start with the base's (as the job service puts them). */
class TransfersTest {

    private static final DataShape IRIS =
            new DataShape(4, Task.CLASSIFICATION, List.of("setosa", "versicolor", "virginica"), 150);
    private static final UUID BASE = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private static LayerSpec dense(int units, String activation, String name) {
        return new LayerSpec.Dense(units, activation, null, null, null, null).withWiring(name, null);
    }

    /** h1, dropout, h2 from the base (upTo 2), then the new head. */
    private static ModelSpec spec(Object upTo, List<Object> frozen, List<Transfer.Unfreeze> unfreeze) {
        List<LayerSpec> layers = List.of(
                dense(8, "relu", "h1"),
                new LayerSpec.Dropout(0.1),
                dense(8, "relu", "h2"),
                dense(3, "softmax", "head"));
        return new ModelSpec(
                layers,
                null,
                null,
                6,
                null,
                null,
                null,
                7L,
                null,
                null,
                null,
                null,
                null,
                null,
                new Transfer("base", upTo, frozen, BASE, "base", 1, null),
                unfreeze);
    }

    private static List<FieldProblem> problems(ModelSpec spec) {
        try {
            SpecValidator.resolve(spec, IRIS);
        } catch (DomainException e) {
            return e.errors();
        }
        throw new AssertionError("expected the spec to be refused");
    }

    @Test
    void byDefaultEveryBaseLayerWithWeightsIsFrozenAndTheScheduleReleasesThemByEpoch() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(2, null, List.of(new Transfer.Unfreeze(3, List.of("h2")), new Transfer.Unfreeze(5, List.of(0)))),
                IRIS);

        assertThat(resolved.from().frozen()).containsExactly(0, 2);
        assertThat(resolved.unfreeze())
                .containsExactly(new Transfer.Unfreeze(3, List.of(2)), new Transfer.Unfreeze(5, List.of(0)));
        assertThat(Transfers.frozenAt(resolved, 1)).isEqualTo(Set.of(0, 2));
        assertThat(Transfers.frozenAt(resolved, 2)).isEqualTo(Set.of(0, 2));
        assertThat(Transfers.frozenAt(resolved, 3)).isEqualTo(Set.of(0));
        assertThat(Transfers.frozenAt(resolved, 5)).isEmpty();
        assertThat(Transfers.frozenThrough(resolved, 2)).isEqualTo(2);
        assertThat(Transfers.frozenThrough(resolved, 0)).isEqualTo(4);
        assertThat(Transfers.frozenThrough(resolved, 3)).isZero();
    }

    @Test
    void anEmptyFrozenListFineTunesEverythingFromTheStart() {
        ModelSpec resolved = SpecValidator.resolve(spec("h2", List.of(), null), IRIS);

        assertThat(resolved.from().upTo()).isEqualTo(2);
        assertThat(Transfers.frozenAt(resolved, 1)).isEmpty();
    }

    @Test
    void badReferencesAndEpochsAreProblemsAtTheirPathsAllAtOnce() {
        List<FieldProblem> problems = problems(spec(
                2,
                List.of("h9", 3, true),
                List.of(
                        new Transfer.Unfreeze(7, List.of("h1")),
                        new Transfer.Unfreeze(2, List.of("h1", "head")),
                        new Transfer.Unfreeze(null, List.of()))));

        assertThat(problems)
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder(
                        "spec.from.frozen[0]",
                        "spec.from.frozen[1]",
                        "spec.from.frozen[2]",
                        "spec.unfreeze[0].epoch",
                        "spec.unfreeze[0].layers[0]",
                        "spec.unfreeze[1].layers[0]",
                        "spec.unfreeze[1].layers[1]",
                        "spec.unfreeze[2].epoch",
                        "spec.unfreeze[2].layers");
    }

    @Test
    void anUnfreezeScheduleNeedsABaseAndAnUpToMustBeAnIndexOfTheLayers() {
        ModelSpec alone = new ModelSpec(
                List.of(dense(3, "softmax", null)),
                null,
                null,
                null,
                null,
                null,
                null,
                7L,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new Transfer.Unfreeze(1, List.of(0))));
        assertThat(problems(alone)).extracting(FieldProblem::field).containsExactly("spec.unfreeze");
        assertThat(problems(spec(4, null, null)))
                .extracting(FieldProblem::field)
                .containsExactly("spec.from.upTo");
    }
}
