package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Analytic derivatives against central finite differences, and invariances, on random cells. */
class SymmetryFunctionDerivativeTest {

    /** Two elements, every SF type, mixed and equal element pairs, integer and non-integer zeta. */
    static SymmetryFunctionSet set(CutoffType ct, double alpha) {
        List<SymmetryFunction> l = new ArrayList<>();
        String[] els = {"Cu", "S"};
        for (String c : els) {
            for (String e1 : els) {
                l.add(SymmetryFunction.radial(c, e1, 0.5, 0.0, 4.5, ct, alpha));
                l.add(SymmetryFunction.radial(c, e1, 1.2, 2.1, 4.5, ct, alpha));
                l.add(SymmetryFunction.radial(c, e1, 0.01, 0.0, 3.7, ct, alpha));
            }
            for (int type : new int[] {3, 9}) {
                for (String[] pair : new String[][] {{"Cu", "Cu"}, {"Cu", "S"}, {"S", "S"}}) {
                    l.add(SymmetryFunction.angular(c, type, pair[0], pair[1], 0.05, 0.0, 1, 1, 4.0, ct, alpha));
                    l.add(SymmetryFunction.angular(c, type, pair[0], pair[1], 0.05, 0.0, 4, -1, 4.0, ct, alpha));
                    l.add(SymmetryFunction.angular(c, type, pair[0], pair[1], 0.05, 0.0, 3, -1, 4.0, ct, alpha));
                    l.add(SymmetryFunction.angular(c, type, pair[0], pair[1], 0.2, 0.7, 16, 1, 4.0, ct, alpha));
                    l.add(SymmetryFunction.angular(c, type, pair[0], pair[1], 0.05, 0.0, 2.5, 1, 3.5, ct, alpha));
                }
            }
        }
        return SymmetryFunctionSet.of("fd", l);
    }

    static Structure randomStructure(long seed, double scale, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] h = new double[9];
        for (int v = 0; v < 3; v++) {
            for (int k = 0; k < 3; k++) {
                h[3 * v + k] = v == k ? scale * (0.9 + 0.2 * rnd.nextDouble()) : scale * 0.3 * (rnd.nextDouble() - 0.5);
            }
        }
        Cell cell = Cell.of(h);
        double[] pos = new double[3 * n];
        String[] el = new String[n];
        double[] tmp = new double[3];
        for (int i = 0; i < n; i++) {
            cell.toCartesian(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), tmp, 0);
            System.arraycopy(tmp, 0, pos, 3 * i, 3);
            el[i] = rnd.nextInt(3) == 0 ? "S" : "Cu";
        }
        // keep atoms apart (>= 1.6 Å) so the functions are smooth where we probe
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double d2 = 0;
                for (int k = 0; k < 3; k++) {
                    double d = pos[3 * i + k] - pos[3 * j + k];
                    d2 += d * d;
                }
                if (d2 < 1.6 * 1.6) {
                    cell.toCartesian(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), tmp, 0);
                    System.arraycopy(tmp, 0, pos, 3 * i, 3);
                    j = -1;
                }
            }
        }
        return Structure.of(cell, el, pos);
    }

    static double[][] allValues(DescriptorCalculator calc, Structure s) {
        NeighborList nl = new NeighborListBuilder().build(s, calc.cutoff());
        int[] el = elems(calc, s);
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        double[][] g = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            g[i] = new double[calc.numFeatures(el[i])];
            calc.compute(i, el[i], el, nl, g[i], null, ws);
        }
        return g;
    }

    static int[] elems(DescriptorCalculator calc, Structure s) {
        int[] el = new int[s.size()];
        for (int i = 0; i < el.length; i++) {
            el[i] = calc.elementIndex(s.elements()[i]);
        }
        return el;
    }

    @ParameterizedTest
    @EnumSource(CutoffType.class)
    void derivativesEqualFiniteDifferences(CutoffType ct) {
        for (double alpha : new double[] {0.0, 0.35}) {
            DescriptorCalculator calc = new DescriptorCalculator(set(ct, alpha));
            // a small cell (images of the centre inside the cutoff) and a larger one
            for (Structure s : new Structure[] {randomStructure(11 + ct.code(), 3.6, 3), randomStructure(5, 7.5, 14)}) {
                checkFd(calc, s, ct + " alpha " + alpha);
            }
        }
    }

    private static void checkFd(DescriptorCalculator calc, Structure s, String what) {
        NeighborList nl = new NeighborListBuilder().build(s, calc.cutoff());
        int[] el = elems(calc, s);
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        double h = 1e-5;
        int checked = 0;
        for (int i = 0; i < Math.min(3, s.size()); i++) {
            int n = calc.numFeatures(el[i]);
            int m = nl.count(i);
            double[] dG = new double[calc.derivativeSize(el[i], m)];
            calc.compute(i, el[i], el, nl, new double[n], dG, ws);
            for (int atom = 0; atom < s.size(); atom++) {
                for (int c = 0; c < 3; c++) {
                    double[] analytic = new double[n];
                    for (int sl = 0; sl < m; sl++) {
                        if (nl.indexArray()[nl.start(i) + sl] == atom) {
                            for (int k = 0; k < n; k++) {
                                analytic[k] += dG[(sl * n + k) * 3 + c];
                            }
                        }
                    }
                    if (atom == i) {
                        for (int k = 0; k < n; k++) {
                            analytic[k] += dG[(m * n + k) * 3 + c];
                        }
                    }
                    double[] plus = moved(calc, s, i, atom, c, h);
                    double[] minus = moved(calc, s, i, atom, c, -h);
                    for (int k = 0; k < n; k++) {
                        double fd = (plus[k] - minus[k]) / (2 * h);
                        double tol = 1e-6 * Math.max(Math.abs(fd), 1.0) + 1e-8;
                        if (Math.abs(fd - analytic[k]) > tol) {
                            throw new AssertionError(what + ": dG[" + k + "] " + calc.set().forElement(
                                calc.elements().get(el[i])).get(k).name() + " of atom " + i + " wrt atom " + atom
                                + " comp " + c + ": analytic " + analytic[k] + " fd " + fd);
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static double[] moved(DescriptorCalculator calc, Structure s, int i, int atom, int c, double h) {
        double[] p = s.positions().clone();
        p[3 * atom + c] += h;
        Structure t = s.withPositions(p);
        NeighborList nl = new NeighborListBuilder().build(t, calc.cutoff());
        int[] el = elems(calc, t);
        double[] g = new double[calc.numFeatures(el[i])];
        calc.compute(i, el[i], el, nl, g, null, new DescriptorCalculator.Workspace());
        return g;
    }

    /** The fused MD force kernel equals contracting the stored derivatives with dE/dG, with and without skin. */
    @ParameterizedTest
    @EnumSource(value = CutoffType.class, names = {"COS", "POLY2", "TANH"})
    void fusedForcesEqualContractedDerivatives(CutoffType ct) {
        DescriptorCalculator calc = new DescriptorCalculator(set(ct, 0.2));
        for (Structure s : new Structure[] {randomStructure(21, 3.6, 3), randomStructure(8, 7.5, 14)}) {
            int[] el = elems(calc, s);
            int n = s.size();
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
            double[][] w = new double[2][calc.maxFeatures()];
            for (double[] row : w) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = rnd.nextDouble() - 0.5;
                }
            }
            // reference: exact list, stored derivatives
            NeighborList exact = new NeighborListBuilder().build(s, calc.cutoff());
            double[] ref = new double[3 * n];
            double[] refVir = new double[6];
            DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
            for (int i = 0; i < n; i++) {
                int nf = calc.numFeatures(el[i]);
                double[] dG = new double[calc.derivativeSize(el[i], exact.count(i))];
                calc.compute(i, el[i], el, exact, new double[nf], dG, ws);
                int m = ws.slots();
                for (int sl = 0; sl <= m; sl++) {
                    int j = sl < m ? exact.indexArray()[ws.entry(sl)] : i;
                    double[] d = sl < m
                        ? new double[] {exact.dxArray()[ws.entry(sl)], exact.dyArray()[ws.entry(sl)],
                                        exact.dzArray()[ws.entry(sl)]}
                        : new double[3];
                    double[] f = new double[3];
                    for (int c = 0; c < 3; c++) {
                        for (int k = 0; k < nf; k++) {
                            f[c] += w[el[i]][k] * dG[(sl * nf + k) * 3 + c];
                        }
                        ref[3 * j + c] -= f[c];
                    }
                    refVir[0] -= d[0] * f[0];
                    refVir[1] -= d[1] * f[1];
                    refVir[2] -= d[2] * f[2];
                    refVir[3] -= d[0] * f[1];
                    refVir[4] -= d[0] * f[2];
                    refVir[5] -= d[1] * f[2];
                }
            }
            // fused, on a Verlet list with a 1 Å skin
            NeighborList skin = new NeighborListBuilder().build(s, calc.cutoff() + 1.0);
            double[] got = new double[3 * n];
            double[] vir = new double[6];
            for (int i = 0; i < n; i++) {
                int e = el[i];
                calc.computeForces(i, e, el, skin, new double[calc.numFeatures(e)], new double[calc.numFeatures(e)],
                    (g, dEdG) -> {
                        System.arraycopy(w[e], 0, dEdG, 0, calc.numFeatures(e));
                        return 0.0;
                    }, got, vir, false, ws);
            }
            for (int q = 0; q < 3 * n; q++) {
                assertThat(got[q]).as(ct + " force " + q).isCloseTo(ref[q],
                    org.assertj.core.data.Offset.offset(1e-11 * (1 + Math.abs(ref[q]))));
            }
            for (int q = 0; q < 6; q++) {
                assertThat(vir[q]).as(ct + " virial " + q).isCloseTo(refVir[q],
                    org.assertj.core.data.Offset.offset(1e-11 * (1 + Math.abs(refVir[q]))));
            }
            double sum = 0;
            for (int q = 0; q < 3 * n; q += 3) {
                sum += got[q];
            }
            assertThat(Math.abs(sum)).as("momentum conservation").isLessThan(1e-10);
        }
    }

    /** The value-only pass (flat pair kernel) equals the values of the derivative pass (nested pair loop). */
    @ParameterizedTest
    @EnumSource(value = CutoffType.class, names = {"COS", "POLY2", "EXP"})
    void valuesWithoutDerivativesEqualTheDerivativePass(CutoffType ct) {
        DescriptorCalculator calc = new DescriptorCalculator(set(ct, 0.1));
        Structure s = randomStructure(17, 5.5, 14);
        double[][] fast = allValues(calc, s);
        NeighborList nl = new NeighborListBuilder().build(s, calc.cutoff());
        int[] el = elems(calc, s);
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        for (int i = 0; i < s.size(); i++) {
            double[] g = new double[calc.numFeatures(el[i])];
            calc.compute(i, el[i], el, nl, g, new double[calc.derivativeSize(el[i], nl.count(i))], ws);
            for (int k = 0; k < g.length; k++) {
                assertThat(fast[i][k]).as(ct + " atom " + i + " G" + k)
                    .isCloseTo(g[k], org.assertj.core.data.Offset.offset(1e-13 * (1 + Math.abs(g[k]))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CutoffType.class, names = {"COS", "POLY2", "EXP"})
    void valuesAreInvariant(CutoffType ct) {
        DescriptorCalculator calc = new DescriptorCalculator(set(ct, 0.1));
        Structure s = randomStructure(99, 6.0, 12);
        double[][] ref = allValues(calc, s);
        int n = s.size();
        // rotation of cell and positions
        double a = 0.7, b = -1.1, g = 0.4;
        double[][] rot = rotation(a, b, g);
        double[] hm = s.cell().matrix();
        double[] hr = new double[9];
        for (int v = 0; v < 3; v++) {
            apply(rot, hm, 3 * v, hr, 3 * v);
        }
        double[] pr = new double[3 * n];
        for (int i = 0; i < n; i++) {
            apply(rot, s.positions(), 3 * i, pr, 3 * i);
        }
        assertSame(ref, allValues(calc, s.withCellAndPositions(Cell.of(hr), pr)), "rotation");
        // translation, with some atoms pushed to other periodic images
        double[] pt = s.positions().clone();
        for (int i = 0; i < n; i++) {
            pt[3 * i] += 3.3;
            pt[3 * i + 1] -= 1.7;
            pt[3 * i + 2] += 0.2;
            if (i % 3 == 0) {
                for (int k = 0; k < 3; k++) {
                    pt[3 * i + k] += 2 * hm[3 + k] - hm[6 + k];
                }
            }
        }
        assertSame(ref, allValues(calc, s.withPositions(pt)), "translation and image choice");
        // permutation of atoms
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 5 + 3) % n;
        }
        double[] pp = new double[3 * n];
        String[] ep = new String[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(s.positions(), 3 * perm[i], pp, 3 * i, 3);
            ep[i] = s.elements()[perm[i]];
        }
        double[][] permuted = allValues(calc, Structure.of(s.cell(), ep, pp));
        double[][] back = new double[n][];
        for (int i = 0; i < n; i++) {
            back[perm[i]] = permuted[i];
        }
        assertSame(ref, back, "permutation");
    }

    private static void assertSame(double[][] ref, double[][] got, String what) {
        for (int i = 0; i < ref.length; i++) {
            for (int k = 0; k < ref[i].length; k++) {
                double tol = 1e-10 * Math.abs(ref[i][k]) + 1e-13;
                if (Math.abs(ref[i][k] - got[i][k]) > tol) {
                    throw new AssertionError(what + ": atom " + i + " sf " + k + " " + ref[i][k] + " vs " + got[i][k]);
                }
            }
        }
    }

    private static double[][] rotation(double a, double b, double g) {
        double[][] rx = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        double[][] ry = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] rz = {{Math.cos(g), -Math.sin(g), 0}, {Math.sin(g), Math.cos(g), 0}, {0, 0, 1}};
        return mul(rz, mul(ry, rx));
    }

    private static double[][] mul(double[][] p, double[][] q) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return r;
    }

    private static void apply(double[][] r, double[] v, int off, double[] out, int o) {
        for (int i = 0; i < 3; i++) {
            out[o + i] = r[i][0] * v[off] + r[i][1] * v[off + 1] + r[i][2] * v[off + 2];
        }
    }
}
