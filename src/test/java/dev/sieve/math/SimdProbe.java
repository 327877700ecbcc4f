package dev.sieve.math;

import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import java.util.Arrays;

/** Run in a separate JVM by {@link SimdTest}: prints what the SIMD decision chose and a digest of kernel results. */
public final class SimdProbe {
    private SimdProbe() {}

    /** Arguments covering the exp range, tiny and special values. */
    static double[] arguments() {
        double[] x = new double[4_099];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 3 == 0 ? 1400.0 : 30.0) * ((i * 0.6180339887498949) % 1.0 - 0.5) + (i % 7 == 0 ? 1e-9 * i : 0);
        }
        x[0] = 0.0;
        x[1] = -0.0;
        x[2] = Double.NaN;
        x[3] = Double.NEGATIVE_INFINITY;
        x[4] = Double.MIN_VALUE;
        return x;
    }

    /** Hash of the raw bits of exp (bulk), tanh (scalar and bulk) of the arguments, ... */
    static int digest() {
        double[] x = arguments();
        double[] e = new double[x.length];
        BulkExp.get().exp(x, e, x.length);
        double[] th = new double[x.length];
        BulkExp.get().tanh(x, th, 0, x.length);
        long[] bits = new long[3 * x.length];
        for (int i = 0; i < x.length; i++) {
            bits[3 * i] = Double.doubleToRawLongBits(e[i]);
            bits[3 * i + 1] = Double.doubleToRawLongBits(Activation.tanh(x[i]));
            bits[3 * i + 2] = Double.doubleToRawLongBits(th[i]);
        }
        // cos and sin of [0, pi/2] (BulkTrig), offset 3, a length that leaves a scalar tail
        int n = 1_003;
        double[] zc = new double[n + 3];
        double[] sn = new double[n + 3];
        for (int i = 0; i < n; i++) {
            zc[3 + i] = 0.5 * Math.PI * i / (n - 1);
        }
        BulkTrig.get().cosSin(zc, sn, 3, n);
        long[] trig = new long[2 * n];
        for (int i = 0; i < n; i++) {
            trig[2 * i] = Double.doubleToRawLongBits(zc[3 + i]);
            trig[2 * i + 1] = Double.doubleToRawLongBits(sn[3 + i]);
        }
        // packed symmetric product fused with a downdate (the Kalman filter's covariance pass), 37 rows
        int m = 37;
        double[] p = new double[m * (m + 1) / 2];
        double[] h = new double[m];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.sin(0.37 * i);
        }
        for (int i = 0; i < m; i++) {
            h[i] = Math.cos(1.3 * i);
        }
        double[] out = new double[m];
        PackedSymmetric.get().downdateMultiply(p, h, 0.25, 1e-3, h, 0, 0, m, out);
        long[] packed = new long[p.length + m];
        for (int i = 0; i < p.length; i++) {
            packed[i] = Double.doubleToRawLongBits(p[i]);
        }
        for (int i = 0; i < m; i++) {
            packed[p.length + i] = Double.doubleToRawLongBits(out[i]);
        }
        // dot products of every length up to 40 (every tail) of the trig values
        long[] dots = new long[41];
        for (int len = 0; len <= 40; len++) {
            dots[len] = Double.doubleToRawLongBits(BulkDot.get().dot(zc, sn, len));
        }
        // radial force sums of 11 functions (every fourth removed) over 37 neighbours (a masked-off tail)
        int nq = 11, nt = 37;
        double[] w = new double[nq], c = new double[nq], rs = new double[nq];
        for (int q = 0; q < nq; q++) {
            w[q] = q % 4 == 2 ? 0.0 : Math.cos(0.7 * q);
            c[q] = 0.2 + 0.3 * q;
            rs[q] = 0.4 * q;
        }
        double[] exs = new double[nq * nt + 3], rr = new double[nt], ff = new double[nt], dd = new double[nt];
        for (int i = 0; i < exs.length; i++) {
            exs[i] = Math.exp(-0.01 * i);
        }
        for (int t = 0; t < nt; t++) {
            rr[t] = 1.5 + 0.1 * t;
            ff[t] = Math.cos(0.05 * t);
            dd[t] = -Math.sin(0.05 * t);
        }
        double[] rsum = new double[nt];
        RadialSums.get().forceFactors(nt, nq, w, c, rs, exs, 3, rr, ff, dd, rsum);
        long[] radial = new long[nt];
        for (int t = 0; t < nt; t++) {
            radial[t] = Double.doubleToRawLongBits(rsum[t]);
        }
        // power table of 29 pairs (a scalar tail), both signs, 7 levels
        double[][] pw = new double[7][29];
        double[] ibv = new double[29];
        long[] table = new long[2 * 8 * 29];
        for (int sg = 0; sg < 2; sg++) {
            double[] cosines = new double[29];
            for (int q = 0; q < 29; q++) {
                cosines[q] = Math.cos(0.23 * q);
            }
            PowerTable.get().fill(cosines, sg == 0 ? 1.0 : -1.0, pw, ibv, 6, 29);
            for (int q = 0; q < 29; q++) {
                for (int l = 0; l < 7; l++) {
                    table[(sg * 8 + l) * 29 + q] = Double.doubleToRawLongBits(pw[l][q]);
                }
                table[(sg * 8 + 7) * 29 + q] = Double.doubleToRawLongBits(ibv[q]);
            }
        }
        return 31 * (31 * (31 * (31 * (31 * Arrays.hashCode(bits) + Arrays.hashCode(trig)) + Arrays.hashCode(packed))
            + Arrays.hashCode(dots)) + Arrays.hashCode(radial)) + Arrays.hashCode(table);
    }

    public static void main(String[] args) {
        System.out.println(Simd.enabled() + " " + BulkExp.get().name() + " " + Network.batchKernelName() + " "
            + digest());
    }
}
