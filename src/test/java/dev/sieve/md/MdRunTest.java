package dev.sieve.md;

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

    private static MdRunConfig.Builder nve(long steps) {
        return MdRunConfig.builder().engine(MdConfig.builder().dt(2.0).seed(3).build()).steps(steps)
            .initTemperature(600);
    }

    @Test
    void nveRunConservesEnergyAndLogsTheThermoRows(@TempDir Path dir) throws Exception {
        List<ThermoLog.Row> rows = new ArrayList<>();
        MdRun run = new MdRun(SuttonChen.aluminium(), crystal(), nve(110).thermoEvery(25).build());
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
        MdConfig langevin = MdConfig.builder().dt(2.0).ensemble(MdConfig.Ensemble.LANGEVIN).temperature(800)
            .damping(50).seed(7).build();
        MdRunConfig cfg = MdRunConfig.builder().engine(langevin).steps(40).thermoEvery(100).dumpEvery(15).build();
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
        MdRun b = new MdRun(SuttonChen.aluminium(), crystal(), cfg.toBuilder().restart(first.resolve("restart.json"))
            .build());
        assertThat(b.engine().stepCount()).isEqualTo(40);
        b.run(dir.resolve("second"), null);
        MdRun straight = new MdRun(SuttonChen.aluminium(), crystal(), cfg.toBuilder().steps(80).build());
        straight.run(dir.resolve("straight"), null);
        assertThat(b.engine().stepCount()).isEqualTo(80);
        assertThat(b.engine().positions()).containsExactly(straight.engine().positions(), within(1e-8));
        // thermo rows of the continued run are numbered on from the restart
        assertThat(Files.readAllLines(dir.resolve("second/thermo.csv"))).extracting(l -> l.split(",")[0])
            .containsExactly("step", "40", "80");
    }

    @Test
    void analysisFilesAreWrittenNextToTheThermoLog(@TempDir Path dir) throws Exception {
        MdAnalysis.Settings an = MdAnalysis.Settings.builder().rdfMax(5.0).rdfBin(0.1).adfCutoff(3.4).msd(true)
            .sampleAfter(10).sampleEvery(5).build();
        MdRun.Result r = new MdRun(SuttonChen.aluminium(), crystal(), nve(40).analysis(an).build()).run(dir, null);
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
        MdRunConfig cfg = nve(20).dumpEvery(5).analysis(MdAnalysis.Settings.builder().rdfMax(5).sampleEvery(10).build())
            .build();
        MdRun run = new MdRun(new PairPotential("Al", 0.4, 2.6, 7.0), cluster, cfg);
        assertThatThrownBy(() -> run.run(dir, null)).isInstanceOf(InputException.class)
            .hasMessageContaining("periodic cell");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void badSettingsNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> MdRunConfig.builder().steps(-1).build())
            .isInstanceOf(InputException.class).hasMessage("steps must be >= 0, got -1");
        assertThatThrownBy(() -> MdRunConfig.builder().steps(10).thermoEvery(0).build())
            .isInstanceOf(InputException.class).hasMessage("thermoEvery must be >= 1, got 0");
        assertThatThrownBy(() -> MdRunConfig.builder().dumpEvery(-5).build())
            .isInstanceOf(InputException.class).hasMessage("dumpEvery must be >= 0, got -5");
        assertThatThrownBy(() -> MdRunConfig.builder().maxExtrapolations(-1).build())
            .isInstanceOf(InputException.class).hasMessage("maxExtrapolations must be >= 0, got -1");
        assertThatThrownBy(() -> MdConfig.builder().ensemble(MdConfig.Ensemble.NOSE_HOOVER).build())
            .isInstanceOf(InputException.class).hasMessageContaining("temperature > 0 K, got 0.0");
        MdRunConfig ok = MdRunConfig.builder().steps(5).build();
        assertThat(ok.toBuilder().thermoEvery(7).build()).isEqualTo(new MdRunConfig(ok.engine(), 5,
            ok.initTemperature(), 7, 0, ok.maxExtrapolations(), ok.restart(), ok.analysis(), ok.restartEvery()));
        assertThat(MdConfig.nve(1.5, 9).toBuilder().build()).isEqualTo(MdConfig.nve(1.5, 9));
    }
}
