package dev.sieve.train;

import dev.sieve.core.StagedDirectory;
import dev.sieve.core.Json;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.Network;
import dev.sieve.nn.Scaling;
import dev.sieve.results.ErrorStats;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import dev.sieve.structure.StructureDigest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A whole training run, in the named steps of n2p2's {@code nnp-train}: prepare the data ({@link DataPreparation}:
 * split, descriptors, constant features, scaling, atom energies), initialise the networks, resume if asked, fit
 * ({@link FitLoop}) with checkpoints, write the best model, evaluate it with an independent code path, write the
 * metrics and the provenance. Outputs: the model directory (an n2p2 potential), learning curve CSV and plots,
 * metrics.json, run.json.
 */
public final class TrainJob {
    private TrainJob() {}

    /**
     * @param data       training structures (the random split is drawn from them unless validation is given)
     * @param validation explicit validation structures, or null
     * @param test       test structures evaluated at the end, or null
     * @param set        symmetry functions
     */
    public record Inputs(List<Structure> data, List<Structure> validation, List<Structure> test,
                         SymmetryFunctionSet set) {}

    /** What a run produced. */
    public record Result(HdnnpModel model, int epochs, int bestEpoch, boolean stoppedEarly, double bestValLoss,
                         ErrorStats.Summary train, ErrorStats.Summary validation, ErrorStats.Summary test,
                         double trainSeconds, List<CurveRow> curve, TrainingData data, int[] trainIdx, int[] valIdx) {}

    /** Errors of the written model on the three sets (test may be null). */
    private record Errors(ErrorStats train, ErrorStats validation, ErrorStats test) {}

    /**
     * Runs training into {@code out}.
     *
     * @param resume continue from {@code out/checkpoint} (an error if there is none)
     * @param quiet  no progress bar
     * @param log    where the summary lines go (stdout for the CLI)
     */
    public static Result run(Inputs in, TrainConfig cfg, Path out, boolean resume, boolean quiet, RunInfo run,
                             PrintStream log) {
        long t0 = System.nanoTime();
        createOutput(out, resume);
        DataPreparation.Prepared p = DataPreparation.prepare(in.data(), in.validation(), in.test(), in.set(), cfg,
            DataPreparation.Constant.AS_CONFIGURED, log);
        if (!quiet) {
            describeData(p, cfg, log);
        }
        Map<String, Object> fp = fingerprint(cfg, p, in);
        Network[] nets = FitLoop.newNetworks(p.data(), cfg.network(), cfg.seed());
        try (FitLoop fit = new FitLoop(p.data(), p.trainIdx(), p.valIdx(), nets, cfg, fitSpec(cfg, p))) {
            if (resume) {
                resume(out, fp, fit, log);
            }
            fit(fit, p, cfg, out, fp, quiet);
            HdnnpModel model;
            Errors err;
            FitLoop.State st = fit.state();
            // the model, its metrics and run.json replace the previous ones as one unit (or not at all)
            try (StagedDirectory stage = new StagedDirectory(out)) {
                model = writeBestModel(fit, p, stage.path());
                AtomicFile.writeString(stage.path().resolve("lammps.in"), N2p2Potential.lammpsInput(model, out));
                err = evaluate(model, p, in.test(), cfg);
                writeMetrics(stage.path(), fit, p, in.test(), err);
                double secs = (System.nanoTime() - t0) * 1e-9;
                if (run != null) {
                    run.option("config", cfg.settings()).option("symmetry_functions", p.set().name())
                        .option("features", p.set().totalSize()).timing("descriptors", p.seconds())
                        .timing("training", st.seconds).timing("total", secs).result("best_epoch", st.bestEpoch)
                        .result("epochs", st.epoch).result("test", err.test() == null ? null : err.test().overall())
                        .result("validation", err.validation().overall())
                        .result("atom_energies_ev", atomEnergies(p.elements(), p.atomEnergies()));
                    run.write(stage.path());
                }
                stage.commit();
            }
            summarize(out, fit, p, err, log);
            return new Result(model, st.epoch, st.bestEpoch, st.stopped, st.bestLoss, err.train().overall(),
                err.validation().overall(), err.test() == null ? null : err.test().overall(), st.seconds,
                List.copyOf(st.curve), p.data(), p.trainIdx(), p.valIdx());
        }
    }

    /** The fit of plain training: the configured schedule and stopping, batch order from the seed, no penalty. */
    public static FitLoop.Spec fitSpec(TrainConfig cfg, DataPreparation.Prepared p) {
        return new FitLoop.Spec(cfg.schedule(), cfg.stopping(), cfg.seed(), 1.0, p.l2Coefficient(cfg.loss(), 1.0),
            null);
    }

    private static void createOutput(Path out, boolean resume) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create output directory " + out + ": " + e.getMessage());
        }
        if (resume && !Checkpoint.exists(out)) {
            throw new SettingException("resume", "needs a checkpoint, but there is none in " + out.resolve(Checkpoint.DIR));
        }
    }

    private static void describeData(DataPreparation.Prepared p, TrainConfig cfg, PrintStream log) {
        log.printf(Locale.ROOT, "%d structures (%d training, %d validation), %d symmetry functions, %.1f MB of "
                + "features%s, computed in %.1f s%n", p.structures().size(), p.trainIdx().length, p.valIdx().length,
            p.set().totalSize(), p.data().memoryBytes() / 1e6, cfg.forceWeight() <= 0 ? ""
                : p.data().derivativesOnTheFly() ? " and force-pair indices (derivatives recomputed on the fly)"
                : " and force derivatives",
            p.seconds());
    }

    /**
     * What a checkpoint belongs to: every setting that shapes the weights, the symmetry functions (name, count and a
     * hash of their parameters) and the training and validation data (a hash of their content as read).
     */
    private static Map<String, Object> fingerprint(TrainConfig cfg, DataPreparation.Prepared p, Inputs in) {
        Map<String, Object> fp = new LinkedHashMap<>(cfg.fingerprint());
        fp.put("symmetry_functions", p.set().name() + " " + p.set().totalSize() + " "
            + StructureDigest.text(p.set().functions().toString()));
        fp.put("structures", p.structures().size() + " (" + p.trainIdx().length + " training)");
        fp.put("data", StructureDigest.of(in.data()) + (in.validation() == null ? ""
            : " validation " + StructureDigest.of(in.validation())));
        return fp;
    }

    private static void resume(Path out, Map<String, Object> fp, FitLoop fit, PrintStream log) {
        Checkpoint.restore(out, fp, fit);
        log.printf(Locale.ROOT, "resuming after epoch %d (best validation loss %.6g at epoch %d)%n",
            fit.state().epoch, fit.state().bestLoss, fit.state().bestEpoch);
    }

    /** The epoch loop with progress bar, learning-curve files and checkpoints. */
    private static void fit(FitLoop fit, DataPreparation.Prepared p, TrainConfig cfg, Path out,
                            Map<String, Object> fp, boolean quiet) {
        int every = cfg.execution().checkpointEvery();
        ProgressBar pb = quiet ? null : new ProgressBarBuilder().setTaskName("train")
            .setInitialMax(cfg.stopping().epochs()).startsFrom(fit.state().epoch, Duration.ZERO)
            .setConsumer(new ConsoleProgressBarConsumer(System.err, 150)).setUpdateIntervalMillis(500).build();
        long[] lastCsv = {0};
        try {
            fit.run(row -> {
                boolean last = fit.finished();
                boolean checkpoint = last || every > 0 && row.epoch() % every == 0;
                // the CSV is rewritten (atomically) at most every 2 s, and at every checkpoint
                if (checkpoint || System.nanoTime() - lastCsv[0] > 2_000_000_000L) {
                    LearningCurve.writeCsv(out, fit.state().curve);
                    lastCsv[0] = System.nanoTime();
                }
                if (pb != null) {
                    pb.stepTo(row.epoch());
                    pb.setExtraMessage(progress(row));
                }
                if (checkpoint) {
                    Checkpoint.write(out, fp, fit, cfg.seed(), model(p, fit.networks()));
                    LearningCurve.writePlots(out, fit.state().curve);
                }
            });
        } finally {
            if (pb != null) {
                pb.close();
            }
        }
        if (fit.state().curve.isEmpty()) {
            throw new InputException("nothing to do: the checkpoint already has " + fit.state().epoch + " epochs");
        }
        LearningCurve.writeCsv(out, fit.state().curve);
        LearningCurve.writePlots(out, fit.state().curve);
    }

    private static String progress(CurveRow row) {
        return String.format(Locale.ROOT, " loss %.3g val %.3g E %.2f/%.2f meV/at%s", row.trainLoss(), row.valLoss(),
            row.trainRmse(), row.valRmse(), Double.isNaN(row.valForceRmse()) ? ""
                : String.format(Locale.ROOT, " F %.3f eV/Å", row.valForceRmse()));
    }

    private static HdnnpModel writeBestModel(FitLoop fit, DataPreparation.Prepared p, Path out) {
        fit.restoreBest();
        HdnnpModel model = model(p, fit.networks());
        N2p2Potential.write(model, out);
        return model;
    }

    /** Final errors with the written model (independent code path: descriptors recomputed, all atoms). */
    private static Errors evaluate(HdnnpModel model, DataPreparation.Prepared p, List<Structure> test,
                                   TrainConfig cfg) {
        boolean forces = cfg.forceWeight() > 0;
        return new Errors(errors(model, p.training(), forces, cfg.threads()),
            errors(model, p.validation(), forces, cfg.threads()),
            test == null ? null : errors(model, test, true, cfg.threads()));
    }

    private static void writeMetrics(Path out, FitLoop fit, DataPreparation.Prepared p, List<Structure> test,
                                     Errors err) {
        FitLoop.State st = fit.state();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("best_epoch", st.bestEpoch);
        metrics.put("epochs", st.epoch);
        metrics.put("stopped_early", st.stopped);
        boolean validated = p.valIdx().length > 0;
        metrics.put("converged", validated ? converged(st) : null);
        metrics.put("best_validation_loss", validated ? st.bestLoss : null);
        if (fit.valForceClip() > 0) {
            metrics.put("validation_force_clip_ev_per_a", fit.valForceClip());
            LossEngine.Sums v = fit.lastValidation();
            metrics.put("validation_components_clipped_last_epoch", v == null ? 0 : v.clippedComponents());
        }
        metrics.put("validation_structures_skipped_extrapolating", fit.skippedValidation().length);
        metrics.put("atom_energies_ev", atomEnergies(p.elements(), p.atomEnergies()));
        Map<String, Integer> counts = new LinkedHashMap<>(); // fixed key order (Map.of's changes between runs)
        counts.put("train", p.trainIdx().length);
        counts.put("validation", p.valIdx().length);
        counts.put("test", test == null ? 0 : test.size());
        metrics.put("structures", counts);
        metrics.put("train", summary(err.train()));
        if (validated) {
            metrics.put("validation", summary(err.validation()));
        }
        if (err.test() != null) {
            metrics.put("test", summary(err.test()));
        }
        metrics.put("note", "energy errors per structure divided by its atom count; seeds_rmse = sqrt(MSE of total "
            + "energies per atom^2); force errors over all Cartesian components of all atoms");
        try {
            AtomicFile.writeString(out.resolve("metrics.json"),
                Json.JSON_PRETTY.writeValueAsString(metrics) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    private static void summarize(Path out, FitLoop fit, DataPreparation.Prepared p, Errors err,
                                  PrintStream log) {
        FitLoop.State st = fit.state();
        if (p.valIdx().length == 0) {
            log.printf(Locale.ROOT, "trained %d epoch%s on all %d structures in %.1f s (descriptors %.1f s); no "
                    + "validation structures (split 1): the last epoch's weights, written to %s%n", st.epoch,
                st.epoch == 1 ? "" : "s", p.trainIdx().length, st.seconds, p.seconds(), out);
        } else {
            log.printf(Locale.ROOT, "trained %d epoch%s%s in %.1f s (descriptors %.1f s); best validation loss %.6g at "
                    + "epoch %d; model written to %s%n", st.epoch, st.epoch == 1 ? "" : "s",
                st.stopped ? " (early stop)" : "", st.seconds, p.seconds(), st.bestLoss, st.bestEpoch, out);
        }
        if (p.valIdx().length > 0 && !converged(st)) {
            log.printf(Locale.ROOT, "note: the epoch limit ended the fit while the validation loss was still falling "
                + "(last improvement at epoch %d of %d); a higher epochs setting would improve the model%n",
                st.bestEpoch, st.epoch);
        }
        int[] skipped = fit.skippedValidation();
        if (skipped.length > 0) {
            StringBuilder names = new StringBuilder();
            for (int q = 0; q < Math.min(5, skipped.length); q++) {
                names.append(q == 0 ? "" : ", ").append(p.structures().get(skipped[q]).origin());
            }
            log.printf(Locale.ROOT, "note: %d validation structure%s outside the training structures' symmetry-function "
                    + "range left out of early stopping (val-extrapolating skip): %s%s%n", skipped.length,
                skipped.length == 1 ? "" : "s", names, skipped.length > 5 ? ", ..." : "");
        }
        LossEngine.Sums v = fit.lastValidation();
        if (v != null && v.clippedComponents() > 0) {
            log.printf(Locale.ROOT, "note: %d validation force components (of %d) have errors above %.3g eV/Å "
                    + "(val-force-clip), the largest %.3g eV/Å in %s; they count as %.3g eV/Å in the early-stopping "
                    + "objective%n", v.clippedComponents(), v.forceComponents(), fit.valForceClip(), v.maxForceError(),
                p.structures().get(v.maxForceErrorStructure()).origin(), fit.valForceClip());
        }
        log.print(indent("train", err.train()));
        if (p.valIdx().length > 0) {
            log.print(indent("validation", err.validation()));
        }
        if (err.test() != null) {
            log.print(indent("test", err.test()));
        }
    }

    /**
     * Whether the fit ended because the validation loss stopped falling (early stopping), not because the epoch
     * limit cut it off while it still improved (the best epoch within the last tenth of the run).
     */
    static boolean converged(FitLoop.State st) {
        return st.stopped || st.bestEpoch <= st.epoch - Math.max(1, st.epoch / 10);
    }

    private static String indent(String what, ErrorStats s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.text().split("\\R")) {
            if (!line.isBlank()) {
                sb.append(what).append(' ').append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static Map<String, Object> summary(ErrorStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overall", s.overall());
        m.put("per_config_type", s.perConfigType());
        return m;
    }

    private static Map<String, Double> atomEnergies(List<String> els, double[] mu) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int e = 0; e < els.size(); e++) {
            m.put(els.get(e), mu[e]);
        }
        return m;
    }

    /** The model of the prepared data's set, scalings and atom energies with copies of {@code nets}. */
    public static HdnnpModel model(DataPreparation.Prepared p, Network[] nets) {
        return model(p.set(), p.scalings(), nets, p.atomEnergies());
    }

    static HdnnpModel model(SymmetryFunctionSet set, List<Scaling> scalings, Network[] nets, double[] mu) {
        List<Network> copies = new ArrayList<>();
        for (Network n : nets) {
            copies.add(n.copy());
        }
        return new HdnnpModel(set, scalings, copies, mu.clone(), HdnnpModel.Units.EV_ANGSTROM);
    }

    /** Errors of {@code model} on structures (forces when asked and present). */
    public static ErrorStats errors(HdnnpModel model, List<Structure> ss, boolean forces, int threads) {
        ErrorStats st = new ErrorStats();
        try (HdnnpModel.Evaluator ev = model.evaluator(threads)) {
            for (Structure s : ss) {
                boolean f = forces && s.hasForces();
                HdnnpModel.Prediction p = ev.predict(s, f);
                st.add(s.tags().get("config_type"), s.size(), s.hasEnergy() ? s.energy() : Double.NaN, p.energy(),
                    f ? s.forces() : null, p.forces());
            }
        }
        return st;
    }
}
