package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BulkMathTest {
    @Test
    void vectorAndScalarExpAgreeWithMathExp() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 1003;
        double[] in = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = -740 * rnd.nextDouble() * rnd.nextDouble();
        }
        in[0] = 0;
        in[1] = -1e-300;
        for (BulkMath m : new BulkMath[] {BulkMath.get(), BulkMath.scalar()}) {
            double[] out = new double[n];
            m.exp(in, out, n);
            for (int i = 0; i < n; i++) {
                double ref = Math.exp(in[i]);
                assertThat(Math.abs(out[i] - ref)).as(m.name() + " exp(" + in[i] + ")")
                    .isLessThanOrEqualTo(4 * Math.ulp(ref));
            }
        }
    }

    @Test
    void vectorImplementationIsSelectedWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(BulkMath.get().name().startsWith("vector")).isEqualTo(module);
    }
}
