package dev.sieve.train;

import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Scaling;
import dev.sieve.structure.Structure;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one data preparation of {@code train}, {@code select}, {@code refit} and {@code bench train}, in named steps:
 * {@link #split}, {@link #computeDescriptors}, {@link #dropConstantFeatures}, then scaling and per-element atom
 * energies fitted on the training split only ({@link #prepare}).
 *
 * <p>The data flow one way: the steps ({@link TrainingDataBuilder}, {@link FeatureSubset}, {@link DataScaling},
 * {@link EnergyTargets}) produce and fill the {@link TrainingData} store, which the fits then only read; the store
 * calls back into none of them.
 */
public final class DataPreparation {
    private DataPreparation() {}

    /**
     * Prepared training data.
     *
     * @param structures       all structures (training and validation), indexed like {@code data}
     * @param data             their features (scaled, atom energies set), with force derivatives when forces are trained
     * @param trainIdx         training structures
     * @param valIdx           validation structures (may be empty)
     * @param set              the symmetry functions of {@code data} (constant ones dropped)
     * @param scalings         per element, the fitted scaling
     * @param atomEnergies     per element, the subtracted reference energy (eV; zeros without offset)
     * @param dropped          the dropped constant functions, as element:name
     * @param meanSquaredAtoms mean of N^2 over the training structures (the L2 unit, {@link LossSettings})
     * @param seconds          wall time of the preparation
     */
    public record Prepared(List<Structure> structures, TrainingData data, int[] trainIdx, int[] valIdx,
                           SymmetryFunctionSet set, List<Scaling> scalings, double[] atomEnergies, List<String> dropped,
                           double meanSquaredAtoms, double seconds) {
        public List<String> elements() {
            return data.elements();
        }

        /** Training structures. */
        public List<Structure> training() {
            return pick(trainIdx);
        }

        /** Validation structures. */
        public List<Structure> validation() {
            return pick(valIdx);
        }

        private List<Structure> pick(int[] idx) {
            List<Structure> l = new ArrayList<>(idx.length);
            for (int k : idx) {
                l.add(structures.get(k));
            }
            return l;
        }

        /** The L2 coefficient of an objective whose data term is the per-atom loss times {@code lossScale}. */
        public double l2Coefficient(LossSettings loss, double lossScale) {
            return loss.l2Coefficient(lossScale, meanSquaredAtoms);
        }
    }

    /** How constant features are treated. */
    public enum Constant {
        /** As the configuration says ({@link DataSettings#dropConstant()}): refuse or drop. */
        AS_CONFIGURED,
        /** Always drop (a selection path: a constant candidate cannot be selected). */
        DROP
    }

    /**
     * Prepares {@code data} (+ {@code validation}, or a random split of {@code data} when it is null).
     *
     * @param test structures evaluated later, checked now for elements the model will not have (may be null)
     * @param log  receives the list of dropped functions
     */
    public static Prepared prepare(List<Structure> data, List<Structure> validation, List<Structure> test,
                                   SymmetryFunctionSet requested, TrainConfig cfg, Constant constant, PrintStream log) {
        long t0 = System.nanoTime();
        List<Structure> all = new ArrayList<>(data);
        int[][] split = split(data, validation, cfg.data().split(), cfg.seed());
        if (validation != null) {
            all.addAll(validation);
        }
        TrainingData d = computeDescriptors(all, requested, test, cfg);
        Map<String, int[]> keep = new LinkedHashMap<>();
        List<String> dropped = dropConstantFeatures(d, split[0], cfg.data(),
            constant == Constant.DROP || cfg.data().dropConstant(), keep);
        SymmetryFunctionSet set = requested;
        if (!dropped.isEmpty()) {
            log.println("dropping " + dropped.size() + " symmetry function" + (dropped.size() == 1 ? "" : "s")
                + " constant on the training split: " + String.join(", ", dropped));
            set = requested.select(requested.name() + "-nonconstant", keep);
            d = FeatureSubset.select(d, keep.values().toArray(new int[0][]));
        }
        return finish(all, d, split, set, dropped, cfg, t0);
    }

    /** All structures for training, none for validation, nothing dropped (the training benchmark). */
    public static Prepared prepareAll(List<Structure> data, SymmetryFunctionSet set, TrainConfig cfg) {
        long t0 = System.nanoTime();
        TrainingData d = computeDescriptors(data, set, null, cfg);
        int[][] split = {range(0, data.size()), new int[0]};
        return finish(new ArrayList<>(data), d, split, set, List.of(), cfg, t0);
    }

    /**
     * A prepared data set for some of the features of {@code raw} (unscaled, as {@link #computeDescriptors} gives it)
     * on a given split: the kept columns copied, then scaled, with reference energies and weights fitted on the
     * training split exactly as {@link #prepare} does; nothing is dropped. Selection's set search refits many subsets
     * of one descriptor computation this way.
     *
     * @param keep  per element, ascending indices into {@code raw}'s features
     * @param split {training, validation} indices, e.g. from {@link #split}
     */
    public static Prepared prepareSubset(List<Structure> all, TrainingData raw, int[][] keep, int[][] split,
                                         TrainConfig cfg) {
        long t0 = System.nanoTime();
        if (raw.scaled) {
            throw new IllegalArgumentException("prepareSubset needs unscaled descriptors");
        }
        TrainingData d = FeatureSubset.select(raw, keep);
        return finish(new ArrayList<>(all), d, split, d.symmetryFunctions(), List.of(), cfg, t0);
    }

    /** The features of element e that are constant on the structures {@code idx} under the configured scaling. */
    public static int[] constantFeatures(TrainingData d, int e, int[] idx, TrainConfig cfg) {
        return DataScaling.constantFeatures(d, e, idx, cfg.data().scaling());
    }

    private static Prepared finish(List<Structure> all, TrainingData d, int[][] split, SymmetryFunctionSet set,
                                   List<String> dropped, TrainConfig cfg, long t0) {
        int[] trainIdx = split[0];
        DataSettings ds = cfg.data();
        List<Scaling> scalings = DataScaling.fitScaling(d, trainIdx, ds.scaling(), ds.scaleMin(), ds.scaleMax());
        DataScaling.scale(d, scalings);
        double[] mu = ds.energyOffset() ? EnergyTargets.fitAtomEnergies(d, trainIdx) : new double[d.elements().size()];
        EnergyTargets.setAtomEnergies(d, mu);
        double[] weights = weights(all, cfg.loss());
        requireSomeWeight(weights, trainIdx, cfg.loss());
        EnergyTargets.setWeights(d, weights);
        EnergyTargets.setPerAtomEnergy(d, cfg.loss().perAtomEnergy());
        double s2 = 0;
        for (int k : trainIdx) {
            s2 += (double) d.atoms(k) * d.atoms(k);
        }
        return new Prepared(List.copyOf(all), d, trainIdx, split[1], set, scalings, mu, List.copyOf(dropped),
            s2 / trainIdx.length, (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * Step 1: training and validation indices into {@code data ++ validation}: all of {@code data} and all of
     * {@code validation}, or a random split of {@code data} (training fraction {@code fraction}, seed stream
     * {@link Seeds#SPLIT}); each sorted.
     */
    public static int[][] split(List<Structure> data, List<Structure> validation, double fraction, long seed) {
        if (validation != null) {
            if (validation.isEmpty()) {
                throw new InputException("the validation file has no structures");
            }
            return new int[][] {range(0, data.size()), range(data.size(), data.size() + validation.size())};
        }
        int n = data.size();
        if (fraction == 1.0 && n > 0) {
            // no validation (n2p2's test_fraction 0): every structure trains, the fit runs its epochs, the last weights
            return new int[][] {range(0, n), new int[0]};
        }
        int nVal = (int) Math.round(n * (1 - fraction));
        if (nVal < 1 || n - nVal < 1) {
            throw new SettingException("split", fraction + " of " + n + " structure" + (n == 1 ? "" : "s")
                + " leaves " + (n - nVal) + " for training and " + nVal + " for validation; need more structures "
                + "or validation structures (or split 1: no validation, all structures train for the given epochs)");
        }
        int[] perm = range(0, n);
        Seeds.shuffle(perm, Seeds.stream(seed, Seeds.SPLIT));
        int[] tr = Arrays.copyOfRange(perm, 0, n - nVal);
        int[] va = Arrays.copyOfRange(perm, n - nVal, n);
        Arrays.sort(tr);
        Arrays.sort(va);
        return new int[][] {tr, va};
    }

    /**
     * Step 2: the raw symmetry functions of every structure (force derivatives of the force atoms when forces are
     * trained; force atoms drawn from seed stream {@link Seeds#FORCE_ATOMS}).
     */
    public static TrainingData computeDescriptors(List<Structure> all, SymmetryFunctionSet set, List<Structure> test,
                                                  TrainConfig cfg) {
        boolean forces = cfg.forceWeight() > 0;
        int forceAtoms = cfg.data().forceAtoms();
        TrainingData d;
        try (DescriptorEngine eng = new DescriptorEngine(set, cfg.threads())) {
            if (test != null) {
                for (Structure s : test) {
                    eng.elementIndices(s); // test data with an element the model will not have: fail now
                }
            }
            d = TrainingDataBuilder.build("training data", all, set, eng, forces ? forceAtoms : 0,
                Seeds.mix(cfg.seed(), Seeds.FORCE_ATOMS), cfg.data().derivatives());
        } catch (OutOfMemoryError e) {
            throw new InputException("out of memory storing the symmetry functions" + (forces
                ? " and force derivatives of " + forceAtoms + " atoms per structure (a smaller force-atoms setting "
                + "needs less)" : "") + " of " + all.size() + " structures; give Java more memory, e.g. "
                + "SIEVE_JAVA_OPTS=-Xmx" + Math.max(2, 2 * Runtime.getRuntime().maxMemory() / (1L << 30)) + "g");
        }
        if (forces && !d.anyForces()) {
            throw new SettingException("forces", cfg.forceWeight() + " asks for force training, but no training "
                + "structure has reference forces");
        }
        return d;
    }

    /**
     * Step 3: the features constant on the training split (they cannot be scaled): refused (one message naming the
     * first) unless {@code drop}; the kept indices per element go into {@code keep}.
     *
     * @return the dropped functions as element:name
     */
    public static List<String> dropConstantFeatures(TrainingData d, int[] trainIdx, DataSettings ds, boolean drop,
                                                    Map<String, int[]> keep) {
        List<String> dropped = new ArrayList<>();
        SymmetryFunctionSet set = d.symmetryFunctions();
        for (int e = 0; e < d.elements().size(); e++) {
            String el = d.elements().get(e);
            int[] bad = DataScaling.constantFeatures(d, e, trainIdx, ds.scaling());
            List<SymmetryFunction> fs = set.forElement(el);
            if (bad.length > 0 && !drop) {
                int k = bad[0];
                throw new SettingException("drop-constant", "is off, but symmetry function " + (k + 1) + " of " + el
                    + " (" + fs.get(k).name() + ") is constant on the training split (value "
                    + DataScaling.statistics(d, e, trainIdx).min(k) + "; " + bad.length + " constant function"
                    + (bad.length == 1 ? "" : "s") + " of " + el + " in all) and cannot be scaled with "
                    + ds.scaling().name().toLowerCase(Locale.ROOT) + "; turn it on or use another set");
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
        return dropped;
    }

    /**
     * Feature removal: a copy of {@code d} that keeps only the feature columns {@code keep[e]} (ascending indices into
     * element e's current features), with the matching force-derivative columns; scaled state, targets and weights
     * carried over (see {@link FeatureSubset#select}).
     */
    public static TrainingData selectFeatures(TrainingData d, int[][] keep) {
        return FeatureSubset.select(d, keep);
    }

    /** Loss weight of each structure: its numeric {@code weight} tag times its config_type's weight. */
    static double[] weights(List<Structure> all, LossSettings loss) {
        double[] w = new double[all.size()];
        for (int k = 0; k < w.length; k++) {
            Structure s = all.get(k);
            double t = 1.0;
            String tag = s.tags().get("weight");
            if (tag != null) {
                try {
                    t = Double.parseDouble(tag.strip());
                } catch (NumberFormatException e) {
                    t = Double.NaN;
                }
                if (!(t >= 0) || !Double.isFinite(t)) {
                    throw new InputException(s.origin() + ": the weight tag must be a number >= 0, got '" + tag + "'");
                }
            }
            String type = s.tags().get("config_type");
            w[k] = t * (type == null ? 1.0 : loss.configWeights().getOrDefault(type, 1.0));
        }
        return w;
    }

    /** A training split on which every structure has loss weight 0 would train nothing. */
    private static void requireSomeWeight(double[] w, int[] trainIdx, LossSettings loss) {
        for (int k : trainIdx) {
            if (w[k] > 0) {
                return;
            }
        }
        throw new SettingException("config-weights", "(" + (loss.configWeightsText().isEmpty() ? "none"
            : loss.configWeightsText()) + ", with the structures' weight tags) gives every one of the "
            + trainIdx.length + " training structures weight 0: nothing would be trained");
    }

    static int[] range(int a, int b) {
        int[] r = new int[b - a];
        for (int i = 0; i < r.length; i++) {
            r[i] = a + i;
        }
        return r;
    }
}
