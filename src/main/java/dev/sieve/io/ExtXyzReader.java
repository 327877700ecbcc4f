package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads extended XYZ as ASE writes it. Header keys {@code Lattice}, {@code Properties}, {@code pbc}
 * are interpreted; the energy comes from the key chosen in {@link ReadOptions#energyKey()}; keys
 * {@code comment} and {@code total_charge} fill the comment and total charge; every other key is kept
 * as a tag (value text verbatim, quotes removed). Columns {@code species}, {@code pos},
 * {@code forces}/{@code force}, {@code charges}/{@code initial_charges} are read; other columns
 * are counted and skipped. Without {@code Properties} the columns are {@code species pos}.
 * A lattice without {@code pbc} means periodic in all directions.
 */
final class ExtXyzReader extends AbstractReader {
    private final LineInput in;
    private final String source;
    private final String energyKey;

    ExtXyzReader(LineInput in, String source, String energyKey) {
        this.in = in;
        this.source = source;
        this.energyKey = energyKey;
    }

    /** Column layout of one frame. */
    private record Columns(int total, int species, int pos, int forces, int charges) {}

    @Override
    protected Structure readNext() {
        do {
            if (!in.next()) {
                if (index == 0) {
                    throw in.error(in.lineNo() + 1, "file is empty: expected an atom count");
                }
                return null;
            }
        } while (in.isBlank());
        long countLine = in.lineNo();
        if (in.count() != 1) {
            throw in.error("expected the atom count (one integer) on the first line of a frame, got "
                + Messages.quote(in.line().strip()));
        }
        int n = in.integer(0, "the atom count");
        if (n < 0) {
            throw in.error("expected a non-negative atom count, got " + n);
        }
        in.require("the extxyz comment line after the atom count on line " + countLine);
        long headerLine = in.lineNo();
        Map<String, String> header = ExtXyzHeader.parse(in.line(), in.file(), headerLine);

        Cell cell = null;
        boolean[] pbc = null;
        Double energy = null;
        Double totalCharge = null;
        String comment = "";
        String props = null;
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : header.entrySet()) {
            String key = e.getKey();
            String v = e.getValue();
            String lower = key.toLowerCase(Locale.ROOT);
            if (key.equals(energyKey)) {
                energy = Numbers.parse(v, in.file(), headerLine, "the energy key " + Messages.quote(key));
            } else if (lower.equals("lattice")) {
                cell = parseLattice(v, headerLine);
            } else if (lower.equals("properties")) {
                props = v;
            } else if (lower.equals("pbc")) {
                pbc = parsePbc(v, headerLine);
            } else if (key.equals("comment")) {
                comment = v;
            } else if (key.equals("total_charge")) {
                totalCharge = Numbers.parse(v, in.file(), headerLine, "total_charge");
            } else {
                tags.put(key, v);
            }
        }
        if (cell != null && pbc == null) {
            pbc = new boolean[] {true, true, true};
        }
        if (cell == null) {
            if (pbc != null && (pbc[0] || pbc[1] || pbc[2])) {
                throw in.error(headerLine, "pbc has a periodic direction but there is no Lattice=\"...\"");
            }
            pbc = new boolean[3];
        }
        Columns cols = parseProperties(props, headerLine);

        String[] elements = new String[n];
        double[] pos = new double[3 * n];
        double[] frc = cols.forces >= 0 ? new double[3 * n] : null;
        double[] chg = cols.charges >= 0 ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            if (!in.next()) {
                throw in.error(in.lineNo() + 1, "file ends early: frame starting at line " + countLine + " has "
                    + i + " of " + n + " atom lines");
            }
            if (in.count() != cols.total) {
                throw in.error("expected " + cols.total + " columns for atom " + (i + 1) + " of " + n
                    + " (Properties), got " + in.count() + ": " + Messages.quote(in.line().strip()));
            }
            elements[i] = in.token(cols.species);
            pos[3 * i] = in.coordinate(cols.pos, "atom " + (i + 1) + " x");
            pos[3 * i + 1] = in.coordinate(cols.pos + 1, "atom " + (i + 1) + " y");
            pos[3 * i + 2] = in.coordinate(cols.pos + 2, "atom " + (i + 1) + " z");
            if (frc != null) {
                frc[3 * i] = in.number(cols.forces, "fx");
                frc[3 * i + 1] = in.number(cols.forces + 1, "fy");
                frc[3 * i + 2] = in.number(cols.forces + 2, "fz");
            }
            if (chg != null) {
                chg[i] = in.number(cols.charges, "charge");
            }
        }
        return new Structure(comment, cell, pbc, elements, pos, energy, frc, chg, totalCharge, tags, source,
            index++);
    }

    private Cell parseLattice(String v, long line) {
        String[] t = v.strip().split("\\s+");
        if (t.length != 9) {
            throw in.error(line, "expected 9 numbers in Lattice=\"...\", got " + (v.isBlank() ? 0 : t.length));
        }
        double[] h = new double[9];
        for (int k = 0; k < 9; k++) {
            h[k] = Numbers.parse(t[k], in.file(), line, "Lattice component " + (k + 1));
            if (Math.abs(h[k]) > LineInput.MAX_COORDINATE) {
                throw in.error(line, "Lattice component " + (k + 1) + " = " + h[k] + " Å is not a physical value (|value| > "
                    + LineInput.MAX_COORDINATE + " Å)");
            }
        }
        try {
            return Cell.of(h);
        } catch (IllegalArgumentException e) {
            throw in.error(line, "invalid Lattice: " + e.getMessage());
        }
    }

    private boolean[] parsePbc(String v, long line) {
        String[] t = v.replace('[', ' ').replace(']', ' ').replace(',', ' ').strip().split("\\s+");
        if (t.length != 3) {
            throw in.error(line, "expected 3 flags in pbc, got " + Messages.quote(v));
        }
        boolean[] p = new boolean[3];
        for (int k = 0; k < 3; k++) {
            p[k] = switch (t[k].toLowerCase(Locale.ROOT)) {
                case "t", "true", "1" -> true;
                case "f", "false", "0" -> false;
                default -> throw in.error(line, "expected T or F in pbc, got " + Messages.quote(t[k]));
            };
        }
        return p;
    }

    private Columns parseProperties(String props, long line) {
        if (props == null) {
            return new Columns(4, 0, 1, -1, -1);
        }
        String[] t = props.split(":", -1);
        if (t.length % 3 != 0) {
            throw in.error(line, "expected name:type:count triples in Properties, got " + Messages.quote(props));
        }
        int col = 0;
        int species = -1;
        int pos = -1;
        int forces = -1;
        int charges = -1;
        for (int k = 0; k < t.length; k += 3) {
            String name = t[k];
            String type = t[k + 1];
            int cnt;
            try {
                cnt = Integer.parseInt(t[k + 2]);
            } catch (NumberFormatException e) {
                throw in.error(line, "expected a column count in Properties for " + Messages.quote(name) + ", got " + Messages.quote(t[k + 2]));
            }
            if (cnt < 1 || !(type.equals("S") || type.equals("R") || type.equals("I") || type.equals("L"))) {
                throw in.error(line, "expected type S, R, I or L and a count >= 1 for Properties column " + Messages.quote(name) + ", got '" + type + ":" + t[k + 2] + "'");
            }
            switch (name) {
                case "species" -> species = requireShape(name, type, cnt, "S", 1, col, line);
                case "pos" -> pos = requireShape(name, type, cnt, "R", 3, col, line);
                case "forces", "force" -> forces = forces >= 0 ? forces : requireShape(name, type, cnt, "R", 3, col, line);
                case "charges", "initial_charges" -> charges = charges >= 0 ? charges
                    : requireShape(name, type, cnt, "R", 1, col, line);
                default -> { }
            }
            col += cnt;
        }
        if (species < 0 || pos < 0) {
            throw in.error(line, "expected Properties with species:S:1 and pos:R:3, got " + Messages.quote(props));
        }
        return new Columns(col, species, pos, forces, charges);
    }

    private int requireShape(String name, String type, int cnt, String wantType, int wantCount, int col, long line) {
        if (!type.equals(wantType) || cnt != wantCount) {
            throw in.error(line, "expected " + name + ":" + wantType + ":" + wantCount + " in Properties, got "
                + name + ":" + type + ":" + cnt);
        }
        return col;
    }

    @Override
    public void close() {
        in.close();
    }
}
