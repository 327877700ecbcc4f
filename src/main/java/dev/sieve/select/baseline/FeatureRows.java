package dev.sieve.select.baseline;

import dev.sieve.train.TrainingData;

/**
 * The feature matrix of one element as the baseline selection methods see it: rows = atoms of the element in the
 * training split, columns = its candidate features (the scaled network inputs). The rows are streamed, never stored
 * as one matrix; the methods work on column statistics and the D x D Gram matrix.
 */
public interface FeatureRows {
    /** Number of columns D. */
    int columns();

    /** Visits every row in a fixed order. */
    void forEach(TrainingData.RowVisitor visitor);

    /** The rows of element e in the structures {@code idx} of {@code data}. */
    static FeatureRows of(TrainingData data, int e, int[] idx) {
        int d = data.numFeatures(e);
        return new FeatureRows() {
            @Override
            public int columns() {
                return d;
            }

            @Override
            public void forEach(TrainingData.RowVisitor visitor) {
                data.forEachRow(e, idx, visitor);
            }
        };
    }

    /** An explicit matrix ({@code m[row][column]}, at least one row). */
    static FeatureRows of(double[][] m) {
        int d = m[0].length;
        return new FeatureRows() {
            @Override
            public int columns() {
                return d;
            }

            @Override
            public void forEach(TrainingData.RowVisitor visitor) {
                for (double[] r : m) {
                    visitor.row(r, 0);
                }
            }
        };
    }

    /** Number of rows. */
    default long rows() {
        long[] n = {0};
        forEach((x, off) -> n[0]++);
        return n[0];
    }

    /** Column means. */
    default double[] means() {
        int d = columns();
        double[] s = new double[d];
        long[] n = {0};
        forEach((x, off) -> {
            for (int j = 0; j < d; j++) {
                s[j] += x[off + j];
            }
            n[0]++;
        });
        for (int j = 0; j < d; j++) {
            s[j] /= Math.max(1, n[0]);
        }
        return s;
    }

    /** Column ranges max - min. */
    default double[] ranges() {
        int d = columns();
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        forEach((x, off) -> {
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], x[off + j]);
                hi[j] = Math.max(hi[j], x[off + j]);
            }
        });
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            r[j] = hi[j] - lo[j];
        }
        return r;
    }

    /**
     * The Gram matrix {@code C = Xc^T Xc} of the centred columns ({@code Xc = X - column means}), i.e. the number of
     * rows times the (population) covariance matrix; full symmetric D x D.
     */
    default double[][] centredGram() {
        int d = columns();
        double[] m = means();
        double[][] c = new double[d][d];
        double[] y = new double[d];
        forEach((x, off) -> {
            for (int j = 0; j < d; j++) {
                y[j] = x[off + j] - m[j];
            }
            for (int j = 0; j < d; j++) {
                double yj = y[j];
                double[] cj = c[j];
                for (int l = j; l < d; l++) {
                    cj[l] += yj * y[l];
                }
            }
        });
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < j; l++) {
                c[j][l] = c[l][j];
            }
        }
        return c;
    }
}
