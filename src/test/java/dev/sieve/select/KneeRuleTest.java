package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KneeRuleTest {

    private static List<double[]> curve(int dmax, java.util.function.IntToDoubleFunction v) {
        List<double[]> c = new ArrayList<>();
        for (int d = 1; d <= dmax; d++) {
            c.add(new double[] {d, v.applyAsDouble(d)});
        }
        return c;
    }

    @Test
    void cleanLShapeGivesTheEndOfThePlateau() {
        // flat at 1 down to 10 features, then x3 per feature removed
        assertThat(KneeRule.knee(curve(22, d -> d >= 10 ? 1.0 : Math.pow(3, 10 - d)), 2)).isEqualTo(10);
    }

    @Test
    void hugeErrorsAtFewFeaturesDoNotPullTheKneeIntoTheRise() {
        // like an AGL path: plateau, a gentle shoulder (1.1 at 9, 1.5 at 8), then orders of magnitude
        double[] v = {0, 1e4, 3e3, 800, 200, 60, 20, 6, 1.5, 1.1, 1.02, 1.0, 1.0, 0.99, 1.0, 0.98, 1.0, 0.99, 1.0, 0.98,
            0.99, 1.0, 0.97};
        int k = KneeRule.knee(curve(22, d -> v[d]), 2);
        assertThat(k).isBetween(8, 10);
        // the uncapped chord corner of the same curve would sit in the steep part
        assertThat(KneeRule.knee(curve(22, d -> v[d]), 1e9)).isLessThan(8);
    }

    @Test
    void noisyPlateauAndSlopeStillGiveTheCorner() {
        SplittableRandom r = new SplittableRandom(3);
        double[] noise = new double[65];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.02 * (r.nextDouble() - 0.5);
        }
        // thesis329-like: 64 candidates, slow improvement with more features, knee at 20
        int k = KneeRule.knee(curve(64, d -> (d >= 20 ? 1.0 + 0.002 * (64 - d) : 1.088 * Math.exp(0.4 * (20 - d)))
            + noise[d]), 2);
        assertThat(k).isBetween(19, 21);
    }

    @Test
    void lowerEnvelopeAndSeveralPointsPerCount() {
        List<double[]> c = new ArrayList<>(curve(12, d -> d >= 5 ? 1.0 : Math.pow(4, 5 - d)));
        c.add(new double[] {3, 1.0}); // a better point with 3 features moves the knee down
        c.add(new double[] {6, 50.0}); // a bad point at 6 does not matter (envelope)
        assertThat(KneeRule.knee(c, 2)).isEqualTo(3);
    }

    @Test
    void flatCurveGivesTheSmallestCount() {
        assertThat(KneeRule.knee(curve(10, d -> 1.0), 2)).isEqualTo(1);
    }

    private static PathPoint p(int i, int d, double obj, double loss) {
        return new PathPoint(i, 0.01 * i, Map.of("Al", d), d, 0, d, loss, loss, obj - loss, obj, 0, 0, 1, 1, 0,
            "points/p" + i + "/sf.yaml", null, null);
    }

    @Test
    void choicesOnPathPoints() {
        List<PathPoint> pts = List.of(p(0, 22, 1.0, 1.0), p(1, 20, 1.01, 1.0), p(2, 14, 1.02, 1.01), p(3, 14, 1.03, 1.005),
            p(4, 10, 1.05, 1.03), p(5, 8, 1.2, 1.1), p(6, 5, 10, 9), p(7, 2, 100, 90));
        assertThat(KneeRule.choose(pts, KneeRule.Choice.parse("tol:5%")).index()).isEqualTo(4);
        assertThat(KneeRule.choose(pts, KneeRule.Choice.parse("tol:1%")).index()).isEqualTo(3); // lower loss at 14
        assertThat(KneeRule.choose(pts, KneeRule.Choice.parse("count:12")).index()).isEqualTo(4);
        assertThat(KneeRule.choose(pts, KneeRule.Choice.parse("count:14")).features()).isEqualTo(14);
        // the knee works on the validation loss: 8 features (10 % worse than the plateau, the steep rise starts
        // below); a tighter cap is more conservative: 10 (3 % worse)
        assertThat(KneeRule.choose(pts, KneeRule.Choice.parse("knee")).features()).isEqualTo(8);
        assertThat(KneeRule.choose(pts, KneeRule.Choice.parse("knee:1.1")).features()).isEqualTo(10);
        assertThatThrownBy(() -> KneeRule.choose(pts, KneeRule.Choice.parse("count:1")))
            .isInstanceOf(InputException.class).hasMessageContaining("count:1");
    }

    @Test
    void badChoicesNameTheValue() {
        assertThatThrownBy(() -> KneeRule.Choice.parse("elbow")).isInstanceOf(InputException.class)
            .hasMessageContaining("elbow");
        assertThatThrownBy(() -> KneeRule.Choice.parse("tol:x%")).isInstanceOf(InputException.class)
            .hasMessageContaining("tol:x%");
        assertThatThrownBy(() -> KneeRule.Choice.parse("knee:0.5")).isInstanceOf(InputException.class)
            .hasMessageContaining("knee:0.5");
        assertThat(KneeRule.Choice.parse("tol:5%").value()).isEqualTo(0.05);
    }
}
