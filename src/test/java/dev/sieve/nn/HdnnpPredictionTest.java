package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Energies and forces of imported n2p2 potentials against n2p2's own numbers. */
class HdnnpPredictionTest {

    @TempDir
    Path tmp;

    private static void close(double got, double exp, double rel, double abs, String what) {
        if (!(Math.abs(got - exp) <= Math.max(abs, rel * Math.abs(exp)))) {
            throw new AssertionError(what + ": expected " + exp + " got " + got + " (diff " + (got - exp) + ")");
        }
    }

    private static List<String[]> csv(Path p) throws Exception {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(p);
        for (int i = 1; i < lines.size(); i++) {
            rows.add(lines.get(i).split(","));
        }
        return rows;
    }

    /** Energy, forces and virial of a 500-atom cell (eight force chunks) are bit-identical for 1, 2 and 3 threads. */
    @Test
    void resultsAreBitIdenticalForEveryThreadCount() throws Exception {
        HdnnpModel m = N2p2Potential.read(SharedData.testvectors("case1_thesis22_cos_type9"));
        Structure fcc = dev.sieve.TestCells.fcc(4.05, 5);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        double[] pos = fcc.positions().clone();
        for (int q = 0; q < pos.length; q++) {
            pos[q] += 0.15 * (rnd.nextDouble() - 0.5);
        }
        Structure s = fcc.withPositions(pos);
        int[] el = m.elementIndices(s);
        dev.sieve.neighbor.NeighborList nl = new dev.sieve.neighbor.NeighborListBuilder().build(s, m.cutoff());
        HdnnpModel.Prediction ref = null;
        double[] refVir = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (HdnnpModel.Evaluator ev = m.evaluator(threads)) {
                double[] vir = new double[6];
                HdnnpModel.Prediction p = ev.evaluate(el, nl, true, vir, "fcc");
                if (ref == null) {
                    ref = p;
                    refVir = vir;
                    continue;
                }
                assertThat(Double.doubleToRawLongBits(p.energy())).isEqualTo(Double.doubleToRawLongBits(ref.energy()));
                for (int q = 0; q < pos.length; q++) {
                    assertThat(Double.doubleToRawLongBits(p.forces()[q])).as("%d threads force %d", threads, q)
                        .isEqualTo(Double.doubleToRawLongBits(ref.forces()[q]));
                }
                for (int q = 0; q < 6; q++) {
                    assertThat(vir[q]).isEqualTo(refVir[q]);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "case1_thesis22_cos_type9, structures/al_test_structures.xyz",
        "case2_thesis22_poly2_type3, structures/al_test_structures.xyz",
        "case3_cu2s_n2p2_example, case3_cu2s_n2p2_example/input.data"})
    void energiesAndExactForcesMatchN2p2(String dir, String structures) throws Exception {
        Path d = SharedData.testvectors(dir);
        HdnnpModel m = N2p2Potential.read(d);
        List<Structure> ss = StructureIO.readAll(SharedData.testvectors(structures));
        List<HdnnpModel.Prediction> preds = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            try (HdnnpModel.Evaluator ev = m.evaluator(threads)) {
                for (int s = 0; s < ss.size(); s++) {
                    HdnnpModel.Prediction p = ev.predict(ss.get(s), true);
                    if (threads == 1) {
                        preds.add(p);
                    } else {
                        assertThat(p.energy()).isEqualTo(preds.get(s).energy());
                    }
                }
            }
        }
        for (String[] r : csv(d.resolve("energies.csv"))) {
            int s = Integer.parseInt(r[0]);
            close(preds.get(s).energy(), Double.parseDouble(r[3]), 1e-10, 1e-10, dir + " energy of structure " + s);
        }
        int checked = 0;
        for (String[] r : csv(d.resolve("forces.csv"))) {
            int s = Integer.parseInt(r[0]);
            int a = Integer.parseInt(r[1]);
            for (int c = 0; c < 3; c++) {
                // the *_exact columns include the self-image terms nnp-predict drops in small cells
                close(preds.get(s).forces()[3 * a + c], Double.parseDouble(r[5 + c]), 1e-10, 1e-11,
                    dir + " force s" + s + " atom " + a + " comp " + c);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(400);
        // n2p2's own nnp-predict forces (which drop self-image terms in the 4-atom cells) with the compatible evaluator
        try (HdnnpModel.Evaluator ev = m.n2p2CompatibleEvaluator(1)) {
            List<String[]> rows = csv(d.resolve("forces.csv"));
            for (int s = 0; s < ss.size(); s++) {
                HdnnpModel.Prediction p = ev.predict(ss.get(s), true);
                for (String[] r : rows) {
                    if (Integer.parseInt(r[0]) == s) {
                        int a = Integer.parseInt(r[1]);
                        for (int c = 0; c < 3; c++) {
                            close(p.forces()[3 * a + c], Double.parseDouble(r[2 + c]), 1e-10, 1e-11,
                                dir + " nnp-predict force s" + s + " atom " + a + " comp " + c);
                        }
                    }
                }
            }
        }
        // per-atom energies (nnatoms.out): physical, without mean_energy for the normalised case
        HdnnpModel.Units u = m.units();
        for (String[] r : csv(d.resolve("atomic_energies.csv"))) {
            int s = Integer.parseInt(r[0]);
            int a = Integer.parseInt(r[1]);
            double ours = preds.get(s).atomicEnergies()[a] - u.meanEnergy() / u.energyPerEv();
            close(ours, Double.parseDouble(r[2]), 1e-10, 1e-12, dir + " atomic energy s" + s + " atom " + a);
        }
    }

    /** The published mlearn models (Bohr, Hartree) against n2p2's nnp-dataset output, 9 printed digits. */
    @ParameterizedTest
    @ValueSource(strings = {"Cu", "Ni", "Li", "Si"})
    void mlearnModelsMatchN2p2(String el) throws Exception {
        Path dir = SharedData.data("mlearn/nnp_models/" + el);
        HdnnpModel m = N2p2Potential.read(dir, N2p2Potential.BOHR_PER_ANGSTROM, N2p2Potential.HARTREE_PER_EV);
        List<Structure> ss = StructureIO.readAll(SharedData.data("mlearn/xyz/" + el + "_test.xyz"));
        Path comp = SharedData.testvectors("mlearn_n2p2/" + el + "_test.energy.comp");
        List<double[]> e = numbers(comp);
        List<double[]> f = numbers(SharedData.testvectors("mlearn_n2p2/" + el + "_test.forces.comp"));
        assertThat(e).hasSize(ss.size());
        double forceUnit = N2p2Potential.HARTREE_PER_EV / N2p2Potential.BOHR_PER_ANGSTROM; // Ha/Bohr per eV/Å
        int fi = 0;
        try (HdnnpModel.Evaluator ev = m.n2p2CompatibleEvaluator(2)) {
            for (int s = 0; s < ss.size(); s++) {
                HdnnpModel.Prediction p = ev.predict(ss.get(s), true);
                double eHa = p.energy() * N2p2Potential.HARTREE_PER_EV;
                close(eHa, e.get(s)[3], 2e-8, 2e-8, el + " energy of structure " + s);
                for (int q = 0; q < 3 * ss.get(s).size(); q++, fi++) {
                    double[] row = f.get(fi);
                    assertThat((int) row[0]).isEqualTo(s);
                    close(p.forces()[q] * forceUnit, row[3], 2e-7, 2e-8, el + " force s" + s + " component " + q);
                }
            }
        }
        assertThat(fi).isEqualTo(f.size());
    }

    private static List<double[]> numbers(Path p) throws Exception {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(p)) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i]);
            }
            rows.add(v);
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"case1_thesis22_cos_type9", "case3_cu2s_n2p2_example"})
    void exportThenImportPredictsIdentically(String dir) throws Exception {
        Path d = SharedData.testvectors(dir);
        HdnnpModel m = N2p2Potential.read(d);
        Path out = tmp.resolve("export");
        N2p2Potential.write(m, out);
        HdnnpModel back = N2p2Potential.read(out);
        assertThat(out.resolve("lammps.in")).exists();
        List<Structure> ss = StructureIO.readAll(dir.startsWith("case3") ? d.resolve("input.data")
            : SharedData.testvectors("structures/al_test_structures.xyz"));
        for (Structure s : ss) {
            HdnnpModel.Prediction a = m.predict(s, true);
            HdnnpModel.Prediction b = back.predict(s, true);
            close(b.energy(), a.energy(), 1e-12, 0, "energy");
            for (int q = 0; q < a.forces().length; q++) {
                close(b.forces()[q], a.forces()[q], 1e-12, 1e-14, "force " + q);
            }
        }
    }
}
