package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** 100 rows of class 0, 20 of class 1, 30 of class 2. */
    private static final int[] CLASSES =
            IntStream.range(0, 150).map(r -> r < 100 ? 0 : r < 120 ? 1 : 2).toArray();

    @Test
    void partitionsEveryRowExactlyOnce() {
        Splits s = Splits.of(CLASSES, 150, 0.1, 0.2, 42);
        int[] all = IntStream.concat(
                        IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
                        Arrays.stream(s.test()))
                .sorted()
                .toArray();
        assertThat(all).containsExactly(IntStream.range(0, 150).toArray());
    }

    @Test
    void stratifiesEachClassInProportion() {
        Splits s = Splits.of(CLASSES, 150, 0.1, 0.2, 42);
        assertThat(count(s.test(), 0)).isEqualTo(20);
        assertThat(count(s.test(), 1)).isEqualTo(4);
        assertThat(count(s.test(), 2)).isEqualTo(6);
        assertThat(count(s.validation(), 0)).isEqualTo(8);
        assertThat(count(s.validation(), 1)).isEqualTo(2);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        assertThat(Splits.of(CLASSES, 150, 0.1, 0.2, 7).test())
                .containsExactly(Splits.of(CLASSES, 150, 0.1, 0.2, 7).test());
        assertThat(Splits.of(CLASSES, 150, 0.1, 0.2, 7).test())
                .isNotEqualTo(Splits.of(CLASSES, 150, 0.1, 0.2, 8).test());
    }

    @Test
    void regressionSplitsByPlainShuffle() {
        Splits s = Splits.of(null, 10, 0.0, 0.3, 1);
        assertThat(s.test()).hasSize(3);
        assertThat(s.validation()).isEmpty();
        assertThat(s.train()).hasSize(7);
    }

    private static long count(int[] rows, int cls) {
        return Arrays.stream(rows).filter(r -> CLASSES[r] == cls).count();
    }
}
