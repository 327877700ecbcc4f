package dev.sieve.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.SharedData;
import dev.sieve.core.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.results.ErrorStats;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Evaluation} on data made from the model's own predictions (test-vector Al model, Å/eV),
 * so every expected error is known exactly.
 */
class EvaluationTest {
    @TempDir
    Path dir;

    private static Path modelDir;
    private static HdnnpModel model;
    /** Three Al structures (256, 4 and 4 atoms) with the model's predictions as energy and forces. */
    private static List<Structure> exact;

    @BeforeAll
    static void predict() {
        modelDir = SharedData.testvectors("case1_thesis22_cos_type9");
        List<Structure> all = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.xyz"));
        model = N2p2Potential.read(modelDir);
        exact = new ArrayList<>();
        try (HdnnpModel.Evaluator ev = model.evaluator(1)) {
            for (int i : new int[] {0, 4, 5}) {
                Structure s = all.get(i);
                HdnnpModel.Prediction p = ev.predict(s, true);
                exact.add(s.withEnergyAndForces(p.energy(), p.forces()).withTags(Map.of()));
            }
        }
    }

    private Path write(String name, List<Structure> structures) {
        Path p = dir.resolve(name);
        StructureIO.write(p, structures);
        return p;
    }

    private static Structure tagged(Structure s, String configType) {
        Map<String, String> t = new LinkedHashMap<>(s.tags());
        t.put("config_type", configType);
        return s.withTags(t);
    }

    /** The structures with reference energy = prediction - dE[k] (eV), forces unchanged. */
    private static List<Structure> shifted(double... dE) {
        List<Structure> l = new ArrayList<>();
        for (int k = 0; k < exact.size(); k++) {
            Structure s = exact.get(k);
            l.add(s.withEnergyAndForces(s.energy() - dE[k], s.forces()));
        }
        return l;
    }

    @Test
    void dataTheModelPredictsExactlyHasZeroErrors() {
        Path data = write("exact.xyz", exact);
        Evaluation.Result r = Evaluation.evaluate(Evaluation.Settings.of(modelDir, data, null), model);
        ErrorStats.Summary all = r.overall();
        assertThat(all.structures()).isEqualTo(3);
        assertThat(all.atoms()).isEqualTo(264);
        assertThat(all.forceComponents()).isEqualTo(3 * 264);
        assertThat(new double[] {all.energyMaeMevPerAtom(), all.energyRmseMevPerAtom(), all.totalEnergyMseEv2(),
            all.seedsRmseMevPerAtom(), all.forceMaeEvPerA(), all.forceRmseEvPerA(), all.maxForceErrorEvPerA()})
            .containsOnly(0.0);
        EvaluationReport rep = r.report();
        assertThat(rep.structures()).isEqualTo(3);
        assertThat(rep.structuresWithEnergy()).isEqualTo(3);
        assertThat(rep.structuresWithForces()).isEqualTo(3);
        assertThat(rep.tagged()).isFalse();
        assertThat(rep.data()).isEqualTo(data.toString());
        assertThat(r.outDir()).isNull();
        assertThat(r.forceComponentsSeen()).isEqualTo(3 * 264);
        assertThat(r.forcesSubsampled()).isFalse();
    }

    @Test
    void knownEnergyOffsetsGiveTheirMaeRmseAndMseAndTheFilesAreWritten() throws Exception {
        double[] dE = {0.512, -0.02, 0.006};
        int[] n = {256, 4, 4};
        Path data = write("shifted.xyz", shifted(dE));
        Path out = dir.resolve("ev");
        RunInfo run = new RunInfo("test", List.of());
        Evaluation.Result r = Evaluation.run(new Evaluation.Settings(modelDir, data, out, "angstrom", "ev", 2, false,
            100, null), run);

        double mae = 0;
        double sq = 0;
        double mse = 0;
        for (int k = 0; k < 3; k++) {
            mae += Math.abs(dE[k]) / n[k] / 3;
            sq += (dE[k] / n[k]) * (dE[k] / n[k]) / 3;
            mse += dE[k] * dE[k] / 3;
        }
        ErrorStats.Summary all = r.overall();
        assertThat(all.energyMaeMevPerAtom()).isCloseTo(1e3 * mae, within(1e-9));
        assertThat(all.energyRmseMevPerAtom()).isCloseTo(1e3 * Math.sqrt(sq), within(1e-9));
        assertThat(all.seedsRmseMevPerAtom()).isCloseTo(1e3 * Math.sqrt(sq), within(1e-9));
        assertThat(all.totalEnergyMseEv2()).isCloseTo(mse, within(1e-12));
        assertThat(all.forceMaeEvPerA()).isCloseTo(0, within(1e-12)); // 2 threads: forces summed in another order
        assertThat(r.forcesSubsampled()).isTrue();
        assertThat(r.forceComponentsPlotted()).isEqualTo(100);

        assertThat(r.outDir()).isEqualTo(out);
        assertThat(r.files()).containsExactly("metrics.json", "metrics.md", "parity_energy.png", "parity_energy.svg",
            "parity_forces.png", "parity_forces.svg", "run.json");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(r.files());
        }
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.get("overall").get("energy_mae_mev_per_atom").asDouble())
            .isEqualTo(all.energyMaeMevPerAtom());
        assertThat(Files.readString(out.resolve("metrics.md"))).isEqualTo(r.report().markdown());
        JsonNode runJson = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(runJson.get("results").get("structures").asLong()).isEqualTo(3);
        assertThat(runJson.get("results").get("atoms").asLong()).isEqualTo(264);
        assertThat(runJson.get("timings_s").has("predict")).isTrue();
        assertThat(runJson.get("timings_s").has("plots")).isTrue();
    }

    @Test
    void configTypesGetTheirOwnRowsAndUntaggedStructuresTheirs() {
        List<Structure> s = shifted(0.256, 0.04, -0.008);
        s.set(0, tagged(s.get(0), "bulk"));
        s.set(1, tagged(s.get(1), "small"));
        Path data = write("tagged.xyz", s);
        EvaluationReport rep = Evaluation.evaluate(Evaluation.Settings.of(modelDir, data, null), model).report();
        assertThat(rep.tagged()).isTrue();
        Map<String, ErrorStats.Summary> g = rep.groups();
        assertThat(g.keySet()).containsExactly(EvaluationReport.UNTAGGED, "bulk", "small");
        assertThat(g.get("bulk").structures()).isEqualTo(1);
        assertThat(g.get("bulk").energyMaeMevPerAtom()).isCloseTo(1e3 * 0.256 / 256, within(1e-9));
        assertThat(g.get("small").energyMaeMevPerAtom()).isCloseTo(1e3 * 0.04 / 4, within(1e-9));
        assertThat(g.get(EvaluationReport.UNTAGGED).energyMaeMevPerAtom()).isCloseTo(1e3 * 0.008 / 4, within(1e-9));
        assertThat(g.get(EvaluationReport.UNTAGGED).atoms()).isEqualTo(4);
        assertThat(rep.table()).contains("| bulk | 1 | 256 | 1.000 |").contains("| small | 1 | 4 | 10.000 |")
            .contains("| (untagged) | 1 | 4 | 2.000 |");
    }

    @Test
    void energiesOnlyGiveOnlyTheEnergyPlotAndNoForceErrors() {
        List<Structure> s = new ArrayList<>();
        for (Structure x : shifted(0.1, 0.1, 0.1)) {
            s.add(x.withEnergyAndForces(x.energy(), null));
        }
        Evaluation.Result r = Evaluation.evaluate(Evaluation.Settings.of(modelDir, write("e.xyz", s), null), model);
        assertThat(r.report().structuresWithForces()).isZero();
        assertThat(r.overall().forceComponents()).isZero();
        assertThat(r.report().plots()).containsExactly("parity_energy.png", "parity_energy.svg");
        assertThat(r.forceComponentsSeen()).isZero();
    }

    @Test
    void dataWithoutReferencesIsAnErrorThatNamesTheFileAndWritesNothing() {
        List<Structure> s = new ArrayList<>();
        for (Structure x : exact) {
            s.add(x.withEnergyAndForces(null, null));
        }
        Path data = write("plain.xyz", s);
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> Evaluation.run(Evaluation.Settings.of(modelDir, data, out), new RunInfo("t", List.of())))
            .isInstanceOf(Evaluation.NoReferencesException.class)
            .hasMessage(data + ": has no reference energies or forces in its 3 structures: nothing to evaluate");
        assertThat(out).doesNotExist();
    }

    @Test
    void emptyDataBadUnitsAndBadSettingsAreInputErrorsNamingTheSetting() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]\n"); // mlearn JSON without records
        assertThatThrownBy(() -> Evaluation.evaluate(Evaluation.Settings.of(modelDir, empty, null), model))
            .isInstanceOf(InputException.class).hasMessage(empty + ": contains no structures");
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> Evaluation.run(new Evaluation.Settings(modelDir, empty, out, "furlong", "ev", 1,
            false, 10, null), new RunInfo("t", List.of())))
            .isInstanceOf(InputException.class).hasMessageContaining("furlong");
        assertThat(out).doesNotExist();
        assertThatThrownBy(() -> new Evaluation.Settings(modelDir, empty, null, "angstrom", "ev", 0, false, 10, null))
            .isInstanceOf(InputException.class).hasMessage("threads must be >= 1, got 0");
        assertThatThrownBy(() -> new Evaluation.Settings(modelDir, empty, null, "angstrom", "ev", 1, false, 0, null))
            .isInstanceOf(InputException.class).hasMessage("maxForcePoints must be >= 1, got 0");
    }

    @Test
    void defaultOutputDirectoryIsNamedAfterTheDataFile() {
        assertThat(Evaluation.defaultOut(Path.of("x", "al_test.xyz.gz"))).isEqualTo(Path.of("evaluate-al_test"));
        assertThat(Evaluation.Settings.of(modelDir, Path.of("Cu_test.xyz"), null).outDir())
            .isEqualTo(Path.of("evaluate-Cu_test"));
        assertThat(Evaluation.Settings.of(modelDir, Path.of("Cu_test.xyz"), Path.of("o")).outDir())
            .isEqualTo(Path.of("o"));
    }
}
