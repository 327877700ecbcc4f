package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads LAMMPS {@code dump custom} trajectories. Box bounds may be orthogonal or triclinic
 * ({@code xy xz yz}); the cell is a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz) and positions are shifted
 * so that the box origin (xlo, ylo, zlo) is 0. Coordinates may be {@code x y z}, {@code xu yu zu} or
 * scaled {@code xs ys zs}/{@code xsu ysu zsu}; {@code fx fy fz} and {@code q} are read; atoms are
 * sorted by {@code id}. Elements come from an {@code element} column or from the type list. The
 * timestep is kept as tag {@code timestep}. Dumps carry no energy.
 */
final class LammpsDumpReader extends AbstractReader {
    private final LineInput in;
    private final String source;
    private final List<String> types;

    LammpsDumpReader(LineInput in, String source, List<String> types) {
        this.in = in;
        this.source = source;
        this.types = types;
    }

    @Override
    protected Structure readNext() {
        do {
            if (!in.next()) {
                if (index == 0) {
                    throw in.error(in.lineNo() + 1, "file is empty: expected 'ITEM: TIMESTEP'");
                }
                return null;
            }
        } while (in.isBlank());
        long frameLine = in.lineNo();
        String timestep = null;
        int n = -1;
        LammpsBox box = null;
        boolean[] pbc = {true, true, true};
        while (true) {
            if (!in.tokenIs(0, "ITEM:") || in.count() < 2) {
                throw in.error("expected an 'ITEM: ...' line, got " + Messages.quote(in.line().strip()));
            }
            String item = in.token(1);
            switch (item) {
                case "TIMESTEP" -> {
                    in.require("the timestep number");
                    timestep = in.line().strip();
                }
                case "TIME", "UNITS" -> in.require("the value of ITEM: " + item);
                case "NUMBER" -> {
                    in.require("the number of atoms");
                    in.expectCount(1, "number of atoms");
                    n = in.integer(0, "the number of atoms");
                    if (n < 0) {
                        throw in.error("expected a non-negative number of atoms, got " + n);
                    }
                }
                case "BOX" -> {
                    boolean tri = in.count() >= 6 && in.tokenIs(3, "xy");
                    int flags = tri ? 6 : 3;
                    for (int k = 0; k < 3 && flags + k < in.count(); k++) {
                        pbc[k] = in.token(flags + k).startsWith("p");
                    }
                    double[] b = new double[9];
                    for (int k = 0; k < 3; k++) {
                        in.require("box bounds line " + (k + 1) + " of 3");
                        in.expectCount(tri ? 3 : 2, tri ? "lo hi tilt" : "lo hi");
                        b[2 * k] = in.coordinate(0, "box lower bound");
                        b[2 * k + 1] = in.coordinate(1, "box upper bound");
                        if (!(b[2 * k] < b[2 * k + 1])) {
                            throw in.error("box bounds: " + "xyz".charAt(k) + "lo " + b[2 * k] + " must be less than "
                                + "xyz".charAt(k) + "hi " + b[2 * k + 1] + " (LAMMPS requires lo < hi)");
                        }
                        if (tri) {
                            b[6 + k] = in.number(2, "tilt factor");
                        }
                    }
                    box = LammpsBox.fromDumpBounds(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8]);
                }
                case "ATOMS" -> {
                    if (n < 0) {
                        throw in.error("ITEM: ATOMS before ITEM: NUMBER OF ATOMS");
                    }
                    if (box == null) {
                        throw in.error("ITEM: ATOMS before ITEM: BOX BOUNDS");
                    }
                    return readAtoms(n, box, pbc, timestep, frameLine);
                }
                default -> throw in.error("unknown 'ITEM: " + item + "'; expected TIMESTEP, NUMBER OF ATOMS, "
                    + "BOX BOUNDS or ATOMS");
            }
            in.require("the next 'ITEM:' line of the frame starting at line " + frameLine);
        }
    }

    private Structure readAtoms(int n, LammpsBox box, boolean[] pbc, String timestep, long frameLine) {
        int cols = in.count() - 2;
        int id = -1, type = -1, element = -1, x = -1, fx = -1, q = -1;
        boolean scaled = false;
        for (int c = 0; c < cols; c++) {
            String name = in.token(c + 2);
            switch (name) {
                case "id" -> id = c;
                case "type" -> type = c;
                case "element" -> element = c;
                case "x", "xu" -> x = xyz(c, "y", "z", name);
                case "xs", "xsu" -> {
                    x = xyz(c, "ys", "zs", name);
                    scaled = true;
                }
                case "fx" -> fx = xyz(c, "fy", "fz", name);
                case "q" -> q = c;
                default -> { }
            }
        }
        if (x < 0) {
            throw in.error("expected coordinate columns x y z, xu yu zu or xs ys zs in ITEM: ATOMS");
        }
        if (element < 0 && type < 0) {
            throw in.error("expected a 'type' or 'element' column in ITEM: ATOMS");
        }
        int[] ids = new int[n];
        String[] el = new String[n];
        double[] pos = new double[3 * n];
        double[] frc = fx >= 0 ? new double[3 * n] : null;
        double[] chg = q >= 0 ? new double[n] : null;
        Cell cell;
        try {
            cell = box.cell();
        } catch (IllegalArgumentException e) {
            throw in.error("invalid box: " + e.getMessage());
        }
        for (int i = 0; i < n; i++) {
            if (!in.next()) {
                throw in.error(in.lineNo() + 1, "file ends early: frame starting at line " + frameLine + " has " + i
                    + " of " + n + " atom lines");
            }
            if (in.count() != cols) {
                throw in.error("expected " + cols + " columns for atom " + (i + 1) + " of " + n + ", got " + in.count()
                    + ": " + Messages.quote(in.line().strip()));
            }
            ids[i] = id >= 0 ? in.integer(id, "atom id") : i + 1;
            el[i] = element >= 0 ? in.token(element) : TypeMap.element(types, in.integer(type, "atom type"), in);
            double a = in.coordinate(x, "atom " + (i + 1) + " x"), b = in.coordinate(x + 1, "atom " + (i + 1) + " y"),
                c = in.coordinate(x + 2, "atom " + (i + 1) + " z");
            if (scaled) {
                cell.toCartesian(a, b, c, pos, 3 * i);
            } else {
                pos[3 * i] = a - box.xlo();
                pos[3 * i + 1] = b - box.ylo();
                pos[3 * i + 2] = c - box.zlo();
            }
            if (frc != null) {
                frc[3 * i] = in.number(fx, "fx");
                frc[3 * i + 1] = in.number(fx + 1, "fy");
                frc[3 * i + 2] = in.number(fx + 2, "fz");
            }
            if (chg != null) {
                chg[i] = in.number(q, "q");
            }
        }
        Integer[] order = sortById(ids, frameLine);
        if (order != null) {
            el = permute(el, order);
            pos = permute(pos, order, 3);
            frc = frc == null ? null : permute(frc, order, 3);
            chg = chg == null ? null : permute(chg, order, 1);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (timestep != null) {
            tags.put("timestep", timestep);
        }
        return new Structure("", cell, pbc, el, pos, null, frc, chg, null, tags, source, index++);
    }

    private int xyz(int c, String y, String z, String x) {
        if (c + 5 > in.count() || !in.tokenIs(c + 3, y) || !in.tokenIs(c + 4, z)) {
            throw in.error("expected columns " + x + " " + y + " " + z + " next to each other in ITEM: ATOMS");
        }
        return c;
    }

    /** Permutation that sorts by id, or null when already sorted; duplicate ids are an error. */
    private Integer[] sortById(int[] ids, long frameLine) {
        boolean sorted = true;
        for (int i = 1; i < ids.length && sorted; i++) {
            sorted = ids[i - 1] < ids[i];
        }
        if (sorted) {
            return null;
        }
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, r) -> Integer.compare(ids[p], ids[r]));
        for (int i = 1; i < ids.length; i++) {
            if (ids[order[i]] == ids[order[i - 1]]) {
                throw in.error(frameLine, "atom id " + ids[order[i]] + " appears twice in the frame starting here");
            }
        }
        return order;
    }

    private static String[] permute(String[] a, Integer[] order) {
        String[] r = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[order[i]];
        }
        return r;
    }

    private static double[] permute(double[] a, Integer[] order, int w) {
        double[] r = new double[a.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(a, w * order[i], r, w * i, w);
        }
        return r;
    }

    @Override
    public void close() {
        in.close();
    }
}
