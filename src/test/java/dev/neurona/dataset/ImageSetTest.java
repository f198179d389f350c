package dev.neurona.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {

    private static ImageSet set(int[] labels, int... pixels) {
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = (byte) pixels[i];
        }
        return new ImageSet(1, 1, 2, bytes, labels, List.of("a", "b"));
    }

    @Test
    void constructorChecksPixelCountAndLabelRange() {
        assertThat(set(new int[] {0, 1}, 1, 2, 3, 4).imageSize()).isEqualTo(2);
        assertThatThrownBy(() -> set(new int[] {0, 1}, 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 4 bytes, got 3");
        assertThatThrownBy(() -> set(new int[] {0, 2}, 1, 2, 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2");
        assertThatThrownBy(() -> set(new int[] {-1}, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concatAppendsImagesAndLabels() {
        ImageSet joined = set(new int[] {0}, 1, 2).concat(set(new int[] {1, 0}, 3, 4, 5, 6));
        assertThat(joined).isEqualTo(set(new int[] {0, 1, 0}, 1, 2, 3, 4, 5, 6));
        assertThat(joined.count()).isEqualTo(3);
    }

    @Test
    void concatRefusesOtherShapesOrClasses() {
        ImageSet a = set(new int[] {0}, 1, 2);
        assertThatThrownBy(() -> a.concat(new ImageSet(1, 2, 1, new byte[2], new int[] {0}, List.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1×1×2")
                .hasMessageContaining("1×2×1");
        assertThatThrownBy(() -> a.concat(new ImageSet(1, 1, 2, new byte[2], new int[] {0}, List.of("a", "c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different classes");
    }

    @Test
    void subsetPicksImagesInTheGivenOrder() {
        ImageSet s = set(new int[] {0, 1, 1}, 1, 2, 3, 4, 5, 6);
        assertThat(s.subset(new int[] {2, 0, 2})).isEqualTo(set(new int[] {1, 0, 1}, 5, 6, 1, 2, 5, 6));
        assertThat(s.subset(new int[0]).count()).isZero();
        assertThatThrownBy(() -> s.subset(new int[] {3})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toStringDescribesTheSetInsteadOfPrintingArrays() {
        assertThat(set(new int[] {0}, 1, 2)).hasToString("ImageSet[1 images of 1×1×2, classes=[a, b]]");
    }
}
