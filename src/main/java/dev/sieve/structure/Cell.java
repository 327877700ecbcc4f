package dev.sieve.structure;

import java.util.Arrays;

/**
 * A periodic cell given by three lattice vectors a, b, c (rows of {@link #matrix()}, Å).
 * Immutable; the inverse is precomputed so fractional/Cartesian conversion allocates nothing.
 */
public final class Cell {
    private final double[] h;    // row-major: h[0..2] = a, h[3..5] = b, h[6..8] = c
    private final double[] inv;  // inverse of h (row-major), frac = cart * inv
    private final double volume;

    private Cell(double[] h) {
        this.h = h.clone();
        double a0 = h[0], a1 = h[1], a2 = h[2], b0 = h[3], b1 = h[4], b2 = h[5], c0 = h[6], c1 = h[7], c2 = h[8];
        double det = a0 * (b1 * c2 - b2 * c1) - a1 * (b0 * c2 - b2 * c0) + a2 * (b0 * c1 - b1 * c0);
        if (!Double.isFinite(det)) {
            throw new IllegalArgumentException("cell volume is not finite (lattice components too large): "
                + Arrays.toString(h));
        }
        if (!(Math.abs(det) > 1e-12)) {
            throw new IllegalArgumentException("cell is singular (volume " + det + " Å³): " + Arrays.toString(h));
        }
        this.volume = det;
        double id = 1.0 / det;
        inv = new double[] {
            (b1 * c2 - b2 * c1) * id, (a2 * c1 - a1 * c2) * id, (a1 * b2 - a2 * b1) * id,
            (b2 * c0 - b0 * c2) * id, (a0 * c2 - a2 * c0) * id, (a2 * b0 - a0 * b2) * id,
            (b0 * c1 - b1 * c0) * id, (a1 * c0 - a0 * c1) * id, (a0 * b1 - a1 * b0) * id };
    }

    /** A cell from the nine numbers a_x a_y a_z b_x b_y b_z c_x c_y c_z. */
    public static Cell of(double... rowMajor) {
        if (rowMajor.length != 9) {
            throw new IllegalArgumentException("a cell needs 9 numbers, got " + rowMajor.length);
        }
        for (double v : rowMajor) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("cell component is not finite: " + v);
            }
        }
        return new Cell(rowMajor);
    }

    public static Cell orthorhombic(double lx, double ly, double lz) {
        return of(lx, 0, 0, 0, ly, 0, 0, 0, lz);
    }

    /** Copy of the row-major matrix (rows are a, b, c). */
    public double[] matrix() {
        return h.clone();
    }

    /** Component {@code k} (0..2) of lattice vector {@code v} (0 = a, 1 = b, 2 = c). */
    public double get(int v, int k) {
        return h[3 * v + k];
    }

    /** Signed volume (Å³); positive for a right-handed cell. */
    public double volume() {
        return volume;
    }

    public double length(int v) {
        double x = h[3 * v], y = h[3 * v + 1], z = h[3 * v + 2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    /**
     * Distance between the two lattice planes spanned by the other two vectors: the width of the
     * cell along the normal of face {@code v}. A sphere of radius r fits if r <= width/2.
     */
    public double perpendicularWidth(int v) {
        // width_v = |V| / |cross(other two)| = 1 / |row v of inverse^T| = 1/|column v of inv|
        double x = inv[v], y = inv[3 + v], z = inv[6 + v];
        return 1.0 / Math.sqrt(x * x + y * y + z * z);
    }

    /** Writes the fractional coordinates of Cartesian {@code (x, y, z)} to {@code out[off..off+2]}. */
    public void toFractional(double x, double y, double z, double[] out, int off) {
        out[off] = x * inv[0] + y * inv[3] + z * inv[6];
        out[off + 1] = x * inv[1] + y * inv[4] + z * inv[7];
        out[off + 2] = x * inv[2] + y * inv[5] + z * inv[8];
    }

    /** Writes the Cartesian coordinates of fractional {@code (u, v, w)} to {@code out[off..off+2]}. */
    public void toCartesian(double u, double v, double w, double[] out, int off) {
        out[off] = u * h[0] + v * h[3] + w * h[6];
        out[off + 1] = u * h[1] + v * h[4] + w * h[7];
        out[off + 2] = u * h[2] + v * h[5] + w * h[8];
    }

    /** Lattice parameters a, b, c (Å) and alpha, beta, gamma (degrees). */
    public double[] parameters() {
        double a = length(0), b = length(1), c = length(2);
        return new double[] {a, b, c, angle(1, 2), angle(0, 2), angle(0, 1)};
    }

    private double angle(int p, int q) {
        double d = h[3 * p] * h[3 * q] + h[3 * p + 1] * h[3 * q + 1] + h[3 * p + 2] * h[3 * q + 2];
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d / (length(p) * length(q))))));
    }

    public boolean isOrthorhombic(double tol) {
        return Math.abs(h[1]) <= tol && Math.abs(h[2]) <= tol && Math.abs(h[3]) <= tol
            && Math.abs(h[5]) <= tol && Math.abs(h[6]) <= tol && Math.abs(h[7]) <= tol;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cell c && Arrays.equals(h, c.h);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(h);
    }

    @Override
    public String toString() {
        return "Cell" + Arrays.toString(h);
    }
}
