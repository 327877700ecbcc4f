package dev.sieve.md.potential;

import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import java.util.List;

/**
 * The sum of two potentials on the same neighbour list (LAMMPS's {@code pair_style hybrid/overlay}): energies, forces
 * and virials add, the cutoff is the larger one. Both must know the same elements in the same order. Typically an
 * HDNNP with a {@link ZblPotential} core repulsion. Closing it closes both parts.
 */
public final class OverlayPotential implements Potential, AutoCloseable {
    private final Potential base;
    private final Potential extra;

    public OverlayPotential(Potential base, Potential extra) {
        if (!base.elements().equals(extra.elements())) {
            throw new InputException("cannot overlay " + extra.describe() + " on " + base.describe()
                + ": elements " + extra.elements() + " differ from " + base.elements());
        }
        this.base = base;
        this.extra = extra;
    }

    /** {@code base} with a ZBL core repulsion between {@code inner} and {@code outer} (Å) for its elements. */
    public static OverlayPotential withZbl(Potential base, double inner, double outer) {
        return new OverlayPotential(base, new ZblPotential(base.elements(), inner, outer));
    }

    public Potential base() {
        return base;
    }

    public Potential extra() {
        return extra;
    }

    @Override
    public double cutoff() {
        return Math.max(base.cutoff(), extra.cutoff());
    }

    @Override
    public List<String> elements() {
        return base.elements();
    }

    @Override
    public String describe() {
        return base.describe() + " + " + extra.describe();
    }

    @Override
    public double compute(int[] types, NeighborList nl, double[] forces, double[] virial) {
        double e = base.compute(types, nl, forces, virial);
        if (extra instanceof ZblPotential z) {
            return e + z.addTo(types, nl, forces, virial);
        }
        // a general second potential overwrites its arrays: evaluate it into scratch arrays (per call, not per atom)
        double[] f2 = forces == null ? null : new double[forces.length];
        double[] v2 = virial == null ? null : new double[virial.length];
        e += extra.compute(types, nl, f2, v2);
        if (f2 != null) {
            for (int k = 0; k < f2.length; k++) {
                forces[k] += f2[k];
            }
        }
        if (v2 != null) {
            for (int k = 0; k < v2.length; k++) {
                virial[k] += v2[k];
            }
        }
        return e;
    }

    /** The HDNNP inside {@code p} (itself, or the base of overlays), or null when there is none. */
    public static HdnnpPotential hdnnp(Potential p) {
        Potential q = p;
        while (q instanceof OverlayPotential o) {
            q = o.base;
        }
        return q instanceof HdnnpPotential h ? h : null;
    }

    @Override
    public void close() {
        for (Potential p : new Potential[] {base, extra}) {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing to do
                }
            }
        }
    }
}
