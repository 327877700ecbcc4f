package dev.sieve.bench;

import dev.sieve.nn.BatchWorkspace;
import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import dev.sieve.train.optim.Adam;
import dev.sieve.train.optim.OptimizerSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Single-thread throughput of the batched network kernels ({@code sieve bench network}): atom-evaluations per
 * second for forward only, forward + backward (parameter gradient of a per-structure energy loss), forward +
 * backward + {@link Adam} step, forward + input gradient (forces), and forward + the second-order force-training
 * term. Each case runs a warm-up and then {@code repeats} timed repeats; rates are per second of thread CPU time
 * (robust on a shared machine) and of wall time.
 */
public final class NetworkBenchmark {
    private NetworkBenchmark() {}

    /** Rates of one case in atom-evaluations per second: per thread-CPU second (median, min, max) and wall (median). */
    public record Case(String name, double cpuMedian, double cpuMin, double cpuMax, double wallMedian) {}

    public record Result(String network, int params, int batchAtoms, String kernels, List<Case> cases) {}

    /** Atoms per structure of the energy loss (or the whole batch if smaller). */
    static final int STRUCTURE_ATOMS = 256;

    public static Result run(int nIn, int[] hidden, int batchAtoms, double seconds, int repeats) {
        if (nIn < 1 || batchAtoms < 1 || !(seconds > 0) || repeats < 1 || hidden.length == 0) {
            throw new IllegalArgumentException("need inputs >= 1, at least one hidden layer, batch atoms >= 1,"
                    + " seconds > 0 and repeats >= 1");
        }
        Activation[] act = new Activation[hidden.length + 1];
        Arrays.fill(act, Activation.TANH);
        act[hidden.length] = Activation.IDENTITY;
        Network net = Network.of(nIn, hidden, List.of(act), false);
        SplittableRandom rng = new SplittableRandom(42);
        net.initialize(rng);
        int n = batchAtoms;
        double[] x = random(rng, n * nIn, 1.0);
        double[] vv = random(rng, n * nIn, 0.5);
        int perStructure = Math.min(STRUCTURE_ATOMS, n);
        int nStruct = (n + perStructure - 1) / perStructure;
        double[] eref = random(rng, nStruct, 1.0);
        double[] e = new double[n];
        double[] dLdE = new double[n];
        double[] grad = new double[net.numParams()];
        double[] dEdx = new double[n * nIn];
        double[] c = new double[n];
        Arrays.fill(c, 1e-4);
        BatchWorkspace ws = net.newBatchWorkspace(n);
        Adam adam = new Adam(dev.sieve.train.TrainConfig.defaults().optimizer(), new int[] {net.numParams()});
        double[][] adamParams = {net.params()};
        double[][] adamGrad = {grad};
        double[] p0 = net.params().clone();

        List<Case> cases = new ArrayList<>();
        cases.add(time("forward", n, seconds, repeats, () -> net.forwardBatch(x, n, e, ws)));
        cases.add(time("forward + backward", n, seconds, repeats, () -> {
            net.forwardBatch(x, n, e, ws);
            lossGradient(e, eref, perStructure, dLdE);
            Arrays.fill(grad, 0.0);
            net.backwardBatch(dLdE, 0, n, ws, grad);
        }));
        cases.add(time("forward + backward + Adam", n, seconds, repeats, () -> {
            net.forwardBatch(x, n, e, ws);
            lossGradient(e, eref, perStructure, dLdE);
            Arrays.fill(grad, 0.0);
            net.backwardBatch(dLdE, 0, n, ws, grad);
            adam.update(adamParams, adamGrad, 1e-3);
        }));
        net.setParams(p0);
        cases.add(time("forward + input gradient", n, seconds, repeats, () -> {
            net.forwardBatch(x, n, e, ws);
            net.inputGradientBatch(n, ws, dEdx, 0, nIn);
        }));
        cases.add(time("forward + force term", n, seconds, repeats, () -> {
            net.forwardBatch(x, n, e, ws);
            Arrays.fill(grad, 0.0);
            net.accumulateInputGradientDotParamGradientBatch(vv, 0, nIn, c, 0, n, ws, grad, null, 0);
        }));
        int[] sizes = net.sizes();
        StringBuilder name = new StringBuilder();
        for (int k = 0; k < sizes.length; k++) {
            name.append(k == 0 ? "" : "-").append(sizes[k]);
        }
        return new Result(name.toString(), net.numParams(), n, Network.batchKernelName(), cases);
    }

    private static double[] random(SplittableRandom rng, int n, double half) {
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = half * (2.0 * rng.nextDouble() - 1.0);
        }
        return a;
    }

    /** dL/dE_a for L = mean over structures of (mean atomic energy - reference)^2. */
    private static void lossGradient(double[] e, double[] eref, int perStructure, double[] dLdE) {
        int n = e.length;
        int nStruct = eref.length;
        for (int s = 0; s < nStruct; s++) {
            int from = s * perStructure;
            int to = Math.min(n, from + perStructure);
            double sum = 0.0;
            for (int a = from; a < to; a++) {
                sum += e[a];
            }
            int na = to - from;
            double err = sum / na - eref[s];
            double g = 2.0 * err / na / nStruct;
            Arrays.fill(dLdE, from, to, g);
        }
    }

    private static Case time(String name, int atoms, double seconds, int repeats, Runnable body) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
        // warm-up: until the JIT has settled, at least 20 calls and 0.3 s (at most a fifth of the timed budget more)
        long w0 = System.nanoTime();
        long warmNanos = (long) (Math.max(0.3, 0.2 * seconds) * 1e9);
        for (int k = 0; k < 20 || System.nanoTime() - w0 < warmNanos; k++) {
            body.run();
        }
        double[] cpu = new double[repeats];
        double[] wall = new double[repeats];
        long perRepeat = (long) (seconds / repeats * 1e9);
        for (int r = 0; r < repeats; r++) {
            long c0 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            long calls = 0;
            long t;
            do {
                body.run();
                calls++;
                t = System.nanoTime();
            } while (t - t0 < perRepeat);
            long c1 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
            double evals = (double) calls * atoms;
            wall[r] = evals / ((t - t0) * 1e-9);
            cpu[r] = cpuTime && c1 > c0 ? evals / ((c1 - c0) * 1e-9) : wall[r];
        }
        double[] sorted = cpu.clone();
        Arrays.sort(sorted);
        return new Case(name, median(cpu), sorted[0], sorted[repeats - 1], median(wall));
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
