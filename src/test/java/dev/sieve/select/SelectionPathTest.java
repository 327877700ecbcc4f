package dev.sieve.select;

import dev.sieve.train.TrainSettings;
import dev.sieve.core.Seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.SharedData;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.Activation;
import dev.sieve.structure.Structure;
import dev.sieve.select.PathFile;
import dev.sieve.train.Execution;
import dev.sieve.train.NetworkSettings;
import dev.sieve.train.Schedule;
import dev.sieve.train.Stopping;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainJob;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path on a small Al case: outputs, consistency of the written models, and kill + resume = uninterrupted. */
class SelectionPathTest {
    static List<Structure> data;
    static SymmetryFunctionSet set;
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @BeforeAll
    static void load() {
        List<Structure> all = StructureIO.readAll(SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz"));
        data = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 25) {
            data.add(all.get(i));
        }
        set = SfSpec.resolve("thesis22", List.of("Al"));
    }

    static PathConfig config(int threads) {
        TrainConfig tc = TrainConfig.defaults().with(TrainSettings.HIDDEN, List.of(6, 6))
            .with(TrainSettings.DROP_CONSTANT, true).with(TrainSettings.BATCH, 4).with(TrainSettings.EPOCHS, 10)
            .with(TrainSettings.MIN_DELTA, 1e-5).with(TrainSettings.PATIENCE, 0).with(TrainSettings.SEED, 7L)
            .with(TrainSettings.THREADS, threads).with(TrainSettings.CHECKPOINT_EVERY, 0);
        return PathConfig.defaults(tc).with(PathSettings.FIT_LR, 0.01).with(PathSettings.FIT_EPOCHS, 4)
            .with(PathSettings.FIT_PATIENCE, 0)
            .with(PathSettings.LAMBDAS, List.of(8.0, 12.0, 16.0, 20.0, 25.0, 30.0, 40.0, 50.0, 70.0, 100.0, 150.0,
                300.0))
            .with(PathSettings.PROX, "plain"); // the lambdas above are tuned for the plain proximal step
    }

    /** Every path setting at its default, on default training settings for penalised fits. */
    static PathConfig defaultPath() {
        return PathConfig.defaults(TrainConfig.of(dev.sieve.train.TrainSettings.defaults(), true));
    }

    static PathFile.Source source() {
        return new PathFile.Source("al_mendelev_256_test.xyz.gz", 25, 0, data.size(), "thesis22");
    }

    @Test
    void killedAndResumedPathEqualsUninterruptedPath(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        List<PathPoint> full = new SelectionPath(data, set, config(2), a, source(), QUIET).run(false, -1, null);
        // stopped after the dense fit and two lambda points, as if killed right after the third checkpoint
        List<PathPoint> part = new SelectionPath(data, set, config(2), b, source(), QUIET).run(false, 3, null);
        assertThat(part).hasSize(3);
        assertThat(Files.readString(b.resolve("path.csv")).lines().count()).isEqualTo(4);
        // a fresh object (new process state) continues from the checkpoint files only
        List<PathPoint> resumed = new SelectionPath(data, set, config(2), b, source(), QUIET).run(true, -1, null);
        assertThat(full.size()).isGreaterThan(4);
        assertThat(resumed).hasSameSizeAs(full);
        // features must actually have been removed along the way, so the resume rebuilt a reduced problem
        assertThat(full.get(2).features()).isLessThan(22);
        assertThat(full.get(full.size() - 1).features()).isLessThan(full.get(2).features());
        assertThat(withoutSeconds(b.resolve("path.csv"))).isEqualTo(withoutSeconds(a.resolve("path.csv")));
        for (PathPoint p : full) {
            if (p.modelDir() != null) {
                Path wa = a.resolve(p.modelDir()).resolve("weights.013.data");
                Path wb = b.resolve(p.modelDir()).resolve("weights.013.data");
                assertThat(Files.readString(wb)).as(p.modelDir()).isEqualTo(Files.readString(wa));
                assertThat(Files.readString(b.resolve(p.setFile()))).isEqualTo(Files.readString(a.resolve(p.setFile())));
            }
        }
        // resuming a finished path changes nothing; resuming with other settings is refused
        new SelectionPath(data, set, config(2), b, source(), QUIET).run(true, -1, null);
        assertThat(withoutSeconds(b.resolve("path.csv"))).isEqualTo(withoutSeconds(a.resolve("path.csv")));
        assertThatThrownBy(() -> new SelectionPath(data, set, config(1), b, source(), QUIET).run(true, -1, null))
            .isInstanceOf(InputException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> new SelectionPath(data, set, config(2), b, source(), QUIET).run(false, -1, null))
            .isInstanceOf(InputException.class).hasMessageContaining("resume it");
    }

    @Test
    void outputsAreConsistent(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("p");
        List<PathPoint> pts = new SelectionPath(data, set, config(1), a, source(), QUIET).run(false, -1,
            new dev.sieve.results.RunInfo("select", List.of()));
        for (String f : List.of("path.csv", "path.json", "path.png", "path.svg", "run.json", "candidates.yaml")) {
            assertThat(a.resolve(f)).isRegularFile();
        }
        assertThat(pts.get(0).lambda()).isZero();
        assertThat(pts.get(0).features()).isEqualTo(22);
        int prev = 22;
        for (PathPoint p : pts) {
            assertThat(p.features()).isLessThanOrEqualTo(prev).isLessThanOrEqualTo(p.glFeatures());
            prev = p.features();
            assertThat(p.valObjective()).isCloseTo(p.valLoss() + p.penalty(), org.assertj.core.data.Offset.offset(1e-9));
            if (p.setFile() != null) {
                SymmetryFunctionSet s = SfSetFile.read(a.resolve(p.setFile()));
                assertThat(s.totalSize()).isEqualTo(p.features());
                assertThat(s.forElement("Al").stream().filter(f -> f.isAngular()).count()).isEqualTo(p.angular());
                // the written model reproduces the path's validation loss through the independent evaluator
                HdnnpModel m = N2p2Potential.read(a.resolve(p.modelDir()));
                assertThat(m.network(0).numInputs()).isEqualTo(p.features());
            }
        }
        // the path ends with no feature left (no set file for that point)
        assertThat(pts.get(pts.size() - 1).features()).isZero();
        assertThat(pts.get(pts.size() - 1).setFile()).isNull();
        assertThat(PathFile.read(a).points()).isEqualTo(pts);
        // the model of a point predicts the validation error the path reports: recompute on the validation split
        PathPoint p1 = pts.get(1);
        HdnnpModel m = N2p2Potential.read(a.resolve(p1.modelDir()));
        double loss = valLoss(m, data, 7);
        double scale = 256.0 * 256.0;
        assertThat(loss * scale).isCloseTo(p1.valLoss(), org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    /**
     * Revivable groups: every fit keeps all candidates as inputs, a point's set is its non-zero columns, its written
     * model (zero columns removed) reproduces the path's validation loss exactly, and a killed path resumes to the
     * same points; a removed-groups checkpoint is not resumed as revivable.
     */
    @Test
    void revivableGroupsPathWritesPrunedModelsAndResumes(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        PathConfig cfg = config(1).with(PathSettings.GROUPS, "revivable");
        List<PathPoint> pts = new SelectionPath(data, set, cfg, a, source(), QUIET).run(false, -1, null);
        PathPoint reduced = null;
        for (PathPoint p : pts) {
            assertThat(p.features()).isLessThanOrEqualTo(p.glFeatures());
            if (p.setFile() != null) {
                SymmetryFunctionSet s = SfSetFile.read(a.resolve(p.setFile()));
                assertThat(s.totalSize()).isEqualTo(p.features());
                HdnnpModel m = N2p2Potential.read(a.resolve(p.modelDir()));
                assertThat(m.network(0).numInputs()).isEqualTo(p.features());
                if (reduced == null && p.features() < 22 && p.features() > 0) {
                    reduced = p;
                }
            }
        }
        assertThat(reduced).as("a point with fewer features").isNotNull();
        HdnnpModel m = N2p2Potential.read(a.resolve(reduced.modelDir()));
        assertThat(valLoss(m, data, 7) * 256.0 * 256.0).isCloseTo(reduced.valLoss(),
            org.assertj.core.data.Percentage.withPercentage(1e-6));
        new SelectionPath(data, set, cfg, b, source(), QUIET).run(false, 3, null);
        assertThatThrownBy(() -> new SelectionPath(data, set, config(1), b, source(), QUIET).run(true, -1, null))
            .isInstanceOf(InputException.class);
        new SelectionPath(data, set, cfg, b, source(), QUIET).run(true, -1, null);
        assertThat(withoutSeconds(b.resolve("path.csv"))).isEqualTo(withoutSeconds(a.resolve("path.csv")));
    }

    /** The target a point skipped: the largest requested count strictly between the counts after and before. */
    @Test
    void aSkippedTargetIsTheLargestRequestedCountStrictlyInside() {
        PathConfig.Lambdas l = defaultPath().with(PathSettings.COUNTS, List.of(17, 11, 7, 4)).lambdas();
        assertThat(l.skippedTarget(19, 8)).isEqualTo(17);
        assertThat(l.skippedTarget(17, 8)).isEqualTo(11);
        assertThat(l.skippedTarget(12, 11)).isEqualTo(-1);
        assertThat(l.skippedTarget(6, 5)).isEqualTo(-1);
        assertThat(defaultPath().lambdas().skippedTarget(22, 2)).isEqualTo(-1);
        assertThatThrownBy(() -> defaultPath().with(PathSettings.COUNTS, List.of(0)))
            .hasMessageContaining("counts");
    }

    /**
     * With a heavy triplet-loop penalty the path drops the angular functions as a block: it reaches a point with
     * radial functions only while a plain path at the same lambdas still keeps angular ones.
     */
    @Test
    void theTripletPenaltyRemovesTheAngularBlockFirst(@TempDir Path tmp) throws Exception {
        List<PathPoint> plain = new SelectionPath(data, set, config(1), tmp.resolve("p"), source(), QUIET)
            .run(false, -1, null);
        List<PathPoint> block = new SelectionPath(data, set, config(1).with(PathSettings.TRIPLET_WEIGHT, 30.0), tmp.resolve("b"),
            source(), QUIET).run(false, -1, null);
        PathPoint firstRadialOnly = block.stream().filter(p -> p.angular() == 0 && p.features() > 0).findFirst()
            .orElseThrow();
        PathPoint samePlain = plain.get(firstRadialOnly.index());
        assertThat(firstRadialOnly.features()).isGreaterThanOrEqualTo(4);
        assertThat(samePlain.angular()).isPositive();
    }

    /**
     * Correlation-aware factors by hand: candidates 0..3, current {3, 1, 2}; 1 and 3 nearly copies (r = 0.9), 2
     * anti-correlated with 3 (r = -0.5). The strongest column (3) gets 1; 1 is weaker than 3: 1 + k 0.9; 2 is weaker
     * than both: 1 + k max(0.5, 0.2); a zero column gets 1.
     */
    @Test
    void aCorrelationAwarePathRunsAndRecordsItsWeight(@TempDir Path tmp) throws Exception {
        List<PathPoint> pts = new SelectionPath(data, set, config(1).with(PathSettings.CORRELATION_WEIGHT, 2.0), tmp.resolve("c"),
            source(), QUIET).run(false, 4, null);
        assertThat(pts).hasSize(4);
        assertThat(Files.readString(tmp.resolve("c").resolve("checkpoint").resolve("path-state.json")))
            .contains("correlation_weight");
    }

    @Test
    void correlationFactorsPenaliseTheWeakerOfCorrelatedFunctions() {
        int d = 4;
        double[] r = new double[d * d];
        for (int i = 0; i < d; i++) {
            r[i * d + i] = 1;
        }
        java.util.function.BiConsumer<int[], Double> set = (ij, v) -> {
            r[ij[0] * d + ij[1]] = v;
            r[ij[1] * d + ij[0]] = v;
        };
        set.accept(new int[] {1, 3}, 0.9);
        set.accept(new int[] {2, 3}, -0.5);
        set.accept(new int[] {1, 2}, 0.2);
        double[] f = PenaltyWeights.correlationFactors(r, d, new int[] {3, 1, 2}, new double[] {2.0, 1.0, 0.5}, 2.0);
        assertThat(f).containsExactly(1.0, 1 + 2 * 0.9, 1 + 2 * 0.5);
        double[] z = PenaltyWeights.correlationFactors(r, d, new int[] {3, 1, 2}, new double[] {2.0, 0.0, 0.5}, 2.0);
        assertThat(z).containsExactly(1.0, 1.0, 1 + 2 * 0.5);
    }

    /** Mean squared per-atom energy error on the validation split of seed s (the path's split rule). */
    static double valLoss(HdnnpModel m, List<Structure> all, long seed) {
        int n = all.size();
        int nVal = (int) Math.round(n * 0.2);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(Seeds.mix(seed, 1));
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        List<Structure> val = new ArrayList<>();
        int[] v = java.util.Arrays.copyOfRange(perm, n - nVal, n);
        java.util.Arrays.sort(v);
        for (int k : v) {
            val.add(all.get(k));
        }
        var st = TrainJob.errors(m, val, false, 1).overall();
        return Math.pow(st.energyRmseMevPerAtom() * 1e-3, 2);
    }

    /** A path found from the onset (probe fits), with dense-fit checkpoints every 3 epochs. */
    static PathConfig onsetConfig() {
        PathConfig c = config(2);
        TrainConfig tc = c.train().with(TrainSettings.THREADS, 2).with(TrainSettings.CHECKPOINT_EVERY, 3);
        return PathConfig.defaults(tc).with(PathSettings.FIT_LR, 0.01).with(PathSettings.FIT_EPOCHS, 4)
            .with(PathSettings.FIT_PATIENCE, 0).with(PathSettings.MIN_FEATURES, 1).with(PathSettings.MAX_POINTS, 3)
            .with(PathSettings.LAMBDA_START, "onset").with(PathSettings.ONSET_POINT, 3);
    }

    @Test
    void killedDuringTheDenseFitOrTheOnsetSearchResumesToTheSamePath(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        List<PathPoint> full = new SelectionPath(data, set, onsetConfig(), a, source(), QUIET).run(false, -1, null);
        assertThat(full).hasSizeGreaterThan(1);
        // killed after 7 dense epochs (last dense checkpoint at 6), then again after 2 onset probes
        Path b = tmp.resolve("b");
        SelectionPath killed = new SelectionPath(data, set, onsetConfig(), b, source(), QUIET);
        killed.killDenseAfterEpochs = 7;
        assertThatThrownBy(() -> killed.run(false, -1, null)).hasMessageContaining("dense epoch 7");
        assertThat(b.resolve("checkpoint/dense/checkpoint/state.json")).exists();
        assertThat(b.resolve("checkpoint/path-state.json")).doesNotExist();
        SelectionPath probing = new SelectionPath(data, set, onsetConfig(), b, source(), QUIET);
        probing.killAfterProbes = 2;
        assertThatThrownBy(() -> probing.run(true, -1, null)).hasMessageContaining("2 onset probes");
        assertThat(b.resolve("checkpoint/dense")).doesNotExist();
        List<PathPoint> resumed = new SelectionPath(data, set, onsetConfig(), b, source(), QUIET).run(true, -1, null);
        assertThat(resumed).hasSameSizeAs(full);
        assertThat(withoutSeconds(b.resolve("path.csv"))).isEqualTo(withoutSeconds(a.resolve("path.csv")));
        for (PathPoint p : full) {
            if (p.modelDir() != null) {
                assertThat(Files.readString(b.resolve(p.modelDir()).resolve("weights.013.data")))
                    .isEqualTo(Files.readString(a.resolve(p.modelDir()).resolve("weights.013.data")));
            }
        }
        // a resume before any checkpoint starts over
        Path c = tmp.resolve("c");
        SelectionPath early = new SelectionPath(data, set, onsetConfig(), c, source(), QUIET);
        early.killDenseAfterEpochs = 2;
        assertThatThrownBy(() -> early.run(false, -1, null)).hasMessageContaining("dense epoch 2");
        assertThat(c.resolve("checkpoint")).doesNotExist();
        new SelectionPath(data, set, onsetConfig(), c, source(), QUIET).run(true, -1, null);
        assertThat(withoutSeconds(c.resolve("path.csv"))).isEqualTo(withoutSeconds(a.resolve("path.csv")));
    }

    static List<String> withoutSeconds(Path csv) throws Exception {
        try (Stream<String> l = Files.lines(csv)) {
            return l.map(s -> s.substring(0, s.lastIndexOf(','))).toList();
        }
    }
}
