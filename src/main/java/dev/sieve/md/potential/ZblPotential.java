package dev.sieve.md.potential;

import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.structure.Elements;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Ziegler–Biersack–Littmark universal screened nuclear repulsion as LAMMPS's {@code pair_style zbl inner outer}
 * defines it (metal units: Å, eV). For a pair at distance r with nuclear charges Z_i, Z_j (the atomic numbers of
 * the elements)
 *
 * <pre>
 *   E_ZBL(r) = Z_i Z_j e²/(4πε₀) / r · φ(r/a),   a = 0.46850 Å / (Z_i^0.23 + Z_j^0.23),
 *   φ(x)     = 0.18175 e^(−3.19980 x) + 0.50986 e^(−0.94229 x) + 0.28022 e^(−0.40290 x) + 0.02817 e^(−0.20162 x),
 * </pre>
 *
 * with e²/(4πε₀) = 14.399645 eV Å (LAMMPS's {@code qqr2e} of {@code units metal}). The pair energy is
 * E(r) = E_ZBL(r) + S(r) for r &lt; outer and 0 beyond, where the switch (as in {@code lj/gromacs}) is the constant
 * C for r ≤ inner and C + A/3 t³ + B/4 t⁴ with t = r − inner between the cutoffs; A, B and C are chosen so that E,
 * dE/dr and d²E/dr² are all zero at r = outer:
 *
 * <pre>
 *   tc = outer − inner,  A = (−3 E' + tc E'')/tc²,  B = (2 E' − tc E'')/tc³,  C = −E + tc/2 E' − tc²/12 E''
 * </pre>
 *
 * (E, E', E'' of the bare ZBL term at r = outer). Note that C shifts the whole repulsion below the outer cutoff, as
 * in LAMMPS. Evaluation allocates nothing.
 */
public final class ZblPotential implements Potential {
    /** e²/(4πε₀) in eV Å, LAMMPS's {@code force->qqr2e} for {@code units metal}. */
    public static final double COULOMB = 14.399645;
    /** The screening length constant (Å) and exponent of the universal screening length. */
    static final double A0 = 0.46850;
    static final double PZBL = 0.23;
    static final double[] C = {0.02817, 0.28022, 0.50986, 0.18175};
    static final double[] D = {0.20162, 0.40290, 0.94229, 3.19980};

    private final List<String> elements;
    private final int[] z;
    private final double inner;
    private final double outer;
    private final int nt;
    /** Per type pair (row-major nt × nt): D_k / a, Z_i Z_j e²/(4πε₀), switch coefficients A, B, C. */
    private final double[] d1;
    private final double[] d2;
    private final double[] d3;
    private final double[] d4;
    private final double[] zze;
    private final double[] swA;
    private final double[] swB;
    private final double[] swC;

    /** ZBL between all pairs of {@code elements} (atomic numbers from their symbols), switched off between the cutoffs. */
    public ZblPotential(List<String> elements, double inner, double outer) {
        this(elements, atomicNumbers(elements), inner, outer);
    }

    /** ZBL with explicit nuclear charges, one per element. */
    public ZblPotential(List<String> elements, int[] z, double inner, double outer) {
        checkCutoffs(inner, outer);
        if (z.length != elements.size()) {
            throw new IllegalArgumentException(z.length + " charges for " + elements.size() + " elements");
        }
        this.elements = List.copyOf(elements);
        this.z = z.clone();
        this.inner = inner;
        this.outer = outer;
        this.nt = z.length;
        int m = nt * nt;
        d1 = new double[m];
        d2 = new double[m];
        d3 = new double[m];
        d4 = new double[m];
        zze = new double[m];
        swA = new double[m];
        swB = new double[m];
        swC = new double[m];
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < nt; j++) {
                setPair(i * nt + j, z[i], z[j]);
            }
        }
    }

    private void setPair(int p, double zi, double zj) {
        double ainv = (Math.pow(zi, PZBL) + Math.pow(zj, PZBL)) / A0;
        d1[p] = D[0] * ainv;
        d2[p] = D[1] * ainv;
        d3[p] = D[2] * ainv;
        d4[p] = D[3] * ainv;
        zze[p] = zi * zj * COULOMB;
        double tc = outer - inner;
        double[] f = bare(p, outer);
        swA[p] = (-3 * f[1] + tc * f[2]) / (tc * tc);
        swB[p] = (2 * f[1] - tc * f[2]) / (tc * tc * tc);
        swC[p] = -f[0] + tc / 2 * f[1] - tc * tc / 12 * f[2];
    }

    /** The unswitched ZBL energy and its first two derivatives at r for type pair p. */
    private double[] bare(int p, double r) {
        double[] da = {d1[p], d2[p], d3[p], d4[p]};
        double s = 0, sp = 0, spp = 0;
        for (int k = 0; k < 4; k++) {
            double t = C[k] * Math.exp(-da[k] * r);
            s += t;
            sp -= da[k] * t;
            spp += da[k] * da[k] * t;
        }
        double q = zze[p];
        return new double[] {q * s / r, q * (sp - s / r) / r, q * (spp - 2 * sp / r + 2 * s / (r * r)) / r};
    }

    /** Rejects cutoffs LAMMPS would refuse or that leave no switching interval (Å). */
    static void checkCutoffs(double inner, double outer) {
        if (!(inner > 0) || !Double.isFinite(outer) || !(inner < outer)) {
            throw new InputException("ZBL needs 0 < inner < outer (Å), got inner " + inner + ", outer " + outer);
        }
    }

    private static int[] atomicNumbers(List<String> elements) {
        int[] z = new int[elements.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = Elements.atomicNumber(elements.get(i));
            if (z[i] < 1) {
                throw new InputException("ZBL needs element symbols for the nuclear charges, got '" + elements.get(i)
                    + "'");
            }
        }
        return z;
    }

    /**
     * Parses {@code INNER,OUTER} (Å) as given after {@code --zbl} or {@code zbl:}; {@code what} names the option in
     * the error message.
     */
    public static double[] parseCutoffs(String text, String what) {
        String[] p = text.split(",", -1);
        if (p.length != 2) {
            throw new InputException(what + ": expected INNER,OUTER in Å (e.g. 1.0,2.0), got '" + text + "'");
        }
        double in;
        double out;
        try {
            in = Double.parseDouble(p[0].trim());
            out = Double.parseDouble(p[1].trim());
        } catch (NumberFormatException e) {
            throw new InputException(what + ": expected INNER,OUTER in Å (e.g. 1.0,2.0), got '" + text + "'");
        }
        if (!(in > 0) || !Double.isFinite(out) || !(in < out)) {
            throw new InputException(what + ": needs 0 < INNER < OUTER (Å), got inner " + in + ", outer " + out);
        }
        return new double[] {in, out};
    }

    public double inner() {
        return inner;
    }

    public double outer() {
        return outer;
    }

    /** Nuclear charge of each element, in {@link #elements()} order. */
    public int[] charges() {
        return z.clone();
    }

    @Override
    public double cutoff() {
        return outer;
    }

    @Override
    public List<String> elements() {
        return elements;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "zbl:%s,%s (%s)", inner, outer, String.join(",", elements));
    }

    /**
     * The pair energy E(r) of types (ti, tj) with the switch, and in {@code dEdr[0]} (if not null) its derivative;
     * 0 at and beyond the outer cutoff.
     */
    public double pair(int ti, int tj, double r, double[] dEdr) {
        if (r >= outer) {
            if (dEdr != null) {
                dEdr[0] = 0;
            }
            return 0;
        }
        double[] de = dEdr != null ? dEdr : new double[1];
        return term(ti * nt + tj, r, 1 / r, de);
    }

    /** Energy of pair type p at r &lt; outer (rinv = 1/r); dE/dr into de[0]. */
    private double term(int p, double r, double rinv, double[] de) {
        double e1 = Math.exp(-d1[p] * r), e2 = Math.exp(-d2[p] * r), e3 = Math.exp(-d3[p] * r),
            e4 = Math.exp(-d4[p] * r);
        double s = C[0] * e1 + C[1] * e2 + C[2] * e3 + C[3] * e4;
        double sp = -(C[0] * d1[p] * e1 + C[1] * d2[p] * e2 + C[2] * d3[p] * e3 + C[3] * d4[p] * e4);
        double e = zze[p] * s * rinv + swC[p];
        double d = zze[p] * (sp - s * rinv) * rinv;
        if (r > inner) {
            double t = r - inner;
            e += t * t * t * (swA[p] / 3 + swB[p] / 4 * t);
            d += t * t * (swA[p] + swB[p] * t);
        }
        de[0] = d;
        return e;
    }

    @Override
    public double compute(int[] types, NeighborList nl, double[] forces, double[] virial) {
        if (forces != null) {
            Arrays.fill(forces, 0, 3 * nl.atoms(), 0.0);
        }
        if (virial != null) {
            Arrays.fill(virial, 0.0);
        }
        return addTo(types, nl, forces, virial);
    }

    /** Adds this potential's forces and virial to the arrays (either may be null) and returns its energy. */
    double addTo(int[] types, NeighborList nl, double[] forces, double[] virial) {
        int n = nl.atoms();
        int[] idx = nl.indexArray();
        double[] r = nl.rArray(), dx = nl.dxArray(), dy = nl.dyArray(), dz = nl.dzArray();
        double[] de = new double[1];
        double e = 0;
        for (int i = 0; i < n; i++) {
            int row = types[i] * nt;
            for (int q = nl.start(i), end = nl.end(i); q < end; q++) {
                double rr = r[q];
                if (rr >= outer) {
                    continue;
                }
                double rinv = 1 / rr;
                double pe = term(row + types[idx[q]], rr, rinv, de);
                // each pair is listed from both atoms: half of the energy and of dE/dr per entry
                e += 0.5 * pe;
                double g = 0.5 * de[0] * rinv;
                PairTerms.add(forces, virial, i, idx[q], dx[q], dy[q], dz[q], g * dx[q], g * dy[q], g * dz[q]);
            }
        }
        return e;
    }
}
