package dev.sieve.md;

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
}
