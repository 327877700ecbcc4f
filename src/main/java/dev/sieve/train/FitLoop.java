package dev.sieve.train;

import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import dev.sieve.train.optim.JacobianRows;
import dev.sieve.train.optim.Optimizer;
import dev.sieve.train.optim.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one fit loop of Sieve (plain training, the penalised fits of a selection path, refits): epochs of shuffled
 * mini-batches, the loss and its gradient by {@link LossEngine} (times a loss scale), L2 on the masked parameters, an
 * {@link Optimizer} step, an after-step {@link Hook} (the group-lasso prox), divergence checks, validation, early
 * stopping on the validation objective (validation loss x loss scale + the hook's penalty) with the best state kept.
 *
 * <p>The batch order of epoch t is drawn from seed stream {@link Seeds#EPOCH_ORDER}{@code + t} of the spec's order
 * seed alone, and the state ({@link State} and the optimizer's) can be saved and restored, so a resumed fit replays
 * exactly what an uninterrupted one does.
 */
public final class FitLoop implements AutoCloseable {

    /** Called after every optimizer step, and asked for the penalty part of the validation objective. */
    public interface Hook {
        /** After the optimizer's step with learning rate {@code lr} ({@code opt}: the optimizer that took it). */
        void afterStep(double lr, Optimizer opt);

        /** The penalty of the current parameters, added to the validation objective. */
        double penalty();

        /** Words for messages, e.g. "at lambda 0.1". */
        String where();
    }

    /**
     * One fit.
     *
     * @param schedule  learning rate per (fit-local) epoch
     * @param stopping  epochs and early stopping
     * @param orderSeed seed of the batch orders
     * @param lossScale factor on the data loss (1 for plain training)
     * @param l2        coefficient on sum w^2 over the L2 mask (already in the units of the scaled loss)
     * @param hook      after-step hook and penalty, or null
     */
    public record Spec(Schedule schedule, Stopping stopping, long orderSeed, double lossScale, double l2, Hook hook) {}

    /** Mutable fit state (everything a checkpoint needs besides the configuration and the optimizer). */
    public static final class State {
        /** Number of completed epochs. */
        public int epoch;
        public double[][] bestParams;
        public double bestLoss = Double.POSITIVE_INFINITY;
        public int bestEpoch;
        /** Reference loss of the patience counter (last improvement by more than min delta). */
        public double refLoss = Double.POSITIVE_INFINITY;
        public int wait;
        public boolean stopped;
        /** Plateau schedule: reductions so far, its reference objective and epochs without improvement. */
        public int lrReductions;
        public double lrRef = Double.POSITIVE_INFINITY;
        public int lrWait;
        public double seconds;
        public final List<CurveRow> curve = new ArrayList<>();
    }

    private final int[] trainIdx;
    private final int[] valIdx;
    /** The validation structures of the objective (valIdx without the extrapolating ones, see {@link Stopping}). */
    private final int[] valObjIdx;
    private final int[] valSkipped;
    private final Spec spec;
    private final Network[] nets;
    private final double[][] params;
    private final boolean[][] l2Mask;
    private final LossEngine engine;
    private final Optimizer opt;
    private final State st = new State();
    private final BatchView batch = new BatchView();
    private final TrainingData data;
    private JacobianRows jacobians;
    private dev.sieve.core.ChunkedExecutor executor;
    private final int threads;
    private final double beta;
    private double initialForceRmse = Double.NaN;
    /** The validation force clip in eV/Å (0: none), resolved from the stopping rule and the training data. */
    private final double valForceClip;

    /**
     * @param nets the networks to fit, modified in place
     */
    public FitLoop(TrainingData data, int[] trainIdx, int[] valIdx, Network[] nets, TrainConfig cfg, Spec spec) {
        if (trainIdx.length == 0) {
            throw new InputException("no training structures");
        }
        this.trainIdx = trainIdx.clone();
        this.valIdx = valIdx.clone();
        int[][] split = objectiveValidation(data, this.trainIdx, this.valIdx, spec.stopping().skipExtrapolating());
        this.valObjIdx = split[0];
        this.valSkipped = split[1];
        this.spec = spec;
        this.nets = nets;
        int ne = nets.length;
        params = new double[ne][];
        l2Mask = new boolean[ne][];
        int[] sizes = new int[ne];
        for (int e = 0; e < ne; e++) {
            params[e] = nets[e].params();
            sizes[e] = params[e].length;
            l2Mask[e] = new boolean[params[e].length];
            for (int k = 0; k < params[e].length; k++) {
                l2Mask[e][k] = cfg.loss().l2All() || !(nets[e].isFirstLayerWeight(k) || nets[e].isBias(k));
            }
        }
        this.engine = new LossEngine(data, nets, cfg.forceWeight(), cfg.threads());
        this.opt = Optimizers.create(cfg.optimizer(), sizes);
        this.batch.size = opt.wholeEpoch() ? this.trainIdx.length : cfg.optimizer().batch();
        this.data = data;
        this.threads = cfg.threads();
        this.beta = cfg.forceWeight();
        this.valForceClip = beta > 0 && data.hasForceData ? resolveClip(spec.stopping().valForceClip(), data,
            this.trainIdx) : 0;
        st.bestParams = copy(params);
    }

    /** {validation structures of the objective, the skipped ones}: see {@link Stopping}. */
    static int[][] objectiveValidation(TrainingData data, int[] trainIdx, int[] valIdx, boolean skip) {
        if (!skip || valIdx.length == 0) {
            return new int[][] {valIdx, new int[0]};
        }
        int[] out = data.outsideRange(trainIdx, valIdx);
        int[] keep = new int[valIdx.length];
        int[] drop = new int[valIdx.length];
        int nk = 0;
        int nd = 0;
        for (int q = 0; q < valIdx.length; q++) {
            if (out[q] == 0) {
                keep[nk++] = valIdx[q];
            } else {
                drop[nd++] = valIdx[q];
            }
        }
        if (2 * nd >= valIdx.length) {
            return new int[][] {valIdx, new int[0]};
        }
        return new int[][] {Arrays.copyOf(keep, nk), Arrays.copyOf(drop, nd)};
    }

    /** The validation structures left out of the objective (data indices; empty: none). */
    public int[] skippedValidation() {
        return valSkipped.clone();
    }

    /** {@link Stopping#AUTO_CLIP}: the largest |reference force component| of the training structures' force atoms. */
    static double resolveClip(double setting, TrainingData data, int[] trainIdx) {
        if (setting != Stopping.AUTO_CLIP) {
            return setting;
        }
        double m = 0;
        for (int s : trainIdx) {
            double[] f = data.fRef[s];
            if (f == null) {
                continue;
            }
            for (int i = 0; i < 3 * data.nForce[s]; i++) {
                m = Math.max(m, Math.abs(f[i]));
            }
        }
        return m;
    }

    /** The force clip of the validation objective, eV/Å (0: none). */
    public double valForceClip() {
        return valForceClip;
    }

    /** The last epoch's validation sums (null before the first epoch or without validation structures). */
    public LossEngine.Sums lastValidation() {
        return batch.val;
    }

    /** Networks for the data's elements, Glorot-initialised from seed streams {@link Seeds#NETWORK_INIT}{@code + e}. */
    public static Network[] newNetworks(TrainingData data, NetworkSettings ns, long seed) {
        Network[] n = new Network[data.elements().size()];
        for (int e = 0; e < n.length; e++) {
            n[e] = newNetwork(data.numFeatures(e), ns);
            n[e].initialize(Seeds.stream(seed, Seeds.NETWORK_INIT + e));
        }
        return n;
    }

    /** An uninitialised network with {@code inputs} inputs, the hidden layers of {@code ns} and a linear output. */
    public static Network newNetwork(int inputs, NetworkSettings ns) {
        List<Activation> acts = new ArrayList<>(ns.activations());
        acts.add(Activation.IDENTITY);
        return Network.of(inputs, ns.hidden(), acts, false);
    }

    public Network[] networks() {
        return nets;
    }

    public State state() {
        return st;
    }

    public Optimizer optimizer() {
        return opt;
    }

    public LossEngine engine() {
        return engine;
    }

    public boolean finished() {
        return st.stopped || st.epoch >= spec.stopping().epochs();
    }

    /** Runs epochs until the fit is finished; {@code each} sees every epoch's row (null: nothing). */
    public void run(java.util.function.Consumer<CurveRow> each) {
        while (!finished()) {
            CurveRow r = epoch();
            if (each != null) {
                each.accept(r);
            }
        }
    }

    /** L2 term of the current parameters, adding its gradient into {@code g} when not null. */
    double l2(double[][] g) {
        double c = spec.l2();
        if (c == 0) {
            return 0;
        }
        double s = 0;
        double two = 2 * c;
        for (int e = 0; e < params.length; e++) {
            double[] p = params[e];
            boolean[] pen = l2Mask[e];
            for (int k = 0; k < p.length; k++) {
                if (pen[k]) {
                    s += p[k] * p[k];
                    if (g != null) {
                        g[e][k] += two * p[k];
                    }
                }
            }
        }
        return c * s;
    }

    /** Training objective over all training structures (scaled loss + L2), its gradient written into {@code g}. */
    public double objective(double[][] g) {
        return scaledPlusL2(engine.lossAndGradient(trainIdx, 0, trainIdx.length, g), g);
    }

    /** The data loss of {@code s} times the loss scale plus L2, with {@code g} scaled and the L2 gradient added. */
    private double scaledPlusL2(LossEngine.Sums s, double[][] g) {
        double sc = spec.lossScale();
        if (sc != 1.0) {
            for (double[] a : g) {
                for (int k = 0; k < a.length; k++) {
                    a[k] *= sc;
                }
            }
        }
        return sc * s.loss() + l2(g);
    }

    /** The batch order of (0-based) epoch t: a permutation of the training indices. */
    int[] order(int t) {
        int[] o = trainIdx.clone();
        SplittableRandom r = Seeds.stream(spec.orderSeed(), Seeds.EPOCH_ORDER + t);
        Seeds.shuffle(o, r);
        return o;
    }

    /** Runs one epoch and the validation; returns its learning-curve row. */
    public CurveRow epoch() {
        long t0 = System.nanoTime();
        int t = st.epoch;
        batch.startEpoch(t, spec.schedule().lr(t, st.lrReductions), order(t));
        int n = trainIdx.length;
        for (int b0 = 0; b0 < n; b0 += batch.size) {
            batch.next(b0, Math.min(n, b0 + batch.size));
            opt.step(batch);
            if (spec.hook() != null) {
                spec.hook().afterStep(batch.lr, opt);
            }
        }
        if (opt.wholeEpoch()) {
            // a second-order epoch makes no mini-batch losses: the curve's training columns come from an evaluation
            LossEngine.Sums tr = engine.evaluate(trainIdx);
            batch.lossSum = (spec.lossScale() * tr.loss() + l2(null)) * n;
            batch.sumE = tr.sumSqE();
            batch.sumF = tr.sumSqF();
            batch.fc = tr.forceComponents();
            batch.mae = tr.forceMae();
            batch.maeAt = t + 1;
        }
        double valLoss = validate(t);
        st.epoch = t + 1;
        track(valLoss);
        st.seconds += (System.nanoTime() - t0) * 1e-9;
        LossEngine.Sums v = batch.val;
        CurveRow row = new CurveRow(t + 1, batch.lr, batch.lossSum / n, valLoss, 1e3 * Math.sqrt(batch.sumE / n),
            v == null ? Double.NaN : v.energyRmseMevPerAtom(), batch.fc == 0 ? Double.NaN : Math.sqrt(batch.sumF / batch.fc),
            v == null ? Double.NaN : v.forceRmse(), st.seconds);
        st.curve.add(row);
        return row;
    }

    private double validate(int t) {
        batch.val = valObjIdx.length > 0 ? engine.evaluate(valObjIdx, valForceClip) : null;
        if (batch.val == null) {
            return Double.NaN;
        }
        double v = spec.lossScale() * batch.val.loss();
        if (!Double.isFinite(v)) {
            throw new InputException("training diverged" + where() + ": validation loss is " + v + " after epoch "
                + (t + 1) + "; try a smaller learning rate (lr)");
        }
        return spec.hook() == null ? v : v + spec.hook().penalty();
    }

    /** Best state and the patience counter after an epoch with validation objective {@code obj} (NaN: none). */
    private void track(double obj) {
        if (Double.isNaN(obj)) {
            st.bestEpoch = st.epoch;
            copyInto(params, st.bestParams);
            return;
        }
        if (obj < st.bestLoss) {
            st.bestLoss = obj;
            st.bestEpoch = st.epoch;
            copyInto(params, st.bestParams);
        }
        if (spec.schedule() instanceof Schedule.Plateau p) {
            plateau(p, obj);
        }
        if (obj < st.refLoss - spec.stopping().minDelta()) {
            st.refLoss = obj;
            st.wait = 0;
        } else {
            st.wait++;
            if (spec.stopping().patience() > 0 && st.wait >= spec.stopping().patience()) {
                st.stopped = true;
            }
        }
    }

    /** Reduce-on-plateau bookkeeping; a plateau at the smallest rate ends the fit (converged). */
    private void plateau(Schedule.Plateau p, double obj) {
        if (obj < st.lrRef * (1 - Schedule.Plateau.THRESHOLD)) {
            st.lrRef = obj;
            st.lrWait = 0;
        } else if (++st.lrWait >= p.patience()) {
            st.lrWait = 0;
            if (p.atFloor(st.lrReductions)) {
                st.stopped = true;
            } else {
                st.lrReductions++;
            }
        }
    }

    private String where() {
        return spec.hook() == null ? "" : " " + spec.hook().where();
    }

    /** Puts the best weights into the networks. */
    public void restoreBest() {
        copyInto(st.bestParams, params);
    }

    /** The current mini-batch as the optimizer sees it; accumulates the epoch's sums for the learning curve. */
    private final class BatchView implements Optimizer.Batch {
        int size;
        int epoch;
        double lr;
        int[] order;
        int from;
        int to;
        int batchNo;
        double lossSum;
        double sumE;
        double sumF;
        long fc;
        LossEngine.Sums val;
        /** The training force MAE and the completed-epoch count it belongs to (-1: none yet). */
        double mae = Double.NaN;
        int maeAt = -1;

        void startEpoch(int t, double rate, int[] o) {
            epoch = t;
            lr = rate;
            order = o;
            batchNo = 0;
            lossSum = 0;
            sumE = 0;
            sumF = 0;
            fc = 0;
        }

        void next(int b0, int b1) {
            from = b0;
            to = b1;
            batchNo++;
        }

        @Override
        public double[][] params() {
            return params;
        }

        @Override
        public double lr() {
            return lr;
        }

        @Override
        public int[] structures() {
            return Arrays.copyOfRange(order, from, to);
        }

        @Override
        public int epoch() {
            return epoch;
        }

        @Override
        public long seed() {
            return spec.orderSeed();
        }

        @Override
        public JacobianRows jacobians() {
            if (jacobians == null) {
                jacobians = new NetworkJacobianRows(data, nets);
            }
            return jacobians;
        }

        @Override
        public double forceWeight() {
            return beta;
        }

        @Override
        public dev.sieve.core.ChunkedExecutor executor() {
            if (executor == null) {
                executor = new dev.sieve.core.ChunkedExecutor(threads, "sieve-fit");
            }
            return executor;
        }

        @Override
        public double trainForceMae() {
            if (maeAt != st.epoch) {
                mae = engine.evaluate(trainIdx).forceMae();
                maeAt = st.epoch;
            }
            return mae;
        }

        @Override
        public double trainForceRmse() {
            for (int i = st.curve.size() - 1; i >= 0; i--) {
                double f = st.curve.get(i).trainForceRmse();
                if (!Double.isNaN(f)) {
                    return f;
                }
            }
            if (Double.isNaN(initialForceRmse)) {
                initialForceRmse = engine.evaluate(trainIdx).forceRmse();
            }
            return initialForceRmse;
        }

        @Override
        public double objectiveAndGradient(double[][] grad) {
            LossEngine.Sums s = engine.lossAndGradient(order, from, to, grad);
            double loss = scaledPlusL2(s, grad);
            if (!Double.isFinite(loss)) {
                throw new InputException("training diverged" + where() + ": loss is " + loss + " at epoch "
                    + (epoch + 1) + ", batch " + batchNo + " (learning rate " + lr + "); try a smaller learning rate "
                    + "(lr)");
            }
            lossSum += loss * (to - from);
            sumE += s.sumSqE();
            sumF += s.sumSqF();
            fc += s.forceComponents();
            return loss;
        }
    }

    /** Deep copy of per-element parameter arrays. */
    public static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int e = 0; e < a.length; e++) {
            c[e] = a[e].clone();
        }
        return c;
    }

    /** Copies per-element parameter arrays into arrays of the same shapes. */
    public static void copyInto(double[][] src, double[][] dst) {
        for (int e = 0; e < src.length; e++) {
            System.arraycopy(src[e], 0, dst[e], 0, src[e].length);
        }
    }

    @Override
    public void close() {
        engine.close();
        if (executor != null) {
            executor.close();
        }
    }
}
