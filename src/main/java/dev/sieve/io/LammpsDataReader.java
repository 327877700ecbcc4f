package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Elements;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a LAMMPS data file (one structure): header counts and box ({@code xlo xhi} ... and optional
 * {@code xy xz yz}), {@code Masses} and {@code Atoms} in style atomic ({@code id type x y z [ix iy iz]}),
 * charge ({@code id type q x y z}) or full ({@code id mol type q x y z}); other sections are skipped.
 * Elements come from the type list option, else from element names in the {@code Masses} comments,
 * else from the standard mass closest to each type's mass (within 0.1 amu). Positions are shifted so
 * the box origin is 0 and sorted by atom id; image flags are ignored. The first line becomes the comment.
 */
final class LammpsDataReader extends AbstractReader {
    private final LineInput in;
    private final String source;
    private final List<String> types;

    LammpsDataReader(LineInput in, String source, List<String> types) {
        this.in = in;
        this.source = source;
        this.types = types;
    }

    @Override
    protected Structure readNext() {
        if (index > 0) {
            return null;
        }
        if (!in.next()) {
            throw in.error(1, "file is empty: expected a LAMMPS data file");
        }
        String comment = in.line().strip();
        Header h = new Header();
        boolean more = readHeader(h);
        // sections
        Atoms atoms = null;
        while (more) {
            if (in.isBlank()) {
                more = in.next();
                continue;
            }
            String section = in.token(0);
            long sectionLine = in.lineNo();
            if (section.equals("Masses")) {
                readMasses(h, sectionLine);
                more = in.next();
            } else if (section.equals("Atoms")) {
                String style = in.count() >= 3 && in.tokenIs(1, "#") ? in.token(2) : null;
                atoms = readAtoms(h.n, style, sectionLine, h.lo, types(h.ntypes, h.typeNames, h.masses));
                more = in.next();
            } else if (Character.isLetter(section.charAt(0))) {
                // skip another section (Velocities, Bonds, Pair Coeffs, ...)
                do {
                    more = in.next();
                } while (more && (in.isBlank() || !Character.isLetter(in.token(0).charAt(0))));
            } else {
                throw in.error("expected a section name (Masses, Atoms, ...), got " + Messages.quote(in.line().strip()));
            }
        }
        if (atoms == null) {
            throw in.error(in.lineNo() + 1, "file ends without an Atoms section");
        }
        Cell cell;
        try {
            cell = Cell.of(h.hi[0] - h.lo[0], 0, 0, h.tilt[0], h.hi[1] - h.lo[1], 0, h.tilt[1], h.tilt[2],
                h.hi[2] - h.lo[2]);
        } catch (IllegalArgumentException e) {
            throw in.error(1, "invalid box: " + e.getMessage());
        }
        return new Structure(comment, cell, null, atoms.elements, atoms.positions, null, null, atoms.charges, null,
            null, source, index++);
    }

    /** The header counts and box, and the Masses section when there is one. */
    private static final class Header {
        int n = -1;
        int ntypes = -1;
        final double[] lo = new double[3];
        final double[] hi = new double[3];
        final boolean[] haveBox = new boolean[3];
        final double[] tilt = new double[3];
        String[] typeNames;
        double[] masses;
    }

    /** Reads the header lines up to the first section name; returns whether a line is left (the section's). */
    private boolean readHeader(Header h) {
        boolean more = in.next();
        while (more) {
            if (in.isBlank() || in.token(0).startsWith("#")) {
                more = in.next();
                continue;
            }
            char c0 = in.token(0).charAt(0);
            if (Character.isLetter(c0)) {
                break; // first section
            }
            int c = effectiveCount();
            if (c >= 2 && in.tokenIs(c - 1, "atoms") && c == 2) {
                h.n = in.integer(0, "number of atoms");
            } else if (c == 3 && in.tokenIs(1, "atom") && in.tokenIs(2, "types")) {
                h.ntypes = in.integer(0, "number of atom types");
            } else if (c == 4 && (in.tokenIs(2, "xlo") || in.tokenIs(2, "ylo") || in.tokenIs(2, "zlo"))) {
                int k = in.line().contains("xlo") ? 0 : in.line().contains("ylo") ? 1 : 2;
                h.lo[k] = in.coordinate(0, "box lower bound");
                h.hi[k] = in.coordinate(1, "box upper bound");
                if (!(h.lo[k] < h.hi[k])) {
                    throw in.error("box bounds: " + "xyz".charAt(k) + "lo " + h.lo[k] + " must be less than "
                        + "xyz".charAt(k) + "hi " + h.hi[k] + " (LAMMPS requires lo < hi)");
                }
                h.haveBox[k] = true;
            } else if (c == 6 && in.tokenIs(3, "xy")) {
                for (int k = 0; k < 3; k++) {
                    h.tilt[k] = in.number(k, "tilt factor");
                }
            }
            more = in.next();
        }
        if (h.n < 0) {
            throw in.error(in.lineNo(), "expected an 'N atoms' header line before the first section");
        }
        if (!h.haveBox[0] || !h.haveBox[1] || !h.haveBox[2]) {
            throw in.error(in.lineNo(), "expected 'xlo xhi', 'ylo yhi' and 'zlo zhi' header lines before the first section");
        }
        return more;
    }

    private void readMasses(Header h, long sectionLine) {
        int ntypes = h.ntypes;
        if (ntypes < 1) {
            throw in.error("Masses section without an 'N atom types' header line");
        }
        h.masses = new double[ntypes];
        h.typeNames = new String[ntypes];
        for (int i = 0; i < ntypes; i++) {
            nextNonBlank("mass line " + (i + 1) + " of " + ntypes + " in the Masses section of line " + sectionLine);
            int t = in.integer(0, "atom type");
            if (t < 1 || t > ntypes) {
                throw in.error("expected an atom type from 1 to " + ntypes + ", got " + t);
            }
            h.masses[t - 1] = in.number(1, "mass");
            if (in.count() >= 4 && in.tokenIs(2, "#") && Elements.isSymbol(in.token(3))) {
                h.typeNames[t - 1] = in.token(3);
            }
        }
    }

    private record Atoms(String[] elements, double[] positions, double[] charges) {}

    /** Token count ignoring a trailing '# comment'. */
    private int effectiveCount() {
        for (int i = 0; i < in.count(); i++) {
            if (in.token(i).startsWith("#")) {
                return i;
            }
        }
        return in.count();
    }

    private void nextNonBlank(String expected) {
        do {
            in.require(expected);
        } while (in.isBlank());
    }

    private List<String> types(int ntypes, String[] names, double[] masses) {
        if (!types.isEmpty()) {
            return types;
        }
        if (names == null) {
            return List.of();
        }
        List<String> r = new ArrayList<>();
        for (int t = 0; t < ntypes; t++) {
            String e = names[t] != null ? names[t] : elementByMass(masses[t]);
            if (e == null) {
                return List.of();
            }
            r.add(e);
        }
        return r;
    }

    private static String elementByMass(double m) {
        String best = null;
        double bestD = 0.1;
        for (int z = 1; z <= 118; z++) {
            String s = Elements.symbol(z);
            double d = Math.abs(Elements.mass(s) - m);
            if (d < bestD) {
                bestD = d;
                best = s;
            }
        }
        return best;
    }

    private Atoms readAtoms(int n, String style, long sectionLine, double[] lo, List<String> typeList) {
        int[] ids = new int[n];
        String[] el = new String[n];
        double[] pos = new double[3 * n];
        double[] q = null;
        int typeCol = 1, qCol = -1, xCol = 2;
        for (int i = 0; i < n; i++) {
            nextNonBlank("atom line " + (i + 1) + " of " + n + " in the Atoms section of line " + sectionLine);
            int c = effectiveCount();
            if (i == 0) {
                String s = style != null ? style : switch (c) {
                    case 5, 8 -> "atomic";
                    case 6, 9 -> "charge";
                    case 7, 10 -> "full";
                    default -> "?";
                };
                switch (s) {
                    case "atomic" -> { }
                    case "charge" -> {
                        qCol = 2;
                        xCol = 3;
                    }
                    case "full" -> {
                        typeCol = 2;
                        qCol = 3;
                        xCol = 4;
                    }
                    default -> throw in.error(sectionLine, "unsupported atom style " + Messages.quote(s) + "; expected atomic, charge or full");
                }
                q = qCol >= 0 ? new double[n] : null;
            }
            if (c != xCol + 3 && c != xCol + 6) {
                throw in.error("expected " + (xCol + 3) + " or " + (xCol + 6) + " columns for atom " + (i + 1) + " of "
                    + n + ", got " + c + ": " + Messages.quote(in.line().strip()));
            }
            ids[i] = in.integer(0, "atom id");
            el[i] = TypeMap.element(typeList, in.integer(typeCol, "atom type"), in);
            for (int k = 0; k < 3; k++) {
                pos[3 * i + k] = in.coordinate(xCol + k, "atom " + (i + 1) + " coordinate") - lo[k];
            }
            if (q != null) {
                q[i] = in.number(qCol, "charge");
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(ids[a], ids[b]));
        String[] e2 = new String[n];
        double[] p2 = new double[3 * n];
        double[] q2 = q == null ? null : new double[n];
        for (int i = 0; i < n; i++) {
            int o = order[i];
            if (i > 0 && ids[o] == ids[order[i - 1]]) {
                throw in.error(sectionLine, "atom id " + ids[o] + " appears twice in the Atoms section");
            }
            e2[i] = el[o];
            System.arraycopy(pos, 3 * o, p2, 3 * i, 3);
            if (q2 != null) {
                q2[i] = q[o];
            }
        }
        return new Atoms(e2, p2, q2);
    }

    @Override
    public void close() {
        in.close();
    }
}
