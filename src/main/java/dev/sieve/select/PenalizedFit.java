package dev.sieve.select;

import dev.sieve.core.Seeds;
import dev.sieve.core.InputException;
import dev.sieve.nn.Network;
import dev.sieve.train.LossEngine;
import dev.sieve.train.LrSchedule;
import dev.sieve.train.Optimizer;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.Trainer;
import dev.sieve.train.TrainingData;
import java.util.SplittableRandom;

/**
 * One fit of the networks at a fixed penalty: shuffled mini-batches, loss and gradient by {@link LossEngine}, L2 as in
 * the trainer (not on first-layer weights and biases unless {@code l2All}), an optimiser step, then the group-lasso
 * proximal step ({@link GroupLasso#prox}) on every element's first-layer groups with the step's learning rate. After
 * every epoch the validation objective (validation loss + penalty of the current weights) decides early stopping
 * (improvement by more than {@code minDelta} resets the patience) and the best state is kept and restored at the end.
 *
 * <p>A fresh optimiser and a learning-rate schedule restarted at epoch 0 are used for every fit, and the batch order
 * of epoch t is drawn from a generator seeded by (seed, t) only: a fit depends on nothing but its inputs, which is
 * what makes a resumed selection path identical to an uninterrupted one.
 */
public final class PenalizedFit {
    private PenalizedFit() {}

    /**
     * @param lambda penalty strength (0 with {@code a == null}: an ordinary fit)
     * @param a      per element, the group weights (null: no penalty)
     * @param epochs maximum epochs
     * @param patience early-stopping patience (0: never stop early)
     * @param seed   seed of the batch order
     * @param lossScale the data loss (energy + force term of {@link LossEngine}) is multiplied by this before the
     *               penalty and L2 are added (see {@link PathConfig#lossScale()})
     */
    public record Spec(double lambda, double[][] a, int epochs, int patience, LrSchedule schedule, long seed,
                       double lossScale) {}

    /**
     * @param epochs        epochs run
     * @param bestEpoch     epoch of the kept state (the starting state is never kept: at least one epoch is run)
     * @param trainLoss     training loss (times the loss scale; no L2, no penalty) of the kept state on the whole
     *                      training split
     * @param valLoss       validation loss of the kept state
     * @param penalty       penalty of the kept state
     * @param valObjective  valLoss + penalty
     * @param trainRmse     training energy RMSE, meV/atom
     * @param valRmse       validation energy RMSE, meV/atom
     * @param seconds       wall time
     */
    public record Result(int epochs, int bestEpoch, double trainLoss, double valLoss, double penalty,
                         double valObjective, double trainRmse, double valRmse, double seconds) {}

    /** Fits {@code nets} (modified in place: they end in the best state). */
    public static Result run(TrainingData data, int[] trainIdx, int[] valIdx, Network[] nets, TrainConfig cfg,
                             Spec spec) {
        if (trainIdx.length == 0 || valIdx.length == 0) {
            throw new InputException("a penalised fit needs training and validation structures, got "
                + trainIdx.length + " and " + valIdx.length);
        }
        long t0 = System.nanoTime();
        int ne = nets.length;
        double[][] params = new double[ne][];
        double[][] grad = new double[ne][];
        boolean[][] l2mask = new boolean[ne][];
        int[] sizes = new int[ne];
        for (int e = 0; e < ne; e++) {
            params[e] = nets[e].params();
            grad[e] = new double[params[e].length];
            sizes[e] = params[e].length;
            l2mask[e] = new boolean[params[e].length];
            for (int k = 0; k < params[e].length; k++) {
                l2mask[e][k] = cfg.l2All() || !(nets[e].isFirstLayerWeight(k) || nets[e].isBias(k));
            }
        }
        Optimizer opt = new Optimizer(cfg.optimizer(), cfg.momentum(), sizes);
        double[][] best = Trainer.copy(params);
        try (LossEngine engine = new LossEngine(data, nets, cfg.forceWeight(), cfg.threads())) {
            double sc = spec.lossScale();
            // the starting (warm-start) state is not a candidate: a penalised fit must take at least one epoch of
            // steps, else a penalty that raises the loss at first would keep the previous point's weights for ever
            double bestObj = Double.POSITIVE_INFINITY;
            double refObj = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int wait = 0;
            int t = 0;
            int n = trainIdx.length;
            int bs = cfg.batch();
            while (t < spec.epochs()) {
                double lr = spec.schedule().lr(t);
                int[] o = order(trainIdx, spec.seed(), t);
                for (int b0 = 0; b0 < n; b0 += bs) {
                    int b1 = Math.min(n, b0 + bs);
                    LossEngine.Sums s = engine.lossAndGradient(o, b0, b1, grad);
                    scale(grad, spec.lossScale());
                    double loss = spec.lossScale() * s.loss() + l2(params, l2mask, cfg.l2(), grad);
                    if (!Double.isFinite(loss)) {
                        throw new InputException("training diverged at lambda " + spec.lambda() + ": loss is " + loss
                            + " in epoch " + (t + 1) + " (learning rate " + lr + "); try a smaller --lr");
                    }
                    opt.step(params, grad, lr);
                    if (spec.a() != null) {
                        for (int e = 0; e < ne; e++) {
                            GroupLasso.prox(nets[e], lr, spec.lambda(), spec.a()[e]);
                        }
                    }
                }
                t++;
                double v = sc * engine.evaluate(valIdx).loss();
                if (!Double.isFinite(v)) {
                    throw new InputException("training diverged at lambda " + spec.lambda() + ": validation loss is "
                        + v + " after epoch " + t + "; try a smaller --lr");
                }
                double obj = objective(v, nets, spec);
                if (obj < bestObj) {
                    bestObj = obj;
                    bestEpoch = t;
                    Trainer.copyInto(params, best);
                }
                if (obj < refObj - cfg.minDelta()) {
                    refObj = obj;
                    wait = 0;
                } else if (spec.patience() > 0 && ++wait >= spec.patience()) {
                    break;
                }
            }
            Trainer.copyInto(best, params);
            LossEngine.Sums tr = engine.evaluate(trainIdx);
            LossEngine.Sums va = engine.evaluate(valIdx);
            double pen = penalty(nets, spec);
            return new Result(t, bestEpoch, sc * tr.loss(), sc * va.loss(), pen, sc * va.loss() + pen, tr.energyRmseMevPerAtom(),
                va.energyRmseMevPerAtom(), (System.nanoTime() - t0) * 1e-9);
        }
    }

    private static void scale(double[][] g, double f) {
        if (f == 1.0) {
            return;
        }
        for (double[] a : g) {
            for (int k = 0; k < a.length; k++) {
                a[k] *= f;
            }
        }
    }

    static double objective(double valLoss, Network[] nets, Spec spec) {
        return valLoss + penalty(nets, spec);
    }

    static double penalty(Network[] nets, Spec spec) {
        if (spec.a() == null) {
            return 0.0;
        }
        double p = 0.0;
        for (int e = 0; e < nets.length; e++) {
            p += GroupLasso.penalty(nets[e], spec.lambda(), spec.a()[e]);
        }
        return p;
    }

    private static double l2(double[][] params, boolean[][] mask, double c, double[][] g) {
        if (c == 0) {
            return 0;
        }
        double s = 0;
        for (int e = 0; e < params.length; e++) {
            double[] p = params[e];
            for (int k = 0; k < p.length; k++) {
                if (mask[e][k]) {
                    s += p[k] * p[k];
                    g[e][k] += 2 * c * p[k];
                }
            }
        }
        return c * s;
    }

    /** The batch order of (0-based) epoch t: a permutation of the training indices from (seed, t) alone. */
    static int[] order(int[] trainIdx, long seed, int t) {
        int[] o = trainIdx.clone();
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 1_000_000L + t));
        for (int i = o.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = o[i];
            o[i] = o[j];
            o[j] = x;
        }
        return o;
    }
}
