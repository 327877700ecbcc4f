package dev.sieve.select;

import dev.sieve.core.InputException;
import dev.sieve.nn.Network;
import dev.sieve.train.FitLoop;
import dev.sieve.train.LossEngine;
import dev.sieve.train.Schedule;
import dev.sieve.train.Stopping;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainingData;
import java.util.Locale;

/**
 * One fit of the networks at a fixed group-lasso penalty: {@link FitLoop} with the group soft-threshold
 * ({@link GroupLasso#prox}) on every element's first-layer groups as its after-step hook, and the penalty of the
 * current weights added to the validation objective. The starting (warm-start) state is never kept: a fit takes at
 * least one epoch of steps, else a penalty that raises the loss at first would keep the previous point's weights for
 * ever.
 *
 * <p>A fresh optimizer and a schedule restarted at epoch 0 are used for every fit, and the batch order of epoch t
 * depends on (seed, t) only: a fit depends on nothing but its inputs, which is what makes a resumed selection path
 * identical to an uninterrupted one.
 */
final class PenalizedFit {
    private PenalizedFit() {}

    /**
     * @param lambda    penalty strength (0 with {@code a == null}: an ordinary fit)
     * @param a         per element, the group weights (null: no penalty)
     * @param schedule  learning rate per epoch of this fit
     * @param stopping  epochs and early stopping of this fit
     * @param seed      seed of the batch order
     * @param lossScale factor on the data loss (see {@link PathConfig#lossScale()})
     * @param l2        coefficient on sum w^2 in the scaled objective
     * @param preconditioned the proximal step in the optimizer's metric ({@link GroupLasso#prox(Network, double,
     *                  double, double[], dev.sieve.train.optim.Optimizer, int)})
     * @param blocks    per element, blocks of columns penalised together besides their columns
     *                  ({@link GroupLasso#blockProx}); null: none
     * @param b         per element, the blocks' weights (null with {@code blocks} null)
     */
    public record Spec(double lambda, double[][] a, Schedule schedule, Stopping stopping, long seed, double lossScale,
                       double l2, boolean preconditioned, int[][][] blocks, double[][] b) {
        /** A spec with the plain proximal step. */
        public Spec(double lambda, double[][] a, Schedule schedule, Stopping stopping, long seed, double lossScale,
                    double l2) {
            this(lambda, a, schedule, stopping, seed, lossScale, l2, false, null, null);
        }

        /** A spec without blocks. */
        public Spec(double lambda, double[][] a, Schedule schedule, Stopping stopping, long seed, double lossScale,
                    double l2, boolean preconditioned) {
            this(lambda, a, schedule, stopping, seed, lossScale, l2, preconditioned, null, null);
        }
    }

    /**
     * @param epochs        epochs run
     * @param bestEpoch     epoch of the kept state
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

    /** The group-lasso prox as the fit loop's after-step hook. */
    private record Prox(Network[] nets, Spec spec) implements FitLoop.Hook {
        @Override
        public void afterStep(double lr, dev.sieve.train.optim.Optimizer opt) {
            if (spec.a() != null) {
                for (int e = 0; e < nets.length; e++) {
                    if (spec.preconditioned()) {
                        GroupLasso.prox(nets[e], lr, spec.lambda(), spec.a()[e], opt, e);
                    } else {
                        GroupLasso.prox(nets[e], lr, spec.lambda(), spec.a()[e]);
                    }
                    if (spec.blocks() != null) {
                        GroupLasso.blockProx(nets[e], lr, spec.lambda(), spec.blocks()[e], spec.b()[e],
                            spec.preconditioned() ? opt : null, e);
                    }
                }
            }
        }

        @Override
        public double penalty() {
            return PenalizedFit.penalty(nets, spec);
        }

        @Override
        public String where() {
            return String.format(Locale.ROOT, "at lambda %.6g", spec.lambda());
        }
    }

    /** Checkpoints of a long fit (the dense fit of a path): restore before the first epoch, save after epochs. */
    public interface Checkpoints {
        /** Restores the state of {@code fit} from a checkpoint when there is one. */
        void restore(FitLoop fit);

        /** After every epoch (the fit's state is complete). */
        void afterEpoch(FitLoop fit);
    }

    /** Fits {@code nets} (modified in place: they end in the best state). */
    public static Result run(TrainingData data, int[] trainIdx, int[] valIdx, Network[] nets, TrainConfig cfg,
                             Spec spec) {
        return run(data, trainIdx, valIdx, nets, cfg, spec, null);
    }

    /** As {@link #run(TrainingData, int[], int[], Network[], TrainConfig, Spec)}, checkpointed (null: not). */
    public static Result run(TrainingData data, int[] trainIdx, int[] valIdx, Network[] nets, TrainConfig cfg,
                             Spec spec, Checkpoints checkpoints) {
        if (trainIdx.length == 0 || valIdx.length == 0) {
            throw new InputException("a penalised fit needs training and validation structures, got "
                + trainIdx.length + " and " + valIdx.length);
        }
        long t0 = System.nanoTime();
        FitLoop.Spec fs = new FitLoop.Spec(spec.schedule(), spec.stopping(), spec.seed(), spec.lossScale(), spec.l2(),
            new Prox(nets, spec));
        try (FitLoop fit = new FitLoop(data, trainIdx, valIdx, nets, cfg, fs)) {
            if (checkpoints != null) {
                checkpoints.restore(fit);
            }
            fit.run(checkpoints == null ? null : row -> checkpoints.afterEpoch(fit));
            fit.restoreBest();
            double sc = spec.lossScale();
            LossEngine.Sums tr = fit.engine().evaluate(trainIdx);
            LossEngine.Sums va = fit.engine().evaluate(valIdx);
            double pen = penalty(nets, spec);
            return new Result(fit.state().epoch, fit.state().bestEpoch, sc * tr.loss(), sc * va.loss(), pen,
                sc * va.loss() + pen, tr.energyRmseMevPerAtom(), va.energyRmseMevPerAtom(),
                (System.nanoTime() - t0) * 1e-9);
        }
    }

    static double penalty(Network[] nets, Spec spec) {
        if (spec.a() == null) {
            return 0.0;
        }
        double p = 0.0;
        for (int e = 0; e < nets.length; e++) {
            p += GroupLasso.penalty(nets[e], spec.lambda(), spec.a()[e]);
            if (spec.blocks() != null) {
                p += GroupLasso.blockPenalty(nets[e], spec.lambda(), spec.blocks()[e], spec.b()[e]);
            }
        }
        return p;
    }
}
