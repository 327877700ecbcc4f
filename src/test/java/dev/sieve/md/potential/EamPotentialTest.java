package dev.sieve.md.potential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Mendelev EAM against LAMMPS-computed energies and forces of the al-mendelev frames. */
class EamPotentialTest {

    @Test
    void reproducesLammpsEnergiesAndForces() {
        EamPotential eam = EamPotential.read(SharedData.data("eam/Al_mm.eam.fs"));
        assertThat(eam.elements()).containsExactly("Al");
        assertThat(eam.cutoff()).isEqualTo(6.5);
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Map<String, Integer> perType = new HashMap<>();
        double maxE = 0;
        double maxF = 0;
        int checked = 0;
        try (StructureReader r = StructureIO.open(data)) {
            int k = 0;
            while (r.hasNext()) {
                Structure s = r.next();
                if (k++ % 7 != 0) {
                    continue; // every 7th frame: all 21 (config_type, T) runs are covered
                }
                NeighborList nl = new NeighborListBuilder().build(s, eam.cutoff());
                double[] f = new double[3 * s.size()];
                double e = eam.compute(eam.types(s.elements()), nl, f, null);
                maxE = Math.max(maxE, Math.abs(e - s.energy()) / s.size());
                for (int q = 0; q < f.length; q++) {
                    maxF = Math.max(maxF, Math.abs(f[q] - s.forces()[q]));
                }
                perType.merge(s.tags().get("config_type"), 1, Integer::sum);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(60);
        assertThat(perType).containsKeys("solid", "liquid", "liquid-compressed", "liquid-undercooled");
        assertThat(maxE).as("max energy error eV/atom").isLessThan(1e-6);
        assertThat(maxF).as("max force error eV/Å").isLessThan(1e-5);
    }

    @Test
    void forcesAreMinusTheEnergyGradient() {
        EamPotential eam = EamPotential.read(SharedData.data("eam/Al_mm.eam.fs"));
        Structure s = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.xyz")).get(5);
        double[] f = new double[3 * s.size()];
        double[] virial = new double[6];
        int[] t = eam.types(s.elements());
        eam.compute(t, new NeighborListBuilder().build(s, eam.cutoff()), f, virial);
        double h = 1e-5;
        for (int q = 0; q < f.length; q++) {
            double[] p = s.positions().clone();
            p[q] += h;
            double ep = eam.compute(t, new NeighborListBuilder().build(s.withPositions(p), eam.cutoff()), null, null);
            p[q] -= 2 * h;
            double em = eam.compute(t, new NeighborListBuilder().build(s.withPositions(p), eam.cutoff()), null, null);
            assertThat(f[q]).isCloseTo(-(ep - em) / (2 * h), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    /**
     * The MD engine's step: a list built with a skin, atoms moved, then the potential's refresh (which only notes the
     * positions: the EAM forms the pair vectors itself) and compute. Equal bit for bit to refreshing the list's half
     * entries first (the list's own vectors), and to a fresh build up to rounding; a new build falls back to the
     * list's vectors.
     */
    @Test
    void pairVectorsFromTheRefreshedPositionsEqualARefreshedList() {
        EamPotential eam = EamPotential.read(SharedData.data("eam/Al_mm.eam.fs"));
        Structure s = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.xyz")).get(5);
        int n = s.size();
        int[] t = eam.types(s.elements());
        double[] h = s.cell().matrix();
        NeighborList nl = new NeighborList();
        new NeighborListBuilder().build(s.cell(), s.pbc(), s.positions(), n, eam.cutoff() + 1.0, nl);
        double[] moved = s.positions().clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int q = 0; q < moved.length; q++) {
            moved[q] += rnd.nextDouble(-0.25, 0.25);
        }
        double[] fa = new double[3 * n];
        double[] va = new double[6];
        eam.refresh(nl, moved, h);
        double ea = eam.compute(t, nl, fa, va);
        EamPotential other = EamPotential.read(SharedData.data("eam/Al_mm.eam.fs"));
        nl.refreshHalf(moved, h);
        double[] fb = new double[3 * n];
        double[] vb = new double[6];
        double eb = other.compute(t, nl, fb, vb);
        assertThat(Double.doubleToRawLongBits(ea)).isEqualTo(Double.doubleToRawLongBits(eb));
        for (int q = 0; q < fa.length; q++) {
            assertThat(Double.doubleToRawLongBits(fa[q])).as("force " + q).isEqualTo(Double.doubleToRawLongBits(fb[q]));
        }
        for (int k = 0; k < 6; k++) {
            assertThat(Double.doubleToRawLongBits(va[k])).isEqualTo(Double.doubleToRawLongBits(vb[k]));
        }
        double[] fc = new double[3 * n];
        double ec = eam.compute(t, new NeighborListBuilder().build(s.withPositions(moved), eam.cutoff()), fc, null);
        assertThat(ec).isCloseTo(ea, org.assertj.core.data.Offset.offset(1e-10 * n));
        for (int q = 0; q < fa.length; q++) {
            assertThat(fc[q]).isCloseTo(fa[q], org.assertj.core.data.Offset.offset(1e-10));
        }
        // rebuilt at the moved positions: the noted positions belong to the old build and are not used
        new NeighborListBuilder().build(s.cell(), s.pbc(), moved, n, eam.cutoff() + 1.0, nl);
        double[] fd = new double[3 * n];
        assertThat(eam.compute(t, nl, fd, null)).isCloseTo(ea, org.assertj.core.data.Offset.offset(1e-10 * n));
    }
}
