package dev.sieve.neighbor;

import dev.sieve.core.ChunkedExecutor;
import dev.sieve.core.InputException;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.Arrays;

/**
 * Builds full neighbour lists with O(N) binning. Works for triclinic cells, for cells narrower
 * than the cutoff (several images of one atom, including images of the central atom, are
 * distinct neighbours), for mixed periodicity and for non-periodic structures.
 *
 * <p>Method: atoms are binned in fractional coordinates (periodic directions wrapped into [0,1)),
 * with bins at least as wide as the cutoff where the cell allows it. For each bin, the search
 * visits every bin offset that can hold a point within the cutoff, measured by the perpendicular
 * width of a bin, so the search is exact for any cell shape. Periodic offsets that leave the bin
 * grid wrap around and carry their lattice shift, which makes small cells work by construction.
 *
 * <p>A builder keeps its scratch arrays; reuse one per thread.
 */
public final class NeighborListBuilder {
    private double[] frac = new double[0];
    private int[] bin = new int[0];
    private int[] binStart = new int[0];
    private int[] binAtoms = new int[0];
    private int[] wrap = new int[0];
    private double[] wpos = new double[0];

    /** Largest expected number of neighbours per atom (density × 4/3 π rc³) a list is built for. */
    public static final int MAX_NEIGHBOURS = 10_000;

    public NeighborList build(Structure s, double cutoff) {
        try {
            return build(s.cell(), s.pbc(), s.positions(), s.size(), cutoff, new NeighborList());
        } catch (InputException e) {
            throw new InputException(null, -1, s.origin() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Throws an {@link InputException} when a cutoff would give more than {@link #MAX_NEIGHBOURS} neighbours per
     * atom in a periodic cell (estimated as the atom density times the cutoff sphere's volume, before anything is
     * allocated), or is not a positive finite number.
     */
    public static void checkCutoff(Cell cell, boolean[] pbc, int n, double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new InputException("cutoff must be a positive finite number, got " + cutoff + " Å");
        }
        boolean periodic = cell != null && pbc != null && (pbc[0] || pbc[1] || pbc[2]);
        if (!periodic || n == 0) {
            return; // at most n - 1 neighbours
        }
        double estimate = n / Math.abs(cell.volume()) * 4.0 / 3.0 * Math.PI * cutoff * cutoff * cutoff;
        if (!(estimate <= MAX_NEIGHBOURS)) {
            throw new InputException(String.format(java.util.Locale.ROOT, "cutoff %s Å gives about %.3g neighbours "
                + "per atom in this cell (%d atoms, %.4g Å³); at most %d are supported: use a smaller cutoff",
                cutoff, estimate, n, Math.abs(cell.volume()), MAX_NEIGHBOURS));
        }
    }

    /**
     * Builds the list into {@code out} (its arrays are reused).
     *
     * @param cell      lattice (null for a non-periodic structure)
     * @param pbc       periodic flags (ignored when cell is null)
     * @param positions Cartesian positions, 3N
     * @param n         number of atoms
     * @param cutoff    radius (Å); entries have r < cutoff
     */
    public NeighborList build(Cell cell, boolean[] pbc, double[] positions, int n, double cutoff, NeighborList out) {
        checkCutoff(cell, pbc, n, cutoff);
        boolean[] per = new boolean[3];
        Cell c = cell;
        if (c == null) {
            c = boundingCell(positions, n, cutoff);
        } else {
            for (int k = 0; k < 3; k++) {
                per[k] = pbc != null && pbc[k];
            }
        }
        if (frac.length < 3 * n) {
            frac = new double[3 * n];
            bin = new int[n];
            binAtoms = new int[n];
            wrap = new int[3 * n];
            wpos = new double[3 * n];
        }
        Bins bins = binAtoms(c, per, positions, n, cutoff);
        geometry = new Geometry(bins.nb(), bins.reach(), per, c.matrix(), cutoff * cutoff);
        out.n = n;
        out.cutoff = cutoff;
        out.builds++;
        if (out.start.length < n + 1) {
            out.start = new int[n + 1];
        }
        int chunks = executor == null ? 1 : executor.chunkCount(n, 256);
        // entries per atom expected from the density (periodic cells), so that a first build does not grow its
        // arrays step by step
        double perAtom = 8;
        if (per[0] || per[1] || per[2]) {
            perAtom = Math.max(perAtom, Math.min(NeighborListBuilder.MAX_NEIGHBOURS,
                1.1 * n / Math.abs(c.volume()) * 4.0 / 3.0 * Math.PI * cutoff * cutoff * cutoff));
        }
        if (chunks == 1) {
            out.ensureCapacity(Math.max((int) Math.min(Integer.MAX_VALUE - 16, Math.max(16, n * perAtom)),
                out.index.length));
            search(0, n, out, out.start);
            return out;
        }
        searchInChunks(n, chunks, perAtom, out);
        return out;
    }

    /** The bin grid: bins per direction, their origin and width (fractional) and the bin offsets a search visits. */
    private record Bins(int[] nb, double[] origin, double[] binFrac, int[] reach) {}

    /**
     * Fractional coordinates (wrapped in periodic directions) into {@code frac} and {@code wrap}, the bin grid, each
     * atom's bin ({@code bin}, {@code binStart}, {@code binAtoms}) and the wrapped Cartesian positions ({@code wpos}).
     */
    private Bins binAtoms(Cell c, boolean[] per, double[] positions, int n, double cutoff) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        fractional(c, per, positions, n, lo, hi);
        Bins g = grid(c, per, n, cutoff, lo, hi);
        int[] nb = g.nb();
        double[] origin = g.origin(), binFrac = g.binFrac();
        int nbins = nb[0] * nb[1] * nb[2];
        if (binStart.length < nbins + 1) {
            binStart = new int[nbins + 1];
        }
        Arrays.fill(binStart, 0, nbins + 1, 0);
        for (int i = 0; i < n; i++) {
            int b0 = binOf(frac[3 * i], origin[0], binFrac[0], nb[0]);
            int b1 = binOf(frac[3 * i + 1], origin[1], binFrac[1], nb[1]);
            int b2 = binOf(frac[3 * i + 2], origin[2], binFrac[2], nb[2]);
            int b = (b0 * nb[1] + b1) * nb[2] + b2;
            bin[i] = b;
            binStart[b + 1]++;
        }
        for (int b = 0; b < nbins; b++) {
            binStart[b + 1] += binStart[b];
        }
        int[] fill = Arrays.copyOf(binStart, nbins);
        for (int i = 0; i < n; i++) {
            binAtoms[fill[bin[i]]++] = i;
        }
        // wrapped Cartesian positions (consistent with the wrapped fractional coordinates)
        for (int i = 0; i < n; i++) {
            c.toCartesian(frac[3 * i], frac[3 * i + 1], frac[3 * i + 2], wpos, 3 * i);
        }
        return g;
    }

    /** Fractional coordinates, wrapped in periodic directions, and their range per direction. */
    private void fractional(Cell c, boolean[] per, double[] positions, int n, double[] lo, double[] hi) {
        for (int i = 0; i < n; i++) {
            c.toFractional(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2], frac, 3 * i);
            for (int k = 0; k < 3; k++) {
                double u = frac[3 * i + k];
                wrap[3 * i + k] = 0;
                if (per[k]) {
                    double f = Math.floor(u);
                    u -= f;
                    if (u >= 1.0) {
                        u = 0.0; // -tiny wraps to 1.0 in floating point
                        f += 1;
                    }
                    frac[3 * i + k] = u;
                    wrap[3 * i + k] = (int) f;
                }
                lo[k] = Math.min(lo[k], frac[3 * i + k]);
                hi[k] = Math.max(hi[k], frac[3 * i + k]);
            }
        }
    }

    private static Bins grid(Cell c, boolean[] per, int n, double cutoff, double[] lo, double[] hi) {
        int[] nb = new int[3];
        double[] origin = new double[3];
        double[] binFrac = new double[3];
        int[] reach = new int[3];
        for (int k = 0; k < 3; k++) {
            double width = c.perpendicularWidth(k);
            double span;
            if (per[k]) {
                origin[k] = 0;
                span = 1.0;
            } else {
                origin[k] = n == 0 ? 0 : lo[k];
                span = n == 0 ? 0 : hi[k] - lo[k];
            }
            double spanLen = span * width;
            nb[k] = (int) Math.max(1, Math.min(Math.floor(spanLen / cutoff), 256));
            binFrac[k] = span > 0 ? span / nb[k] : 1.0;
            double binPerp = binFrac[k] * width;
            // a neighbour within the cutoff is at most cutoff/width away in fractional coordinate k
            reach[k] = (int) Math.ceil(cutoff / binPerp - 1e-12);
            if (!per[k]) {
                reach[k] = Math.min(reach[k], nb[k] - 1);
            }
            if (reach[k] > 500) {
                throw new InputException("cell is too thin for cutoff " + cutoff + " Å (width " + width
                    + " Å along lattice direction " + k + ")");
            }
        }
        return new Bins(nb, origin, binFrac, reach);
    }

    /**
     * The parallel search: each chunk of atoms into its own list, then the chunks one after the other into
     * {@code out} (the same entries in the same order as the serial search).
     */
    private void searchInChunks(int n, int chunks, double perAtom, NeighborList out) {
        if (parts.length < chunks) {
            parts = Arrays.copyOf(parts, chunks);
            partStarts = Arrays.copyOf(partStarts, chunks);
        }
        for (int k = 0; k < chunks; k++) {
            int len = ChunkedExecutor.chunkStart(n, chunks, k + 1) - ChunkedExecutor.chunkStart(n, chunks, k);
            if (parts[k] == null) {
                parts[k] = new NeighborList();
            }
            if (partStarts[k] == null || partStarts[k].length < len + 1) {
                partStarts[k] = new int[len + 1];
            }
        }
        executor.forEachChunk(n, chunks, (k, from, to) -> {
            NeighborList part = parts[k];
            part.ensureCapacity((int) Math.min(Integer.MAX_VALUE - 16, Math.max(16, (to - from) * perAtom)));
            search(from, to, part, partStarts[k]);
        });
        int total = 0;
        for (int k = 0; k < chunks; k++) {
            int from = ChunkedExecutor.chunkStart(n, chunks, k);
            int to = ChunkedExecutor.chunkStart(n, chunks, k + 1);
            for (int i = from; i < to; i++) {
                out.start[i + 1] = total + partStarts[k][i - from + 1];
            }
            total += partStarts[k][to - from];
        }
        out.ensureCapacity(total);
        out.start[0] = 0;
        executor.forEachChunk(n, chunks, (k, from, to) -> {
            NeighborList part = parts[k];
            int at = out.start[from];
            int len = partStarts[k][to - from];
            System.arraycopy(part.index, 0, out.index, at, len);
            System.arraycopy(part.image, 0, out.image, at, len);
            System.arraycopy(part.dx, 0, out.dx, at, len);
            System.arraycopy(part.dy, 0, out.dy, at, len);
            System.arraycopy(part.dz, 0, out.dz, at, len);
            System.arraycopy(part.r, 0, out.r, at, len);
        });
    }

    /** Bin grid and cell of the current build, shared read-only by the search threads. */
    private record Geometry(int[] nb, int[] reach, boolean[] per, double[] h, double cut2) {}

    private Geometry geometry;
    private ChunkedExecutor executor;
    private NeighborList[] parts = new NeighborList[0];
    private int[][] partStarts = new int[0][];

    /**
     * Searches with the threads of {@code executor} (null or one thread: the calling thread only). The list is the
     * same, entry for entry, whatever the thread count.
     */
    public NeighborListBuilder withExecutor(ChunkedExecutor executor) {
        this.executor = executor;
        return this;
    }

    /**
     * The neighbours of atoms [from, to) into {@code dst}'s arrays from entry 0 (growing them as needed), with
     * {@code starts[i - from + 1]} = entries after atom i and {@code starts[0]} = 0.
     */
    private void search(int from, int to, NeighborList dst, int[] starts) {
        Geometry g = geometry;
        int[] nb = g.nb(), reach = g.reach();
        boolean[] per = g.per();
        double[] h = g.h();
        double cut2 = g.cut2();
        int e = 0;
        starts[0] = 0;
        for (int i = from; i < to; i++) {
            int bi = bin[i];
            int i0 = bi / (nb[1] * nb[2]);
            int i1 = (bi / nb[2]) % nb[1];
            int i2 = bi % nb[2];
            double xi = wpos[3 * i], yi = wpos[3 * i + 1], zi = wpos[3 * i + 2];
            for (int d0 = -reach[0]; d0 <= reach[0]; d0++) {
                int j0 = i0 + d0;
                int s0 = 0;
                if (per[0]) {
                    s0 = Math.floorDiv(j0, nb[0]);
                    j0 -= s0 * nb[0];
                } else if (j0 < 0 || j0 >= nb[0]) {
                    continue;
                }
                for (int d1 = -reach[1]; d1 <= reach[1]; d1++) {
                    int j1 = i1 + d1;
                    int s1 = 0;
                    if (per[1]) {
                        s1 = Math.floorDiv(j1, nb[1]);
                        j1 -= s1 * nb[1];
                    } else if (j1 < 0 || j1 >= nb[1]) {
                        continue;
                    }
                    for (int d2 = -reach[2]; d2 <= reach[2]; d2++) {
                        int j2 = i2 + d2;
                        int s2 = 0;
                        if (per[2]) {
                            s2 = Math.floorDiv(j2, nb[2]);
                            j2 -= s2 * nb[2];
                        } else if (j2 < 0 || j2 >= nb[2]) {
                            continue;
                        }
                        double sx = s0 * h[0] + s1 * h[3] + s2 * h[6];
                        double sy = s0 * h[1] + s1 * h[4] + s2 * h[7];
                        double sz = s0 * h[2] + s1 * h[5] + s2 * h[8];
                        boolean zeroShift = s0 == 0 && s1 == 0 && s2 == 0;
                        int b = (j0 * nb[1] + j1) * nb[2] + j2;
                        for (int q = binStart[b], qe = binStart[b + 1]; q < qe; q++) {
                            int j = binAtoms[q];
                            if (j == i && zeroShift) {
                                continue;
                            }
                            double ddx = wpos[3 * j] + sx - xi;
                            double ddy = wpos[3 * j + 1] + sy - yi;
                            double ddz = wpos[3 * j + 2] + sz - zi;
                            double r2 = ddx * ddx + ddy * ddy + ddz * ddz;
                            if (r2 < cut2) {
                                if (e == dst.index.length) {
                                    dst.ensureCapacity(e + 1);
                                }
                                dst.index[e] = j;
                                dst.dx[e] = ddx;
                                dst.dy[e] = ddy;
                                dst.dz[e] = ddz;
                                dst.r[e] = Math.sqrt(r2);
                                // shift in terms of the input (unwrapped) positions of j and i
                                dst.image[e] = NeighborList.pack(s0 - wrap[3 * j] + wrap[3 * i],
                                    s1 - wrap[3 * j + 1] + wrap[3 * i + 1], s2 - wrap[3 * j + 2] + wrap[3 * i + 2]);
                                e++;
                            }
                        }
                    }
                }
            }
            starts[i - from + 1] = e;
        }
    }

    private static int binOf(double u, double origin, double binFrac, int nb) {
        int b = (int) Math.floor((u - origin) / binFrac);
        return b < 0 ? 0 : (b >= nb ? nb - 1 : b);
    }

    /** An orthorhombic box around non-periodic atoms, used only for binning. */
    private static Cell boundingCell(double[] pos, int n, double cutoff) {
        double[] lo = {0, 0, 0};
        double[] hi = {0, 0, 0};
        if (n > 0) {
            for (int k = 0; k < 3; k++) {
                lo[k] = Double.POSITIVE_INFINITY;
                hi[k] = Double.NEGATIVE_INFINITY;
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    lo[k] = Math.min(lo[k], pos[3 * i + k]);
                    hi[k] = Math.max(hi[k], pos[3 * i + k]);
                }
            }
        }
        double c = Math.min(cutoff, 1e6); // only scales the binning; keeps the volume finite for huge cutoffs
        return Cell.of(Math.max(hi[0] - lo[0], c), 0, 0, 0, Math.max(hi[1] - lo[1], c), 0, 0, 0,
            Math.max(hi[2] - lo[2], c));
    }
}
