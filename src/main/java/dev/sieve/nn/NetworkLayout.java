package dev.sieve.nn;

import java.util.Arrays;

/**
 * Where a {@link Network}'s parameters and neurons live: the checked topology, the offsets of each layer's weights
 * and biases in the flat parameter array (n2p2's weights-file order) and of its neurons in the per-atom arrays.
 *
 * @param act        activations by layer (index 0 unused)
 * @param wOff       offset of layer l's weights
 * @param bOff       offset of layer l's biases
 * @param nOff       offset of layer l's neurons (nOff[L + 1] = all neurons)
 * @param numNeurons neurons of all layers
 * @param maxWidth   the widest layer
 * @param numParams  weights and biases of all layers
 */
record NetworkLayout(Activation[] act, int[] wOff, int[] bOff, int[] nOff, int numNeurons, int maxWidth,
                     int numParams) {

    /** The layout of layer {@code sizes} with one activation per non-input layer; checks the topology. */
    static NetworkLayout of(int[] sizes, Activation[] activations) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output layer, got sizes "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        if (sizes[sizes.length - 1] != 1) {
            throw new IllegalArgumentException("the output layer must have exactly 1 neuron, got "
                    + Arrays.toString(sizes));
        }
        if (activations.length != sizes.length - 1) {
            throw new IllegalArgumentException("need " + (sizes.length - 1) + " activations (one per layer after the input), got "
                    + activations.length);
        }
        int nl = sizes.length;
        Activation[] act = new Activation[nl];
        for (int l = 1; l < nl; l++) {
            act[l] = java.util.Objects.requireNonNull(activations[l - 1], "activation");
        }
        int[] wOff = new int[nl];
        int[] bOff = new int[nl];
        int[] nOff = new int[nl + 1];
        int off = 0;
        int mw = 0;
        for (int l = 0; l < nl; l++) {
            nOff[l + 1] = nOff[l] + sizes[l];
            mw = Math.max(mw, sizes[l]);
            if (l > 0) {
                wOff[l] = off;
                off += sizes[l - 1] * sizes[l];
                bOff[l] = off;
                off += sizes[l];
            }
        }
        return new NetworkLayout(act, wOff, bOff, nOff, nOff[nl], mw, off);
    }

    /** {@code params} as the live parameter array after checking its length against the topology {@code sizes}, or a new zero array for null. */
    double[] params(double[] params, int[] sizes) {
        if (params == null) {
            return new double[numParams];
        }
        if (params.length != numParams) {
            throw new IllegalArgumentException("parameter array has " + params.length + " entries, the topology "
                    + Arrays.toString(sizes) + " needs " + numParams);
        }
        return params;
    }
}
