package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.SharedData;
import dev.sieve.structure.Elements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reproduces n2p2's atomic and total energies from raw G, scaling.data and the weights files. */
class N2p2ReferenceTest {

    /** Rows of a CSV file without the header: structure, atom, values... */
    record Csv(String[] header, List<double[]> rows) {}

    static Csv readCsv(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p);
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) {
                continue;
            }
            String[] f = l.split(",");
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                v[k] = Double.parseDouble(f[k].strip());
            }
            rows.add(v);
        }
        return new Csv(lines.get(0).split(","), rows);
    }

    /** Key structure*100000 + atom. */
    static long key(double s, double a) {
        return (long) s * 100000L + (long) a;
    }

    record Result(double maxAtomRel, double maxTotalRel, int atoms) {}

    static Result check(String dir, Map<String, String> gFilePerElement, boolean checkTotals) throws IOException {
        Path cdir = SharedData.testvectors(dir);
        N2p2NetworkConfig cfg = N2p2NetworkConfig.read(cdir.resolve("input.nn"));
        List<FeatureStatistics> stats = ScalingFile.read(cdir.resolve("scaling.data"));
        assertEquals(cfg.elements().size(), stats.size(), "elements in scaling.data");
        Map<Long, Double> ref = new HashMap<>();
        for (double[] r : readCsv(cdir.resolve("atomic_energies.csv")).rows()) {
            ref.put(key(r[0], r[1]), r[2]);
        }
        Map<Integer, Double> sumPerStructure = new HashMap<>();
        Map<Integer, Integer> atomsPerStructure = new HashMap<>();
        double maxRel = 0.0;
        int count = 0;
        for (int e = 0; e < cfg.elements().size(); e++) {
            String el = cfg.elements().get(e);
            FeatureStatistics st = stats.get(e);
            Scaling sc = new Scaling(el, cfg.scalingMode(), cfg.scaleMin(), cfg.scaleMax(), st);
            Network net = cfg.newNetwork(st.numFeatures());
            WeightsFile.readInto(cdir.resolve(WeightsFile.fileName(Elements.atomicNumber(el))), net);
            Csv g = readCsv(cdir.resolve(gFilePerElement.get(el)));
            assertEquals(st.numFeatures() + 2, g.header().length, "columns of G file for " + el);
            int nIn = st.numFeatures();
            double[] xs = new double[g.rows().size() * nIn];
            double[] x = new double[nIn];
            Network.Workspace ws = net.newWorkspace();
            double[] single = new double[g.rows().size()];
            for (int r = 0; r < g.rows().size(); r++) {
                double[] row = g.rows().get(r);
                sc.scale(row, 2, x, 0);
                System.arraycopy(x, 0, xs, r * nIn, nIn);
                single[r] = net.energy(x, ws);
            }
            // batched kernel gives the same numbers bit for bit
            double[] batch = new double[g.rows().size()];
            BatchWorkspace bws = net.newBatchWorkspace(g.rows().size());
            net.forwardBatch(xs, g.rows().size(), batch, bws);
            for (int r = 0; r < batch.length; r++) {
                assertEquals(single[r], batch[r], 0.0, "batched vs single energy, row " + r);
            }
            for (int r = 0; r < g.rows().size(); r++) {
                double[] row = g.rows().get(r);
                double eAtom = cfg.physicalAtomicEnergy(single[r]);
                Double want = ref.get(key(row[0], row[1]));
                assertThat(want).as("reference atomic energy of structure %s atom %s", row[0], row[1]).isNotNull();
                double rel = Math.abs(eAtom - want) / Math.abs(want);
                maxRel = Math.max(maxRel, rel);
                assertThat(rel).as("atomic energy structure %s atom %s: %s vs n2p2 %s", row[0], row[1], eAtom, want)
                        .isLessThan(1e-10);
                int s = (int) row[0];
                sumPerStructure.merge(s, eAtom + cfg.atomEnergies().getOrDefault(el, 0.0), Double::sum);
                atomsPerStructure.merge(s, 1, Integer::sum);
                count++;
            }
        }
        assertEquals(ref.size(), count, "every atom of atomic_energies.csv evaluated");
        double maxTot = 0.0;
        if (checkTotals) {
            for (double[] r : readCsv(cdir.resolve("energies.csv")).rows()) {
                int s = (int) r[0];
                assertEquals((int) r[1], atomsPerStructure.get(s), "atoms in structure " + s);
                double total = sumPerStructure.get(s) + r[1] * cfg.meanEnergy();
                double rel = Math.abs(total - r[2]) / Math.abs(r[2]);
                maxTot = Math.max(maxTot, rel);
                assertThat(rel).as("total energy of structure %d: %s vs n2p2 %s", s, total, r[2]).isLessThan(1e-10);
            }
        }
        return new Result(maxRel, maxTot, count);
    }

    @Test
    void case1Thesis22CosType9() throws IOException {
        Result r = check("case1_thesis22_cos_type9", Map.of("Al", "G_raw.csv"), true);
        assertEquals(4 * 256 + 2 * 4, r.atoms());
    }

    @Test
    void case2Thesis22Poly2Type3() throws IOException {
        Result r = check("case2_thesis22_poly2_type3", Map.of("Al", "G_raw.csv"), true);
        assertEquals(4 * 256 + 2 * 4, r.atoms());
    }

    @Test
    void case3Cu2sNormalised() throws IOException {
        Path cdir = SharedData.testvectors("case3_cu2s_n2p2_example");
        N2p2NetworkConfig cfg = N2p2NetworkConfig.read(cdir.resolve("input.nn"));
        assertThat(cfg.elements()).containsExactly("S", "Cu");
        assertThat(cfg.normalized()).isTrue();
        assertEquals(ScalingMode.SIGMA, cfg.scalingMode());
        Result r = check("case3_cu2s_n2p2_example", Map.of("S", "G_raw_S.csv", "Cu", "G_raw_Cu.csv"), true);
        assertEquals(144, r.atoms());
    }
}
