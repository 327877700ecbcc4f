package dev.sieve.train;

import dev.sieve.nn.BatchWorkspace;
import dev.sieve.nn.Network;
import dev.sieve.train.optim.JacobianRows;
import java.util.Arrays;

/**
 * Per-observation Jacobian rows for second-order training ({@link JacobianRows}): the derivative of a structure's
 * total network energy, or of one force component on one force atom, with respect to every parameter of every
 * element's network, as one vector (element e's parameters at {@link #offset(int)}). A force row is the network's
 * input-gradient's parameter gradient contracted with dG/dr, the same contraction the force loss gradient uses
 * ({@link LossEngine}); energies and forces are the networks' (without the subtracted atom energies, like the
 * training targets). One instance per thread; allocation-free after construction.
 */
final class NetworkJacobianRows implements JacobianRows {
    private final TrainingData data;
    private final Network[] nets;
    private final int ne;
    private final int[] pOff;
    private final int size;
    private final BatchWorkspace[] ws;
    private final double[][] energies;
    private final double[][] ones;
    private final double[][] minusOnes;
    private final double[][] dEdx;
    private final double[][] v;
    private final double[][] grad;
    private int current = -1;
    private float[] loadedDerivatives;                  // derivative blocks of structure derivativesOf
    private int derivativesOf = -1;
    private final float[][] dHolder = new float[1][];   // their buffer when they are recomputed on the fly
    private boolean haveInputGradient;

    NetworkJacobianRows(TrainingData data, Network[] nets) {
        this.data = data;
        this.nets = nets;
        this.ne = data.ne;
        pOff = new int[ne + 1];
        for (int e = 0; e < ne; e++) {
            pOff[e + 1] = pOff[e] + nets[e].numParams();
        }
        size = pOff[ne];
        int[] cap = new int[ne];
        for (int k = 0; k < data.size; k++) {
            for (int e = 0; e < ne; e++) {
                cap[e] = Math.max(cap[e], data.counts[k][e]);
            }
        }
        ws = new BatchWorkspace[ne];
        energies = new double[ne][];
        ones = new double[ne][];
        minusOnes = new double[ne][];
        dEdx = new double[ne][];
        v = new double[ne][];
        grad = new double[ne][];
        for (int e = 0; e < ne; e++) {
            int c = Math.max(1, cap[e]);
            ws[e] = nets[e].newBatchWorkspace(c);
            energies[e] = new double[c];
            ones[e] = new double[c];
            Arrays.fill(ones[e], 1.0);
            minusOnes[e] = new double[c];
            Arrays.fill(minusOnes[e], -1.0);
            dEdx[e] = new double[c * data.nf[e]];
            v[e] = new double[c * data.nf[e]];
            grad[e] = new double[nets[e].numParams()];
        }
    }

    /** Length of a row: all parameters of all elements. */
    public int size() {
        return size;
    }

    /** Where element e's parameters start in a row. */
    public int offset(int e) {
        return pOff[e];
    }

    /** The derivative blocks of the loaded structure (recomputed only when another structure is loaded). */
    private float[] derivatives() {
        if (derivativesOf != current) {
            loadedDerivatives = data.derivatives(current, dHolder);
            derivativesOf = current;
        }
        return loadedDerivatives;
    }

    /** Forward pass of structure k with the current parameters (call again after the parameters change). */
    public void load(int k) {
        for (int e = 0; e < ne; e++) {
            int n = data.counts[k][e];
            if (n > 0) {
                nets[e].forwardBatch(data.x[k], data.xOff[k][e], data.nf[e], n, energies[e], 0, ws[e]);
            }
        }
        current = k;
        haveInputGradient = false;
    }

    /** Total network energy of the loaded structure. */
    public double energy() {
        double en = 0;
        for (int e = 0; e < ne; e++) {
            for (int r = 0, n = data.counts[current][e]; r < n; r++) {
                en += energies[e][r];
            }
        }
        return en;
    }

    /** d(total network energy)/dp of the loaded structure into {@code row}; returns the energy. */
    public double energyRow(double[] row) {
        for (int e = 0; e < ne; e++) {
            int n = data.counts[current][e];
            Arrays.fill(grad[e], 0.0);
            if (n > 0) {
                nets[e].backwardBatch(ones[e], 0, n, ws[e], grad[e]);
            }
            System.arraycopy(grad[e], 0, row, pOff[e], grad[e].length);
        }
        return energy();
    }

    /** Number of force atoms of the loaded structure. */
    public int forceAtoms() {
        return data.nForce[current];
    }

    /** Reference force component c of force atom j of the loaded structure. */
    public double referenceForce(int j, int c) {
        return data.fRef[current][3 * j + c];
    }

    /** Network force component c on force atom j of the loaded structure. */
    public double force(int j, int c) {
        inputGradient();
        int k = current;
        int[] ps = data.pairStart[k];
        int[] pe = data.pairElem[k];
        int[] pr = data.pairRow[k];
        int[] po = data.pairDOff[k];
        float[] d = derivatives();
        double f = 0;
        for (int p = ps[j]; p < ps[j + 1]; p++) {
            int e = pe[p];
            int nfe = data.nf[e];
            double[] gx = dEdx[e];
            int xo = pr[p] * nfe;
            int o = po[p] + c * nfe;
            for (int kk = 0; kk < nfe; kk++) {
                f += gx[xo + kk] * d[o + kk];
            }
        }
        return -f;
    }

    /** dF_jc/dp of the loaded structure into {@code row}; returns F_jc. */
    public double forceRow(int j, int c, double[] row) {
        double f = force(j, c);
        int k = current;
        int[] ps = data.pairStart[k];
        int[] pe = data.pairElem[k];
        int[] pr = data.pairRow[k];
        int[] po = data.pairDOff[k];
        float[] d = derivatives();
        // v_a = dG_a/dr_jc for the atoms a paired with j (rows of their element), zero elsewhere
        for (int p = ps[j]; p < ps[j + 1]; p++) {
            int e = pe[p];
            int nfe = data.nf[e];
            int xo = pr[p] * nfe;
            int o = po[p] + c * nfe;
            for (int kk = 0; kk < nfe; kk++) {
                v[e][xo + kk] = d[o + kk];
            }
        }
        for (int e = 0; e < ne; e++) {
            int n = data.counts[k][e];
            Arrays.fill(grad[e], 0.0);
            if (n > 0) {
                // c_a = -1: F = -sum_a dE_a/dG_a . v_a
                nets[e].accumulateInputGradientDotParamGradientBatch(v[e], 0, data.nf[e], minusOnes(e), 0, n, ws[e],
                    grad[e], null, 0);
            }
            System.arraycopy(grad[e], 0, row, pOff[e], grad[e].length);
        }
        for (int p = ps[j]; p < ps[j + 1]; p++) {
            int e = pe[p];
            int nfe = data.nf[e];
            Arrays.fill(v[e], pr[p] * nfe, (pr[p] + 1) * nfe, 0.0);
        }
        return f;
    }

    private double[] minusOnes(int e) {
        return minusOnes[e];
    }

    private void inputGradient() {
        if (haveInputGradient) {
            return;
        }
        for (int e = 0; e < ne; e++) {
            int n = data.counts[current][e];
            if (n > 0) {
                nets[e].inputGradientBatch(n, ws[e], dEdx[e], 0, data.nf[e]);
            }
        }
        haveInputGradient = true;
    }

    /** Reference total energy of structure k minus its atom energies (the networks' target). */
    public double target(int k) {
        return data.target[k];
    }

    /** The loss weight of structure k. */
    public double weight(int k) {
        return data.weight[k];
    }

    /** Whether the energy term is per atom (else of the total energy). */
    public boolean perAtomEnergy() {
        return data.perAtomEnergy;
    }

    /** Where structure k came from (file and index), for messages. */
    public String origin(int k) {
        return data.structures.get(k).origin();
    }

    public int atoms(int k) {
        return data.atoms[k];
    }
}
