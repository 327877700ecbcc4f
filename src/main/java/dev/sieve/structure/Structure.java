package dev.sieve.structure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One atomic configuration: optional periodic cell, per-atom elements and Cartesian positions (Å),
 * optional total energy (eV), forces (eV/Å), per-atom charges (e) and total charge, and free-form
 * tags (e.g. {@code config_type}, {@code temperature}) kept as text in file order.
 *
 * <p>Arrays are flat: {@code positions[3*i + k]}. The record owns its arrays (copied on creation,
 * accessors return the internal arrays for speed: do not modify them).
 *
 * @param comment  free text (n2p2 {@code comment}, extxyz has none)
 * @param cell     lattice vectors, or null for a non-periodic structure
 * @param pbc      periodic flags per lattice direction (all false when cell is null)
 * @param elements element symbol per atom
 * @param positions Cartesian positions, length 3N
 * @param energy   total energy in eV, or null
 * @param forces   forces in eV/Å (length 3N), or null
 * @param charges  per-atom charges (length N), or null
 * @param totalCharge total charge, or null
 * @param tags     other per-structure key/value data, insertion-ordered, never null
 * @param source   file the structure was read from (or a description), may be null
 * @param index    0-based index of the structure in its source, or -1
 */
public record Structure(
        String comment,
        Cell cell,
        boolean[] pbc,
        String[] elements,
        double[] positions,
        Double energy,
        double[] forces,
        double[] charges,
        Double totalCharge,
        Map<String, String> tags,
        String source,
        int index) {

    public Structure {
        Objects.requireNonNull(elements, "elements");
        Objects.requireNonNull(positions, "positions");
        int n = elements.length;
        if (positions.length != 3 * n) {
            throw new IllegalArgumentException("positions has " + positions.length + " numbers for " + n + " atoms");
        }
        if (forces != null && forces.length != 3 * n) {
            throw new IllegalArgumentException("forces has " + forces.length + " numbers for " + n + " atoms");
        }
        if (charges != null && charges.length != n) {
            throw new IllegalArgumentException("charges has " + charges.length + " numbers for " + n + " atoms");
        }
        if (pbc == null) {
            pbc = cell == null ? new boolean[3] : new boolean[] {true, true, true};
        } else if (pbc.length != 3) {
            throw new IllegalArgumentException("pbc needs 3 flags, got " + pbc.length);
        } else {
            pbc = pbc.clone();
        }
        if (cell == null && (pbc[0] || pbc[1] || pbc[2])) {
            throw new IllegalArgumentException("periodic structure without a cell");
        }
        elements = elements.clone();
        positions = positions.clone();
        forces = forces == null ? null : forces.clone();
        charges = charges == null ? null : charges.clone();
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        comment = comment == null ? "" : comment;
    }

    /** Minimal constructor: periodic in all directions when {@code cell != null}. */
    public static Structure of(Cell cell, String[] elements, double[] positions) {
        return new Structure(null, cell, null, elements, positions, null, null, null, null, null, null, -1);
    }

    public int size() {
        return elements.length;
    }

    public boolean isPeriodic() {
        return pbc[0] || pbc[1] || pbc[2];
    }

    public boolean hasEnergy() {
        return energy != null;
    }

    public boolean hasForces() {
        return forces != null;
    }

    /** Distinct elements in order of first appearance. */
    public List<String> distinctElements() {
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(elements)));
    }

    /** Human-readable origin, e.g. {@code data.xyz #12} or {@code data.xyz}. */
    public String origin() {
        String s = source == null ? "structure" : source;
        return index >= 0 ? s + " #" + index : s;
    }

    public Structure withEnergyAndForces(Double newEnergy, double[] newForces) {
        return new Structure(comment, cell, pbc, elements, positions, newEnergy, newForces, charges, totalCharge,
            tags, source, index);
    }

    public Structure withPositions(double[] newPositions) {
        return new Structure(comment, cell, pbc, elements, newPositions, energy, forces, charges, totalCharge,
            tags, source, index);
    }

    public Structure withCellAndPositions(Cell newCell, double[] newPositions) {
        return new Structure(comment, newCell, pbc, elements, newPositions, energy, forces, charges, totalCharge,
            tags, source, index);
    }

    public Structure withSource(String newSource, int newIndex) {
        return new Structure(comment, cell, pbc, elements, positions, energy, forces, charges, totalCharge,
            tags, newSource, newIndex);
    }

    public Structure withTags(Map<String, String> newTags) {
        return new Structure(comment, cell, pbc, elements, positions, energy, forces, charges, totalCharge,
            newTags, source, index);
    }

    /** Equality of content (cell, pbc, atoms, energy, forces, charges, tags, comment); ignores source/index. */
    public boolean sameContent(Structure o) {
        return o != null && Objects.equals(cell, o.cell) && Arrays.equals(pbc, o.pbc)
            && Arrays.equals(elements, o.elements) && Arrays.equals(positions, o.positions)
            && Objects.equals(energy, o.energy) && Arrays.equals(forces, o.forces)
            && Arrays.equals(charges, o.charges) && Objects.equals(totalCharge, o.totalCharge)
            && Objects.equals(tags, o.tags) && Objects.equals(comment, o.comment);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Structure s && sameContent(s) && Objects.equals(source, s.source) && index == s.index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cell, Arrays.hashCode(elements), Arrays.hashCode(positions), energy, source, index);
    }

    @Override
    public String toString() {
        return "Structure[" + origin() + ", " + size() + " atoms, cell=" + cell + ", energy=" + energy + "]";
    }
}
