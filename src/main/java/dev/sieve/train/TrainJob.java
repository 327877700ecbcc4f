package dev.sieve.train;

import dev.sieve.core.Seeds;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.Network;
import dev.sieve.nn.Scaling;
import dev.sieve.report.ErrorStats;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A whole training run: split, descriptors, scaling, reference energies, the epoch loop with checkpoints, and the
 * outputs (model directory = n2p2 potential, learning curve CSV and plots, metrics.json, run.json).
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
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create output directory " + out + ": " + e.getMessage());
        }
        if (resume && !Checkpoint.exists(out)) {
            throw new InputException("--resume: no checkpoint in " + out.resolve(Checkpoint.DIR));
        }
        List<Structure> all = new ArrayList<>(in.data());
        int[] trainIdx;
        int[] valIdx;
        if (in.validation() != null) {
            if (in.validation().isEmpty()) {
                throw new InputException("the validation file has no structures");
            }
            all.addAll(in.validation());
            trainIdx = range(0, in.data().size());
            valIdx = range(in.data().size(), all.size());
        } else {
            int n = all.size();
            int nVal = (int) Math.round(n * (1 - cfg.split()));
            if (nVal < 1 || n - nVal < 1) {
                throw new InputException("--split " + cfg.split() + " of " + n + " structure" + (n == 1 ? "" : "s")
                    + " leaves " + (n - nVal) + " for training and " + nVal + " for validation; need more structures "
                    + "or a --validation FILE");
            }
            int[] perm = range(0, n);
            SplittableRandom r = new SplittableRandom(Seeds.mix(cfg.seed(), 1));
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int x = perm[i];
                perm[i] = perm[j];
                perm[j] = x;
            }
            trainIdx = Arrays.copyOfRange(perm, 0, n - nVal);
            valIdx = Arrays.copyOfRange(perm, n - nVal, n);
            Arrays.sort(trainIdx);
            Arrays.sort(valIdx);
        }
        SymmetryFunctionSet set = in.set();
        boolean forces = cfg.forceWeight() > 0;
        TrainingData data;
        try (DescriptorEngine eng = new DescriptorEngine(set, cfg.threads())) {
            if (in.test() != null) {
                for (Structure s : in.test()) {
                    eng.elementIndices(s); // test data with an element the model will not have: fail now
                }
            }
            data = build(all, set, eng, cfg);
        }
        // constant features
        Map<String, int[]> keep = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        for (int e = 0; e < data.ne; e++) {
            String el = data.elements.get(e);
            int[] bad = data.constantFeatures(e, trainIdx, cfg.scaling());
            List<SymmetryFunction> fs = set.forElement(el);
            if (bad.length > 0 && !cfg.dropConstant()) {
                int k = bad[0];
                throw new InputException("symmetry function " + (k + 1) + " of " + el + " (" + fs.get(k).name() + ") is "
                    + "constant on the training split (value " + data.statistics(e, trainIdx).min(k) + "; "
                    + bad.length + " constant function" + (bad.length == 1 ? "" : "s") + " of " + el + " in all) and "
                    + "cannot be scaled with " + cfg.scaling().name().toLowerCase(Locale.ROOT)
                    + "; use --drop-constant or another set");
            }
            List<Integer> kp = new ArrayList<>();
            for (int k = 0, b = 0; k < fs.size(); k++) {
                if (b < bad.length && bad[b] == k) {
                    dropped.add(el + ":" + fs.get(k).name());
                    b++;
                } else {
                    kp.add(k);
                }
            }
            if (kp.isEmpty()) {
                throw new InputException("every symmetry function of " + el + " is constant on the training split");
            }
            keep.put(el, kp.stream().mapToInt(Integer::intValue).toArray());
        }
        if (!dropped.isEmpty()) {
            log.println("dropping " + dropped.size() + " symmetry function" + (dropped.size() == 1 ? "" : "s")
                + " constant on the training split: " + String.join(", ", dropped));
            set = set.select(set.name() + "-nonconstant", keep);
            try (DescriptorEngine eng = new DescriptorEngine(set, cfg.threads())) {
                data = build(all, set, eng, cfg);
            }
        }
        double tPrep = (System.nanoTime() - t0) * 1e-9;
        if (!quiet) {
            log.printf(Locale.ROOT, "%d structures (%d training, %d validation), %d symmetry functions, %.1f MB of "
                    + "features%s, computed in %.1f s%n", all.size(), trainIdx.length, valIdx.length, set.totalSize(),
                data.memoryBytes() / 1e6, forces ? " and force derivatives" : "", tPrep);
        }
        List<Scaling> scalings = data.fitScaling(trainIdx, cfg.scaling(), cfg.scaleMin(), cfg.scaleMax());
        data.scale(scalings);
        double[] mu = cfg.energyOffset() ? data.fitAtomEnergies(trainIdx) : new double[data.ne];
        data.setAtomEnergies(mu);
        Map<String, Object> fp = new LinkedHashMap<>(cfg.fingerprint());
        fp.put("symmetry_functions", set.name() + " " + set.totalSize());
        fp.put("structures", all.size() + " (" + trainIdx.length + " training)");

        HdnnpModel model;
        Result result;
        try (Trainer tr = new Trainer(data, trainIdx, valIdx, cfg)) {
            if (resume) {
                Checkpoint.restore(out, fp, tr);
                log.printf(Locale.ROOT, "resuming after epoch %d (best validation loss %.6g at epoch %d)%n",
                    tr.state().epoch, tr.state().bestLoss, tr.state().bestEpoch);
            }
            ProgressBar pb = quiet ? null : new ProgressBarBuilder().setTaskName("train")
                .setInitialMax(cfg.epochs()).startsFrom(tr.state().epoch, Duration.ZERO)
                .setConsumer(new ConsoleProgressBarConsumer(System.err, 150)).setUpdateIntervalMillis(500).build();
            try {
                long lastCsv = 0;
                while (!tr.finished()) {
                    CurveRow row = tr.epoch();
                    boolean last = tr.finished();
                    boolean checkpoint = last || cfg.checkpointEvery() > 0 && row.epoch() % cfg.checkpointEvery() == 0;
                    // the CSV is rewritten (atomically) at most every 2 s, and at every checkpoint
                    if (checkpoint || System.nanoTime() - lastCsv > 2_000_000_000L) {
                        LearningCurve.writeCsv(out, tr.state().curve);
                        lastCsv = System.nanoTime();
                    }
                    if (pb != null) {
                        pb.stepTo(row.epoch());
                        pb.setExtraMessage(String.format(Locale.ROOT, " loss %.3g val %.3g E %.2f/%.2f meV/at%s",
                            row.trainLoss(), row.valLoss(), row.trainRmse(), row.valRmse(),
                            Double.isNaN(row.valForceRmse()) ? ""
                                : String.format(Locale.ROOT, " F %.3f eV/Å", row.valForceRmse())));
                    }
                    if (checkpoint) {
                        Checkpoint.write(out, fp, tr, model(set, scalings, tr.networks(), mu));
                        LearningCurve.writePlots(out, tr.state().curve);
                    }
                }
            } finally {
                if (pb != null) {
                    pb.close();
                }
            }
            if (tr.state().curve.isEmpty()) {
                throw new InputException("nothing to do: the checkpoint already has " + tr.state().epoch + " epochs");
            }
            LearningCurve.writeCsv(out, tr.state().curve);
            LearningCurve.writePlots(out, tr.state().curve);
            tr.restoreBest();
            Network[] best = new Network[tr.networks().length];
            for (int e = 0; e < best.length; e++) {
                best[e] = tr.networks()[e].copy();
            }
            model = model(set, scalings, best, mu);
            N2p2Potential.write(model, out);
            Trainer.State st = tr.state();
            // final errors with the written model (independent code path: descriptors recomputed, all atoms)
            List<Structure> trs = new ArrayList<>();
            for (int k : trainIdx) {
                trs.add(all.get(k));
            }
            List<Structure> vas = new ArrayList<>();
            for (int k : valIdx) {
                vas.add(all.get(k));
            }
            ErrorStats eTr = errors(model, trs, forces, cfg.threads());
            ErrorStats eVa = errors(model, vas, forces, cfg.threads());
            ErrorStats eTe = in.test() == null ? null : errors(model, in.test(), true, cfg.threads());
            double secs = (System.nanoTime() - t0) * 1e-9;
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("best_epoch", st.bestEpoch);
            metrics.put("epochs", st.epoch);
            metrics.put("stopped_early", st.stopped);
            metrics.put("best_validation_loss", st.bestLoss);
            metrics.put("atom_energies_ev", atomEnergies(data.elements, mu));
            metrics.put("structures", Map.of("train", trainIdx.length, "validation", valIdx.length, "test",
                in.test() == null ? 0 : in.test().size()));
            metrics.put("train", summary(eTr));
            metrics.put("validation", summary(eVa));
            if (eTe != null) {
                metrics.put("test", summary(eTe));
            }
            metrics.put("note", "energy errors per structure divided by its atom count; seeds_rmse = sqrt(MSE of total "
                + "energies per atom^2); force errors over all Cartesian components of all atoms");
            try {
                AtomicFile.writeString(out.resolve("metrics.json"),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics) + "\n");
            } catch (IOException e) {
                throw AtomicFile.unchecked(e);
            }
            if (run != null) {
                run.option("config", cfg.toString()).option("symmetry_functions", set.name())
                    .option("features", set.totalSize()).timing("descriptors", tPrep)
                    .timing("training", st.seconds).timing("total", secs).result("best_epoch", st.bestEpoch)
                    .result("epochs", st.epoch).result("test", eTe == null ? null : eTe.overall())
                    .result("validation", eVa.overall()).result("atom_energies_ev", atomEnergies(data.elements, mu));
                run.write(out);
            }
            log.printf(Locale.ROOT, "trained %d epoch%s%s in %.1f s (descriptors %.1f s); best validation loss %.6g at "
                    + "epoch %d; model written to %s%n", st.epoch, st.epoch == 1 ? "" : "s",
                st.stopped ? " (early stop)" : "", st.seconds, tPrep, st.bestLoss, st.bestEpoch, out);
            log.print(indent("train", eTr));
            log.print(indent("validation", eVa));
            if (eTe != null) {
                log.print(indent("test", eTe));
            }
            result = new Result(model, st.epoch, st.bestEpoch, st.stopped, st.bestLoss, eTr.overall(), eVa.overall(),
                eTe == null ? null : eTe.overall(), st.seconds, List.copyOf(st.curve), data, trainIdx, valIdx);
        }
        return result;
    }

    private static TrainingData build(List<Structure> all, SymmetryFunctionSet set, DescriptorEngine eng,
                                      TrainConfig cfg) {
        boolean forces = cfg.forceWeight() > 0;
        try {
            return TrainingData.build("training data", all, set, eng, forces ? cfg.forceAtoms() : 0,
                Seeds.mix(cfg.seed(), 2));
        } catch (OutOfMemoryError e) {
            throw new InputException("out of memory storing the symmetry functions" + (forces
                ? " and force derivatives of " + cfg.forceAtoms() + " atoms per structure (use a smaller --force-atoms)"
                : "") + " of " + all.size() + " structures; give Java more memory, e.g. SIEVE_JAVA_OPTS=-Xmx"
                + Math.max(2, 2 * Runtime.getRuntime().maxMemory() / (1L << 30)) + "g");
        }
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

    static HdnnpModel model(SymmetryFunctionSet set, List<Scaling> scalings, Network[] nets, double[] mu) {
        List<Network> copies = new ArrayList<>();
        for (Network n : nets) {
            copies.add(n.copy());
        }
        return new HdnnpModel(set, scalings, copies, mu, HdnnpModel.Units.EV_ANGSTROM);
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

    static int[] range(int a, int b) {
        int[] r = new int[b - a];
        for (int i = 0; i < r.length; i++) {
            r[i] = a + i;
        }
        return r;
    }
}
