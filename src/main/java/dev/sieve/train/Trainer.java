package dev.sieve.train;

import dev.sieve.core.Seeds;
import dev.sieve.core.InputException;
import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The epoch loop: shuffled mini-batches of training structures, loss and gradient by {@link LossEngine}, L2,
 * optimiser step, validation, early stopping with the best weights kept. State ({@link State}) can be saved and
 * restored for checkpoints; the batch order of epoch t is drawn from a generator seeded by (seed, t) alone, so a
 * resumed run replays exactly what an uninterrupted one does.
 */
public final class Trainer implements AutoCloseable {
    private final TrainingData data;
    private final int[] trainIdx;
    private final int[] valIdx;
    private final TrainConfig cfg;
    private final Network[] nets;
    private final double[][] params;
    private final double[][] grad;
    private final boolean[][] penalised;
    private final LossEngine engine;
    private final Optimizer opt;
    private final State st;

    /** Mutable training state (everything a checkpoint needs besides the configuration). */
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
        public double seconds;
        public final List<CurveRow> curve = new ArrayList<>();
    }

    /** Creates networks initialised from the seed. */
    public Trainer(TrainingData data, int[] trainIdx, int[] valIdx, TrainConfig cfg) {
        this(data, trainIdx, valIdx, cfg, newNetworks(data, cfg));
    }

    public Trainer(TrainingData data, int[] trainIdx, int[] valIdx, TrainConfig cfg, Network[] nets) {
        if (trainIdx.length == 0) {
            throw new InputException("no training structures");
        }
        this.data = data;
        this.trainIdx = trainIdx.clone();
        this.valIdx = valIdx.clone();
        this.cfg = cfg;
        this.nets = nets;
        int ne = nets.length;
        params = new double[ne][];
        grad = new double[ne][];
        penalised = new boolean[ne][];
        int[] sizes = new int[ne];
        for (int e = 0; e < ne; e++) {
            params[e] = nets[e].params();
            grad[e] = new double[params[e].length];
            sizes[e] = params[e].length;
            penalised[e] = new boolean[params[e].length];
            for (int k = 0; k < params[e].length; k++) {
                penalised[e][k] = cfg.l2All() || !(nets[e].isFirstLayerWeight(k) || nets[e].isBias(k));
            }
        }
        if (cfg.forceWeight() > 0 && !data.anyForces()) {
            throw new InputException("--forces " + cfg.forceWeight() + " asked, but no training structure has "
                + "reference forces");
        }
        this.engine = new LossEngine(data, nets, cfg.forceWeight(), cfg.threads());
        this.opt = new Optimizer(cfg.optimizer(), cfg.momentum(), sizes);
        this.st = new State();
        st.bestParams = copy(params);
    }

    /** Networks for the data's elements, Glorot-initialised with streams derived from the seed. */
    public static Network[] newNetworks(TrainingData data, TrainConfig cfg) {
        Network[] nets = new Network[data.ne];
        List<Activation> acts = new ArrayList<>(cfg.activations());
        acts.add(Activation.IDENTITY);
        for (int e = 0; e < data.ne; e++) {
            nets[e] = Network.of(data.nf[e], cfg.hidden(), acts, false);
            nets[e].initialize(new SplittableRandom(Seeds.mix(cfg.seed(), 1000 + e)));
        }
        return nets;
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

    public TrainConfig config() {
        return cfg;
    }

    public boolean finished() {
        return st.stopped || st.epoch >= cfg.epochs();
    }

    /** L2 term of the current parameters, adding its gradient into {@code g} when not null. */
    public double l2(double[][] g) {
        if (cfg.l2() == 0) {
            return 0;
        }
        double s = 0;
        double two = 2 * cfg.l2();
        for (int e = 0; e < params.length; e++) {
            double[] p = params[e];
            boolean[] pen = penalised[e];
            for (int k = 0; k < p.length; k++) {
                if (pen[k]) {
                    s += p[k] * p[k];
                    if (g != null) {
                        g[e][k] += two * p[k];
                    }
                }
            }
        }
        return cfg.l2() * s;
    }

    /** Total training objective (mean over all training structures, with L2) and its gradient into {@code g}. */
    public double objective(double[][] g) {
        LossEngine.Sums s = engine.lossAndGradient(trainIdx, 0, trainIdx.length, g);
        return s.loss() + l2(g);
    }

    /** The batch order of (0-based) epoch t: a permutation of the training indices. */
    int[] order(int t) {
        int[] o = trainIdx.clone();
        SplittableRandom r = new SplittableRandom(Seeds.mix(cfg.seed(), 1_000_000L + t));
        for (int i = o.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = o[i];
            o[i] = o[j];
            o[j] = x;
        }
        return o;
    }

    /** Runs one epoch and the validation; returns its learning-curve row. */
    public CurveRow epoch() {
        long t0 = System.nanoTime();
        int t = st.epoch;
        double lr = cfg.schedule().lr(t);
        int[] o = order(t);
        int n = o.length;
        int bs = cfg.batch();
        double lossSum = 0;
        double sumE = 0;
        double sumF = 0;
        long fc = 0;
        int batchNo = 0;
        for (int b0 = 0; b0 < n; b0 += bs, batchNo++) {
            int b1 = Math.min(n, b0 + bs);
            LossEngine.Sums s = engine.lossAndGradient(o, b0, b1, grad);
            double loss = s.loss() + l2(grad);
            if (!Double.isFinite(loss)) {
                throw new InputException("training diverged: loss is " + loss + " at epoch " + (t + 1) + ", batch "
                    + (batchNo + 1) + " (learning rate " + lr + "); try a smaller --lr");
            }
            opt.step(params, grad, lr);
            lossSum += loss * (b1 - b0);
            sumE += s.sumSqE();
            sumF += s.sumSqF();
            fc += s.forceComponents();
        }
        LossEngine.Sums v = valIdx.length > 0 ? engine.evaluate(valIdx) : null;
        double valLoss = v == null ? Double.NaN : v.loss();
        if (v != null && !Double.isFinite(valLoss)) {
            throw new InputException("training diverged: validation loss is " + valLoss + " after epoch " + (t + 1)
                + "; try a smaller --lr");
        }
        st.epoch = t + 1;
        if (v != null) {
            if (valLoss < st.bestLoss) {
                st.bestLoss = valLoss;
                st.bestEpoch = t + 1;
                copyInto(params, st.bestParams);
            }
            if (valLoss < st.refLoss - cfg.minDelta()) {
                st.refLoss = valLoss;
                st.wait = 0;
            } else {
                st.wait++;
                if (cfg.patience() > 0 && st.wait >= cfg.patience()) {
                    st.stopped = true;
                }
            }
        } else {
            st.bestEpoch = t + 1;
            copyInto(params, st.bestParams);
        }
        st.seconds += (System.nanoTime() - t0) * 1e-9;
        CurveRow row = new CurveRow(t + 1, lr, lossSum / n, valLoss, 1e3 * Math.sqrt(sumE / n),
            v == null ? Double.NaN : v.energyRmseMevPerAtom(), fc == 0 ? Double.NaN : Math.sqrt(sumF / fc),
            v == null ? Double.NaN : v.forceRmse(), st.seconds);
        st.curve.add(row);
        return row;
    }

    /** Puts the best weights into the networks. */
    public void restoreBest() {
        copyInto(st.bestParams, params);
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
    }
}
