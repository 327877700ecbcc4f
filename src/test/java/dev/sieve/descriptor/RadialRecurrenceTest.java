package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Shifted radial functions of one eta by recurrence (one exponential per distinct shift step instead of one per
 * function): values and forces against the plain formula with {@link StrictMath#exp}, and the plan's guards.
 */
class RadialRecurrenceTest {
    private static final double RC = 6.8;

    /**
     * thesis22's radial grid (a shifted family of seven, eta 1.85, shifts rounded to three digits: two distinct
     * steps), a steep family beyond the plan's exponent guard (eta 30: eta rc^2 > 600, so plain exponentials), a
     * family of three with one step (2 exponentials instead of 3), listed out of order, and a lone function.
     */
    private static SymmetryFunctionSet set() {
        List<SymmetryFunction> l = new ArrayList<>();
        for (double rs : new double[] {0, 1.017, 2.035, 3.052, 4.07, 5.087, 6.105}) {
            l.add(SymmetryFunction.radial("Al", "Al", 1.85, rs, RC, CutoffType.COS, 0.0));
        }
        for (double rs : new double[] {2.0, 2.5, 3.0, 3.5}) {
            l.add(SymmetryFunction.radial("Al", "Al", 30.0, rs, RC, CutoffType.COS, 0.0));
        }
        for (double rs : new double[] {3.0, 1.0, 2.0}) {
            l.add(SymmetryFunction.radial("Al", "Al", 0.7, rs, RC, CutoffType.COS, 0.0));
        }
        l.add(SymmetryFunction.radial("Al", "Al", 0.04, 0.0, RC, CutoffType.COS, 0.0));
        return SymmetryFunctionSet.of("shifted", l);
    }

    @Test
    void onlySafeShiftedFamiliesShareExponentials() {
        DescriptorCalculator calc = new DescriptorCalculator(set());
        // family of 7: 1 + 2 step factors; steep family: 4 plain; family of 3: 1 + 1; lone: 1
        assertThat(calc.radialExponentials(0)).isEqualTo(3 + 4 + 2 + 1);
    }

    @Test
    void valuesAndForcesEqualThePlainFormula() {
        SymmetryFunctionSet set = set();
        DescriptorCalculator calc = new DescriptorCalculator(set);
        List<SymmetryFunction> sfs = set.forElement("Al");
        Structure s = liquidLike();
        int n = s.size();
        int nf = calc.numFeatures(0);
        int[] el = new int[n];
        double[] w = new double[nf];
        for (int k = 0; k < nf; k++) {
            w[k] = Math.sin(1.7 * k + 0.3);
        }
        NeighborList nl = new NeighborListBuilder().build(s, calc.cutoff() + 1.0);
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        double[] forces = new double[3 * n];
        double[] g = new double[nf];
        double[] g2 = new double[nf];
        for (int i = 0; i < n; i++) {
            calc.computeForces(i, 0, el, nl, g, new double[nf], (gi, dEdG) -> {
                System.arraycopy(w, 0, dEdG, 0, nf);
                return 0.0;
            }, forces, null, false, ws);
            calc.compute(i, 0, el, nl, g2, null, ws);
            double[] ref = plain(sfs, nl, i, null);
            for (int k = 0; k < nf; k++) {
                assertThat(g[k]).as("atom " + i + " " + sfs.get(k).name()).isCloseTo(ref[k],
                    Offset.offset(1e-13 * (1 + Math.abs(ref[k]))));
                assertThat(g2[k]).isEqualTo(g[k]);
            }
        }
        // -d/dr of sum_i sum_k w_k G_ik from the plain formula's analytic pair derivatives
        double[] ref = new double[3 * n];
        for (int i = 0; i < n; i++) {
            plain(sfs, nl, i, new Object[] {w, ref});
        }
        for (int q = 0; q < 3 * n; q++) {
            assertThat(forces[q]).as("force " + q).isCloseTo(ref[q], Offset.offset(1e-12 * (1 + Math.abs(ref[q]))));
        }
    }

    /**
     * G_k of atom i by the plain formula sum_j exp(-eta (r - rs)^2) fc(r); with {w, forces} also adds
     * -w_k dG_k/dr to the forces of i and its neighbours.
     */
    private static double[] plain(List<SymmetryFunction> sfs, NeighborList nl, int i, Object[] forceOut) {
        double[] g = new double[sfs.size()];
        for (int e = nl.start(i); e < nl.end(i); e++) {
            double r = nl.rArray()[e];
            if (r >= RC) {
                continue;
            }
            int j = nl.indexArray()[e];
            double[] u = {nl.dxArray()[e] / r, nl.dyArray()[e] / r, nl.dzArray()[e] / r};
            for (int k = 0; k < sfs.size(); k++) {
                SymmetryFunction f = sfs.get(k);
                CutoffFunction fc = new CutoffFunction(CutoffType.COS, RC, 0.0);
                double d = r - f.rs();
                double ex = StrictMath.exp(-f.eta() * d * d);
                g[k] += ex * fc.value(r);
                if (forceOut != null) {
                    double[] w = (double[]) forceOut[0];
                    double[] forces = (double[]) forceOut[1];
                    double dr = w[k] * ex * (fc.derivative(r) - 2 * f.eta() * d * fc.value(r));
                    for (int c = 0; c < 3; c++) {
                        forces[3 * j + c] -= dr * u[c];
                        forces[3 * i + c] += dr * u[c];
                    }
                }
            }
        }
        return g;
    }

    /** 32 atoms of jittered fcc aluminium in a periodic cube (every atom sees its own images too). */
    private static Structure liquidLike() {
        double a = 4.05;
        int cells = 2;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        double[] pos = new double[3 * 4 * cells * cells * cells];
        String[] els = new String[pos.length / 3];
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        int at = 0;
        for (int x = 0; x < cells; x++) {
            for (int y = 0; y < cells; y++) {
                for (int z = 0; z < cells; z++) {
                    for (double[] b : basis) {
                        pos[3 * at] = a * (x + b[0]) + 0.3 * (rnd.nextDouble() - 0.5);
                        pos[3 * at + 1] = a * (y + b[1]) + 0.3 * (rnd.nextDouble() - 0.5);
                        pos[3 * at + 2] = a * (z + b[2]) + 0.3 * (rnd.nextDouble() - 0.5);
                        els[at++] = "Al";
                    }
                }
            }
        }
        double l = a * cells;
        return Structure.of(dev.sieve.structure.Cell.of(new double[] {l, 0, 0, 0, l, 0, 0, 0, l}), els, pos);
    }
}
