package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.junit.jupiter.api.Test;

/**
 * The service's PCA against a direct eigen-decomposition of the covariance matrix (commons-math3): the same two
 * directions up to sign, the same shares of variance, scores that are the centred rows times the directions, on
 * both of its paths (d×d scatter when d ≤ n, n×n Gram when n &lt; d) and on degenerate data.
 */
class PcaTest {

    @Test
    void plantedStructureWithMoreRowsThanValues() {
        float[] x = planted(300, 10, new Random(1));
        compareWithEigen(x, 300, 10);
    }

    @Test
    void plantedStructureWithMoreValuesThanRowsUsesTheGramMatrix() {
        float[] x = planted(25, 60, new Random(2));
        compareWithEigen(x, 25, 60);
    }

    @Test
    void plainNoiseWhereTheEigenvaluesAreClose() {
        Random random = new Random(3);
        float[] x = new float[200 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * (1 + (i % 6) * 0.15));
        }
        compareWithEigen(x, 200, 6);
    }

    @Test
    void constantColumnsGetNoWeight() {
        Random random = new Random(4);
        int n = 50;
        int d = 5;
        float[] x = planted(n, d, random);
        for (int r = 0; r < n; r++) {
            x[r * d + 1] = 7f;
            x[r * d + 4] = -2f;
        }
        Pca.Projection p = compareWithEigen(x, n, d);
        for (double[] v : p.components()) {
            assertThat(v[1]).isCloseTo(0, within(1e-12));
            assertThat(v[4]).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void oneValuePerRowHasOneComponent() {
        float[] x = {1, 4, 2, 8, 5};
        Pca.Projection p = Pca.of(x, 5, 1);
        assertThat(p.explained()[0]).isCloseTo(1, within(1e-12));
        assertThat(p.explained()[1]).isZero();
        assertThat(p.components()[0]).containsExactly(1.0);
        double mean = 4;
        for (int r = 0; r < 5; r++) {
            assertThat(p.x()[r]).isCloseTo(x[r] - mean, within(1e-9));
            assertThat(p.y()[r]).isZero();
        }
    }

    @Test
    void twoRowsLieOnOneLine() {
        float[] x = {1, 2, 3, 4, 3, 2, 1, 0};
        Pca.Projection p = Pca.of(x, 2, 4);
        assertThat(p.explained()[0]).isCloseTo(1, within(1e-9));
        assertThat(p.explained()[1]).isZero();
        // the direction is the difference of the two rows, normalised: (2, 0, -2, -4)/√24, sign by the largest
        double norm = Math.sqrt(24);
        assertThat(p.components()[0][0]).isCloseTo(-2 / norm, within(1e-9));
        assertThat(p.components()[0][3]).isCloseTo(4 / norm, within(1e-9));
        assertThat(p.x()[0]).isCloseTo(norm / 2, within(1e-9));
        assertThat(p.x()[1]).isCloseTo(-norm / 2, within(1e-9));
        assertThat(p.y()).containsExactly(0, 0);
    }

    @Test
    void identicalRowsHaveNoVariance() {
        float[] x = new float[4 * 3];
        Arrays.fill(x, 2.5f);
        Pca.Projection p = Pca.of(x, 4, 3);
        assertThat(p.explained()).containsExactly(0, 0);
        assertThat(p.x()).containsOnly(0);
        assertThat(p.y()).containsOnly(0);
    }

    @Test
    void theSameRowsGiveTheSamePictureAndEachComponentsLargestValueIsPositive() {
        float[] x = planted(80, 12, new Random(5));
        Pca.Projection a = Pca.of(x, 80, 12);
        Pca.Projection b = Pca.of(x.clone(), 80, 12);
        assertThat(a.x()).containsExactly(b.x());
        assertThat(a.y()).containsExactly(b.y());
        for (double[] v : a.components()) {
            double largest = Arrays.stream(v).map(Math::abs).max().orElseThrow();
            assertThat(Arrays.stream(v).filter(e -> e == largest).count()).isEqualTo(1);
        }
    }

    /** Rows of two planted directions with unequal spreads, noise, and an offset (so centring matters). */
    private static float[] planted(int n, int d, Random random) {
        double[] u = unit(d, random);
        double[] w = unit(d, random);
        float[] x = new float[n * d];
        for (int r = 0; r < n; r++) {
            double a = 5 * random.nextGaussian();
            double b = 2 * random.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[r * d + j] = (float) (3 + j + a * u[j] + b * w[j] + 0.3 * random.nextGaussian());
            }
        }
        return x;
    }

    private static double[] unit(int d, Random random) {
        double[] v = new double[d];
        double norm = 0;
        for (int j = 0; j < d; j++) {
            v[j] = random.nextGaussian();
            norm += v[j] * v[j];
        }
        for (int j = 0; j < d; j++) {
            v[j] /= Math.sqrt(norm);
        }
        return v;
    }

    private static Pca.Projection compareWithEigen(float[] x, int n, int d) {
        double[][] rows = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                rows[r][j] = x[r * d + j];
            }
        }
        RealMatrix covariance = new Covariance(new Array2DRowRealMatrix(rows), false).getCovarianceMatrix();
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        double[] values = eigen.getRealEigenvalues().clone();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(values[j], values[i]));
        double trace = covariance.getTrace();

        Pca.Projection p = Pca.of(x, n, d);
        assertThat(p.explained()[0]).isGreaterThanOrEqualTo(p.explained()[1]);
        double[] mean = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (int k = 0; k < 2; k++) {
            double lambda = values[order[k]];
            assertThat(p.explained()[k]).isCloseTo(lambda / trace, within(1e-6));
            double[] expected = eigen.getEigenvector(order[k]).toArray();
            double[] actual = p.components()[k];
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += expected[j] * actual[j];
            }
            assertThat(Math.abs(dot))
                    .as("|cos| between PC%d and the eigenvector", k + 1)
                    .isCloseTo(1, within(1e-6));
            double[] scores = k == 0 ? p.x() : p.y();
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (rows[r][j] - mean[j]) * actual[j];
                }
                assertThat(scores[r]).isCloseTo(s, within(1e-6 * (1 + Math.abs(s))));
            }
        }
        return p;
    }
}
