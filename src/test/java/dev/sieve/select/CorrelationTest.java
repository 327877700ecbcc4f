package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationTest {
    @Test
    void pearsonOfExactlyRelatedColumns() {
        // columns: x, 2x+1, -x, x^2 (on x = 0..4), a constant
        List<double[]> rows = new java.util.ArrayList<>();
        for (int x = 0; x < 5; x++) {
            rows.add(new double[] {x, 2 * x + 1, -x, x * x, 3});
        }
        double[] r = Correlation.pearson(rows, 5);
        assertThat(r[0 * 5 + 1]).isCloseTo(1.0, within(1e-12));
        assertThat(r[0 * 5 + 2]).isCloseTo(-1.0, within(1e-12));
        // corr(x, x^2) on 0..4 = 20 / sqrt(10 * 45.2... ) = 0.958927 (computed by hand in Python)
        assertThat(r[0 * 5 + 3]).isCloseTo(0.958927, within(1e-6));
        assertThat(r[4 * 5 + 4]).isZero();
        assertThat(r[0 * 5 + 4]).isZero();
        assertThat(r[3 * 5 + 0]).isEqualTo(r[0 * 5 + 3]);
    }

    @Test
    void completeLinkageKeepsOnlyClustersWhosePairsAllCorrelate() {
        // 0-1 0.99, 1-2 0.97, 0-2 0.90: with threshold 0.95 complete linkage joins 0 and 1, but not 2 (0-2 too low);
        // 3-4 0.96 form a second cluster; 5 alone
        double[][] m = new double[6][6];
        for (int i = 0; i < 6; i++) {
            m[i][i] = 1;
        }
        set(m, 0, 1, 0.99);
        set(m, 1, 2, 0.97);
        set(m, 0, 2, -0.90);
        set(m, 3, 4, -0.96);
        set(m, 2, 5, 0.5);
        double[] r = new double[36];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(m[i], 0, r, 6 * i, 6);
        }
        List<int[]> cl = Correlation.completeLinkage(r, 6, 0.95);
        assertThat(cl).hasSize(4);
        assertThat(cl.get(0)).containsExactly(0, 1);
        assertThat(cl.get(1)).containsExactly(3, 4);
        assertThat(cl.get(2)).containsExactly(2);
        assertThat(cl.get(3)).containsExactly(5);
        assertThat(Correlation.completeLinkage(r, 6, 0.89)).first().satisfies(c -> assertThat(c).containsExactly(0, 1, 2));
    }

    private static void set(double[][] m, int i, int j, double v) {
        m[i][j] = v;
        m[j][i] = v;
    }
}
