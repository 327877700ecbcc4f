package dev.sieve.descriptor;

/**
 * Symmetry-function values of every atom of one structure, and optionally their sparse
 * derivatives, as produced by {@link DescriptorEngine}.
 *
 * <p>Values: atom i's features are {@code values[offset[i] .. offset[i] + count(i))} in the
 * n2p2 order of its element. Derivatives (when computed): for atom i with neighbour entries
 * {@code nl.start(i) .. nl.end(i)} (m of them), {@code derivatives[dOffset[i] + (s * n + k) * 3 + c]}
 * is dG_k/dx_c of entry s, and s = m is the atom itself (see {@link DescriptorCalculator}).
 *
 * @param element     element index per atom (in the set's element list)
 * @param offset      start of each atom's values, length N + 1
 * @param values      all values
 * @param dOffset     start of each atom's derivative block, length N + 1, or null
 * @param derivatives all derivative blocks, or null
 */
public record AtomDescriptors(int[] element, int[] offset, double[] values, long[] dOffset, double[] derivatives) {

    public int atoms() {
        return element.length;
    }

    public int count(int atom) {
        return offset[atom + 1] - offset[atom];
    }

    public double value(int atom, int k) {
        return values[offset[atom] + k];
    }

    public boolean hasDerivatives() {
        return derivatives != null;
    }
}
