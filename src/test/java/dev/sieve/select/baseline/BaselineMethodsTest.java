package dev.sieve.select.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.SettingException;
import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import dev.sieve.select.FeatureCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline selection methods on small matrices whose answers are worked out by hand. */
class BaselineMethodsTest {

    /** Rows r and -r: every column has mean 0, so centring leaves the columns as written. */
    static double[][] symmetric(double[]... rows) {
        double[][] m = new double[2 * rows.length][];
        for (int i = 0; i < rows.length; i++) {
            m[2 * i] = rows[i].clone();
            m[2 * i + 1] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                m[2 * i + 1][j] = -rows[i][j];
            }
        }
        return m;
    }

    static SelectionMethod.Element element(double[][] m) {
        return SelectionMethod.Element.of(m, null, 42);
    }

    /**
     * Columns (over the rows r1, r2, r3 and their negatives):
     * c0 = 2 e1, c1 = 1.9 e1 (the same direction, nearly as long), c2 = e2, c3 = 0.5 e3, c4 = 0.1 e3.
     * <ol>
     *   <li>The top right singular vector is that of the e1 block, (2, 1.9, 0, 0, 0) / |.|, singular value^2 2 x 7.61
     *       against 2 x 1 (e2) and 2 x 0.26 (e3): leverages 4/7.61 = 0.53 (c0) and 3.61/7.61 = 0.47 (c1). Pick c0.</li>
     *   <li>Orthogonalised against c0, c1 vanishes (it is parallel); the top direction is now e2 (c2, leverage 1).</li>
     *   <li>Then the e3 block: (0.5, 0.1) / |.|, leverage 0.96 for c3; c4 then vanishes as well.</li>
     *   <li>Only exhausted columns are left: they follow in index order, c1 then c4.</li>
     * </ol>
     * So CUR ranks 0, 2, 3, 1, 4: the long but redundant c1 comes after the short independent c2 and c3.
     */
    @Test
    void curPicksByLeverageAndSkipsRedundantColumns() {
        double[][] m = symmetric(new double[] {2, 1.9, 0, 0, 0}, new double[] {0, 0, 1, 0, 0},
            new double[] {0, 0, 0, 0.5, 0.1});
        CurSelection cur = new CurSelection();
        assertThat(cur.rank(element(m), 5)).containsExactly(0, 2, 3, 1, 4);
        int[][] sets = cur.select(element(m), new int[] {4, 3, 2, 1});
        assertThat(sets[0]).containsExactly(0, 1, 2, 3);
        assertThat(sets[1]).containsExactly(0, 2, 3);
        assertThat(sets[2]).containsExactly(0, 2);
        assertThat(sets[3]).containsExactly(0);
    }

    /**
     * The same columns with k = 2 singular vectors: step 1 sums the e1 and e2 directions, so c2 scores 1 above c0's
     * 0.53; after c2 the top two are e1 and e3, where c3 scores 0.96 above c0's 0.53; then c0.
     */
    @Test
    void curWithTwoSingularVectorsAddsTheSecondDirection() {
        double[][] m = symmetric(new double[] {2, 1.9, 0, 0, 0}, new double[] {0, 0, 1, 0, 0},
            new double[] {0, 0, 0, 0.5, 0.1});
        assertThat(new CurSelection(2).rank(element(m), 3)).containsExactly(2, 3, 0);
    }

    /**
     * Columns over the rows of a = (1,-1,1,-1) and b = (1,1,-1,-1) (orthogonal, zero mean):
     * c0 = 2a, c1 = a, c2 = b, c3 = a + b, c4 = -b. Standardised distances^2 / N are 2 (1 - rho).
     * <ol>
     *   <li>Start: the largest variance, c0 (variance 4; c3 has 2, the others 1).</li>
     *   <li>Distances to c0: c1 0 (rho 1), c2 2 and c4 2 (rho 0), c3 2 (1 - 0.707) = 0.59. c2 and c4 tie at the
     *       largest distance: the lower index, c2.</li>
     *   <li>Nearest picked: c1 0, c3 0.59 (rho 0.707 with c2 as well), c4 min(2, 4) = 2 (rho -1 with c2): c4.</li>
     *   <li>Then c3 (0.59), then c1 (0).</li>
     * </ol>
     */
    @Test
    void fpsStartsAtTheLargestVarianceAndTakesTheFarthestColumn() {
        double[][] m = new double[4][];
        double[] a = {1, -1, 1, -1};
        double[] b = {1, 1, -1, -1};
        for (int i = 0; i < 4; i++) {
            m[i] = new double[] {2 * a[i], a[i], b[i], a[i] + b[i], -b[i]};
        }
        FarthestPointSampling fps = new FarthestPointSampling();
        assertThat(fps.rank(element(m), 5)).containsExactly(0, 2, 4, 3, 1);
        assertThat(fps.select(element(m), new int[] {3})[0]).containsExactly(0, 2, 4);
    }

    @Test
    void everyKTakesEvenlySpacedCandidatesInFileOrder() {
        double[][] m = new double[2][8];
        m[1][0] = 1;
        int[][] s = new EveryK().select(element(m), new int[] {8, 4, 2, 1, 3});
        assertThat(s[0]).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(s[1]).containsExactly(0, 2, 4, 6);
        assertThat(s[2]).containsExactly(0, 4);
        assertThat(s[3]).containsExactly(0);
        assertThat(s[4]).containsExactly(0, 3, 5); // round(8/3) = 3, round(16/3) = 5
        // round(i * 10 / 4) = 0, 2.5 -> 3, 5, 7.5 -> 8
        assertThat(EveryK.spaced(10, 4)).containsExactly(0, 3, 5, 8);
        assertThat(EveryK.spaced(64, 32)).hasSize(32).startsWith(0, 2, 4).endsWith(62);
    }

    @Test
    void rangeKeepsTheWidestRawRanges() {
        // raw ranges: c0 1, c1 0, c2 3, c3 1 (ties with c0: c0 first), c4 0.5
        double[][] m = {{0, 5, 1, 0.5, 0}, {1, 5, 4, 1.5, 0.5}, {0.5, 5, 2, 1, 0.25}};
        RangePruning r = new RangePruning();
        assertThat(r.rank(element(m), 5)).containsExactly(2, 0, 3, 4, 1);
        int[][] s = r.select(element(m), new int[] {4, 2, 1});
        assertThat(s[0]).containsExactly(0, 2, 3, 4);
        assertThat(s[1]).containsExactly(0, 2);
        assertThat(s[2]).containsExactly(2);
    }

    @Test
    void weightsKeepTheLargestFirstLayerColumns() {
        // 4 inputs, 2 tanh hidden neurons: group g is params[2g .. 2g+2); norms 5, 1, 0, sqrt(5)
        Network net = new Network(new int[] {4, 2, 1}, new Activation[] {Activation.TANH, Activation.IDENTITY}, false);
        double[] p = net.params();
        double[] w = {3, 4, 0, 1, 0, 0, 1, 2};
        System.arraycopy(w, 0, p, 0, w.length);
        SelectionMethod.Element in = SelectionMethod.Element.of(new double[][] {{0, 0, 0, 0}}, net, 1);
        WeightNorms wn = new WeightNorms();
        assertThat(wn.rank(in, 4)).containsExactly(0, 3, 1, 2);
        assertThat(wn.select(in, new int[] {2})[0]).containsExactly(0, 3);
    }

    @Test
    void sensitivityKeepsTheLargestMeanAbsoluteEnergyGradient() {
        // linear network E = 1 * (0.1 x0 - 2 x1 + 0.5 x2 + b): |dE/dx| = 0.1, 2, 0.5 at every atom
        Network net = new Network(new int[] {3, 1, 1}, new Activation[] {Activation.IDENTITY, Activation.IDENTITY},
            false, new double[] {0.1, -2, 0.5, 0.3, 1.0, 0.0});
        SelectionMethod.Element in = SelectionMethod.Element.of(new double[][] {{1, 2, 3}, {-1, 0, 4}}, net, 1);
        assertThat(Sensitivity.meanAbsGradient(net, in.rows())).containsExactly(0.1, 2, 0.5);
        assertThat(new Sensitivity().rank(in, 3)).containsExactly(1, 2, 0);
    }

    @Test
    void dropOneRemovesTheCandidateTheDenseModelMissesLeastFirst() {
        // linear network E = 3 x0 + 0 x1 + 1 x2 - 2 x3 (+ bias): holding x_j at its mean changes E by w_j (x_j - mean)
        // at each row; column spreads (deviations from the mean) are 1, 5, 1, 1, so the squared changes are
        // 9, 0, 1, 4 per row: x1 (no weight) goes first, then x2, x3; x0 is kept longest
        Network net = new Network(new int[] {4, 1, 1}, new Activation[] {Activation.IDENTITY, Activation.IDENTITY},
            false, new double[] {3, 0, 1, -2, 0.5, 1.0, 0.0});
        double[][] m = {{1, 5, 1, 1}, {-1, -5, -1, -1}};
        SelectionMethod.Element in = SelectionMethod.Element.of(m, net, 1);
        assertThat(DropOne.eliminationOrder(net, in.rows(), 1024)).containsExactly(0, 3, 2, 1);
        assertThat(new DropOne().select(in, new int[] {2, 1})).isDeepEqualTo(new int[][] {{0, 3}, {0}});
        // equal effects: the later candidate goes first; sampling every k-th row keeps the answer here
        Network eq = new Network(new int[] {2, 1, 1}, new Activation[] {Activation.IDENTITY, Activation.IDENTITY},
            false, new double[] {1, 1, 0, 1, 0});
        double[][] e = {{1, 1}, {-1, -1}, {2, 2}, {-2, -2}};
        assertThat(DropOne.eliminationOrder(eq, SelectionMethod.Element.of(e, eq, 1).rows(), 2)).containsExactly(0, 1);
    }

    @Test
    void randomSubsetsAreSeededAndDistinctAcrossSeeds() {
        double[][] m = new double[3][40];
        int[] counts = {20, 10, 5};
        int[][] a = new RandomSubsets().select(SelectionMethod.Element.of(m, null, 7), counts);
        int[][] b = new RandomSubsets().select(SelectionMethod.Element.of(m, null, 7), counts);
        int[][] c = new RandomSubsets().select(SelectionMethod.Element.of(m, null, 8), counts);
        assertThat(a).isDeepEqualTo(b);
        for (int i = 0; i < counts.length; i++) {
            assertThat(a[i]).hasSize(counts[i]).isSorted().doesNotHaveDuplicates();
            assertThat(a[i][0]).isGreaterThanOrEqualTo(0);
            assertThat(a[i][counts[i] - 1]).isLessThan(40);
            assertThat(a[i]).isNotEqualTo(c[i]);
        }
        // the subset of a count does not depend on which other counts were asked for
        assertThat(new RandomSubsets().select(SelectionMethod.Element.of(m, null, 7), new int[] {10})[0])
            .isEqualTo(a[1]);
    }

    @Test
    void countsAreSplitInProportionWithAtLeastOnePerElement() {
        assertThat(FeatureCounts.perElement(10, new int[] {20, 5, 15})).containsExactly(5, 1, 4);
        assertThat(FeatureCounts.perElement(2, new int[] {1, 30})).containsExactly(1, 1);
        assertThat(FeatureCounts.perElement(3, new int[] {1, 100, 1})).containsExactly(1, 1, 1);
        assertThat(FeatureCounts.perElement(64, new int[] {64})).containsExactly(64);
        assertThat(FeatureCounts.totals(null, 22, 1)).containsExactly(11, 5, 2);
        assertThat(FeatureCounts.totals(null, 128, 1)).containsExactly(64, 32, 16, 8, 4, 2);
        assertThat(FeatureCounts.totals(List.of(8, 32, 16, 8), 64, 1)).containsExactly(32, 16, 8);
        assertThatThrownBy(() -> FeatureCounts.totals(List.of(65), 64, 1)).isInstanceOf(SettingException.class)
            .hasMessageContaining("counts").hasMessageContaining("65");
    }

    @Test
    void registryNamesEveryMethodAndRejectsUnknownOnes() {
        assertThat(SelectionMethods.names()).containsExactly("agl", "gl", "every-k", "random", "cur", "fps", "range",
            "sensitivity", "weights", "drop-one");
        assertThat(SelectionMethods.require(" CUR ")).isEqualTo("cur");
        assertThat(SelectionMethods.create("fps")).isInstanceOf(FarthestPointSampling.class);
        assertThatThrownBy(() -> SelectionMethods.require("lasso")).isInstanceOf(SettingException.class)
            .hasMessageContaining("'lasso' is unknown").hasMessageContaining("agl, gl, every-k");
    }
}
