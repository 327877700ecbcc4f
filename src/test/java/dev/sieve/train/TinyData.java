package dev.sieve.train;

import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny periodic Al/Cu structures with synthetic energies and forces for fast trainer tests. */
public final class TinyData {
    private TinyData() {}

    public static final String SPEC = "grid:rc=4.2,n=3,ang_n=1,zetas=1;2";

    public static SymmetryFunctionSet set() {
        return SfSpec.resolve(SPEC, List.of("Al", "Cu"));
    }

    /**
     * {@code count} cubic cells of edge 4.6 Å with 4 to 7 atoms (both elements in each), atoms at least 1.9 Å
     * apart, energies from a smooth pair model so the data is learnable, random-ish forces from the same model.
     */
    public static List<Structure> structures(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        double l = 4.6;
        for (int s = 0; s < count; s++) {
            int n = 4 + r.nextInt(4);
            double[] pos = new double[3 * n];
            String[] el = new String[n];
            for (int i = 0; i < n; i++) {
                el[i] = i % 2 == 0 ? "Al" : "Cu";
                boolean ok;
                do {
                    ok = true;
                    for (int c = 0; c < 3; c++) {
                        pos[3 * i + c] = r.nextDouble() * l;
                    }
                    for (int j = 0; j < i && ok; j++) {
                        ok = dist(pos, i, j, l) > 1.9;
                    }
                } while (!ok);
            }
            double e = 0;
            double[] f = new double[3 * n];
            for (int i = 0; i < n; i++) {
                e += el[i].equals("Al") ? -3.0 : -2.5;
                for (int j = i + 1; j < n; j++) {
                    double[] d = new double[3];
                    double rr = 0;
                    for (int c = 0; c < 3; c++) {
                        double x = pos[3 * i + c] - pos[3 * j + c];
                        x -= l * Math.rint(x / l);
                        d[c] = x;
                        rr += x * x;
                    }
                    rr = Math.sqrt(rr);
                    double v = 0.3 * Math.exp(-(rr - 2.5) * (rr - 2.5));
                    e += v;
                    double dv = -2 * (rr - 2.5) * v;
                    for (int c = 0; c < 3; c++) {
                        f[3 * i + c] -= dv * d[c] / rr;
                        f[3 * j + c] += dv * d[c] / rr;
                    }
                }
            }
            Structure st = new Structure(null, Cell.orthorhombic(l, l, l), null, el, pos, e, f, null, null, null,
                "tiny", s);
            out.add(st);
        }
        return out;
    }

    private static double dist(double[] p, int i, int j, double l) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double x = p[3 * i + c] - p[3 * j + c];
            x -= l * Math.rint(x / l);
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
