package dev.sieve.select;

import dev.sieve.select.baseline.SelectionMethods;
import dev.sieve.train.TrainSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Activation;
import dev.sieve.structure.Structure;
import dev.sieve.train.Execution;
import dev.sieve.train.NetworkSettings;
import dev.sieve.train.Schedule;
import dev.sieve.train.Stopping;
import dev.sieve.train.TinyData;
import dev.sieve.train.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every baseline on tiny two-element data: per-element counts, outputs that refit reads, determinism. */
class BaselinePathTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    static PathConfig config() {
        TrainConfig tc = TrainConfig.defaults().with(TrainSettings.HIDDEN, List.of(4))
            .with(TrainSettings.DROP_CONSTANT, true).with(TrainSettings.BATCH, 4).with(TrainSettings.EPOCHS, 3)
            .with(TrainSettings.PATIENCE, 0).with(TrainSettings.SEED, 3L).with(TrainSettings.CHECKPOINT_EVERY, 0);
        return PathConfig.defaults(tc).with(PathSettings.FIT_LR, 0.01).with(PathSettings.FIT_EPOCHS, 2)
            .with(PathSettings.FIT_PATIENCE, 0).with(PathSettings.NO_MODELS, true);
    }

    @Test
    void everyBaselineWritesAPathWithProportionalCounts(@TempDir Path tmp) throws Exception {
        List<Structure> data = TinyData.structures(12, 5);
        SymmetryFunctionSet set = TinyData.set();
        for (String m : SelectionMethods.names()) {
            if (SelectionMethods.isPath(m)) {
                continue;
            }
            Path out = tmp.resolve(m);
            List<PathPoint> pts = new BaselinePath(data, set, config(), m, List.of(6, 2), out,
                new PathFile.Source("tiny", 1, 0, data.size(), TinyData.SPEC), QUIET).run(null);
            assertThat(pts).as(m).hasSize(3);
            int d = pts.get(0).features();
            int al = pts.get(0).perElement().get("Al");
            int cu = pts.get(0).perElement().get("Cu");
            assertThat(al + cu).isEqualTo(d);
            assertThat(pts.get(1).features()).isEqualTo(6);
            assertThat(pts.get(2).features()).isEqualTo(2);
            assertThat(pts.get(2).perElement()).containsEntry("Al", 1).containsEntry("Cu", 1);
            assertThat(pts.get(1).perElement().get("Al")).isEqualTo(FeatureCounts.perElement(6, new int[] {al, cu})[0]);
            PathFile pf = PathFile.read(out);
            assertThat(pf.method()).isEqualTo(m);
            assertThat(pf.finished()).isTrue();
            assertThat(pts.get(2).modelDir()).isNull();
            SymmetryFunctionSet s = SfSetFile.read(out.resolve(pts.get(1).setFile()));
            assertThat(s.totalSize()).isEqualTo(6);
            assertThat(KneeRule.choose(pf.points(), KneeRule.Choice.parse("count:2")).index()).isEqualTo(2);
        }
    }

    @Test
    void aBaselineIsDeterministic(@TempDir Path tmp) throws Exception {
        List<Structure> data = TinyData.structures(10, 9);
        List<PathPoint> a = new BaselinePath(data, TinyData.set(), config(), "sensitivity", null, tmp.resolve("a"),
            new PathFile.Source("tiny", 1, 0, data.size(), TinyData.SPEC), QUIET).run(null);
        List<PathPoint> b = new BaselinePath(data, TinyData.set(), config(), "sensitivity", null, tmp.resolve("b"),
            new PathFile.Source("tiny", 1, 0, data.size(), TinyData.SPEC), QUIET).run(null);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).valLoss()).isEqualTo(b.get(i).valLoss());
            assertThat(SfSetFile.read(tmp.resolve("a").resolve(a.get(i).setFile())).forElement("Cu"))
                .isEqualTo(SfSetFile.read(tmp.resolve("b").resolve(b.get(i).setFile())).forElement("Cu"));
        }
    }
}
