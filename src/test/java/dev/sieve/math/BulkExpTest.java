package dev.sieve.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulkExpTest {
    @Test
    void thePaddedExpGivesTheBitsOfTheScalarExpAndStaysInsideItsArraysAndPadding() {
        double[] x = SimdProbe.arguments();
        for (int n : new int[] {0, 1, 7, 8, 9, 63, 100}) {
            for (int spare : new int[] {0, 3, 8, 20}) {
                double[] in = new double[n + spare];
                System.arraycopy(x, 0, in, 0, in.length);
                double[] out = new double[n + spare];
                java.util.Arrays.fill(out, -1.0);
                BulkExp.get().expPadded(in, out, n);
                for (int i = 0; i < n; i++) {
                    assertThat(Double.doubleToRawLongBits(out[i])).as("n %d, entry %d", n, i)
                        .isEqualTo(Double.doubleToRawLongBits(DetMath.exp(in[i])));
                }
                for (int i = n + 8; i < out.length; i++) {
                    assertThat(out[i]).as("beyond the padding").isEqualTo(-1.0);
                }
                for (int i = n; i < Math.min(n + 8, out.length); i++) {
                    // untouched or exp of the spare input
                    assertThat(out[i] == -1.0
                        || Double.doubleToRawLongBits(out[i]) == Double.doubleToRawLongBits(DetMath.exp(in[i]))).isTrue();
                }
            }
        }
    }

    /** The bulk tanh gives DetMath.tanh's bits on [off, off + n) for every length and touches nothing else. */
    @Test
    void theBulkTanhGivesTheBitsOfTheScalarTanhInsideItsRange() {
        double[] special = {0.0, -0.0, 1e-300, -1e-300, 0.2, -0.2, 19.9, -19.9, 40, -40, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int n = 0; n <= 29; n++) {
            int off = 5;
            double[] in = new double[off + n + 4];
            for (int i = 0; i < in.length; i++) {
                in[i] = i % 3 == 0 ? special[i % special.length] : 6.0 * Math.sin(1.7 * i + n);
            }
            double[] out = new double[in.length];
            java.util.Arrays.fill(out, 42.0);
            BulkExp.get().tanh(in, out, off, n);
            for (int i = 0; i < in.length; i++) {
                if (i < off || i >= off + n) {
                    assertThat(out[i]).as("untouched " + i).isEqualTo(42.0);
                } else {
                    assertThat(Double.doubleToRawLongBits(out[i])).as("n " + n + " x " + in[i])
                        .isEqualTo(Double.doubleToRawLongBits(DetMath.tanh(in[i])));
                }
            }
        }
    }
}
