package dev.sieve.md.potential;

import dev.sieve.neighbor.NeighborList;
import java.util.List;

/**
 * An interatomic potential evaluated on a full neighbour list (each pair listed from both
 * atoms, vectors {@code r_j - r_i} in Å). Energies in eV, forces in eV/Å.
 * Implementations are thread-safe; per-thread state lives inside {@link #compute}'s caller-owned
 * arrays or is allocated per call, never per atom.
 */
public interface Potential {

    /** Largest interaction distance (Å); the neighbour list must reach at least this far. */
    double cutoff();

    /** Elements the potential knows, in its type order. */
    List<String> elements();

    /** A short description (name, file, parameters). */
    String describe();

    /**
     * Energy of a configuration and, when {@code forces != null}, forces −dE/dr (overwritten).
     *
     * @param types   type index of each atom into {@link #elements()}
     * @param nl      full neighbour list (entries beyond {@link #cutoff()} are ignored)
     * @param forces  output, length 3N, or null
     * @param virial  output (xx, yy, zz, xy, xz, yz) of Σ r_ij ⊗ f_ij in eV, or null
     * @return total energy (eV)
     */
    double compute(int[] types, NeighborList nl, double[] forces, double[] virial);

    /**
     * True if {@link #compute} reads only the entries of the list's {@link NeighborList#halfStarts() half list}
     * (every unordered pair once): the MD engine then refreshes only those between rebuilds.
     */
    default boolean halfList() {
        return false;
    }

    /**
     * Brings the list's vectors to the current positions between rebuilds (the MD engine's call each step):
     * {@link NeighborList#refreshHalf} for a {@link #halfList()} potential, else {@link NeighborList#refresh};
     * a potential with worker threads may split the work over them, and one that forms the pair vectors itself may
     * only note the positions for its next {@link #compute} on this list (the list's vectors then stay those of its
     * build; the MD engine reads them only right after a build).
     */
    default void refresh(NeighborList nl, double[] positions, double[] h) {
        if (halfList()) {
            nl.refreshHalf(positions, h);
        } else {
            nl.refresh(positions, h);
        }
    }

    /**
     * Worker threads the potential computes with, which the MD engine may also use for its neighbour-list builds
     * (null: none, the engine builds on its own thread). The list is the same whatever the threads.
     */
    default dev.sieve.core.ChunkedExecutor executor() {
        return null;
    }

    /** Type indices of element symbols; an unknown element is an error naming it. */
    default int[] types(String[] symbols) {
        List<String> els = elements();
        int[] t = new int[symbols.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = els.indexOf(symbols[i]);
            if (t[i] < 0) {
                throw new dev.sieve.core.InputException("atom " + i + " is " + symbols[i] + ", but the potential "
                    + describe() + " knows only " + els);
            }
        }
        return t;
    }
}
