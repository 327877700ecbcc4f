package dev.sieve.io;

import dev.sieve.core.InputException;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Elements;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one structure as a LAMMPS data file, atom style atomic. The cell is rotated into LAMMPS'
 * lower-triangular form (a along x, b in the xy plane) when it is not already in it, and the positions
 * are rotated with it; the box origin is 0. Types follow the given element list or the order of first
 * appearance; {@code Masses} carries standard masses with the element as a comment. Energies, forces
 * and tags are not part of a data file. Tilt factors are written as they come (no reduction).
 */
final class LammpsDataWriter implements StructureWriter {
    private final List<String> typeOrder;
    private int written;

    LammpsDataWriter(List<String> typeOrder) {
        this.typeOrder = typeOrder;
    }

    @Override
    public void write(Writer w, Structure s) throws IOException {
        if (written++ > 0) {
            throw new InputException(s.origin() + ": a LAMMPS data file holds one structure; got more than one");
        }
        if (s.cell() == null) {
            throw new InputException(s.origin() + ": a LAMMPS data file needs a cell, the structure has none");
        }
        List<String> types = new ArrayList<>(typeOrder);
        for (String e : s.elements()) {
            if (!types.contains(e)) {
                if (!typeOrder.isEmpty()) {
                    throw new InputException(s.origin() + ": element " + e + " is not in the type list " + typeOrder);
                }
                types.add(e);
            }
        }
        for (String t : types) {
            if (!Elements.isSymbol(t)) {
                throw new InputException(s.origin() + ": '" + t + "' is not an element symbol; LAMMPS needs its mass");
            }
        }
        Cell cell = s.cell();
        double[] pos = s.positions();
        double[] r = LammpsBox.rotationFor(cell);
        double[] h = cell.matrix();
        if (r != null) {
            h = LammpsBox.rotate(r, h);
            pos = LammpsBox.rotate(r, pos);
            h[1] = 0;
            h[2] = 0;
            h[5] = 0;
            if (!(h[8] > 0)) {
                throw new InputException(s.origin() + ": the cell is left-handed (negative volume); LAMMPS needs a"
                    + " right-handed cell (swap two lattice vectors first)");
            }
        }
        StringBuilder b = new StringBuilder(256 + 80 * s.size());
        String comment = s.comment().replace('\n', ' ').strip();
        b.append(comment.isEmpty() ? "LAMMPS data file written by sieve" : comment).append("\n\n");
        b.append(s.size()).append(" atoms\n").append(types.size()).append(" atom types\n\n");
        b.append("0.0 ").append(Numbers.format(h[0])).append(" xlo xhi\n");
        b.append("0.0 ").append(Numbers.format(h[4])).append(" ylo yhi\n");
        b.append("0.0 ").append(Numbers.format(h[8])).append(" zlo zhi\n");
        if (h[3] != 0 || h[6] != 0 || h[7] != 0) {
            b.append(Numbers.format(h[3])).append(' ').append(Numbers.format(h[6])).append(' ')
                .append(Numbers.format(h[7])).append(" xy xz yz\n");
        }
        b.append("\nMasses\n\n");
        for (int t = 0; t < types.size(); t++) {
            b.append(t + 1).append(' ').append(Elements.mass(types.get(t))).append(" # ").append(types.get(t))
                .append('\n');
        }
        b.append("\nAtoms # atomic\n\n");
        String[] el = s.elements();
        for (int i = 0; i < s.size(); i++) {
            b.append(i + 1).append(' ').append(types.indexOf(el[i]) + 1).append(' ')
                .append(Numbers.format(pos[3 * i])).append(' ').append(Numbers.format(pos[3 * i + 1])).append(' ')
                .append(Numbers.format(pos[3 * i + 2])).append('\n');
        }
        w.write(b.toString());
    }
}
