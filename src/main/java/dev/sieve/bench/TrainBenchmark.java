package dev.sieve.bench;

import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Network;
import dev.sieve.structure.Structure;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.FitLoop;
import dev.sieve.train.NetworkSettings;
import dev.sieve.train.Stopping;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
import dev.sieve.train.TrainJob;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Training throughput ({@code sieve bench train}): the fit loop that training uses ({@link FitLoop}: mini-batch
 * forward + backward + the configured optimizer's step, here without validation) timed over whole epochs on
 * prepared data ({@link DataPreparation#prepareAll}).
 */
public final class TrainBenchmark {
    private TrainBenchmark() {}

    /**
     * @param config         training settings (network, batch, forces, optimizer, threads)
     * @param warmup         untimed epochs first (at least)
     * @param warmupSeconds  ... and untimed epochs until this much time has passed: the JIT compiles the kernels in
     *                       the background, and a short warm-up measured a mix of compiled and not yet compiled code
     *                       (1.1 to 11.7 M atom-evaluations/s from one JVM start to the next with 20 epochs of 4 ms)
     * @param epochs         timed epochs per block
     * @param repeats        timed blocks; the result is their median
     */
    public record Settings(TrainConfig config, int warmup, double warmupSeconds, int epochs, int repeats) {
        public Settings {
            dev.sieve.core.SettingException.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
            dev.sieve.core.SettingException.require(warmup >= 0, "warmup", "must be >= 0, got " + warmup);
            dev.sieve.core.SettingException.require(warmupSeconds >= 0 && Double.isFinite(warmupSeconds),
                "warmup-seconds", "must be >= 0, got " + warmupSeconds);
            dev.sieve.core.SettingException.require(repeats >= 1, "repeats", "must be >= 1, got " + repeats);
        }
    }

    /**
     * @param structures          structures per epoch
     * @param atoms               atoms per epoch
     * @param features            symmetry functions
     * @param descriptorSeconds   time to prepare the data
     * @param secondsPerEpoch     wall time per timed epoch
     * @param atomEvalsPerSecond  atoms x epochs / wall time, the median block
     * @param cpuAtomEvalsPerSecond atoms x epochs / this thread's CPU time, the median block (one thread only; NaN
     *                              otherwise)
     * @param blockAtomEvalsPerSecond every block's wall-time figure, in order
     * @param warmupEpochs        untimed epochs run
     */
    public record Result(int structures, long atoms, int features, double descriptorSeconds, double secondsPerEpoch,
                         double atomEvalsPerSecond, double cpuAtomEvalsPerSecond, double[] blockAtomEvalsPerSecond,
                         int warmupEpochs) {}

    /** Prepares {@code data} with {@code set} and times the epochs. */
    public static Result run(List<Structure> data, SymmetryFunctionSet set, Settings s) {
        TrainConfig cfg = s.config().with(TrainSettings.EPOCHS, 1_000_000).with(TrainSettings.PATIENCE, 0)
            .with(TrainSettings.MIN_DELTA, 0.0);
        DataPreparation.Prepared p = DataPreparation.prepareAll(data, set, cfg);
        long atoms = 0;
        for (int k = 0; k < p.data().size(); k++) {
            atoms += p.data().atoms(k);
        }
        Network[] nets = FitLoop.newNetworks(p.data(), cfg.network(), cfg.seed());
        double[] wall = new double[s.repeats()];
        double[] cpu = new double[s.repeats()];
        int warm = 0;
        try (FitLoop fit = new FitLoop(p.data(), p.trainIdx(), p.valIdx(), nets, cfg, TrainJob.fitSpec(cfg, p))) {
            long w0 = System.nanoTime();
            while (warm < s.warmup() || (System.nanoTime() - w0) * 1e-9 < s.warmupSeconds()) {
                fit.epoch();
                warm++;
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (int b = 0; b < s.repeats(); b++) {
                long c1 = mx.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                for (int e = 0; e < s.epochs(); e++) {
                    fit.epoch();
                }
                wall[b] = (System.nanoTime() - t1) * 1e-9;
                cpu[b] = cfg.threads() == 1 ? (mx.getCurrentThreadCpuTime() - c1) * 1e-9 : Double.NaN;
            }
        }
        double evals = atoms * (double) s.epochs();
        double[] rates = new double[s.repeats()];
        double[] cpuRates = new double[s.repeats()];
        for (int b = 0; b < rates.length; b++) {
            rates[b] = evals / wall[b];
            cpuRates[b] = evals / cpu[b];
        }
        double med = median(rates);
        return new Result(p.data().size(), atoms, p.set().totalSize(), p.seconds(), evals / med / s.epochs(), med,
            cfg.threads() == 1 ? median(cpuRates) : Double.NaN, rates, warm);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    /** The default training settings with the given network, batch, force weight and threads. */
    public static TrainConfig config(int[] hidden, int batch, double forces, int threads) {
        return TrainConfig.defaults().with(TrainSettings.HIDDEN, java.util.Arrays.stream(hidden).boxed().toList())
            .with(TrainSettings.BATCH, batch).with(TrainSettings.FORCES, forces).with(TrainSettings.THREADS, threads);
    }
}
