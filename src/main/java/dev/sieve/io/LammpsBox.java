package dev.sieve.io;

import dev.sieve.structure.Cell;

/**
 * LAMMPS simulation box: origin (xlo, ylo, zlo), edge lengths lx, ly, lz and tilt factors xy, xz, yz.
 * Lattice vectors are a = (lx, 0, 0), b = (xy, ly, 0), c = (xz, yz, lz).
 */
record LammpsBox(double xlo, double ylo, double zlo, double lx, double ly, double lz, double xy, double xz,
                 double yz) {

    Cell cell() {
        return Cell.of(lx, 0, 0, xy, ly, 0, xz, yz, lz);
    }

    boolean triclinic() {
        return xy != 0 || xz != 0 || yz != 0;
    }

    /** From dump {@code BOX BOUNDS} (bounding box of a triclinic cell when tilts are given). */
    static LammpsBox fromDumpBounds(double xloB, double xhiB, double yloB, double yhiB, double zlo, double zhi,
                                    double xy, double xz, double yz) {
        double xlo = xloB - Math.min(Math.min(0.0, xy), Math.min(xz, xy + xz));
        double xhi = xhiB - Math.max(Math.max(0.0, xy), Math.max(xz, xy + xz));
        double ylo = yloB - Math.min(0.0, yz);
        double yhi = yhiB - Math.max(0.0, yz);
        return new LammpsBox(xlo, ylo, zlo, xhi - xlo, yhi - ylo, zhi - zlo, xy, xz, yz);
    }

    /**
     * The rotation that brings {@code cell} into LAMMPS' lower-triangular form: rows of the returned
     * matrix are the orthonormal axes e1 (along a), e2 (in the a-b plane), e3 = e1 × e2; new coordinates
     * of a vector v are (v·e1, v·e2, v·e3). Returns null when the cell already has that form.
     */
    static double[] rotationFor(Cell cell) {
        double[] h = cell.matrix();
        if (h[1] == 0 && h[2] == 0 && h[5] == 0 && h[0] > 0 && h[4] > 0 && h[8] > 0) {
            return null;
        }
        double la = Math.sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
        double[] e1 = {h[0] / la, h[1] / la, h[2] / la};
        double d = h[3] * e1[0] + h[4] * e1[1] + h[5] * e1[2];
        double[] u = {h[3] - d * e1[0], h[4] - d * e1[1], h[5] - d * e1[2]};
        double lu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        double[] e2 = {u[0] / lu, u[1] / lu, u[2] / lu};
        double[] e3 = {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]};
        return new double[] {e1[0], e1[1], e1[2], e2[0], e2[1], e2[2], e3[0], e3[1], e3[2]};
    }

    /** Applies {@link #rotationFor} rows to the 3-vectors in {@code v} (flat), returning a new array. */
    static double[] rotate(double[] r, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i += 3) {
            double x = v[i], y = v[i + 1], z = v[i + 2];
            out[i] = r[0] * x + r[1] * y + r[2] * z;
            out[i + 1] = r[3] * x + r[4] * y + r[5] * z;
            out[i + 2] = r[6] * x + r[7] * y + r[8] * z;
        }
        return out;
    }
}
