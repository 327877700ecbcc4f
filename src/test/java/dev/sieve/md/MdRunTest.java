package dev.sieve.md;

import dev.sieve.core.SettingException;
import dev.sieve.config.SettingValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.core.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.md.potential.PairPotential;
import dev.sieve.md.potential.SuttonChen;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MdRun} with its observers: energy conservation, the thermo rows, trajectory and restart files. */
public class MdRunTest {

    /** 108 Al atoms on a slightly disordered fcc lattice. */
    public static Structure crystal() {
        Structure s = MdEngineTest.fcc(4.05, 3);
        double[] p = s.positions().clone();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int q = 0; q < p.length; q++) {
            p[q] += 0.1 * (rnd.nextDouble() - 0.5);
        }
        return s.withPositions(p);
    }

    private static SettingValues nve(long steps) {
        return MdSettings.defaults().with(MdSettings.DT, 2.0).with(MdSettings.SEED, 3L).with(MdSettings.STEPS, steps)
            .with(MdSettings.INIT_TEMPERATURE, 600.0);
    }

    private static MdRunConfig run(SettingValues v) {
        return MdSettings.runConfig(v, null);
    }

    @Test
    void nveRunConservesEnergyAndLogsTheThermoRows(@TempDir Path dir) throws Exception {
        List<ThermoLog.Row> rows = new ArrayList<>();
        MdRun run = new MdRun(SuttonChen.aluminium(), crystal(), run(nve(110).with(MdSettings.THERMO, 25)));
        assertThat(run.engine().temperature()).isCloseTo(600, within(1e-9));
        MdRun.Result r = run.run(dir, rows::add);

        // a row at the start, every 25 steps, and at the last step
        assertThat(rows).extracting(ThermoLog.Row::step).containsExactly(0L, 25L, 50L, 75L, 100L, 110L);
        double e0 = rows.get(0).conserved();
        for (ThermoLog.Row row : rows) {
            assertThat(row.conserved()).isEqualTo(row.total()); // NVE: nothing beyond kinetic + potential
            assertThat(Math.abs(row.conserved() - e0) / r.atoms()).as("drift at step %d", row.step()).isLessThan(2e-4);
            assertThat(row.timePs()).isCloseTo(row.step() * 2.0e-3, within(1e-12));
        }
        // the kinetic energy really moved: the check above is not vacuous
        assertThat(rows.get(1).kinetic()).isNotCloseTo(rows.get(0).kinetic(), within(0.05));

        List<String> csv = Files.readAllLines(dir.resolve("thermo.csv"));
        assertThat(csv.get(0)).isEqualTo(ThermoLog.COLUMNS);
        assertThat(csv).hasSize(1 + rows.size());
        for (int k = 0; k < rows.size(); k++) {
            assertThat(csv.get(k + 1) + System.lineSeparator()).isEqualTo(rows.get(k).csv());
            String[] f = csv.get(k + 1).split(",");
            assertThat(f).hasSize(ThermoLog.COLUMNS.split(",").length);
            assertThat(Double.parseDouble(f[5])).isCloseTo(rows.get(k).total(), within(1e-9));
            assertThat(f[8]).isEqualTo("0");
        }
        assertThat(r.steps()).isEqualTo(110);
        assertThat(r.atoms()).isEqualTo(108);
        assertThat(r.extrapolations()).isEmpty();
        assertThat(dir.resolve("trajectory.xyz")).doesNotExist();
    }

    @Test
    void trajectoryFinalStructureAndRestartContinueTheRun(@TempDir Path dir) throws Exception {
        SettingValues langevin = MdSettings.defaults().with(MdSettings.DT, 2.0).with(MdSettings.ENSEMBLE, "langevin")
            .with(MdSettings.TEMPERATURE, 800.0).with(MdSettings.TDAMP, 50.0).with(MdSettings.SEED, 7L)
            .with(MdSettings.STEPS, 40L).with(MdSettings.THERMO, 100).with(MdSettings.DUMP, 15);
        MdRunConfig cfg = run(langevin);
        Path first = dir.resolve("first");
        MdRun a = new MdRun(SuttonChen.aluminium(), crystal(), cfg);
        a.run(first, null);

        // frames at steps 15 and 30, each tagged with its step; none at the start
        List<Structure> frames = StructureIO.readAll(first.resolve("trajectory.xyz"));
        assertThat(frames).extracting(s -> s.tags().get("step")).containsExactly("15", "30");
        Structure last = StructureIO.readAll(first.resolve(RestartWriter.FINAL_STRUCTURE)).get(0);
        assertThat(last.tags().get("step")).isEqualTo("40");
        assertThat(last.positions()).containsExactly(a.engine().positions(), within(1e-6));
        MdEngine.State state = RestartWriter.read(first.resolve(RestartWriter.RESTART));
        assertThat(state.step()).isEqualTo(40);
        assertThat(state.positions()).containsExactly(a.engine().positions(), within(0.0));

        // 40 + 40 steps through the restart file end where 80 steps in one go do (Langevin noise included)
        MdRun b = new MdRun(SuttonChen.aluminium(), crystal(), MdSettings.runConfig(langevin,
            first.resolve("restart.json")));
        assertThat(b.engine().stepCount()).isEqualTo(40);
        b.run(dir.resolve("second"), null);
        MdRun straight = new MdRun(SuttonChen.aluminium(), crystal(), run(langevin.with(MdSettings.STEPS, 80L)));
        straight.run(dir.resolve("straight"), null);
        assertThat(b.engine().stepCount()).isEqualTo(80);
        assertThat(b.engine().positions()).containsExactly(straight.engine().positions(), within(1e-8));
        // thermo rows of the continued run are numbered on from the restart
        assertThat(Files.readAllLines(dir.resolve("second/thermo.csv"))).extracting(l -> l.split(",")[0])
            .containsExactly("step", "40", "80");
    }

    @Test
    void analysisFilesAreWrittenNextToTheThermoLog(@TempDir Path dir) throws Exception {
        SettingValues an = nve(40).with(MdSettings.RDF, 5.0).with(MdSettings.RDF_BIN, 0.1).with(MdSettings.ADF, 3.4)
            .with(MdSettings.MSD, true).with(MdSettings.SAMPLE_AFTER, 10L).with(MdSettings.SAMPLE_EVERY, 5);
        MdRun.Result r = new MdRun(SuttonChen.aluminium(), crystal(), run(an)).run(dir, null);
        // samples at steps 15..40
        assertThat(r.analysis().rdfFrames()).hasValue(6);
        assertThat(r.analysis().diffusion()).isPresent();
        List<String> rdf = Files.readAllLines(dir.resolve("rdf.csv"));
        assertThat(rdf.get(0)).isEqualTo("r_A,g");
        assertThat(rdf).hasSize(1 + 50);
        assertThat(rdf.get(1)).isEqualTo("0.0500,0.000000");
        List<String> adf = Files.readAllLines(dir.resolve("adf.csv"));
        assertThat(adf.get(0)).isEqualTo("angle_deg,p_per_deg");
        assertThat(adf).hasSize(1 + 180);
        assertThat(adf.get(180)).startsWith("179.50,");
        assertThat(Files.readAllLines(dir.resolve("msd.csv"))).hasSize(1 + 6 + 1);
    }

    @Test
    void aRunThatFailsLeavesNoPartialFiles(@TempDir Path dir) throws Exception {
        Structure cluster = Structure.of(null, new String[] {"Al", "Al", "Al"}, new double[] {0, 0, 0, 2.9, 0, 0, 0,
            2.9, 0});
        MdRunConfig cfg = run(nve(20).with(MdSettings.DUMP, 5).with(MdSettings.RDF, 5.0)
            .with(MdSettings.SAMPLE_EVERY, 10));
        MdRun run = new MdRun(new PairPotential("Al", 0.4, 2.6, 7.0), cluster, cfg);
        assertThatThrownBy(() -> run.run(dir, null)).isInstanceOf(InputException.class)
            .hasMessageContaining("periodic cell");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void badSettingsNameTheSettingAndTheValue() {
        SettingValues d = MdSettings.defaults();
        // the catalogue checks single values, naming the setting as its option does
        assertThatThrownBy(() -> d.with(MdSettings.STEPS, -1L)).isInstanceOf(SettingException.class)
            .hasMessage("steps must be >= 0, got -1");
        assertThatThrownBy(() -> d.with(MdSettings.THERMO, 0)).hasMessage("thermo must be >= 1, got 0");
        assertThatThrownBy(() -> d.with(MdSettings.DUMP, -5)).hasMessage("dump must be >= 0, got -5");
        assertThatThrownBy(() -> d.with(MdSettings.MAX_EXTRAPOLATIONS, -1L))
            .hasMessage("max-extrapolations must be >= 0, got -1");
        // the records check what depends on several settings, and themselves when built directly
        assertThatThrownBy(() -> MdSettings.engine(d.with(MdSettings.ENSEMBLE, "nhc")))
            .isInstanceOf(InputException.class).hasMessageContaining("temperature > 0 K, got 0.0");
        MdRunConfig ok = run(d.with(MdSettings.STEPS, 5L));
        assertThatThrownBy(() -> new MdRunConfig(ok.engine(), 10, ok.initTemperature(), 0, 0, ok.maxExtrapolations(),
            ok.restart(), ok.analysis(), ok.restartEvery())).isInstanceOf(InputException.class)
            .hasMessage("thermoEvery must be >= 1, got 0");
        assertThat(run(d.with(MdSettings.STEPS, 5L).with(MdSettings.THERMO, 7))).isEqualTo(new MdRunConfig(
            ok.engine(), 5, ok.initTemperature(), 7, 0, ok.maxExtrapolations(), ok.restart(), ok.analysis(),
            ok.restartEvery()));
        assertThat(MdConfig.nve(1.5, 9)).isEqualTo(MdSettings.engine(d.with(MdSettings.DT, 1.5)
            .with(MdSettings.SEED, 9L)));
    }
}
