package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CutoffFunctionTest {
    /** The bulk evaluation (polynomial sin/cos for the cos type) equals value() and derivative() to rounding. */
    @ParameterizedTest
    @EnumSource(CutoffType.class)
    void bulkEvaluationEqualsTheScalarFunctions(CutoffType type) {
        for (double alpha : new double[] {0.0, 0.3}) {
            CutoffFunction f = new CutoffFunction(type, 6.8, alpha);
            int n = 2001;
            double[] r = new double[n];
            for (int s = 0; s < n; s++) {
                r[s] = 7.2 * s / (n - 1); // 0 .. 7.2, past the cutoff, with r = rc itself near s = 1889
            }
            r[n - 1] = 6.8;
            double[] fv = new double[n + 3];
            double[] dv = new double[n + 3];
            f.evaluate(r, n, fv, dv, 3);
            double[] only = new double[n];
            f.evaluate(r, n, only, null, 0);
            for (int s = 0; s < n; s++) {
                assertThat(fv[3 + s]).as(type + " f(" + r[s] + ")").isCloseTo(f.value(r[s]), within(4e-16));
                assertThat(dv[3 + s]).as(type + " f'(" + r[s] + ")").isCloseTo(f.derivative(r[s]), within(2e-15));
                assertThat(only[s]).isEqualTo(fv[3 + s]);
                if (r[s] >= 6.8) {
                    assertThat(fv[3 + s]).isZero();
                    assertThat(dv[3 + s]).isZero();
                }
            }
        }
    }
}
