package dev.sieve.neighbor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.structure.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighborListTest {

    private record Entry(int j, long kx, long ky, long kz) implements Comparable<Entry> {
        static Entry of(int j, double dx, double dy, double dz) {
            return new Entry(j, Math.round(dx * 1e6), Math.round(dy * 1e6), Math.round(dz * 1e6));
        }

        @Override
        public int compareTo(Entry o) {
            int c = Integer.compare(j, o.j);
            if (c != 0) {
                return c;
            }
            c = Long.compare(kx, o.kx);
            if (c != 0) {
                return c;
            }
            c = Long.compare(ky, o.ky);
            return c != 0 ? c : Long.compare(kz, o.kz);
        }
    }

    /** Brute force over all images within range: the reference. */
    private static List<List<Entry>> bruteForce(Cell cell, boolean[] pbc, double[] pos, int n, double rc) {
        int[] m = new int[3];
        if (cell != null) {
            for (int k = 0; k < 3; k++) {
                m[k] = pbc[k] ? (int) Math.ceil(rc / cell.perpendicularWidth(k)) + 2 : 0;
            }
        }
        List<List<Entry>> all = new ArrayList<>();
        double[] h = cell == null ? new double[9] : cell.matrix();
        for (int i = 0; i < n; i++) {
            List<Entry> l = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                for (int a = -m[0]; a <= m[0]; a++) {
                    for (int b = -m[1]; b <= m[1]; b++) {
                        for (int c = -m[2]; c <= m[2]; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) {
                                continue;
                            }
                            double dx = pos[3 * j] + a * h[0] + b * h[3] + c * h[6] - pos[3 * i];
                            double dy = pos[3 * j + 1] + a * h[1] + b * h[4] + c * h[7] - pos[3 * i + 1];
                            double dz = pos[3 * j + 2] + a * h[2] + b * h[5] + c * h[8] - pos[3 * i + 2];
                            if (dx * dx + dy * dy + dz * dz < rc * rc) {
                                l.add(Entry.of(j, dx, dy, dz));
                            }
                        }
                    }
                }
            }
            l.sort(null);
            all.add(l);
        }
        return all;
    }

    private static List<List<Entry>> fromList(NeighborList nl, Cell cell, double[] pos) {
        List<List<Entry>> all = new ArrayList<>();
        double[] h = cell == null ? new double[9] : cell.matrix();
        for (int i = 0; i < nl.atoms(); i++) {
            List<Entry> l = new ArrayList<>();
            for (int e = nl.start(i); e < nl.end(i); e++) {
                int j = nl.indexArray()[e];
                l.add(Entry.of(j, nl.dxArray()[e], nl.dyArray()[e], nl.dzArray()[e]));
                // the stored lattice shift reproduces the vector from the input positions
                int a = nl.shift(e, 0), b = nl.shift(e, 1), c = nl.shift(e, 2);
                double dx = pos[3 * j] + a * h[0] + b * h[3] + c * h[6] - pos[3 * i];
                double dy = pos[3 * j + 1] + a * h[1] + b * h[4] + c * h[7] - pos[3 * i + 1];
                double dz = pos[3 * j + 2] + a * h[2] + b * h[5] + c * h[8] - pos[3 * i + 2];
                assertThat(Math.abs(dx - nl.dxArray()[e]) + Math.abs(dy - nl.dyArray()[e])
                    + Math.abs(dz - nl.dzArray()[e])).isLessThan(1e-9);
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                assertThat(nl.rArray()[e]).isCloseTo(r, org.assertj.core.data.Offset.offset(1e-9));
            }
            l.sort(null);
            all.add(l);
        }
        return all;
    }

    private static Cell randomCell(SplittableRandom rnd, double scale) {
        // lattice vectors with random tilts (triclinic), reasonably conditioned
        double[] h = new double[9];
        for (int v = 0; v < 3; v++) {
            for (int k = 0; k < 3; k++) {
                h[3 * v + k] = (v == k ? scale * (0.7 + 0.6 * rnd.nextDouble()) : scale * 0.4 * (rnd.nextDouble() - 0.5));
            }
        }
        return Cell.of(h);
    }

    @Test
    void matchesBruteForceOnRandomTriclinicCells() {
        SplittableRandom rnd = new SplittableRandom(42);
        NeighborListBuilder builder = new NeighborListBuilder();
        NeighborList nl = new NeighborList();
        for (int trial = 0; trial < 60; trial++) {
            double scale = trial % 3 == 0 ? 3.0 : (trial % 3 == 1 ? 7.0 : 15.0); // small cells: many images
            Cell cell = randomCell(rnd, scale);
            int n = 1 + rnd.nextInt(trial % 3 == 2 ? 60 : 8);
            double[] pos = new double[3 * n];
            double[] tmp = new double[3];
            for (int i = 0; i < n; i++) {
                // fractional positions partly outside [0,1) to exercise wrapping
                cell.toCartesian(rnd.nextDouble() * 1.6 - 0.3, rnd.nextDouble() * 1.6 - 0.3, rnd.nextDouble() * 1.6 - 0.3,
                    tmp, 0);
                System.arraycopy(tmp, 0, pos, 3 * i, 3);
            }
            boolean[] pbc = {rnd.nextInt(4) != 0, rnd.nextInt(4) != 0, rnd.nextInt(4) != 0};
            double rc = 2.0 + 5.0 * rnd.nextDouble();
            builder.build(cell, pbc, pos, n, rc, nl);
            assertThat(fromList(nl, cell, pos)).as("trial %d", trial).isEqualTo(bruteForce(cell, pbc, pos, n, rc));
        }
    }

    /** A build on several threads gives the serial list entry for entry (the chunks are joined in atom order). */
    @Test
    void aThreadedBuildEqualsTheSerialOneEntryForEntry() {
        SplittableRandom rnd = new SplittableRandom(9);
        try (dev.sieve.core.ChunkedExecutor ex = new dev.sieve.core.ChunkedExecutor(3, "nl-test")) {
            NeighborListBuilder serial = new NeighborListBuilder();
            NeighborListBuilder threaded = new NeighborListBuilder().withExecutor(ex);
            NeighborList a = new NeighborList();
            NeighborList b = new NeighborList();
            for (int trial = 0; trial < 6; trial++) {
                Cell cell = randomCell(rnd, trial < 3 ? 18.0 : 9.0);
                int n = 600 + rnd.nextInt(500);
                double[] pos = new double[3 * n];
                double[] tmp = new double[3];
                for (int i = 0; i < n; i++) {
                    cell.toCartesian(rnd.nextDouble() * 1.2 - 0.1, rnd.nextDouble(), rnd.nextDouble(), tmp, 0);
                    System.arraycopy(tmp, 0, pos, 3 * i, 3);
                }
                boolean[] pbc = {true, trial != 4, true};
                double rc = 3.0 + 2.0 * rnd.nextDouble();
                serial.build(cell, pbc, pos, n, rc, a);
                threaded.build(cell, pbc, pos, n, rc, b);
                assertThat(b.size()).isEqualTo(a.size()).isGreaterThan(n);
                for (int i = 0; i <= n; i++) {
                    assertThat(b.start[i]).isEqualTo(a.start[i]);
                }
                for (int e = 0; e < a.size(); e++) {
                    assertThat(b.index[e]).isEqualTo(a.index[e]);
                    assertThat(b.image[e]).isEqualTo(a.image[e]);
                    assertThat(Double.doubleToRawLongBits(b.dx[e])).isEqualTo(Double.doubleToRawLongBits(a.dx[e]));
                    assertThat(Double.doubleToRawLongBits(b.dz[e])).isEqualTo(Double.doubleToRawLongBits(a.dz[e]));
                    assertThat(Double.doubleToRawLongBits(b.r[e])).isEqualTo(Double.doubleToRawLongBits(a.r[e]));
                }
            }
        }
    }

    /** The half list holds exactly one entry of every unordered pair {i -> j at d, j -> i at -d}, and follows rebuilds. */
    @Test
    void theHalfListHoldsEveryUnorderedPairOnce() {
        SplittableRandom rnd = new SplittableRandom(11);
        NeighborListBuilder builder = new NeighborListBuilder();
        NeighborList nl = new NeighborList();
        for (int trial = 0; trial < 30; trial++) {
            Cell cell = randomCell(rnd, trial % 2 == 0 ? 3.0 : 9.0); // small cells: images of the atom itself
            int n = 1 + rnd.nextInt(12);
            double[] pos = new double[3 * n];
            double[] tmp = new double[3];
            for (int i = 0; i < n; i++) {
                cell.toCartesian(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), tmp, 0);
                System.arraycopy(tmp, 0, pos, 3 * i, 3);
            }
            builder.build(cell, new boolean[] {true, true, true}, pos, n, 2.0 + 4.0 * rnd.nextDouble(), nl);
            int[] hs = nl.halfStarts(), he = nl.halfEntries();
            List<String> half = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int h = hs[i]; h < hs[i + 1]; h++) {
                    int e = he[h];
                    assertThat(e).isBetween(nl.start(i), nl.end(i) - 1);
                    half.add(key(i, nl.indexArray()[e], nl.dxArray()[e], nl.dyArray()[e], nl.dzArray()[e]));
                }
            }
            List<String> full = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int e = nl.start(i); e < nl.end(i); e++) {
                    int j = nl.indexArray()[e];
                    String k = key(i, j, nl.dxArray()[e], nl.dyArray()[e], nl.dzArray()[e]);
                    String mirror = key(j, i, -nl.dxArray()[e], -nl.dyArray()[e], -nl.dzArray()[e]);
                    assertThat(half.contains(k) ^ half.contains(mirror)).as("trial %d pair %s", trial, k).isTrue();
                    full.add(k);
                }
            }
            assertThat(2 * half.size()).isEqualTo(full.size());
        }
    }

    private static String key(int i, int j, double dx, double dy, double dz) {
        return i + ">" + j + "@" + Math.round(dx * 1e6) + "," + Math.round(dy * 1e6) + "," + Math.round(dz * 1e6);
    }

    @Test
    void nonPeriodicMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200;
        double[] pos = new double[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            pos[i] = 20 * rnd.nextDouble() - 5;
        }
        NeighborList nl = new NeighborListBuilder().build(null, null, pos, n, 4.0, new NeighborList());
        assertThat(fromList(nl, null, pos)).isEqualTo(bruteForce(null, new boolean[3], pos, n, 4.0));
    }

    @Test
    void singleAtomInSmallCellSeesItsOwnImages() {
        Cell cell = Cell.orthorhombic(2.0, 2.0, 2.0);
        NeighborList nl = new NeighborListBuilder().build(cell, new boolean[] {true, true, true}, new double[] {0.3, 0.1, 1.9},
            1, 2.5, new NeighborList());
        // images at distance 2 (6 of them) are within 2.5; sqrt(8) = 2.83 is not
        assertThat(nl.count(0)).isEqualTo(6);
    }
}
