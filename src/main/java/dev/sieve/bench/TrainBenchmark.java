package dev.sieve.bench;

import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Network;
import dev.sieve.structure.Structure;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.FitLoop;
import dev.sieve.train.NetworkSettings;
import dev.sieve.train.Stopping;
import dev.sieve.train.TrainConfig;
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
     * @param config training settings (network, batch, forces, optimizer, threads)
     * @param warmup untimed epochs first
     * @param epochs timed epochs
     */
    public record Settings(TrainConfig config, int warmup, int epochs) {
        public Settings {
            dev.sieve.core.SettingException.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
            dev.sieve.core.SettingException.require(warmup >= 0, "warmup", "must be >= 0, got " + warmup);
        }
    }

    /**
     * @param structures          structures per epoch
     * @param atoms               atoms per epoch
     * @param features            symmetry functions
     * @param descriptorSeconds   time to prepare the data
     * @param secondsPerEpoch     wall time per timed epoch
     * @param atomEvalsPerSecond  atoms x epochs / wall time
     * @param cpuAtomEvalsPerSecond atoms x epochs / this thread's CPU time (one thread only; NaN otherwise)
     */
    public record Result(int structures, long atoms, int features, double descriptorSeconds, double secondsPerEpoch,
                         double atomEvalsPerSecond, double cpuAtomEvalsPerSecond) {}

    /** Prepares {@code data} with {@code set} and times the epochs. */
    public static Result run(List<Structure> data, SymmetryFunctionSet set, Settings s) {
        TrainConfig cfg = s.config().withStopping(new Stopping(s.warmup() + s.epochs(), 0, 0));
        DataPreparation.Prepared p = DataPreparation.prepareAll(data, set, cfg);
        long atoms = 0;
        for (int k = 0; k < p.data().size(); k++) {
            atoms += p.data().atoms(k);
        }
        Network[] nets = FitLoop.newNetworks(p.data(), cfg.network(), cfg.seed());
        double secs;
        double cpu;
        try (FitLoop fit = new FitLoop(p.data(), p.trainIdx(), p.valIdx(), nets, cfg, TrainJob.fitSpec(cfg, p))) {
            for (int e = 0; e < s.warmup(); e++) {
                fit.epoch();
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long c1 = mx.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            for (int e = 0; e < s.epochs(); e++) {
                fit.epoch();
            }
            secs = (System.nanoTime() - t1) * 1e-9;
            cpu = cfg.threads() == 1 ? (mx.getCurrentThreadCpuTime() - c1) * 1e-9 : Double.NaN;
        }
        double evals = atoms * (double) s.epochs();
        return new Result(p.data().size(), atoms, p.set().totalSize(), p.seconds(), secs / s.epochs(), evals / secs,
            evals / cpu);
    }

    /** The default training settings with the given network, batch, force weight and threads. */
    public static TrainConfig config(int[] hidden, int batch, double forces, int threads) {
        TrainConfig d = TrainConfig.defaults();
        return d.withNetwork(NetworkSettings.of(hidden, dev.sieve.nn.Activation.TANH))
            .withOptimizer(d.optimizer().withBatch(batch)).withForces(forces).withThreads(threads);
    }
}
