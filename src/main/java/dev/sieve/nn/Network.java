package dev.sieve.nn;

import dev.sieve.core.HotKernel;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One element's atomic neural network (a multilayer perceptron with one output, the atomic energy).
 *
 * <h2>Topology</h2>
 * Layer sizes {@code [nIn, h1, ..., hK, 1]}; layer 0 is the input, layers 1..L ({@code L = sizes.length - 1})
 * have activations {@code act[1..L]} (the last one is normally {@link Activation#IDENTITY}). Neuron j of layer l
 * computes {@code y_j = f_l(z_j)}, {@code z_j = (sum_i w_ij y_i + b_j) / c_l}, where {@code c_l = n_{l-1}} when
 * {@code normalizeNodes} is on (n2p2's {@code normalize_nodes}: the summed input including the bias is divided by the
 * number of neurons of the previous layer) and 1 otherwise.
 *
 * <h2>Parameter layout</h2>
 * All weights and biases live in one caller-visible {@code double[]} ({@link #params()}), in exactly the order of
 * n2p2's {@code weights.ZZZ.data}: for each layer l = 1..L, first the weights {@code w_ij} with the previous-layer
 * neuron i as the outer and the current neuron j as the inner index, at
 * {@code weightOffset(l) + i * n_l + j}, then the n_l biases at {@code biasOffset(l) + j}.
 *
 * <p>Consequently the <b>group of input feature g</b> (all weights from input g to the first hidden layer, the
 * column g of the first-layer weight matrix in the design notes) is the contiguous slice
 * {@code params[g * n1 .. g * n1 + n1)}, {@code n1 = sizes[1]}; see {@link #groupOffset(int)},
 * {@link #groupSize()}, {@link #groupNorm(int)} and {@link #scaleGroup(int, double)}. Gradients use the same layout.
 *
 * <h2>Kernels</h2>
 * Single-atom kernels use a {@link Workspace}, batched kernels a {@link BatchWorkspace}; both are caller-owned,
 * one per thread, and nothing is allocated per call. A network may be shared read-only by many threads (each with its
 * own workspace) as long as nobody writes the parameters meanwhile.
 *
 * <p>The batched kernels are vectorised across atoms with the JDK Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, and otherwise use a scalar implementation with bit-identical results.
 * All kernels are deterministic (no dependence on JIT state, timing or the SIMD width): batched energies and input
 * gradients equal the single-atom ones bit for bit, and batched parameter gradients sum over atoms in a fixed order
 * (equal to the single-atom accumulation to rounding).
 */
public final class Network {
    /** Atoms per block in the batched kernels (atom index innermost inside a block). */
    static final int BLOCK = 32;

    private final int[] sizes;
    private final Activation[] act;
    private final boolean normalizeNodes;
    private final int[] wOff;
    private final int[] bOff;
    /** Offset of layer l's neurons in the per-atom neuron arrays. */
    private final int[] nOff;
    private final int numNeurons;
    private final int maxWidth;
    private final double[] p;
    /** Batched-kernel implementation (package-private and mutable so that tests can compare both). */
    BatchKernels kernels = BatchKernels.get();

    /**
     * @param sizes          layer sizes including input and the single output neuron (at least 2 entries)
     * @param activations    one per non-input layer ({@code sizes.length - 1} entries)
     * @param normalizeNodes n2p2's {@code normalize_nodes}
     */
    public Network(int[] sizes, Activation[] activations, boolean normalizeNodes) {
        this(sizes, activations, normalizeNodes, null);
    }

    /**
     * As {@link #Network(int[], Activation[], boolean)} but using {@code params} (length {@link #numParams()}) as the
     * live parameter array (not copied). Null allocates a zero array.
     */
    public Network(int[] sizes, Activation[] activations, boolean normalizeNodes, double[] params) {
        NetworkLayout t = NetworkLayout.of(sizes, activations);
        this.sizes = sizes.clone();
        this.act = t.act();
        this.normalizeNodes = normalizeNodes;
        wOff = t.wOff();
        bOff = t.bOff();
        nOff = t.nOff();
        numNeurons = t.numNeurons();
        maxWidth = t.maxWidth();
        p = t.params(params, sizes);
    }

    /** Convenience: hidden layer sizes and activations as in {@code input.nn}. */
    public static Network of(int nIn, int[] hidden, List<Activation> activations, boolean normalizeNodes) {
        int[] s = new int[hidden.length + 2];
        s[0] = nIn;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = 1;
        return new Network(s, activations.toArray(new Activation[0]), normalizeNodes);
    }

    /** A network with the same topology and a copy of the parameters. */
    public Network copy() {
        return new Network(sizes, Arrays.copyOfRange(act, 1, act.length), normalizeNodes, p.clone());
    }

    // ------------------------------------------------------------------ topology and layout

    public int numInputs() {
        return sizes[0];
    }

    /** Number of layers after the input (L). */
    public int numLayers() {
        return sizes.length - 1;
    }

    /** Copy of the layer sizes [nIn, h1, ..., 1]. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Activation of layer l, 1 &lt;= l &lt;= L. */
    public Activation activation(int l) {
        return act[l];
    }

    public boolean normalizeNodes() {
        return normalizeNodes;
    }

    public int numParams() {
        return p.length;
    }

    /** The live parameter vector (n2p2 weights-file order); writes take effect immediately. */
    public double[] params() {
        return p;
    }

    /** Copies {@code src} (length {@link #numParams()}) into the parameters. */
    public void setParams(double[] src) {
        if (src.length != p.length) {
            throw new IllegalArgumentException("expected " + p.length + " parameters, got " + src.length);
        }
        System.arraycopy(src, 0, p, 0, p.length);
    }

    /** Index of w_ij of layer l (i in layer l-1, j in layer l, both 0-based). */
    public int weightIndex(int l, int i, int j) {
        return wOff[l] + i * sizes[l] + j;
    }

    public int weightOffset(int l) {
        return wOff[l];
    }

    public int biasOffset(int l) {
        return bOff[l];
    }

    /** Start of the group of input feature g: the weights from input g to the first layer. */
    public int groupOffset(int g) {
        if (g < 0 || g >= sizes[0]) {
            throw new IndexOutOfBoundsException("feature " + g + " out of range [0, " + sizes[0] + ")");
        }
        return g * sizes[1];
    }

    /** Length of every group (the width of the first layer). */
    public int groupSize() {
        return sizes[1];
    }

    /** Euclidean norm of the group of feature g. */
    public double groupNorm(int g) {
        int o = groupOffset(g);
        double s = 0.0;
        for (int j = 0; j < sizes[1]; j++) {
            s += p[o + j] * p[o + j];
        }
        return Math.sqrt(s);
    }

    /** Copies the group of feature g (the n1 weights from input g to the first layer) into {@code out[0..n1)}. */
    public void copyGroup(int g, double[] out) {
        System.arraycopy(p, groupOffset(g), out, 0, sizes[1]);
    }

    /** Multiplies the group of feature g by {@code factor} (0 removes the feature). */
    public void scaleGroup(int g, double factor) {
        int o = groupOffset(g);
        for (int j = 0; j < sizes[1]; j++) {
            p[o + j] *= factor;
        }
    }

    /** True when parameter index k is a first-layer weight (a member of some feature's group). */
    public boolean isFirstLayerWeight(int k) {
        return k >= 0 && k < bOff[1];
    }

    /** True when parameter index k is a bias. */
    public boolean isBias(int k) {
        for (int l = 1; l < sizes.length; l++) {
            if (k >= bOff[l] && k < bOff[l] + sizes[l]) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ initialisation

    /**
     * Glorot (Xavier) uniform initialisation: every weight of layer l uniform in
     * {@code [-a_l, a_l)}, {@code a_l = sqrt(6 / (n_{l-1} + n_l))}; biases 0. This is n2p2's
     * {@code initializeConnectionsRandomUniform} followed by its Glorot-Bengio modification, applied to every layer
     * (n2p2 applies it to tanh layers only) and with zero biases. Reproducible: the draws are taken from {@code rng}
     * in parameter order, e.g. {@code new SplittableRandom(seed)}.
     */
    public void initialize(RandomGenerator rng) {
        for (int l = 1; l < sizes.length; l++) {
            double a = Math.sqrt(6.0 / (sizes[l - 1] + sizes[l]));
            for (int k = wOff[l]; k < bOff[l]; k++) {
                p[k] = a * (2.0 * rng.nextDouble() - 1.0);
            }
            Arrays.fill(p, bOff[l], bOff[l] + sizes[l], 0.0);
        }
    }

    // ------------------------------------------------------------------ single-atom kernels

    /** Scratch for the single-atom kernels; one per thread. */
    public static final class Workspace {
        final double[] z;
        final double[] y;
        final double[] g;
        final double[] zd;
        final double[] yd;
        final double[] gd;
        final int numNeurons;

        Workspace(int numNeurons) {
            this.numNeurons = numNeurons;
            z = new double[numNeurons];
            y = new double[numNeurons];
            g = new double[numNeurons];
            zd = new double[numNeurons];
            yd = new double[numNeurons];
            gd = new double[numNeurons];
        }
    }

    public Workspace newWorkspace() {
        return new Workspace(numNeurons);
    }

    private void checkWs(Workspace ws) {
        if (ws.numNeurons != numNeurons) {
            throw new IllegalArgumentException("workspace belongs to a different topology");
        }
    }

    /** Atomic energy (network output) for one input vector x (length nIn, already scaled). */
    public double energy(double[] x, Workspace ws) {
        checkWs(ws);
        forward(x, 0, ws);
        return ws.y[nOff[sizes.length - 1]];
    }

    /** As {@link #energy(double[], Workspace)} with the input at {@code x[xOff..xOff+nIn)}. */
    public double energy(double[] x, int xOff, Workspace ws) {
        checkWs(ws);
        forward(x, xOff, ws);
        return ws.y[nOff[sizes.length - 1]];
    }

    private void forward(double[] x, int xOff, Workspace ws) {
        double[] z = ws.z;
        double[] y = ws.y;
        System.arraycopy(x, xOff, y, 0, sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            int nP = sizes[l - 1];
            int nC = sizes[l];
            int zo = nOff[l];
            int yo = nOff[l - 1];
            int w = wOff[l];
            // z_j = b_j, then fma(y_i, w_ij, z_j) for i ascending: exactly the operations of the batched kernels
            kernels.layer(p, w, bOff[l], nP, nC, y, yo, z, zo);
            if (normalizeNodes) {
                for (int j = 0; j < nC; j++) {
                    z[zo + j] /= nP;
                }
            }
            act[l].apply(z, y, zo, nC);
        }
    }

    /**
     * Energy and its gradient with respect to the inputs, dE/dx (written to {@code dEdx[0..nIn)}); with the chain rule
     * through the scaling and dG/dr this gives the forces.
     */
    public double energyAndInputGradient(double[] x, Workspace ws, double[] dEdx) {
        return energyAndInputGradient(x, 0, ws, dEdx, 0);
    }

    /** Offset version of {@link #energyAndInputGradient(double[], Workspace, double[])}. */
    public double energyAndInputGradient(double[] x, int xOff, Workspace ws, double[] dEdx, int dOff) {
        checkWs(ws);
        forward(x, xOff, ws);
        backpropAdjoint(1.0, ws);
        System.arraycopy(ws.g, 0, dEdx, dOff, sizes[0]);
        return ws.y[nOff[sizes.length - 1]];
    }

    /**
     * Reverse sweep after a forward pass: afterwards {@code ws.g[nOff[l] + j]} holds seed * dE/dz_j for layers
     * l &gt;= 1 (derivative w.r.t. the normalised pre-activation, i.e. after division by c_l folded in: dE/d(sum))
     * and dE/dy for layer 0 (the inputs).
     */
    private void backpropAdjoint(double seed, Workspace ws) {
        double[] z = ws.z;
        double[] y = ws.y;
        double[] g = ws.g;
        int L = sizes.length - 1;
        int o = nOff[L];
        g[o] = seed;
        for (int l = L; l >= 1; l--) {
            int nP = sizes[l - 1];
            int nC = sizes[l];
            int zo = nOff[l];
            // g holds dE/dy_l; turn it into dE/d(sum_l) = dE/dy * f'(z) / c_l
            act[l].multiplyDerivative(z, y, zo, g, zo, nC);
            if (normalizeNodes) {
                for (int j = 0; j < nC; j++) {
                    g[zo + j] /= nP;
                }
            }
            int yo = nOff[l - 1];
            int w = wOff[l];
            for (int i = 0; i < nP; i++) {
                int wr = w + i * nC;
                double s = 0.0;
                for (int j = 0; j < nC; j++) {
                    s = Math.fma(g[zo + j], p[wr + j], s); // the order of the batched kernels
                }
                g[yo + i] = s;
            }
        }
    }

    /**
     * Forward pass and accumulation of {@code dLdE * dE/dp} into {@code grad} (length {@link #numParams()}, same
     * layout as the parameters). Returns the energy.
     */
    public double accumulateParamGradient(double[] x, int xOff, double dLdE, Workspace ws, double[] grad) {
        checkWs(ws);
        forward(x, xOff, ws);
        backpropAdjoint(dLdE, ws);
        double[] y = ws.y;
        double[] g = ws.g;
        for (int l = 1; l < sizes.length; l++) {
            int nP = sizes[l - 1];
            int nC = sizes[l];
            int zo = nOff[l];
            int yo = nOff[l - 1];
            int w = wOff[l];
            for (int i = 0; i < nP; i++) {
                double yi = y[yo + i];
                int wr = w + i * nC;
                for (int j = 0; j < nC; j++) {
                    grad[wr + j] += yi * g[zo + j];
                }
            }
            int b = bOff[l];
            for (int j = 0; j < nC; j++) {
                grad[b + j] += g[zo + j];
            }
        }
        return ws.y[nOff[sizes.length - 1]];
    }

    /**
     * The second-order piece for force training. With s(p) = dE/dx(x; p) · v, accumulates {@code scale * ds/dp} into
     * {@code grad} and returns s. (For forces F = -sum_i dE_i/dG_i · dG_i/dr, the force loss gradient is a sum of such
     * terms with v_i = sum over force components of dLoss/dF times dG_i/dr.)
     *
     * <p>Method: forward-mode tangent (z', y') of the network along v, then a reverse sweep through both the primal and
     * the tangent computation. Costs about three energy evaluations.
     */
    public double accumulateInputGradientDotParamGradient(double[] x, int xOff, double[] v, int vOff, double scale,
                                                          Workspace ws, double[] grad) {
        checkWs(ws);
        forward(x, xOff, ws);
        double[] z = ws.z;
        double[] y = ws.y;
        double[] zd = ws.zd;
        double[] yd = ws.yd;
        double[] g = ws.g;
        double[] gd = ws.gd;
        int L = sizes.length - 1;
        // tangent sweep: yd_0 = v, zd_l = W_l^T yd_{l-1} / c_l, yd_l = f'(z_l) zd_l
        System.arraycopy(v, vOff, yd, 0, sizes[0]);
        for (int l = 1; l <= L; l++) {
            int nP = sizes[l - 1];
            int nC = sizes[l];
            int zo = nOff[l];
            int yo = nOff[l - 1];
            int w = wOff[l];
            Arrays.fill(zd, zo, zo + nC, 0.0);
            for (int i = 0; i < nP; i++) {
                double t = yd[yo + i];
                int wr = w + i * nC;
                for (int j = 0; j < nC; j++) {
                    zd[zo + j] += t * p[wr + j];
                }
            }
            if (normalizeNodes) {
                for (int j = 0; j < nC; j++) {
                    zd[zo + j] /= nP;
                }
            }
            Activation a = act[l];
            for (int j = 0; j < nC; j++) {
                yd[zo + j] = a.derivative(z[zo + j], y[zo + j]) * zd[zo + j];
            }
        }
        double s = yd[nOff[L]];
        // reverse sweep: g = adjoint of y (primal), gd = adjoint of yd (tangent); s depends on yd_L only
        g[nOff[L]] = 0.0;
        gd[nOff[L]] = scale;
        for (int l = L; l >= 1; l--) {
            int nP = sizes[l - 1];
            int nC = sizes[l];
            int zo = nOff[l];
            int yo = nOff[l - 1];
            Activation a = act[l];
            for (int j = 0; j < nC; j++) {
                double zj = z[zo + j];
                double yj = y[zo + j];
                double d1 = a.derivative(zj, yj);
                double d2 = a.secondDerivative(zj, yj);
                double gbar = g[zo + j];
                double gdbar = gd[zo + j];
                // adjoint of z: from y = f(z) and yd = f'(z) zd
                double zbar = d1 * gbar + d2 * zd[zo + j] * gdbar;
                // adjoint of zd: from yd = f'(z) zd
                double zdbar = d1 * gdbar;
                if (normalizeNodes) {
                    zbar /= nP;
                    zdbar /= nP;
                }
                g[zo + j] = zbar;
                gd[zo + j] = zdbar;
            }
            int w = wOff[l];
            for (int i = 0; i < nP; i++) {
                double yi = y[yo + i];
                double ydi = yd[yo + i];
                int wr = w + i * nC;
                double sg = 0.0;
                double sgd = 0.0;
                for (int j = 0; j < nC; j++) {
                    double wij = p[wr + j];
                    double zbar = g[zo + j];
                    double zdbar = gd[zo + j];
                    grad[wr + j] += yi * zbar + ydi * zdbar;
                    sg += wij * zbar;
                    sgd += wij * zdbar;
                }
                g[yo + i] = sg;
                gd[yo + i] = sgd;
            }
            int b = bOff[l];
            for (int j = 0; j < nC; j++) {
                grad[b + j] += g[zo + j];
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ batched kernels


    /** A batch workspace for up to {@code capacity} atoms per {@link #forwardBatch} call. */
    public BatchWorkspace newBatchWorkspace(int capacity) {
        return new BatchWorkspace(capacity, numNeurons, maxWidth, p.length);
    }

    private void checkWs(BatchWorkspace ws, int n) {
        ws.check(numNeurons, maxWidth, p.length, n);
    }

    /** Name of the batched-kernel implementation in use ("vector(8x double)" or "scalar"), for benchmark output. */
    public static String batchKernelName() {
        return BatchKernels.get().name();
    }

    /**
     * Energies of {@code n} atoms whose inputs are the rows of a row-major matrix:
     * atom a's input is {@code x[xOff + a * stride .. + nIn)}. Writes {@code energies[eOff + a]} and keeps the
     * activations in {@code ws} for {@link #backwardBatch}. Results equal {@link #energy} bit for bit: both evaluate
     * the same IEEE operations in the same order (z_j = b_j, then one fused multiply-add per input in ascending
     * order, the division of normalize_nodes, the deterministic {@link Activation#tanh}), whether the SIMD or the
     * scalar batch kernels are in use.
     */
    public void forwardBatch(double[] x, int xOff, int stride, int n, double[] energies, int eOff, BatchWorkspace ws) {
        checkWs(ws, n);
        if (stride < sizes[0]) {
            throw new IllegalArgumentException("row stride " + stride + " is smaller than the input size " + sizes[0]);
        }
        final BatchKernels k = kernels;
        final int L = sizes.length - 1;
        final double[] zs = ws.z;
        final double[] ys = ws.y;
        final int nIn = sizes[0];
        for (int a0 = 0, blk = 0; a0 < n; a0 += BLOCK, blk++) {
            final int bn = Math.min(BLOCK, n - a0);
            final int base = blk * ws.blockStride;
            // transpose the input block: y[layer 0][i][a]; pad a partial block with zeros
            for (int a = 0; a < bn; a++) {
                int r = xOff + (a0 + a) * stride;
                for (int i = 0; i < nIn; i++) {
                    ys[base + i * BLOCK + a] = x[r + i];
                }
            }
            if (bn < BLOCK) {
                for (int i = 0; i < nIn; i++) {
                    Arrays.fill(ys, base + i * BLOCK + bn, base + (i + 1) * BLOCK, 0.0);
                }
            }
            for (int l = 1; l <= L; l++) {
                final int nP = sizes[l - 1];
                final int nC = sizes[l];
                final int zo = base + nOff[l] * BLOCK;
                k.matmul(p, wOff[l], nC, 1, bOff[l], nP, nC, ys, base + nOff[l - 1] * BLOCK, zs, zo, normalizeNodes,
                        nP);
                if (act[l] == Activation.TANH) {
                    k.tanh(zs, zo, ys, zo, nC * BLOCK);
                } else {
                    act[l].apply(zs, ys, zo, nC * BLOCK);
                }
            }
            System.arraycopy(ys, base + nOff[L] * BLOCK, energies, eOff + a0, bn);
        }
        ws.lastCount = n;
    }

    /** {@link #forwardBatch(double[], int, int, int, double[], int, BatchWorkspace)} with offset 0 and stride nIn. */
    public void forwardBatch(double[] x, int n, double[] energies, BatchWorkspace ws) {
        forwardBatch(x, 0, sizes[0], n, energies, 0, ws);
    }

    /** d (one block, dL/dy of layer l) becomes dL/d(sum) = dL/dy * f'(z) / c_l; {@code o} is layer l's block offset. */
    private void toPreActivation(BatchKernels k, int l, double[] zs, double[] ys, int o, double[] d) {
        final int len = sizes[l] * BLOCK;
        final Activation f = act[l];
        if (f == Activation.TANH) {
            k.tanhDerivative(ys, o, d, 0, len);
        } else if (f != Activation.IDENTITY) {
            f.multiplyDerivative(zs, ys, o, d, 0, len);
        }
        if (normalizeNodes) {
            k.divide(d, 0, len, sizes[l - 1]);
        }
    }

    /** dp[i][a] = sum_j w_ij d[j][a] for layer l (w_ij from neuron i of layer l-1 to j of layer l). */
    private void propagate(BatchKernels k, int l, double[] d, double[] dp) {
        k.matmul(p, wOff[l], 1, sizes[l], -1, sizes[l], sizes[l - 1], d, 0, dp, 0, false, 1.0);
    }

    /** grad[q] += the W lanes of acc for parameter q, summed pairwise in a fixed order. */
    private void reduceInto(double[] acc, double[] grad) {
        for (int q = 0, o = 0; q < p.length; q++, o += BatchKernels.W) {
            grad[q] += ((acc[o] + acc[o + 1]) + (acc[o + 2] + acc[o + 3]))
                    + ((acc[o + 4] + acc[o + 5]) + (acc[o + 6] + acc[o + 7]));
        }
    }

    /**
     * Accumulates {@code sum_a dLdE[dOff + a] * dE_a/dp} into {@code grad} for the {@code n} atoms of the preceding
     * {@link #forwardBatch} on the same workspace (which must have been called with the same n). Deterministic:
     * the sum over atoms runs in a fixed order (eight lane-wise partial sums, atom a into lane a mod 8, reduced
     * pairwise at the end), identical for the SIMD and the scalar kernels; it equals the per-atom
     * {@link #accumulateParamGradient} to rounding.
     */
    public void backwardBatch(double[] dLdE, int dOff, int n, BatchWorkspace ws, double[] grad) {
        checkWs(ws, n);
        if (ws.lastCount != n) {
            throw new IllegalStateException("backwardBatch for " + n + " atoms, but the last forwardBatch had "
                    + ws.lastCount);
        }
        if (grad.length != p.length) {
            throw new IllegalArgumentException("gradient array has " + grad.length + " entries, expected " + p.length);
        }
        final BatchKernels k = kernels;
        final int L = sizes.length - 1;
        final double[] zs = ws.z;
        final double[] ys = ws.y;
        final double[] acc = ws.acc;
        Arrays.fill(acc, 0.0);
        for (int a0 = 0, blk = 0; a0 < n; a0 += BLOCK, blk++) {
            final int bn = Math.min(BLOCK, n - a0);
            final int base = blk * ws.blockStride;
            double[] d = ws.d;
            double[] dp = ws.dPrev;
            // d[j][a] = dL/dy of the output layer; zero in the padding lanes
            System.arraycopy(dLdE, dOff + a0, d, 0, bn);
            if (bn < BLOCK) {
                Arrays.fill(d, bn, BLOCK, 0.0);
            }
            for (int l = L; l >= 1; l--) {
                toPreActivation(k, l, zs, ys, base + nOff[l] * BLOCK, d);
                k.gradient(ys, base + nOff[l - 1] * BLOCK, d, 0, sizes[l - 1], sizes[l], acc, wOff[l], bOff[l]);
                if (l > 1) {
                    propagate(k, l, d, dp);
                    double[] t = d;
                    d = dp;
                    dp = t;
                }
            }
        }
        reduceInto(acc, grad);
    }

    /**
     * dE/dx of the {@code n} atoms of the preceding {@link #forwardBatch} on {@code ws}: atom a's gradient goes to
     * {@code dEdx[off + a * stride .. + nIn)}. Equals {@link #energyAndInputGradient} to rounding.
     */
    public void inputGradientBatch(int n, BatchWorkspace ws, double[] dEdx, int off, int stride) {
        checkWs(ws, n);
        if (ws.lastCount != n) {
            throw new IllegalStateException("inputGradientBatch for " + n + " atoms, but the last forwardBatch had "
                    + ws.lastCount);
        }
        if (stride < sizes[0]) {
            throw new IllegalArgumentException("row stride " + stride + " is smaller than the input size " + sizes[0]);
        }
        final BatchKernels k = kernels;
        final int L = sizes.length - 1;
        final int nIn = sizes[0];
        for (int a0 = 0, blk = 0; a0 < n; a0 += BLOCK, blk++) {
            final int bn = Math.min(BLOCK, n - a0);
            final int base = blk * ws.blockStride;
            double[] d = ws.d;
            double[] dp = ws.dPrev;
            Arrays.fill(d, 0, BLOCK, 1.0);
            for (int l = L; l >= 1; l--) {
                toPreActivation(k, l, ws.z, ws.y, base + nOff[l] * BLOCK, d);
                propagate(k, l, d, dp);
                double[] t = d;
                d = dp;
                dp = t;
            }
            for (int a = 0; a < bn; a++) {
                final int r = off + (a0 + a) * stride;
                for (int i = 0; i < nIn; i++) {
                    dEdx[r + i] = d[i * BLOCK + a];
                }
            }
        }
    }

    /**
     * Batched form of {@link #accumulateInputGradientDotParamGradient} for the {@code n} atoms of the preceding
     * {@link #forwardBatch}: with s_a = dE_a/dx · v_a ({@code v_a = v[vOff + a * vStride .. + nIn)}), writes s_a to
     * {@code s[sOff + a]} (if {@code s} is not null) and accumulates {@code sum_a c[cOff + a] * ds_a/dp} into
     * {@code grad} (deterministic order as in {@link #backwardBatch}).
     */
    @HotKernel("the training kernel of the force term (one call per structure and step): the forward-mode and the "
        + "reverse pass over the layers of one atom block share the workspace arrays and block indices; the block "
        + "loop body is above C2's 325-byte inlining limit, so splitting it into methods would add calls per layer "
        + "and block")
    public void accumulateInputGradientDotParamGradientBatch(double[] v, int vOff, int vStride, double[] c, int cOff,
                                                             int n, BatchWorkspace ws, double[] grad, double[] s,
                                                             int sOff) {
        checkWs(ws, n);
        if (ws.lastCount != n) {
            throw new IllegalStateException("second-order batch for " + n + " atoms, but the last forwardBatch had "
                    + ws.lastCount);
        }
        if (vStride < sizes[0]) {
            throw new IllegalArgumentException("row stride " + vStride + " is smaller than the input size " + sizes[0]);
        }
        if (grad.length != p.length) {
            throw new IllegalArgumentException("gradient array has " + grad.length + " entries, expected " + p.length);
        }
        final BatchKernels k = kernels;
        final int L = sizes.length - 1;
        final int nIn = sizes[0];
        final double[] zs = ws.z;
        final double[] ys = ws.y;
        final double[] zd = ws.zd;
        final double[] yd = ws.yd;
        final double[] acc = ws.acc;
        Arrays.fill(acc, 0.0);
        for (int a0 = 0, blk = 0; a0 < n; a0 += BLOCK, blk++) {
            final int bn = Math.min(BLOCK, n - a0);
            final int base = blk * ws.blockStride;
            // tangent sweep: yd_0 = v, zd_l = (W_l^T yd_{l-1}) / c_l, yd_l = f'(z_l) zd_l
            Arrays.fill(yd, 0, nIn * BLOCK, 0.0);
            for (int a = 0; a < bn; a++) {
                final int r = vOff + (a0 + a) * vStride;
                for (int i = 0; i < nIn; i++) {
                    yd[i * BLOCK + a] = v[r + i];
                }
            }
            for (int l = 1; l <= L; l++) {
                final int nP = sizes[l - 1];
                final int nC = sizes[l];
                final int o = nOff[l] * BLOCK;
                k.matmul(p, wOff[l], nC, 1, -1, nP, nC, yd, nOff[l - 1] * BLOCK, zd, o, normalizeNodes, nP);
                final Activation f = act[l];
                if (f == Activation.TANH) {
                    for (int q = 0; q < nC * BLOCK; q++) {
                        final double t = ys[base + o + q];
                        yd[o + q] = (1.0 - t * t) * zd[o + q];
                    }
                } else if (f == Activation.IDENTITY) {
                    System.arraycopy(zd, o, yd, o, nC * BLOCK);
                } else {
                    for (int q = 0; q < nC * BLOCK; q++) {
                        yd[o + q] = f.derivative(zs[base + o + q], ys[base + o + q]) * zd[o + q];
                    }
                }
            }
            if (s != null) {
                System.arraycopy(yd, nOff[L] * BLOCK, s, sOff + a0, bn);
            }
            // reverse sweep: g = adjoint of y, gd = adjoint of yd; the output seeds are g = 0, gd = c
            double[] g = ws.d;
            double[] gPrev = ws.dPrev;
            double[] gd = ws.gd;
            double[] gdPrev = ws.gdPrev;
            Arrays.fill(g, 0, BLOCK, 0.0);
            System.arraycopy(c, cOff + a0, gd, 0, bn);
            Arrays.fill(gd, bn, BLOCK, 0.0);
            for (int l = L; l >= 1; l--) {
                final int nP = sizes[l - 1];
                final int nC = sizes[l];
                final int o = nOff[l] * BLOCK;
                final Activation f = act[l];
                if (f == Activation.TANH) {
                    for (int q = 0; q < nC * BLOCK; q++) {
                        final double t = ys[base + o + q];
                        final double d1 = 1.0 - t * t;
                        final double d2 = -2.0 * t * d1;
                        g[q] = d1 * g[q] + d2 * zd[o + q] * gd[q];
                        gd[q] = d1 * gd[q];
                    }
                } else {
                    for (int q = 0; q < nC * BLOCK; q++) {
                        final double zq = zs[base + o + q];
                        final double yq = ys[base + o + q];
                        final double d1 = f.derivative(zq, yq);
                        final double d2 = f.secondDerivative(zq, yq);
                        g[q] = d1 * g[q] + d2 * zd[o + q] * gd[q];
                        gd[q] = d1 * gd[q];
                    }
                }
                if (normalizeNodes) {
                    k.divide(g, 0, nC * BLOCK, nP);
                    k.divide(gd, 0, nC * BLOCK, nP);
                }
                k.gradient(ys, base + nOff[l - 1] * BLOCK, g, 0, nP, nC, acc, wOff[l], bOff[l]);
                k.gradient(yd, nOff[l - 1] * BLOCK, gd, 0, nP, nC, acc, wOff[l], -1);
                if (l > 1) {
                    propagate(k, l, g, gPrev);
                    propagate(k, l, gd, gdPrev);
                    double[] t = g;
                    g = gPrev;
                    gPrev = t;
                    t = gd;
                    gd = gdPrev;
                    gdPrev = t;
                }
            }
        }
        reduceInto(acc, grad);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network").append(Arrays.toString(sizes)).append(" act ");
        for (int l = 1; l < act.length; l++) {
            sb.append(act[l].letter());
        }
        if (normalizeNodes) {
            sb.append(" normalize_nodes");
        }
        return sb.append(", ").append(p.length).append(" parameters").toString();
    }
}
