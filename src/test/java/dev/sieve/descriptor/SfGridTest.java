package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SfGridTest {

    private static SfGrid grid(SfGrid.Rule rule, SfGrid.Mode mode, double rc, int n, double rInner) {
        return new SfGrid(rule, mode, rc, n, rInner, Double.NaN, 0, Double.NaN, 3, List.of(), List.of(1.0), CutoffType.COS, 0);
    }

    @Test
    void gasteggerShiftedHasEquidistantShiftsAndWidthFromSpacing() {
        List<double[]> p = grid(SfGrid.Rule.GASTEGGER, SfGrid.Mode.SHIFTED, 6.0, 6, 1.0).radialPairs();
        assertThat(p).hasSize(6);
        for (int k = 0; k < 6; k++) {
            assertThat(p.get(k)[0]).isCloseTo(1.0 + k, within(1e-15)); // rs = 1, 2, ..., 6
            assertThat(p.get(k)[1]).isEqualTo(0.5); // 1 / (2 * 1^2)
        }
    }

    @Test
    void gasteggerCenteredHasZeroShiftAndEtaFromRadius() {
        List<double[]> p = grid(SfGrid.Rule.GASTEGGER, SfGrid.Mode.CENTERED, 5.0, 5, 1.0).radialPairs();
        assertThat(p).extracting(a -> a[0]).containsOnly(0.0);
        assertThat(p).extracting(a -> a[1]).containsExactly(0.5, 1 / 8.0, 1 / 18.0, 1 / 32.0, 1 / 50.0);
    }

    @Test
    void imbalzanoRules() {
        // centered: eta_k = (m^(k/m)/rc)^2, m = n - 1: from 1/rc^2 to (m/rc)^2
        List<double[]> c = grid(SfGrid.Rule.IMBALZANO, SfGrid.Mode.CENTERED, 5.0, 5, 1.0).radialPairs();
        assertThat(c).hasSize(5);
        assertThat(c.get(0)[1]).isCloseTo(1 / 25.0, within(1e-15));
        assertThat(c.get(2)[1]).isCloseTo(4.0 / 25.0, within(1e-15)); // (4^(1/2)/5)^2
        assertThat(c.get(4)[1]).isCloseTo(16.0 / 25.0, within(1e-15));
        // shifted: s_j = rc / n^(j/n); pairs (s_j, 1/(s_{j-1}-s_j)^2), ascending rs
        List<double[]> s = grid(SfGrid.Rule.IMBALZANO, SfGrid.Mode.SHIFTED, 4.0, 4, 1.0).radialPairs();
        assertThat(s).hasSize(4);
        double[] sj = {4.0, 4.0 / Math.pow(4, 0.25), 4.0 / Math.sqrt(4), 4.0 / Math.pow(4, 0.75), 1.0};
        assertThat(s.get(0)[0]).isCloseTo(1.0, within(1e-15));
        assertThat(s.get(0)[1]).isCloseTo(1 / Math.pow(sj[3] - sj[4], 2), within(1e-12));
        assertThat(s.get(3)[0]).isCloseTo(sj[1], within(1e-15));
        assertThat(s.get(3)[1]).isCloseTo(1 / Math.pow(sj[0] - sj[1], 2), within(1e-12));
        for (int k = 1; k < 4; k++) {
            assertThat(s.get(k)[0]).isGreaterThan(s.get(k - 1)[0]);
        }
    }

    @Test
    void generateCoversElementCombinations() {
        SfGrid g = new SfGrid(SfGrid.Rule.GASTEGGER, SfGrid.Mode.SHIFTED, 6.0, 8, 1.0, Double.NaN, 3, 4.4, 3, List.of(),
            List.of(1.0, 4.0), CutoffType.POLY2, 0);
        SymmetryFunctionSet s = g.generate("g", List.of("O", "H"));
        assertThat(s.elements()).containsExactly("H", "O");
        // per element: 2 x 8 radial, 3 pairs x 3 etas x 2 zetas x 2 lambdas angular
        assertThat(s.size("H")).isEqualTo(16 + 36);
        assertThat(s.forElement("O").stream().filter(SymmetryFunction::isAngular)).allSatisfy(f -> {
            assertThat(f.rc()).isEqualTo(4.4);
            assertThat(f.rs()).isZero();
            assertThat(f.type()).isEqualTo(3);
        });
        // angular etas: centered grid on linspace(1, 4.4, 3)
        assertThat(s.forElement("O").stream().filter(SymmetryFunction::isAngular).map(SymmetryFunction::eta).distinct())
            .containsExactlyInAnyOrder(0.5, 1 / (2 * 2.7 * 2.7), 1 / (2 * 4.4 * 4.4));
    }

    @Test
    void invalidGridsAreRejected() {
        assertThatThrownBy(() -> grid(SfGrid.Rule.GASTEGGER, SfGrid.Mode.CENTERED, 5.0, 5, 0.0).radialPairs())
            .hasMessageContaining("0 < r_inner").hasMessageContaining("r_inner=0.0");
        assertThatThrownBy(() -> grid(SfGrid.Rule.GASTEGGER, SfGrid.Mode.SHIFTED, 5.0, 1, 1.0))
            .hasMessageContaining("n must be between 2 and 1000, got 1");
    }
}
