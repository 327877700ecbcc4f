package dev.sieve.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radial force sums: SIMD = scalar bit for bit (every length, padded or exact arrays), and the formula. */
class RadialSumsTest {

    @Test
    void simdEqualsScalarBitForBitAndTheFormula() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int pad : new int[] {0, 8}) {
            for (int nq = 1; nq <= 13; nq += 4) {
                for (int T = 0; T <= 40; T++) {
                    double[] w = new double[nq], c = new double[nq], rs = new double[nq];
                    for (int q = 0; q < nq; q++) {
                        w[q] = q % 3 == 1 ? 0.0 : rnd.nextDouble() - 0.5; // some functions removed
                        c[q] = 2 * rnd.nextDouble();
                        rs[q] = 3 * rnd.nextDouble();
                    }
                    int off = rnd.nextInt(5);
                    double[] ex = random(rnd, off + nq * T + pad);
                    double[] r = random(rnd, T + pad), f = random(rnd, T + pad), df = random(rnd, T + pad);
                    double[] a = new double[T + pad], b = new double[T + pad];
                    java.util.Arrays.fill(a, 7.0);
                    java.util.Arrays.fill(b, 7.0);
                    RadialSums.get().forceFactors(T, nq, w, c, rs, ex, off, r, f, df, a);
                    RadialSums.scalar().forceFactors(T, nq, w, c, rs, ex, off, r, f, df, b);
                    for (int t = 0; t < T; t++) {
                        assertThat(Double.doubleToRawLongBits(a[t])).as("T %d nq %d t %d", T, nq, t)
                            .isEqualTo(Double.doubleToRawLongBits(b[t]));
                        double s = 0;
                        for (int q = 0; q < nq; q++) {
                            s += w[q] * ex[off + q * T + t] * (df[t] - c[q] * (r[t] - rs[q]) * f[t]);
                        }
                        assertThat(b[t]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-14));
                    }
                }
            }
        }
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble();
        }
        return x;
    }
}
