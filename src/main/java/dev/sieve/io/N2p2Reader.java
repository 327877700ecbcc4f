package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads n2p2 {@code input.data}: blocks of {@code begin}, {@code comment text}, zero or three
 * {@code lattice ax ay az} lines, {@code atom x y z element q n fx fy fz} lines, {@code energy E},
 * {@code charge Q}, {@code end}. A structure is periodic iff it has lattice lines. Per-atom charges
 * are kept only when at least one is non-zero (n2p2 writes 0 for "no charge"); the {@code n} column
 * (atomic energy offset placeholder) is ignored. Unknown keywords are errors.
 */
final class N2p2Reader extends AbstractReader {
    private final LineInput in;
    private final String source;

    N2p2Reader(LineInput in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    protected Structure readNext() {
        // skip blank lines between blocks
        do {
            if (!in.next()) {
                if (index == 0) {
                    throw in.error(in.lineNo() + 1, "file is empty: expected 'begin'");
                }
                return null;
            }
        } while (in.isBlank());
        if (!in.tokenIs(0, "begin")) {
            throw in.error("expected 'begin', got " + Messages.quote(in.token(0)));
        }
        Block b = new Block(in.lineNo());
        while (true) {
            if (!in.next()) {
                throw in.error(in.lineNo() + 1, "file ends inside the structure that begins at line " + b.beginLine
                    + ": expected 'end'");
            }
            if (in.isBlank()) {
                continue;
            }
            String kw = in.token(0);
            switch (kw) {
                case "comment" -> b.comment = in.rest(1);
                case "lattice" -> b.lattice(in);
                case "atom" -> b.atom(in);
                case "energy" -> {
                    if (b.energy != null) {
                        throw in.error("second 'energy' line in the structure that begins at line " + b.beginLine
                            + " (first at line " + b.energyLine + ")");
                    }
                    b.energyLine = in.lineNo();
                    in.expectCount(2, "energy E");
                    b.energy = in.number(1, "energy");
                }
                case "charge" -> {
                    in.expectCount(2, "charge Q");
                    b.totalCharge = in.number(1, "charge");
                }
                case "end" -> {
                    Structure st = b.structure(in, source, index);
                    index++;
                    return st;
                }
                case "begin" -> throw in.error("'begin' inside the structure that begins at line " + b.beginLine
                    + "; expected 'end' first");
                default -> throw in.error("unknown keyword " + Messages.quote(kw) + "; expected one of comment, lattice, atom, energy, charge, end");
            }
        }
    }

    /** The lines of one begin...end block read so far. */
    private static final class Block {
        final long beginLine;
        String comment = "";
        final List<double[]> lattice = new ArrayList<>(3);
        long firstLattice = -1;
        final List<String> elements = new ArrayList<>();
        double[] pos = new double[48];
        double[] frc = new double[48];
        double[] chg = new double[16];
        boolean anyCharge;
        Double energy;
        long energyLine = -1;
        Double totalCharge;
        int n;

        Block(long beginLine) {
            this.beginLine = beginLine;
        }

        void lattice(LineInput in) {
            if (n > 0) {
                throw in.error("lattice line after atom lines; expected lattice lines before the atoms");
            }
            if (lattice.size() == 3) {
                throw in.error("expected 3 lattice lines, got a 4th");
            }
            in.expectCount(4, "lattice ax ay az");
            if (firstLattice < 0) {
                firstLattice = in.lineNo();
            }
            lattice.add(new double[] {in.coordinate(1, "lattice x"), in.coordinate(2, "lattice y"),
                in.coordinate(3, "lattice z")});
        }

        void atom(LineInput in) {
            in.expectCount(10, "atom x y z element charge n fx fy fz");
            if (3 * n + 3 > pos.length) {
                pos = java.util.Arrays.copyOf(pos, 2 * pos.length);
                frc = java.util.Arrays.copyOf(frc, 2 * frc.length);
                chg = java.util.Arrays.copyOf(chg, 2 * chg.length);
            }
            pos[3 * n] = in.coordinate(1, "atom " + (n + 1) + " x");
            pos[3 * n + 1] = in.coordinate(2, "atom " + (n + 1) + " y");
            pos[3 * n + 2] = in.coordinate(3, "atom " + (n + 1) + " z");
            elements.add(in.token(4));
            chg[n] = in.number(5, "atom charge");
            anyCharge |= chg[n] != 0.0;
            in.number(6, "atom n (6th field)");
            frc[3 * n] = in.number(7, "atom fx");
            frc[3 * n + 1] = in.number(8, "atom fy");
            frc[3 * n + 2] = in.number(9, "atom fz");
            n++;
        }

        /** The structure at its 'end' line. */
        Structure structure(LineInput in, String source, int index) {
            if (!lattice.isEmpty() && lattice.size() != 3) {
                throw in.error(firstLattice, "expected 3 lattice lines, got " + lattice.size());
            }
            if (n == 0) {
                throw in.error("structure beginning at line " + beginLine + " has no atom lines");
            }
            Cell cell = null;
            if (lattice.size() == 3) {
                double[] a = lattice.get(0), b = lattice.get(1), c = lattice.get(2);
                try {
                    cell = Cell.of(a[0], a[1], a[2], b[0], b[1], b[2], c[0], c[1], c[2]);
                } catch (IllegalArgumentException e) {
                    throw in.error(firstLattice, "invalid lattice: " + e.getMessage());
                }
            }
            return new Structure(comment, cell, null, elements.toArray(new String[0]),
                java.util.Arrays.copyOf(pos, 3 * n), energy, java.util.Arrays.copyOf(frc, 3 * n),
                anyCharge ? java.util.Arrays.copyOf(chg, n) : null, totalCharge, null, source, index);
        }
    }

    @Override
    public void close() {
        in.close();
    }
}
