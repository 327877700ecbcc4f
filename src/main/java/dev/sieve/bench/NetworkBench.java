package dev.sieve.bench;

import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import java.util.SplittableRandom;

/**
 * Throughput of the batched network kernels on one thread: forward + backward (parameter gradient of a per-structure
 * energy loss) + an Adam step, for a 22-10-10-1 tanh network and a batch of 64 structures x 256 atoms.
 * Not a unit test. Run: {@code java -cp target/classes dev.sieve.bench.NetworkBench [seconds]}.
 */
public final class NetworkBench {
    private NetworkBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        int nStruct = 64;
        int nAtoms = 256;
        int nIn = 22;
        int n = nStruct * nAtoms;
        Network net = new Network(new int[] {nIn, 10, 10, 1},
                new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY}, false);
        SplittableRandom rng = new SplittableRandom(42);
        net.initialize(rng);
        double[] x = new double[n * nIn];
        for (int k = 0; k < x.length; k++) {
            x[k] = 2.0 * rng.nextDouble() - 1.0;
        }
        double[] eref = new double[nStruct];
        for (int s = 0; s < nStruct; s++) {
            eref[s] = rng.nextDouble();
        }
        double[] e = new double[n];
        double[] dLdE = new double[n];
        double[] grad = new double[net.numParams()];
        double[] m = new double[net.numParams()];
        double[] v = new double[net.numParams()];
        Network.BatchWorkspace ws = net.newBatchWorkspace(n);
        double[] p = net.params();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = 0;
        long steps = 0;
        long t0 = System.nanoTime();
        long warm = t0 + 2_000_000_000L;
        long tStart = 0;
        double loss = 0;
        while (true) {
            long now = System.nanoTime();
            if (tStart == 0 && now > warm) {
                tStart = now;
                cpuStart = mx.getCurrentThreadCpuTime();
                steps = 0;
            }
            if (tStart != 0 && now - tStart > seconds * 1e9) {
                break;
            }
            net.forwardBatch(x, n, e, ws);
            loss = 0;
            for (int s = 0; s < nStruct; s++) {
                double sum = 0;
                for (int a = 0; a < nAtoms; a++) {
                    sum += e[s * nAtoms + a];
                }
                double err = (sum - eref[s] * nAtoms) / nAtoms;
                loss += err * err / nStruct;
                double g = 2.0 * err / nAtoms / nStruct;
                for (int a = 0; a < nAtoms; a++) {
                    dLdE[s * nAtoms + a] = g;
                }
            }
            java.util.Arrays.fill(grad, 0.0);
            net.backwardBatch(dLdE, 0, n, ws, grad);
            steps++;
            double b1 = 0.9;
            double b2 = 0.999;
            double lr = 1e-3;
            double c1 = 1 - Math.pow(b1, steps);
            double c2 = 1 - Math.pow(b2, steps);
            for (int k = 0; k < p.length; k++) {
                m[k] = b1 * m[k] + (1 - b1) * grad[k];
                v[k] = b2 * v[k] + (1 - b2) * grad[k] * grad[k];
                p[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + 1e-8);
            }
        }
        double dt = (System.nanoTime() - tStart) * 1e-9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
        double rate = steps * (double) n / dt;
        System.out.printf("22-10-10-1 tanh, batch %d x %d atoms: %d steps in %.2f s wall (%.2f s thread CPU):"
                + " %.3g atom-evaluations/s wall, %.3g per thread-CPU-second (forward+backward+Adam), final loss %.3g%n",
                nStruct, nAtoms, steps, dt, cpu, rate, steps * (double) n / cpu, loss);
        // forward only
        long f0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        int fs = 0;
        while (System.nanoTime() - f0 < 2e9) {
            net.forwardBatch(x, n, e, ws);
            fs++;
        }
        double fcpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
        System.out.printf("forward only: %.3g atom-evaluations per thread-CPU-second%n", fs * (double) n / fcpu);
        // force-training piece: forward + gradient of dE/dx . v (v = one random direction per atom)
        double[] vv = new double[n * nIn];
        for (int k = 0; k < vv.length; k++) {
            vv[k] = rng.nextDouble() - 0.5;
        }
        double[] c = new double[n];
        java.util.Arrays.fill(c, 1e-4);
        long s0 = System.nanoTime();
        long sc0 = mx.getCurrentThreadCpuTime();
        int ss = 0;
        while (System.nanoTime() - s0 < 2e9) {
            net.forwardBatch(x, n, e, ws);
            net.accumulateInputGradientDotParamGradientBatch(vv, 0, nIn, c, 0, n, ws, grad, null, 0);
            ss++;
        }
        double scpu = (mx.getCurrentThreadCpuTime() - sc0) * 1e-9;
        System.out.printf("forward + second-order (force term): %.3g atom-evaluations per thread-CPU-second%n",
                ss * (double) n / scpu);
    }
}
