package dev.sieve.neighbor;

import java.util.Arrays;

/**
 * A full neighbour list in compressed-row form: the neighbours of atom i are the entries
 * {@code start[i] .. start[i+1]-1}. Each entry is one periodic image of atom {@code index[e]}
 * at {@code (dx, dy, dz)[e] = r_image - r_i} (Å) with distance {@code r[e]}. Different images
 * of the same atom, and images of atom i itself, are distinct entries; the pair (i, i, no shift)
 * is never listed. {@code image[e]} packs the lattice shift of the image (see {@link #shift}).
 *
 * <p>The arrays are owned by the list and reused when it is rebuilt ({@link NeighborListBuilder}
 * grows them only when needed), so repeated builds allocate nothing in steady state.
 */
public final class NeighborList {
    int n;
    double cutoff;
    int[] start = new int[1];
    int[] index = new int[0];
    int[] image = new int[0];
    double[] dx = new double[0];
    double[] dy = new double[0];
    double[] dz = new double[0];
    double[] r = new double[0];

    /** Number of central atoms. */
    /** Closest distance (Å) between two atoms (or an atom and an image) accepted by {@link #requireSeparated}. */
    public static final double MIN_DISTANCE = 0.1;

    /**
     * Throws an {@link dev.sieve.core.InputException} naming {@code origin}, the two atoms (0-based) and their
     * distance when two atoms are closer than {@link #MIN_DISTANCE} Å (coincident atoms, say).
     */
    public void requireSeparated(String origin) {
        for (int i = 0; i < n; i++) {
            for (int e = start[i], end = start[i + 1]; e < end; e++) {
                if (r[e] < MIN_DISTANCE) {
                    int j = index[e];
                    throw new dev.sieve.core.InputException(origin + ": atoms " + Math.min(i, j) + " and "
                        + Math.max(i, j) + " are " + r[e] + " Å apart, closer than " + MIN_DISTANCE
                        + " Å (coincident or overlapping atoms)");
                }
            }
        }
    }

    public int atoms() {
        return n;
    }

    /** Cutoff radius the list was built with (Å); entries satisfy r < cutoff. */
    public double cutoff() {
        return cutoff;
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return start[i + 1];
    }

    public int count(int i) {
        return start[i + 1] - start[i];
    }

    /** Total number of entries (each pair appears twice, once per direction). */
    public int size() {
        return start[n];
    }

    public int maxCount() {
        int m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, start[i + 1] - start[i]);
        }
        return m;
    }

    /** Raw arrays (read-only by convention) for hot loops. */
    public int[] startArray() {
        return start;
    }

    public int[] indexArray() {
        return index;
    }

    public int[] imageArray() {
        return image;
    }

    public double[] dxArray() {
        return dx;
    }

    public double[] dyArray() {
        return dy;
    }

    public double[] dzArray() {
        return dz;
    }

    public double[] rArray() {
        return r;
    }

    /** Lattice shift component k (0..2) of entry e: r_image = r_j + sum_k shift_k * a_k. */
    public int shift(int e, int k) {
        return unpack(image[e], k);
    }

    static int pack(int s0, int s1, int s2) {
        return ((s0 + 512) << 20) | ((s1 + 512) << 10) | (s2 + 512);
    }

    static int unpack(int packed, int k) {
        return ((packed >>> (20 - 10 * k)) & 1023) - 512;
    }

    /**
     * Recomputes every entry's vector and distance from new positions, keeping the pairs and
     * their lattice shifts (a Verlet list between rebuilds: build it with cutoff + skin).
     *
     * @param positions Cartesian positions (3N), continuous in time (not re-wrapped since the build)
     * @param h         cell matrix (row-major lattice vectors), or null for a non-periodic list
     */
    public void refresh(double[] positions, double[] h) {
        for (int i = 0; i < n; i++) {
            double xi = positions[3 * i], yi = positions[3 * i + 1], zi = positions[3 * i + 2];
            for (int e = start[i], end = start[i + 1]; e < end; e++) {
                int j = index[e];
                double x = positions[3 * j] - xi;
                double y = positions[3 * j + 1] - yi;
                double z = positions[3 * j + 2] - zi;
                if (h != null) {
                    int p = image[e];
                    int s0 = unpack(p, 0), s1 = unpack(p, 1), s2 = unpack(p, 2);
                    x += s0 * h[0] + s1 * h[3] + s2 * h[6];
                    y += s0 * h[1] + s1 * h[4] + s2 * h[7];
                    z += s0 * h[2] + s1 * h[5] + s2 * h[8];
                }
                dx[e] = x;
                dy[e] = y;
                dz[e] = z;
                r[e] = Math.sqrt(x * x + y * y + z * z);
            }
        }
    }

    void ensureCapacity(int entries) {
        if (index.length < entries) {
            int cap = Math.max(entries, (int) (index.length * 1.5) + 16);
            index = Arrays.copyOf(index, cap);
            image = Arrays.copyOf(image, cap);
            dx = Arrays.copyOf(dx, cap);
            dy = Arrays.copyOf(dy, cap);
            dz = Arrays.copyOf(dz, cap);
            r = Arrays.copyOf(r, cap);
        }
    }
}
