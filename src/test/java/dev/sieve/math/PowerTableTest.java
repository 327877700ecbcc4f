package dev.sieve.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The angular power table: SIMD = scalar bit for bit for every length and sign, clamping at b = 0 included. */
class PowerTableTest {

    @Test
    void simdEqualsScalarBitForBit() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n = 0; n <= 40; n++) {
            double[] c = new double[n];
            for (int p = 0; p < n; p++) {
                c[p] = switch (p % 7) {
                    case 0 -> -1.0;                          // b = 0 for lambda = +1
                    case 1 -> 1.0 + 1e-16 * p;               // just beyond 1: clamped for lambda = -1
                    case 2 -> -0.0;
                    default -> 2 * rnd.nextDouble() - 1;
                };
            }
            for (double sign : new double[] {1.0, -1.0}) {
                for (int maxBit : new int[] {0, 3, 6}) {
                    double[][] pa = new double[maxBit + 1][n], pb = new double[maxBit + 1][n];
                    double[] ia = new double[n], ib = new double[n];
                    PowerTable.get().fill(c, sign, pa, ia, maxBit, n);
                    PowerTable.scalar().fill(c, sign, pb, ib, maxBit, n);
                    for (int p = 0; p < n; p++) {
                        assertThat(Double.doubleToRawLongBits(ia[p])).as("ib n %d p %d", n, p)
                            .isEqualTo(Double.doubleToRawLongBits(ib[p]));
                        assertThat(Double.isFinite(ib[p])).isTrue();
                        double b = Math.max(1.0 + sign * c[p], 0.0);
                        for (int l = 0; l <= maxBit; l++) {
                            assertThat(Double.doubleToRawLongBits(pa[l][p])).as("level %d n %d p %d", l, n, p)
                                .isEqualTo(Double.doubleToRawLongBits(pb[l][p]));
                            assertThat(pb[l][p]).isEqualTo(b);
                            b *= b;
                        }
                    }
                }
            }
        }
    }
}
