package dev.sieve.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedSymmetricTest {
    private static final int N = 23; // rows with every remainder mod 4, and a tail in each

    private static double[] randomPacked(SplittableRandom r) {
        double[] p = new double[N * (N + 1) / 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble(-1, 1);
        }
        return p;
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    private static double entry(double[] p, int i, int j) {
        return i >= j ? p[PackedSymmetric.rowStart(i) + j] : p[PackedSymmetric.rowStart(j) + i];
    }

    /** The sum of the row ranges' contributions. */
    private static double[] product(PackedSymmetric k, double[] p, double[] h, int ho, int[] bounds) {
        double[] sum = new double[N];
        double[] out = new double[N];
        for (int t = 0; t + 1 < bounds.length; t++) {
            Arrays.fill(out, 7.0); // stale values beyond the range must not matter
            k.multiply(p, h, ho, bounds[t], bounds[t + 1], out);
            for (int i = 0; i < bounds[t + 1]; i++) {
                sum[i] += out[i];
            }
        }
        return sum;
    }

    @Test
    void theProductAndTheDowndateMatchTheDenseFormulas() {
        SplittableRandom r = new SplittableRandom(3);
        double[] p = randomPacked(r);
        double[] h = random(r, N + 2);
        for (PackedSymmetric k : new PackedSymmetric[] {PackedSymmetric.get(), PackedSymmetric.scalar()}) {
            double[] ph = product(k, p, h, 2, new int[] {0, 9, 17, N});
            for (int i = 0; i < N; i++) {
                double want = 0;
                for (int j = 0; j < N; j++) {
                    want += entry(p, i, j) * h[2 + j];
                }
                assertThat(ph[i]).as("row " + i).isCloseTo(want, within(1e-14));
            }
            double[] x = random(r, N);
            double[] q = p.clone();
            k.downdate(q, x, 0.3, 0.01, 0, 11);
            k.downdate(q, x, 0.3, 0.01, 11, N);
            for (int i = 0; i < N; i++) {
                for (int j = 0; j <= i; j++) {
                    double want = entry(p, i, j) - 0.3 * x[i] * x[j] + (i == j ? 0.01 : 0);
                    assertThat(entry(q, i, j)).isCloseTo(want, within(1e-15));
                }
            }
        }
    }

    @Test
    void theFusedPassEqualsTheDowndateThenTheProductBitForBitAndSimdEqualsScalar() {
        SplittableRandom r = new SplittableRandom(11);
        double[] p0 = randomPacked(r);
        double[] x = random(r, N);
        double[] h = random(r, N + 1);
        int[] bounds = {0, 5, 14, N};
        double[] seq = p0.clone();
        PackedSymmetric s = PackedSymmetric.scalar();
        for (int t = 0; t < 3; t++) {
            s.downdate(seq, x, 0.7, 1e-3, bounds[t], bounds[t + 1]);
        }
        double[] want = product(s, seq, h, 1, bounds);
        for (PackedSymmetric k : new PackedSymmetric[] {PackedSymmetric.get(), s}) {
            double[] fused = p0.clone();
            double[] got = new double[N];
            double[] out = new double[N];
            for (int t = 0; t < 3; t++) {
                Arrays.fill(out, -5.0);
                k.downdateMultiply(fused, x, 0.7, 1e-3, h, 1, bounds[t], bounds[t + 1], out);
                for (int i = 0; i < bounds[t + 1]; i++) {
                    got[i] += out[i];
                }
            }
            for (int i = 0; i < fused.length; i++) {
                assertThat(Double.doubleToRawLongBits(fused[i])).as("P entry " + i)
                    .isEqualTo(Double.doubleToRawLongBits(seq[i]));
            }
            for (int i = 0; i < N; i++) {
                assertThat(Double.doubleToRawLongBits(got[i])).as("product " + i)
                    .isEqualTo(Double.doubleToRawLongBits(want[i]));
            }
            double[] ph = product(k, p0, h, 1, bounds);
            double[] ph0 = product(s, p0, h, 1, bounds);
            for (int i = 0; i < N; i++) {
                assertThat(Double.doubleToRawLongBits(ph[i])).isEqualTo(Double.doubleToRawLongBits(ph0[i]));
            }
        }
    }
}
