package dev.sieve.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BulkDotTest {
    /** The documented order, written out directly. */
    private static double reference(double[] x, double[] y, int n) {
        double[] s = new double[8];
        for (int p = 0; p < n; p++) {
            s[p % 8] = Math.fma(x[p], y[p], s[p % 8]);
        }
        return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    }

    @Test
    void bothImplementationsFollowTheDocumentedOrderBitForBitForEveryTail() {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[70];
        double[] y = new double[70];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-8, 8));
            y[i] = r.nextDouble(-1, 1);
        }
        for (int n = 0; n <= x.length; n++) {
            long want = Double.doubleToRawLongBits(reference(x, y, n));
            assertThat(Double.doubleToRawLongBits(BulkDot.get().dot(x, y, n))).as("simd, n = " + n).isEqualTo(want);
            assertThat(Double.doubleToRawLongBits(BulkDot.scalar().dot(x, y, n))).as("scalar, n = " + n)
                .isEqualTo(want);
        }
    }

    @Test
    void itIsADotProduct() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        double[] y = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2};
        assertThat(BulkDot.get().dot(x, y, 11)).isEqualTo(77.0);
        assertThat(BulkDot.get().dot(x, y, 0)).isEqualTo(0.0);
    }
}
