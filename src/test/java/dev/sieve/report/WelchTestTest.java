package dev.sieve.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WelchTestTest {
    @Test
    void studentTTailProbabilitiesMatchTables() {
        // two-sided p of Student's t (R: 2*pt(-|t|, df))
        assertThat(WelchTest.twoSidedP(2.0, 10)).isCloseTo(0.07338803, within(1e-7));
        assertThat(WelchTest.twoSidedP(1.0, 5)).isCloseTo(0.36321746, within(1e-7));
        assertThat(WelchTest.twoSidedP(2.228138852, 10)).isCloseTo(0.05, within(1e-8));
        assertThat(WelchTest.twoSidedP(12.7062047, 1)).isCloseTo(0.05, within(1e-8));
        assertThat(WelchTest.twoSidedP(0.0, 3)).isCloseTo(1.0, within(1e-15));
        assertThat(WelchTest.twoSidedP(1.959963985, 1e7)).isCloseTo(0.05, within(1e-6));
    }

    @Test
    void welchStatisticAndDegreesOfFreedomMatchAHandComputation() {
        double[] a = {1.0, 2.0, 3.0, 4.0};   // mean 2.5, var 5/3
        double[] b = {2.0, 4.0, 6.0};        // mean 4, var 4
        WelchTest w = WelchTest.of(a, b);
        double va = 5.0 / 3 / 4;
        double vb = 4.0 / 3;
        assertThat(w.t()).isCloseTo(-1.5 / Math.sqrt(va + vb), within(1e-12));
        double df = (va + vb) * (va + vb) / (va * va / 3 + vb * vb / 2);
        assertThat(w.df()).isCloseTo(df, within(1e-12));
        assertThat(w.p()).isCloseTo(WelchTest.twoSidedP(w.t(), df), within(1e-15)).isBetween(0.0, 1.0);
    }

    @Test
    void degenerateSamples() {
        assertThat(WelchTest.of(new double[] {1}, new double[] {1, 2}).p()).isNaN();
        assertThat(WelchTest.of(new double[] {1, 1}, new double[] {1, 1}).p()).isNaN();
        assertThat(WelchTest.of(new double[] {1, 1}, new double[] {2, 2}).p()).isEqualTo(0.0);
    }
}
