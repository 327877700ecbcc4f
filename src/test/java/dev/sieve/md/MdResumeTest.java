package dev.sieve.md;

import dev.sieve.config.SettingValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.InputException;
import dev.sieve.md.potential.PairPotential;
import dev.sieve.md.potential.SuttonChen;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped after a periodic restart and resumed ends byte-identical to an uninterrupted one. */
class MdResumeTest {
    static final List<String> FILES = List.of("thermo.csv", "trajectory.xyz", "final.xyz", "restart.json");

    private static SettingValues values(String ensemble) {
        // a small skin and a hot start so the Verlet list is rebuilt between restarts
        return MdSettings.defaults().with(MdSettings.DT, 2.0).with(MdSettings.ENSEMBLE, ensemble)
            .with(MdSettings.TEMPERATURE, 900.0).with(MdSettings.TDAMP, 40.0).with(MdSettings.SEED, 11L)
            .with(MdSettings.SKIN, 0.3).with(MdSettings.STEPS, 36L).with(MdSettings.INIT_TEMPERATURE, 1200.0)
            .with(MdSettings.THERMO, 3).with(MdSettings.DUMP, 4).with(MdSettings.RESTART_EVERY, 7L);
    }

    private static MdRunConfig config(MdConfig.Ensemble ens) {
        return MdSettings.runConfig(values(switch (ens) {
            case NVE -> "nve";
            case LANGEVIN -> "langevin";
            case NOSE_HOOVER -> "nhc";
        }), null);
    }

    /** A failure at {@code failAt} (the sink throws), after which only the files are left. */
    private static void runAndFail(MdRunConfig cfg, Path dir, long failAt) throws Exception {
        MdRun run = new MdRun(SuttonChen.aluminium(), MdRunTest.crystal(), cfg);
        assertThatThrownBy(() -> run.run(dir, r -> {
            if (r.step() >= failAt) {
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");
    }

    @Test
    void resumedLangevinAndNoseHooverRunsAreByteIdentical(@TempDir Path tmp) throws Exception {
        for (MdConfig.Ensemble ens : List.of(MdConfig.Ensemble.LANGEVIN, MdConfig.Ensemble.NOSE_HOOVER)) {
            MdRunConfig cfg = config(ens);
            Path straight = tmp.resolve(ens + "-straight");
            MdRun a = new MdRun(SuttonChen.aluminium(), MdRunTest.crystal(), cfg);
            a.run(straight, null);
            assertThat(a.engine().rebuilds()).isGreaterThan(3);
            Path killed = tmp.resolve(ens + "-killed");
            runAndFail(cfg, killed, 30);
            assertThat(killed.resolve("thermo.csv.part")).exists();
            assertThat(MdRestart.read(killed.resolve("restart.json")).state().step()).isEqualTo(28);
            MdRun b = new MdRun(SuttonChen.aluminium(), MdRunTest.crystal(), cfg);
            assertThat(b.resumeFrom(killed)).isTrue();
            assertThat(b.engine().stepCount()).isEqualTo(28);
            b.run(killed, null);
            for (String f : FILES) {
                assertThat(Files.readAllBytes(killed.resolve(f))).as(ens + " " + f)
                    .isEqualTo(Files.readAllBytes(straight.resolve(f)));
            }
            try (var files = Files.list(killed)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(FILES);
            }
            // a completed run resumed again is redone from its end: still the same files
            MdRun c = new MdRun(SuttonChen.aluminium(), MdRunTest.crystal(), cfg);
            assertThat(c.resumeFrom(killed)).isTrue();
            c.run(killed, null);
            for (String f : FILES) {
                assertThat(Files.readAllBytes(killed.resolve(f))).isEqualTo(Files.readAllBytes(straight.resolve(f)));
            }
        }
    }

    @Test
    void aFailureBeforeTheFirstRestartLeavesNothingAndResumeStartsOver(@TempDir Path tmp) throws Exception {
        MdRunConfig cfg = config(MdConfig.Ensemble.LANGEVIN);
        runAndFail(cfg, tmp, 5);
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
        assertThat(new MdRun(SuttonChen.aluminium(), MdRunTest.crystal(), cfg).resumeFrom(tmp)).isFalse();
    }

    @Test
    void aRestartIsRefusedForAnotherCellPotentialStructureOrSettings(@TempDir Path tmp) throws Exception {
        MdRunConfig cfg = config(MdConfig.Ensemble.LANGEVIN);
        runAndFail(cfg, tmp, 30);
        Structure s = MdRunTest.crystal();
        double[] h = s.cell().matrix();
        for (int k = 0; k < 9; k++) {
            h[k] *= 1.01;
        }
        Structure bigger = new Structure(s.comment(), Cell.of(h), s.pbc(), s.elements(), s.positions(), s.energy(),
            null, null, null, s.tags(), s.source(), s.index());
        assertThatThrownBy(() -> new MdRun(SuttonChen.aluminium(), bigger, cfg).resumeFrom(tmp))
            .isInstanceOf(InputException.class).hasMessageContaining("another cell").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new MdRun(new PairPotential("Al", 0.4, 2.6, 7.0), s, cfg).resumeFrom(tmp))
            .isInstanceOf(InputException.class).hasMessageContaining("another potential");
        double[] p = s.positions().clone();
        p[0] += 0.01;
        assertThatThrownBy(() -> new MdRun(SuttonChen.aluminium(), s.withPositions(p), cfg).resumeFrom(tmp))
            .isInstanceOf(InputException.class).hasMessageContaining("another start structure");
        MdRunConfig otherDt = MdSettings.runConfig(values("langevin").with(MdSettings.DT, 1.0), null);
        assertThatThrownBy(() -> new MdRun(SuttonChen.aluminium(), s, otherDt).resumeFrom(tmp))
            .isInstanceOf(InputException.class).hasMessageContaining("time step 2.0");
        MdRunConfig otherSeed = MdSettings.runConfig(values("langevin").with(MdSettings.SEED, 12L), null);
        assertThatThrownBy(() -> new MdRun(SuttonChen.aluminium(), s, otherSeed).resumeFrom(tmp))
            .isInstanceOf(InputException.class).hasMessageStartingWith("seed 12 differs");
        // --restart into another cell is refused too
        assertThatThrownBy(() -> new MdRun(SuttonChen.aluminium(), bigger,
            MdSettings.runConfig(values("langevin"), tmp.resolve("restart.json"))))
            .isInstanceOf(InputException.class).hasMessageContaining("another cell");
    }
}
