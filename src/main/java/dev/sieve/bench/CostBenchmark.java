package dev.sieve.bench;

import dev.sieve.core.Seeds;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.md.potential.HdnnpPotential;
import dev.sieve.nn.Activation;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.Network;
import dev.sieve.nn.Scaling;
import dev.sieve.select.CostModel;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times the MD force kernel (symmetry functions, their derivatives and the networks; {@link MdBenchmark}'s force part,
 * µs per atom-step) for subsets of a candidate set on a cell, and fits {@link CostModel} to the timings: the measured
 * marginal cost of every candidate. Subsets: the full set, its radial and its angular functions, then random subsets
 * of random size (seed stream {@link Seeds#COST_SUBSETS}). The networks are random (timing does not depend on the
 * weights) with the given hidden layers.
 */
public final class CostBenchmark {
    private CostBenchmark() {}

    /** One timed subset. */
    public record Sample(List<SymmetryFunction> set, double forceMicros, double predicted) {}

    /**
     * @param fitted  the model fitted to the first {@code fitCount} samples
     * @param samples every timed subset with its prediction by {@code fitted}
     * @param fitCount how many samples the fit used (the rest are held out)
     * @param geometry work per atom on the cell
     */
    public record Result(CostModel.Params fitted, List<Sample> samples, int fitCount, CostModel.Geometry geometry) {
        /** Largest relative deviation |predicted - measured| / measured over the held-out samples (NaN if none). */
        public double maxHeldOutError() {
            double m = Double.NaN;
            for (int i = fitCount; i < samples.size(); i++) {
                Sample s = samples.get(i);
                double e = Math.abs(s.predicted() - s.forceMicros()) / s.forceMicros();
                m = Double.isNaN(m) ? e : Math.max(m, e);
            }
            return m;
        }

        /** The marginal cost of every function of {@code set} (µs per atom-step), by function. */
        public Map<SymmetryFunction, Double> marginal(List<SymmetryFunction> set) {
            double[] c = CostModel.marginal(fitted, set, geometry);
            Map<SymmetryFunction, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < c.length; i++) {
                m.put(set.get(i), c[i]);
            }
            return m;
        }
    }

    /** The subsets timed: full, radial, angular, then random ones, {@code count} in all (at least 6). */
    public static List<List<SymmetryFunction>> subsets(List<SymmetryFunction> all, int count, long seed) {
        List<List<SymmetryFunction>> s = new ArrayList<>();
        s.add(all);
        List<SymmetryFunction> rad = all.stream().filter(SymmetryFunction::isRadial).toList();
        List<SymmetryFunction> ang = all.stream().filter(f -> !f.isRadial()).toList();
        if (!rad.isEmpty() && !ang.isEmpty()) {
            s.add(rad);
            s.add(ang);
        }
        SplittableRandom r = Seeds.stream(seed, Seeds.COST_SUBSETS);
        while (s.size() < Math.max(6, count)) {
            List<SymmetryFunction> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, new java.util.Random(r.nextLong()));
            int k = 1 + r.nextInt(all.size());
            List<SymmetryFunction> sub = new ArrayList<>(shuffled.subList(0, k));
            sub.sort((a, b) -> Integer.compare(all.indexOf(a), all.indexOf(b)));
            s.add(sub);
        }
        return s;
    }

    /**
     * Times {@code count} subsets of {@code candidates} (single-element sets) on {@code cell}, fits the model to the
     * first {@code fitFraction} of them and predicts all.
     */
    public static Result run(SymmetryFunctionSet candidates, Structure cell, int[] hidden, int count, double fitFraction,
                             int steps, int repeats, long seed) {
        if (candidates.elements().size() != 1) {
            throw new dev.sieve.core.InputException("the cost benchmark handles one element; the set has "
                + candidates.elements());
        }
        String el = candidates.elements().get(0);
        List<SymmetryFunction> all = candidates.forElement(el);
        CostModel.Geometry g = CostModel.geometry(cell, candidates);
        List<List<SymmetryFunction>> sets = subsets(all, count, seed);
        double[] micros = new double[sets.size()];
        for (int w = 0; w < 3; w++) {
            time(el, all, cell, hidden, steps, 2, seed); // JIT warm-up of the kernels (C2 needs seconds), discarded
        }
        for (int i = 0; i < sets.size(); i++) {
            micros[i] = time(el, sets.get(i), cell, hidden, steps, repeats, seed);
        }
        int nFit = Math.max(6, (int) Math.round(fitFraction * sets.size()));
        nFit = Math.min(nFit, sets.size());
        CostModel.Params p = CostModel.fit(sets.subList(0, nFit), java.util.Arrays.copyOf(micros, nFit), g);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            samples.add(new Sample(sets.get(i), micros[i], CostModel.predict(p, sets.get(i), g)));
        }
        return new Result(p, samples, nFit, g);
    }

    /** µs per atom-step of the force kernel (median of the repeats) with a random network on {@code set}. */
    static double time(String el, List<SymmetryFunction> set, Structure cell, int[] hidden, int steps, int repeats,
                       long seed) {
        SymmetryFunctionSet s = SymmetryFunctionSet.of("subset", set);
        List<Activation> acts = new ArrayList<>(Collections.nCopies(hidden.length, Activation.TANH));
        acts.add(Activation.IDENTITY);
        Network net = Network.of(set.size(), hidden, acts, false);
        net.initialize(Seeds.stream(seed, Seeds.NETWORK_INIT));
        HdnnpModel model = new HdnnpModel(s, List.of(Scaling.identity(el, set.size())), List.of(net), new double[] {0},
            HdnnpModel.Units.EV_ANGSTROM);
        try (HdnnpPotential pot = new HdnnpPotential(model, 1, "subset of " + set.size())) {
            MdBenchmark.Result r = MdBenchmark.run(pot, cell, 1, Math.max(2, steps / 2), steps, repeats, 300);
            return r.forceUs();
        }
    }
}
