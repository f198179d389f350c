package dev.neurona.imaging;

/**
 * One stroke in Google's Quick, Draw! <em>simplified</em> format: integer coordinates 0..255, the drawing aligned to
 * the top-left and its longest side spanning 0..255. Named apart from {@link java.awt.Stroke}.
 */
record SimplifiedStroke(int[] xs, int[] ys) {

    SimplifiedStroke {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " xs but " + ys.length + " ys");
        }
    }

    int points() {
        return xs.length;
    }
}
