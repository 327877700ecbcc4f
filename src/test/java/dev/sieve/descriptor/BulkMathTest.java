package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BulkMathTest {
    private static double[] arguments() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 100_003;
        double[] in = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = i % 2 == 0 ? -700 * rnd.nextDouble() * rnd.nextDouble() : 1400 * (rnd.nextDouble() - 0.5);
        }
        in[0] = 0;
        in[1] = -1e-300;
        in[2] = 1e-17;
        in[3] = -700;
        in[4] = 700;
        in[5] = Math.log(2);
        return in;
    }

    @Test
    void expIsWithinTwoUlpOfMathExp() {
        double[] in = arguments();
        for (BulkMath m : new BulkMath[] {BulkMath.get(), BulkMath.scalar()}) {
            double[] out = new double[in.length];
            m.exp(in, out, in.length);
            for (int i = 0; i < in.length; i++) {
                double ref = Math.exp(in[i]);
                if (!(Math.abs(out[i] - ref) <= 2 * Math.ulp(ref))) {
                    throw new AssertionError(m.name() + " exp(" + in[i] + ") = " + out[i] + ", Math.exp " + ref);
                }
            }
        }
    }

    @Test
    void vectorAndScalarAreBitIdentical() {
        double[] in = arguments();
        double[] a = new double[in.length];
        double[] b = new double[in.length];
        // many rounds so that the SIMD code runs both interpreted and JIT-compiled
        for (int round = 0; round < 30; round++) {
            BulkMath.get().exp(in, a, in.length - round);
            BulkMath.scalar().exp(in, b, in.length - round);
            for (int i = 0; i < in.length - round; i++) {
                if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                    throw new AssertionError("round " + round + " exp(" + in[i] + "): " + a[i] + " vs " + b[i]);
                }
            }
        }
    }

    @Test
    void underflowIsClampedNotNaN() {
        double[] in = {-1e6, Double.NEGATIVE_INFINITY, -745.2};
        double[] out = new double[3];
        BulkMath.get().exp(in, out, 3);
        for (double v : out) {
            assertThat(v).isBetween(0.0, 1e-300);
        }
    }

    @Test
    void vectorImplementationIsSelectedWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(BulkMath.get().name().startsWith("vector")).isEqualTo(module);
    }
}
