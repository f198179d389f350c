package dev.neurona.prediction;

import java.util.Random;

/**
 * The two principal components of n rows of d values, and the rows projected on them. The rows are centred; the
 * top two eigenvectors come from the smaller of the d×d scatter matrix XᵀX (when d ≤ n) and the n×n Gram matrix
 * XXᵀ (when n &lt; d, the components then being Xᵀu/‖Xᵀu‖), so a 25,088-value conv layer over a few hundred rows
 * never builds a d×d matrix. The eigenvectors are found by subspace iteration with Rayleigh–Ritz from a fixed
 * start, so the same rows always give the same picture, and each component's sign is fixed: its largest-magnitude
 * value (the first of equals) is positive.
 */
final class Pca {

    /** Ritz pairs iterated together: more than the two wanted, so the second converges at the third's gap. */
    private static final int BLOCK = 6;

    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-10;

    /**
     * @param x rows × 2 scores (PC1, PC2), row after row
     * @param explained each component's share of the total variance, 0–1, descending
     * @param components 2 unit vectors of d values (zero where the data has no variance left)
     */
    record Projection(double[] x, double[] y, double[] explained, double[][] components) {}

    private Pca() {}

    static Projection of(float[] values, int n, int d) {
        if (n < 1 || d < 1 || (long) n * d != values.length) {
            throw new IllegalArgumentException(values.length + " values are not " + n + " rows of " + d);
        }
        double[] centred = new double[n * d];
        double[] mean = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                mean[j] += values[r * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double total = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double v = values[r * d + j] - mean[j];
                centred[r * d + j] = v;
                total += v * v;
            }
        }
        boolean gram = n < d;
        int m = gram ? n : d;
        double[] s = gram ? gram(centred, n, d) : scatter(centred, n, d);
        int wanted = Math.min(2, m);
        double[][] vectors = new double[wanted][];
        double[] lambdas = top(s, m, wanted, vectors);
        double[][] components = new double[2][d];
        double[] explained = new double[2];
        for (int k = 0; k < wanted; k++) {
            // below this the direction is rounding noise: no variance is left along any direction
            if (total <= 0 || lambdas[k] <= 1e-10 * total) {
                continue;
            }
            double[] v = gram ? fromGram(centred, n, d, vectors[k]) : vectors[k].clone();
            fixSign(v);
            components[k] = v;
            explained[k] = Math.min(1, lambdas[k] / total);
        }
        double[] px = new double[n];
        double[] py = new double[n];
        for (int r = 0; r < n; r++) {
            double a = 0;
            double b = 0;
            for (int j = 0; j < d; j++) {
                double v = centred[r * d + j];
                a += v * components[0][j];
                b += v * components[1][j];
            }
            px[r] = a;
            py[r] = b;
        }
        return new Projection(px, py, explained, components);
    }

    /** XᵀX, d×d, by one rank-one update per row (the upper triangle, mirrored). */
    private static double[] scatter(double[] x, int n, int d) {
        double[] s = new double[d * d];
        for (int r = 0; r < n; r++) {
            int row = r * d;
            for (int i = 0; i < d; i++) {
                double xi = x[row + i];
                if (xi == 0) {
                    continue;
                }
                int at = i * d;
                for (int j = i; j < d; j++) {
                    s[at + j] += xi * x[row + j];
                }
            }
        }
        mirror(s, d);
        return s;
    }

    /** XXᵀ, n×n: dot products of the rows. */
    private static double[] gram(double[] x, int n, int d) {
        double[] g = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += x[a * d + j] * x[b * d + j];
                }
                g[a * n + b] = dot;
            }
        }
        mirror(g, n);
        return g;
    }

    private static void mirror(double[] s, int m) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                s[i * m + j] = s[j * m + i];
            }
        }
    }

    private static double[] fromGram(double[] x, int n, int d, double[] u) {
        double[] v = new double[d];
        for (int r = 0; r < n; r++) {
            double ur = u[r];
            for (int j = 0; j < d; j++) {
                v[j] += ur * x[r * d + j];
            }
        }
        double norm = Math.sqrt(dot(v, v));
        for (int j = 0; j < d; j++) {
            v[j] /= norm;
        }
        return v;
    }

    private static void fixSign(double[] v) {
        int largest = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }

    /**
     * The {@code wanted} largest eigenvalues of the symmetric positive semi-definite m×m matrix {@code s}, their
     * unit eigenvectors put in {@code vectors}: subspace iteration on a block, Rayleigh–Ritz each step, until the
     * wanted Ritz pairs' residuals ‖Sq − θq‖ are below a tolerance relative to the largest eigenvalue.
     */
    static double[] top(double[] s, int m, int wanted, double[][] vectors) {
        int b = Math.min(BLOCK, m);
        Random random = new Random(17);
        double[][] q = new double[b][m];
        for (double[] column : q) {
            for (int i = 0; i < m; i++) {
                column[i] = random.nextGaussian();
            }
        }
        orthonormalise(q);
        double[] theta = new double[b];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] z = new double[b][];
            for (int k = 0; k < b; k++) {
                z[k] = times(s, m, q[k]);
            }
            // Rayleigh–Ritz: the best vectors of span(q) for S, from the small matrix qᵀSq
            double[] t = new double[b * b];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    t[i * b + j] = dot(q[i], z[j]);
                }
            }
            double[] w = new double[b * b];
            theta = jacobi(t, b, w);
            double[][] ritz = combine(q, w, b, m);
            double[][] sRitz = combine(z, w, b, m);
            double scale = Math.max(Math.abs(theta[0]), Double.MIN_NORMAL);
            boolean converged = true;
            for (int k = 0; k < wanted; k++) {
                double residual = 0;
                for (int i = 0; i < m; i++) {
                    double e = sRitz[k][i] - theta[k] * ritz[k][i];
                    residual += e * e;
                }
                converged &= Math.sqrt(residual) <= TOLERANCE * scale;
            }
            if (converged || iteration == MAX_ITERATIONS - 1) {
                for (int k = 0; k < wanted; k++) {
                    vectors[k] = ritz[k];
                }
                break;
            }
            q = sRitz;
            orthonormalise(q);
        }
        double[] out = new double[wanted];
        for (int k = 0; k < wanted; k++) {
            out[k] = Math.max(0, theta[k]);
        }
        return out;
    }

    /** Σ_j w[j][k]·v[j] for each k: the columns of v combined by the eigenvector columns of w, in w's order. */
    private static double[][] combine(double[][] v, double[] w, int b, int m) {
        double[][] out = new double[b][m];
        for (int k = 0; k < b; k++) {
            for (int j = 0; j < b; j++) {
                double c = w[j * b + k];
                for (int i = 0; i < m; i++) {
                    out[k][i] += c * v[j][i];
                }
            }
        }
        return out;
    }

    /** Modified Gram–Schmidt; a column that vanishes (rank lost) is replaced by a fixed unit vector, re-orthogonalised. */
    private static void orthonormalise(double[][] q) {
        int m = q[0].length;
        for (int k = 0; k < q.length; k++) {
            for (int attempt = 0; attempt <= m; attempt++) {
                for (int j = 0; j < k; j++) {
                    double c = dot(q[j], q[k]);
                    for (int i = 0; i < m; i++) {
                        q[k][i] -= c * q[j][i];
                    }
                }
                double norm = Math.sqrt(dot(q[k], q[k]));
                if (norm > 1e-300 && (attempt > 0 || norm > 1e-12)) {
                    for (int i = 0; i < m; i++) {
                        q[k][i] /= norm;
                    }
                    break;
                }
                java.util.Arrays.fill(q[k], 0);
                q[k][(k + attempt) % m] = 1;
            }
        }
    }

    private static double[] times(double[] s, int m, double[] v) {
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = 0;
            int at = i * m;
            for (int j = 0; j < m; j++) {
                sum += s[at + j] * v[j];
            }
            out[i] = sum;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * Eigenvalues of the small symmetric b×b matrix {@code a} (destroyed), descending, by cyclic Jacobi rotations;
     * the eigenvectors go to the columns of {@code w}, in the same order.
     */
    private static double[] jacobi(double[] a, int b, double[] w) {
        for (int i = 0; i < b; i++) {
            w[i * b + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < b; p++) {
                for (int r = p + 1; r < b; r++) {
                    off += a[p * b + r] * a[p * b + r];
                }
            }
            if (off < 1e-300) {
                break;
            }
            for (int p = 0; p < b; p++) {
                for (int r = p + 1; r < b; r++) {
                    double apr = a[p * b + r];
                    if (apr == 0) {
                        continue;
                    }
                    double phi = 0.5 * Math.atan2(2 * apr, a[r * b + r] - a[p * b + p]);
                    double c = Math.cos(phi);
                    double sn = Math.sin(phi);
                    for (int k = 0; k < b; k++) {
                        double akp = a[k * b + p];
                        double akr = a[k * b + r];
                        a[k * b + p] = c * akp - sn * akr;
                        a[k * b + r] = sn * akp + c * akr;
                    }
                    for (int k = 0; k < b; k++) {
                        double apk = a[p * b + k];
                        double ark = a[r * b + k];
                        a[p * b + k] = c * apk - sn * ark;
                        a[r * b + k] = sn * apk + c * ark;
                    }
                    for (int k = 0; k < b; k++) {
                        double wkp = w[k * b + p];
                        double wkr = w[k * b + r];
                        w[k * b + p] = c * wkp - sn * wkr;
                        w[k * b + r] = sn * wkp + c * wkr;
                    }
                }
            }
        }
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(a[j * b + j], a[i * b + i]));
        double[] values = new double[b];
        double[] sorted = new double[b * b];
        for (int k = 0; k < b; k++) {
            values[k] = a[order[k] * b + order[k]];
            for (int i = 0; i < b; i++) {
                sorted[i * b + k] = w[i * b + order[k]];
            }
        }
        System.arraycopy(sorted, 0, w, 0, b * b);
        return values;
    }
}
