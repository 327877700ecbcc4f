package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw SF values and derivatives against n2p2 (../shared/testvectors). */
class TestVectorSymmetryFunctionTest {

    private static final double REL = 1e-10;
    private static final double ABS = 1e-12;

    private static void assertClose(double actual, double expected, String what) {
        double tol = Math.max(ABS, REL * Math.abs(expected));
        if (!(Math.abs(actual - expected) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + " got " + actual + " (diff "
                + (actual - expected) + ")");
        }
    }

    private record Computed(DescriptorCalculator calc, List<Structure> structures, List<NeighborList> lists,
                            List<int[]> elems) {
        static Computed of(Path dir, Path structuresFile) {
            SymmetryFunctionSet set = N2p2SymmetryFunctionReader.read(dir.resolve("input.nn"));
            DescriptorCalculator calc = new DescriptorCalculator(set);
            List<Structure> ss = StructureIO.readAll(structuresFile);
            List<NeighborList> nls = new ArrayList<>();
            List<int[]> els = new ArrayList<>();
            for (Structure s : ss) {
                nls.add(new NeighborListBuilder().build(s, calc.cutoff()));
                int[] e = new int[s.size()];
                for (int i = 0; i < e.length; i++) {
                    e[i] = calc.elementIndex(s.elements()[i]);
                }
                els.add(e);
            }
            return new Computed(calc, ss, nls, els);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "case1_thesis22_cos_type9, structures/al_test_structures.input.data, G_raw.csv, Al",
        "case2_thesis22_poly2_type3, structures/al_test_structures.input.data, G_raw.csv, Al",
        "case3_cu2s_n2p2_example, case3_cu2s_n2p2_example/input.data, G_raw_S.csv, S",
        "case3_cu2s_n2p2_example, case3_cu2s_n2p2_example/input.data, G_raw_Cu.csv, Cu"})
    void rawValuesMatchN2p2(String caseDir, String structures, String gfile, String element) {
        Path dir = SharedData.testvectors(caseDir);
        Computed c = Computed.of(dir, SharedData.testvectors(structures));
        TestVectorFiles.Csv csv = TestVectorFiles.Csv.read(dir.resolve(gfile));
        int e = c.calc.elementIndex(element);
        List<SymmetryFunction> sfs = c.calc.set().forElement(element);
        String[] names = sfs.stream().map(SymmetryFunction::name).toArray(String[]::new);
        assertThat(Arrays.copyOfRange(csv.header(), 2, csv.header().length)).containsExactly(names);
        int n = c.calc.numFeatures(e);
        double[] g = new double[n];
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        int checked = 0;
        for (String[] row : csv.rows()) {
            int si = Integer.parseInt(row[0]);
            int atom = Integer.parseInt(row[1]);
            assertThat(c.structures.get(si).elements()[atom]).isEqualTo(element);
            c.calc.compute(atom, e, c.elems.get(si), c.lists.get(si), g, null, ws);
            for (int k = 0; k < n; k++) {
                assertClose(g[k], Double.parseDouble(row[2 + k]), caseDir + " s" + si + " atom " + atom + " " + names[k]);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(0);
    }

    @ParameterizedTest
    @CsvSource({
        "case1_thesis22_cos_type9, structures/al_test_structures.input.data, dGdx_samples.csv",
        "case2_thesis22_poly2_type3, structures/al_test_structures.input.data, dGdx_samples.csv",
        "case3_cu2s_n2p2_example, case3_cu2s_n2p2_example/input.data, dGdx_samples_S.csv",
        "case3_cu2s_n2p2_example, case3_cu2s_n2p2_example/input.data, dGdx_samples_Cu.csv"})
    void derivativesMatchN2p2(String caseDir, String structures, String dfile) {
        Path dir = SharedData.testvectors(caseDir);
        Computed c = Computed.of(dir, SharedData.testvectors(structures));
        TestVectorFiles.Csv csv = TestVectorFiles.Csv.read(dir.resolve(dfile));
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        Map<String, double[]> cache = new HashMap<>();
        int checked = 0;
        for (String[] row : csv.rows()) {
            int si = Integer.parseInt(row[0]);
            int center = Integer.parseInt(row[1]);
            int wrt = Integer.parseInt(row[2]);
            int comp = "xyz".indexOf(row[3]);
            Structure s = c.structures.get(si);
            NeighborList nl = c.lists.get(si);
            int e = c.calc.elementIndex(s.elements()[center]);
            int n = c.calc.numFeatures(e);
            double[] dG = cache.computeIfAbsent(si + ":" + center, key -> {
                double[] d = new double[c.calc.derivativeSize(e, nl.count(center))];
                c.calc.compute(center, e, c.elems.get(si), nl, new double[n], d, ws);
                return d;
            });
            int m = nl.count(center);
            double[] total = new double[n];
            for (int sl = 0; sl < m; sl++) {
                if (nl.indexArray()[nl.start(center) + sl] == wrt) {
                    for (int k = 0; k < n; k++) {
                        total[k] += dG[(sl * n + k) * 3 + comp];
                    }
                }
            }
            if (wrt == center) {
                for (int k = 0; k < n; k++) {
                    total[k] += dG[(m * n + k) * 3 + comp];
                }
            }
            assertThat(row.length).isEqualTo(4 + n);
            for (int k = 0; k < n; k++) {
                assertClose(total[k], Double.parseDouble(row[4 + k]),
                    caseDir + " s" + si + " centre " + center + " wrt " + wrt + " " + row[3] + " sf " + k);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
