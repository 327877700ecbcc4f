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
    long builds;                    // incremented by every build
    private long halfBuild = -1;    // build the half list below belongs to
    private int[] halfStart = new int[1];
    private int[] halfEntry = new int[0];

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

    /**
     * The half list of this build: for atom i, {@code halfEntries()[halfStarts()[i] .. halfStarts()[i+1]-1]}
     * are the entries i -> j of the unordered pairs evaluated from i: j > i, or for a periodic image of i
     * itself the entry whose vector is lexicographically positive (its mirror has the opposite vector).
     * Every unordered pair of the full list appears once. Computed on the first call after a build (a
     * refresh keeps it: it changes no pair, and an image of i keeps its lattice vector).
     */
    public int[] halfStarts() {
        half();
        return halfStart;
    }

    /** See {@link #halfStarts()}. */
    public int[] halfEntries() {
        half();
        return halfEntry;
    }

    private void half() {
        if (halfBuild == builds) {
            return;
        }
        if (halfStart.length < n + 1) {
            halfStart = new int[n + 1];
        }
        int total = start[n];
        if (halfEntry.length < total / 2 + n) {
            halfEntry = new int[total / 2 + n];
        }
        int h = 0;
        for (int i = 0; i < n; i++) {
            halfStart[i] = h;
            for (int e = start[i], end = start[i + 1]; e < end; e++) {
                int j = index[e];
                boolean first = j != i ? j > i : dx[e] > 0 || dx[e] == 0 && (dy[e] > 0 || dy[e] == 0 && dz[e] > 0);
                if (first) {
                    if (h == halfEntry.length) {
                        halfEntry = Arrays.copyOf(halfEntry, 2 * h + 16);
                    }
                    halfEntry[h++] = e;
                }
            }
        }
        halfStart[n] = h;
        halfBuild = builds;
    }

    public int atoms() {
        return n;
    }

    /** How many times the list was built: the same count means the same entries. */
    public long builds() {
        return builds;
    }

    /**
     * The Cartesian lattice shift of every entry for cell matrix h as {sx, sy, sz} (cached per build and cell; do not
     * modify): entry e of atom i is the vector x_j - x_i + (sx[e], sy[e], sz[e]), the sum {@link #refresh} forms.
     * Null for h = null (no periodic images).
     */
    public double[][] latticeShifts(double[] h) {
        return shifts(h) ? new double[][] {sx, sy, sz} : null;
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
        boolean shifted = shifts(h);
        for (int i = 0; i < n; i++) {
            double xi = positions[3 * i], yi = positions[3 * i + 1], zi = positions[3 * i + 2];
            for (int e = start[i], end = start[i + 1]; e < end; e++) {
                refreshEntry(positions, e, index[e], xi, yi, zi, shifted);
            }
        }
    }

    /**
     * {@link #refresh} of the entries of the {@link #halfStarts() half list} only, for a caller that reads
     * nothing else until the next build or full refresh (the other entries keep their old vectors).
     */
    public void refreshHalf(double[] positions, double[] h) {
        half();
        boolean shifted = shifts(h);
        for (int i = 0; i < n; i++) {
            double xi = positions[3 * i], yi = positions[3 * i + 1], zi = positions[3 * i + 2];
            for (int k = halfStart[i], end = halfStart[i + 1]; k < end; k++) {
                int e = halfEntry[k];
                refreshEntry(positions, e, index[e], xi, yi, zi, shifted);
            }
        }
    }

    private void refreshEntry(double[] positions, int e, int j, double xi, double yi, double zi, boolean shifted) {
        double x = positions[3 * j] - xi;
        double y = positions[3 * j + 1] - yi;
        double z = positions[3 * j + 2] - zi;
        if (shifted) {
            x += sx[e];
            y += sy[e];
            z += sz[e];
        }
        dx[e] = x;
        dy[e] = y;
        dz[e] = z;
        r[e] = Math.sqrt(x * x + y * y + z * z);
    }

    private double[] sx = new double[0];
    private double[] sy = new double[0];
    private double[] sz = new double[0];
    private final double[] shiftH = new double[9];
    private long shiftBuild = -1;

    /**
     * The Cartesian lattice shift of every entry for cell matrix h, computed once per build and cell
     * (the same sums as before: s0 h0 + s1 h3 + s2 h6, ...); false for h = null.
     */
    private boolean shifts(double[] h) {
        if (h == null) {
            return false;
        }
        if (shiftBuild == builds && Arrays.equals(shiftH, 0, 9, h, 0, 9)) {
            return true;
        }
        int total = start[n];
        if (sx.length < total) {
            sx = new double[index.length];
            sy = new double[index.length];
            sz = new double[index.length];
        }
        for (int e = 0; e < total; e++) {
            int p = image[e];
            int s0 = unpack(p, 0), s1 = unpack(p, 1), s2 = unpack(p, 2);
            sx[e] = s0 * h[0] + s1 * h[3] + s2 * h[6];
            sy[e] = s0 * h[1] + s1 * h[4] + s2 * h[7];
            sz[e] = s0 * h[2] + s1 * h[5] + s2 * h[8];
        }
        System.arraycopy(h, 0, shiftH, 0, 9);
        shiftBuild = builds;
        return true;
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
