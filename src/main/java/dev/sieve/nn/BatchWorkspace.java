package dev.sieve.nn;

/**
 * Scratch for the batched kernels: holds the pre-activations and activations of up to {@link #capacity()} atoms
 * (from the last {@link Network#forwardBatch}) for the following {@link Network#backwardBatch}. Inside, atoms are stored in
 * blocks of {@value Network#BLOCK} with the atom index innermost (a partial last block is padded with zero inputs), so
 * every layer is a sequence of fixed-length loops over the atoms of a block.
 */
public final class BatchWorkspace {
    final int capacity;
    final int numNeurons;
    final int blockStride;
    final double[] z;
    final double[] y;
    final double[] d;
    final double[] dPrev;
    /** Tangent pre-activations/activations of one block (second-order kernel). */
    final double[] zd;
    final double[] yd;
    final double[] gd;
    final double[] gdPrev;
    /** Lane-wise parameter-gradient accumulators, {@code numParams * BatchKernels.W}. */
    final double[] acc;
    int lastCount = -1;

    BatchWorkspace(int capacity, int numNeurons, int maxWidth, int numParams) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch workspace capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.numNeurons = numNeurons;
        this.blockStride = numNeurons * Network.BLOCK;
        int nb = (capacity + Network.BLOCK - 1) / Network.BLOCK;
        z = new double[nb * blockStride];
        y = new double[nb * blockStride];
        d = new double[maxWidth * Network.BLOCK];
        dPrev = new double[maxWidth * Network.BLOCK];
        zd = new double[numNeurons * Network.BLOCK];
        yd = new double[numNeurons * Network.BLOCK];
        gd = new double[maxWidth * Network.BLOCK];
        gdPrev = new double[maxWidth * Network.BLOCK];
        acc = new double[numParams * BatchKernels.W];
    }

    public int capacity() {
        return capacity;
    }

    /** Checks that this workspace fits a network's topology and holds {@code n} atoms. */
    void check(int neurons, int width, int numParams, int n) {
        if (numNeurons != neurons || d.length != width * Network.BLOCK || acc.length != numParams * BatchKernels.W) {
            throw new IllegalArgumentException("batch workspace belongs to a different topology");
        }
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException("batch of " + n + " atoms exceeds the workspace capacity " + capacity);
        }
    }
}
