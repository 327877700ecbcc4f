package dev.sieve.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BulkTrigTest {
    @Test
    void cosAndSinMatchMathOnAQuarterTurnAndTheSimdPathGivesTheScalarBits() {
        int n = 5_001;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = 0.5 * Math.PI * i / (n - 1);
        }
        double[] c = z.clone();
        double[] s = new double[n];
        BulkTrig.get().cosSin(c, s, 0, n);
        double[] c0 = z.clone();
        double[] s0 = new double[n];
        BulkTrig.scalar().cosSin(c0, s0, 0, n);
        double[] only = z.clone();
        BulkTrig.get().cosSin(only, null, 0, n);
        for (int i = 0; i < n; i++) {
            assertThat(c[i]).as("cos " + z[i]).isCloseTo(Math.cos(z[i]), within(3e-16));
            assertThat(s[i]).as("sin " + z[i]).isCloseTo(Math.sin(z[i]), within(3e-16));
            assertThat(Double.doubleToRawLongBits(c[i])).isEqualTo(Double.doubleToRawLongBits(c0[i]));
            assertThat(Double.doubleToRawLongBits(s[i])).isEqualTo(Double.doubleToRawLongBits(s0[i]));
            assertThat(only[i]).isEqualTo(c[i]);
        }
        assertThat(c[0]).isEqualTo(1.0);
        assertThat(s[0]).isEqualTo(0.0);
    }

    /** The padded form gives the same bits on [off, off + n) for every length, and touches nothing before off. */
    @Test
    void thePaddedFormEqualsThePlainOneOnTheRequestedEntries() {
        for (int n = 0; n <= 40; n++) {
            int off = 3;
            double[] z = new double[off + n + 8];
            for (int i = 0; i < z.length; i++) {
                z[i] = 1.5 * ((i * 37) % 101) / 101.0;
            }
            double[] c = z.clone();
            double[] s = new double[z.length];
            s[0] = -7;
            BulkTrig.get().cosSinPadded(c, s, off, n);
            double[] c0 = z.clone();
            double[] s0 = new double[z.length];
            BulkTrig.scalar().cosSin(c0, s0, off, n);
            for (int i = off; i < off + n; i++) {
                assertThat(Double.doubleToRawLongBits(c[i])).as("n " + n + " i " + i)
                    .isEqualTo(Double.doubleToRawLongBits(c0[i]));
                assertThat(Double.doubleToRawLongBits(s[i])).isEqualTo(Double.doubleToRawLongBits(s0[i]));
            }
            for (int i = 0; i < off; i++) {
                assertThat(c[i]).isEqualTo(z[i]);
            }
            assertThat(s[0]).isEqualTo(-7);
            // too short for a full last vector: falls back to the exact length
            double[] tight = java.util.Arrays.copyOf(z, off + n);
            BulkTrig.get().cosSinPadded(tight, null, off, n);
            for (int i = off; i < off + n; i++) {
                assertThat(tight[i]).isEqualTo(c0[i]);
            }
        }
    }
}
