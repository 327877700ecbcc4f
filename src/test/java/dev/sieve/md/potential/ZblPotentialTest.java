package dev.sieve.md.potential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.SharedData;
import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ZblPotential} against LAMMPS's pair_style zbl, its derivatives and switch; {@link OverlayPotential}. */
class ZblPotentialTest {

    private static NeighborList list(Structure s, double cutoff) {
        return new NeighborListBuilder().build(s, cutoff);
    }

    private static double[] evaluate(Potential p, Structure s, double[] virial) {
        double[] f = new double[3 * s.size()];
        double e = p.compute(p.types(s.elements()), list(s, p.cutoff()), f, virial);
        double[] out = new double[f.length + 1];
        out[0] = e;
        System.arraycopy(f, 0, out, 1, f.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "B"})
    void energyAndForcesAgreeWithLammps(String name) {
        LammpsZblReference.Case c = name.equals("A") ? LammpsZblReference.A : LammpsZblReference.B;
        ZblPotential z = new ZblPotential(c.elements(), c.inner(), c.outer());
        double[] r = evaluate(z, c.structure(), null);
        assertThat(r[0]).isCloseTo(c.energy(), within(1e-12 * Math.abs(c.energy())));
        double fmax = 0;
        for (double f : c.forces()) {
            fmax = Math.max(fmax, Math.abs(f));
        }
        for (int k = 0; k < c.forces().length; k++) {
            assertThat(r[k + 1]).as("force component %d", k).isCloseTo(c.forces()[k], within(1e-12 * fmax));
        }
    }

    @Test
    void forcesAndVirialAreTheDerivativesOfTheEnergy() {
        LammpsZblReference.Case c = LammpsZblReference.A;
        ZblPotential z = new ZblPotential(c.elements(), c.inner(), c.outer());
        Structure s = c.structure();
        double[] virial = new double[6];
        double[] r = evaluate(z, s, virial);
        double h = 1e-6;
        int[] types = z.types(s.elements());
        for (int k = 0; k < 3 * s.size(); k++) {
            double[] p = s.positions().clone();
            p[k] += h;
            double ep = z.compute(types, list(s.withPositions(p), z.cutoff()), null, null);
            p[k] -= 2 * h;
            double em = z.compute(types, list(s.withPositions(p), z.cutoff()), null, null);
            assertThat(r[k + 1]).as("force component %d", k).isCloseTo(-(ep - em) / (2 * h), within(2e-5));
        }
        // uniform strain of the whole configuration (box 20 Å, cluster far from its faces): dE/dε_xx = −virial_xx
        double eps = 1e-7;
        double[] e2 = new double[2];
        for (int sgn = 0; sgn < 2; sgn++) {
            double f = 1 + (sgn == 0 ? eps : -eps);
            double[] p = s.positions().clone();
            for (int i = 0; i < s.size(); i++) {
                p[3 * i] *= f;
            }
            Structure t = s.withCellAndPositions(Cell.orthorhombic(20 * f, 20, 20), p);
            e2[sgn] = z.compute(types, list(t, z.cutoff()), null, null);
        }
        assertThat(virial[0]).isCloseTo(-(e2[0] - e2[1]) / (2 * eps), within(1e-4 * Math.abs(virial[0])));
    }

    @Test
    void switchTakesEnergyAndForceSmoothlyToZeroAtTheOuterCutoff() {
        ZblPotential z = new ZblPotential(List.of("Al", "Cu"), 1.0, 2.0);
        double[] d = new double[1];
        for (int[] tt : new int[][] {{0, 0}, {0, 1}, {1, 1}}) {
            assertThat(z.pair(tt[0], tt[1], 2.0, d)).isZero();
            assertThat(d[0]).isZero();
            assertThat(z.pair(tt[0], tt[1], 2.5, d)).isZero();
            // E, dE/dr and d²E/dr² vanish at the outer cutoff: just inside it E ~ δ³ and dE/dr ~ δ², so halving δ
            // divides them by 8 and 4
            double delta = 1e-3;
            double[] dh = new double[1];
            double e = z.pair(tt[0], tt[1], 2.0 - delta, d);
            double eh = z.pair(tt[0], tt[1], 2.0 - delta / 2, dh);
            assertThat(e).isPositive().isLessThan(1e-6);
            assertThat(e / eh).isCloseTo(8, within(0.05));
            assertThat(d[0] / dh[0]).isCloseTo(4, within(0.02));
            // continuous (with its derivative) at the inner cutoff, where the polynomial starts
            double[] d2 = new double[1];
            double below = z.pair(tt[0], tt[1], 1.0 - 1e-9, d);
            double above = z.pair(tt[0], tt[1], 1.0 + 1e-9, d2);
            // (2e-9 Å apart: the differences are of the order of the slopes times 2e-9)
            assertThat(above).isCloseTo(below, within(4e-9 * Math.abs(d[0])));
            assertThat(d2[0]).isCloseTo(d[0], within(1e-7 * Math.abs(d[0])));
            // and repulsive everywhere inside
            for (double r = 0.3; r < 2.0; r += 0.01) {
                z.pair(tt[0], tt[1], r, d);
                assertThat(d[0]).as("dE/dr at %s", r).isNegative();
            }
        }
        // the energy derivative matches finite differences across the switching region
        for (double r = 0.6; r < 2.0; r += 0.07) {
            z.pair(0, 1, r, d);
            double fd = (z.pair(0, 1, r + 1e-6, null) - z.pair(0, 1, r - 1e-6, null)) / 2e-6;
            assertThat(d[0]).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void overlayIsTheSumOfItsPartsAndKeepsTheLargerCutoff() {
        Structure s = squeezedFcc();
        Potential sc = SuttonChen.aluminium();
        ZblPotential z = new ZblPotential(List.of("Al"), 1.0, 2.0);
        OverlayPotential o = new OverlayPotential(sc, z);
        assertThat(o.cutoff()).isEqualTo(sc.cutoff());
        assertSum(o, sc, z, s);
        // a second potential that overwrites its arrays goes through scratch arrays
        Potential lj = new PairPotential("Al", 0.1, 2.55, 3.5);
        assertSum(new OverlayPotential(sc, lj), sc, lj, s);
        assertThat(Potentials.parse("sutton-chen-al+zbl:1.0,2.0", 1).describe())
            .isEqualTo(sc.describe() + " + zbl:1.0,2.0 (Al)");
        assertThat(Potentials.parse("zbl:1,2,Al,Cu", 1).elements()).containsExactly("Al", "Cu");
    }

    @Test
    void overlayOnAnHdnnpIsHdnnpPlusZbl() {
        Structure s = squeezedFcc();
        try (HdnnpPotential h = new HdnnpPotential(N2p2Potential.read(
            SharedData.testvectors("case1_thesis22_cos_type9")), 1, "case1");
             OverlayPotential o = OverlayPotential.withZbl(h, 1.0, 2.0)) {
            assertThat(OverlayPotential.hdnnp(o)).isSameAs(h);
            assertThat(o.cutoff()).isEqualTo(h.cutoff());
            assertSum(o, h, new ZblPotential(List.of("Al"), 1.0, 2.0), s);
        }
    }

    /** 32-atom fcc Al with one atom moved to 1.5 Å from a neighbour, into the ZBL range. */
    private static Structure squeezedFcc() {
        double a = 4.05;
        Structure s = dev.sieve.TestCells.fcc(a, 2);
        double[] pos = s.positions().clone();
        for (int i = 0; i < 32; i++) {
            pos[3 * i] += 0.01 * i;
        }
        // atom 1 at (a/2, a/2, 0) moves towards atom 0 at the origin: 1.5 Å apart
        double u = 1.5 / Math.sqrt(2);
        pos[3] = u + 0.01;
        pos[4] = u;
        return Structure.of(Cell.orthorhombic(2 * a, 2 * a, 2 * a), s.elements(), pos);
    }

    private static void assertSum(Potential sum, Potential a, Potential b, Structure s) {
        double[] va = new double[6], vb = new double[6], vs = new double[6];
        double[] ra = evaluate(a, s, va), rb = evaluate(b, s, vb), rs = evaluate(sum, s, vs);
        assertThat(rb[0]).as("the second part contributes").isGreaterThan(0.1);
        for (int k = 0; k < rs.length; k++) {
            assertThat(rs[k]).isCloseTo(ra[k] + rb[k], within(1e-12 * Math.max(1, Math.abs(rs[k]))));
        }
        for (int k = 0; k < 6; k++) {
            assertThat(vs[k]).isCloseTo(va[k] + vb[k], within(1e-12 * Math.max(1, Math.abs(vs[k]))));
        }
    }

    @Test
    void badCutoffsAndElementsAreInputErrors() {
        assertThatThrownBy(() -> ZblPotential.parseCutoffs("2,1", "--zbl")).isInstanceOf(InputException.class)
            .hasMessage("--zbl: needs 0 < INNER < OUTER (Å), got inner 2.0, outer 1.0");
        assertThatThrownBy(() -> ZblPotential.parseCutoffs("1", "--zbl")).isInstanceOf(InputException.class)
            .hasMessageStartingWith("--zbl: expected INNER,OUTER");
        assertThatThrownBy(() -> new ZblPotential(List.of("Xx"), 1, 2)).isInstanceOf(InputException.class)
            .hasMessageContaining("'Xx'");
        assertThatThrownBy(() -> new OverlayPotential(SuttonChen.aluminium(), new ZblPotential(List.of("Cu"), 1, 2)))
            .isInstanceOf(InputException.class).hasMessageContaining("[Cu]");
        assertThatThrownBy(() -> Potentials.parse("zbl:1,2", 1)).isInstanceOf(InputException.class)
            .hasMessageContaining("INNER,OUTER,ELEMENT");
    }
}
