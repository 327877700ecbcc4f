package dev.sieve.md.potential;

import dev.sieve.core.HotKernel;
import dev.sieve.core.InputException;
import dev.sieve.io.LineInput;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.structure.Elements;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Embedded-atom method potentials from LAMMPS files: {@code eam} (funcfl, one element),
 * {@code eam/alloy} (setfl) and {@code eam/fs} (Finnis–Sinclair setfl).
 *
 * <p>E = Σ_i F_i(ρ_i) + ½ Σ_i Σ_{j≠i} φ_ij(r_ij), ρ_i = Σ_j ρ_{j→i}(r_ij); for eam/fs the density
 * function depends on both elements (the file block of element J lists ρ_{J→I} for every I).
 * Tables are interpolated as LAMMPS does ({@link Spline}); F is extended linearly beyond the
 * tabulated density range, as in LAMMPS.
 */
public final class EamPotential implements Potential {

    /** The three LAMMPS file styles. */
    public enum Style { FUNCFL, SETFL, FS }

    private final String source;
    private final Style style;
    private final List<String> elements;
    private final double[] masses;
    private final double cutoff;
    private final Spline[] embed;     // per element
    private final Spline[] density;   // [j * ne + i]: density at an atom of type i from a neighbour of type j
    private final Spline[] pair;      // [i * ne + j]: r * phi_ij(r), symmetric
    private final double rhoMax;

    private EamPotential(String source, Style style, List<String> elements, double[] masses, double cutoff,
                         Spline[] embed, Spline[] density, Spline[] pair, double rhoMax) {
        this.source = source;
        this.style = style;
        this.elements = List.copyOf(elements);
        this.masses = masses;
        this.cutoff = cutoff;
        this.embed = embed;
        this.density = density;
        this.pair = pair;
        this.rhoMax = rhoMax;
    }

    /** Reads a file; the style is taken from the name ({@code .eam.fs}, {@code .eam.alloy}/{@code .setfl}, {@code .eam}). */
    public static EamPotential read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceAll("\\.gz$", "");
        Style st;
        if (name.endsWith(".fs") || name.contains(".eam.fs")) {
            st = Style.FS;
        } else if (name.endsWith(".alloy") || name.endsWith(".setfl")) {
            st = Style.SETFL;
        } else if (name.endsWith(".eam")) {
            st = Style.FUNCFL;
        } else {
            throw new InputException(file.toString(), -1, "cannot tell the EAM style from the name; expected *.eam "
                + "(funcfl), *.eam.alloy or *.setfl (setfl), or *.eam.fs (Finnis-Sinclair)");
        }
        return read(file, st);
    }

    public static EamPotential read(Path file, Style style) {
        try (LineInput in = LineInput.open(file)) {
            Tokens t = new Tokens(in);
            return style == Style.FUNCFL ? readFuncfl(t, file.toString()) : readSetfl(t, file.toString(), style);
        }
    }

    /** The whitespace tokens of the file as one stream across lines, on {@link LineInput} (line numbers, messages). */
    private static final class Tokens {
        private final LineInput in;
        private int pos;

        Tokens(LineInput in) {
            this.in = in;
        }

        /** Skips a whole line (a comment line of the header). */
        void line() {
            in.require("a header line");
            pos = in.count();
        }

        private void advance(String what) {
            while (pos >= in.count()) {
                in.require(what);
                pos = 0;
            }
        }

        String next(String what) {
            advance(what);
            return in.token(pos++);
        }

        double number(String what) {
            advance(what);
            return in.number(pos++, what);
        }

        int integer(String what) {
            advance(what);
            return in.integer(pos++, what);
        }

        double[] numbers(int n, String what) {
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                v[k] = number(what + " value " + (k + 1) + " of " + n);
            }
            return v;
        }

        long lineNumber() {
            return in.lineNo();
        }
    }

    private static EamPotential readSetfl(Tokens t, String file, Style style) {
        t.line();
        t.line();
        t.line();
        int ne = t.integer("number of elements");
        if (ne < 1) {
            throw new InputException(file, t.lineNumber(), "number of elements must be >= 1, got " + ne);
        }
        List<String> els = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            String el = t.next("element symbol");
            if (!Elements.isSymbol(el)) {
                throw new InputException(file, t.lineNumber(), "unknown element symbol '" + el + "'");
            }
            els.add(el);
        }
        int nrho = t.integer("Nrho");
        double drho = t.number("drho");
        int nr = t.integer("Nr");
        double dr = t.number("dr");
        double cut = t.number("cutoff");
        checkGrid(file, t, nrho, drho, nr, dr, cut);
        double[] masses = new double[ne];
        Spline[] embed = new Spline[ne];
        Spline[] dens = new Spline[ne * ne];
        for (int e = 0; e < ne; e++) {
            t.integer("atomic number");
            masses[e] = t.number("mass");
            t.number("lattice constant");
            t.next("lattice type");
            embed[e] = new Spline(t.numbers(nrho, "F(rho) of " + els.get(e)), drho);
            if (style == Style.FS) {
                for (int i = 0; i < ne; i++) {
                    // block of element e lists rho_{e -> i}: density at an atom of type i due to a neighbour of type e
                    dens[e * ne + i] = new Spline(t.numbers(nr, "rho(r) of " + els.get(e) + "-" + els.get(i)), dr);
                }
            } else {
                Spline s = new Spline(t.numbers(nr, "rho(r) of " + els.get(e)), dr);
                for (int i = 0; i < ne; i++) {
                    dens[e * ne + i] = s;
                }
            }
        }
        Spline[] pair = new Spline[ne * ne];
        for (int i = 0; i < ne; i++) {
            for (int j = 0; j <= i; j++) {
                Spline s = new Spline(t.numbers(nr, "r*phi(r) of " + els.get(i) + "-" + els.get(j)), dr);
                pair[i * ne + j] = s;
                pair[j * ne + i] = s;
            }
        }
        return new EamPotential(file, style, els, masses, cut, embed, dens, pair, (nrho - 1) * drho);
    }

    private static EamPotential readFuncfl(Tokens t, String file) {
        t.line();
        int z = t.integer("atomic number");
        double mass = t.number("mass");
        t.number("lattice constant");
        t.next("lattice type");
        int nrho = t.integer("Nrho");
        double drho = t.number("drho");
        int nr = t.integer("Nr");
        double dr = t.number("dr");
        double cut = t.number("cutoff");
        checkGrid(file, t, nrho, drho, nr, dr, cut);
        double[] f = t.numbers(nrho, "F(rho)");
        double[] zr = t.numbers(nr, "Z(r)");
        double[] rho = t.numbers(nr, "rho(r)");
        // r*phi = 27.2 * 0.529 * Z(r)^2 (Hartree*Bohr in eV*Å, LAMMPS's constants)
        double[] z2r = new double[nr];
        for (int k = 0; k < nr; k++) {
            z2r[k] = 27.2 * 0.529 * zr[k] * zr[k];
        }
        String el = Elements.symbol(z);
        return new EamPotential(file, Style.FUNCFL, List.of(el), new double[] {mass}, cut,
            new Spline[] {new Spline(f, drho)}, new Spline[] {new Spline(rho, dr)}, new Spline[] {new Spline(z2r, dr)},
            (nrho - 1) * drho);
    }

    private static void checkGrid(String file, Tokens t, int nrho, double drho, int nr, double dr, double cut) {
        if (nrho < 5 || nr < 5 || !(drho > 0) || !(dr > 0) || !(cut > 0)) {
            throw new InputException(file, t.lineNumber(), "bad grid: Nrho " + nrho + ", drho " + drho + ", Nr " + nr
                + ", dr " + dr + ", cutoff " + cut + " (expected Nrho, Nr >= 5 and positive spacings and cutoff)");
        }
    }

    @Override
    public double cutoff() {
        return cutoff;
    }

    @Override
    public List<String> elements() {
        return elements;
    }

    public double mass(int type) {
        return masses[type];
    }

    public Style style() {
        return style;
    }

    @Override
    public String describe() {
        return "EAM " + style.name().toLowerCase(java.util.Locale.ROOT) + " " + source;
    }

    @Override
    public boolean halfList() {
        return true;
    }

    /** Per-thread scratch: the pairs inside the cutoff of the current step, atom by atom. */
    private static final class Scratch {
        int[] pj = new int[0];    // the pair's other atom
        int[] cs = new int[0];    // per atom: its first pair
        double[] pdx = new double[0];
        double[] pdy = new double[0];
        double[] pdz = new double[0];
        double[] pr = new double[0];
        double[] pinv = new double[0]; // 1 / r
        int[] po = new int[0];         // spline interval (one element, shared grid)
        double[] pq = new double[0];   // position inside it
        double[] rho = new double[0];
        double[] fp = new double[0];
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** The positions an MD engine last {@link #refresh refreshed} a list to, per thread. */
    private record Positions(NeighborList nl, double[] x, double[] h, long builds) {}

    private final ThreadLocal<Positions> refreshed = new ThreadLocal<>();

    /**
     * Does not touch the list: {@link #compute} on the same list and build then computes the pair vectors of its half
     * list from these positions itself (the same operations as {@link NeighborList#refreshHalf}, so the same bits),
     * in the pass that keeps the pairs inside the cutoff, instead of storing and reloading them.
     */
    @Override
    public void refresh(NeighborList nl, double[] positions, double[] h) {
        refreshed.set(new Positions(nl, positions, h, nl.builds()));
    }

    /**
     * The pairs of the half list inside the cutoff, atom by atom, with their vectors and distances: from the
     * positions of the last {@link #refresh} of this list since its build, else from the list's stored vectors.
     * Branch-free compaction (every entry is written at position np, which advances for pairs inside the cutoff).
     */
    private int pairs(NeighborList nl, Scratch sc) {
        int n = nl.atoms();
        int[] hs = nl.halfStarts(), he = nl.halfEntries();
        int total = hs[n];
        if (sc.pj.length < total + 1) {
            sc.pj = new int[total + 1];
            sc.pdx = new double[total + 1];
            sc.pdy = new double[total + 1];
            sc.pdz = new double[total + 1];
            sc.pr = new double[total + 1];
            sc.pinv = new double[total + 1];
            sc.po = new int[total + 1];
            sc.pq = new double[total + 1];
        }
        if (sc.cs.length < n + 1) {
            sc.cs = new int[n + 1];
        }
        int[] pj = sc.pj, cs = sc.cs, idx = nl.indexArray();
        double[] pdx = sc.pdx, pdy = sc.pdy, pdz = sc.pdz, pr = sc.pr;
        double cut = cutoff;
        double cut2 = cut * cut;
        int np = 0;
        Positions at = refreshed.get();
        if (at != null && at.nl() == nl && at.builds() == nl.builds()) {
            double[] x = at.x();
            double[][] sh = nl.latticeShifts(at.h());
            double[] sx = sh == null ? null : sh[0], sy = sh == null ? null : sh[1], sz = sh == null ? null : sh[2];
            for (int i = 0; i < n; i++) {
                cs[i] = np;
                double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
                for (int k = hs[i], end = hs[i + 1]; k < end; k++) {
                    int e = he[k];
                    int j = idx[e];
                    double dx = x[3 * j] - xi;
                    double dy = x[3 * j + 1] - yi;
                    double dz = x[3 * j + 2] - zi;
                    if (sx != null) {
                        dx += sx[e];
                        dy += sy[e];
                        dz += sz[e];
                    }
                    double r2 = dx * dx + dy * dy + dz * dz;
                    pj[np] = j;
                    pdx[np] = dx;
                    pdy[np] = dy;
                    pdz[np] = dz;
                    pr[np] = r2;
                    np += r2 < cut2 ? 1 : 0;
                }
            }
            for (int p = 0; p < np; p++) {
                pr[p] = Math.sqrt(pr[p]); // the kept pairs only, in a loop the compiler vectorises
            }
        } else {
            double[] r = nl.rArray(), dx = nl.dxArray(), dy = nl.dyArray(), dz = nl.dzArray();
            for (int i = 0; i < n; i++) {
                cs[i] = np;
                for (int k = hs[i], end = hs[i + 1]; k < end; k++) {
                    int e = he[k];
                    pj[np] = idx[e];
                    pdx[np] = dx[e];
                    pdy[np] = dy[e];
                    pdz[np] = dz[e];
                    pr[np] = r[e];
                    np += r[e] < cut ? 1 : 0;
                }
            }
        }
        cs[n] = np;
        double[] pinv = sc.pinv;
        for (int p = 0; p < np; p++) {
            pinv[p] = 1.0 / pr[p];
        }
        return np;
    }

    @Override
    @HotKernel("the MD force loop: the density pass, the embedding pass and the force pass share the compacted pair "
        + "arrays and keep the force and virial sums in registers; each pass is a loop over all pairs, and as "
        + "separate methods of several hundred bytes of bytecode they would not be inlined by C2")
    public double compute(int[] types, NeighborList nl, double[] forces, double[] virial) {
        int n = nl.atoms();
        int ne = elements.size();
        Scratch sc = scratch.get();
        if (sc.rho.length < n) {
            sc.rho = new double[n];
            sc.fp = new double[n];
        }
        double[] rho = sc.rho;
        double[] fp = sc.fp;
        Arrays.fill(rho, 0, n, 0.0);
        // every unordered pair once, from the list's half list (as LAMMPS's half neighbour lists)
        pairs(nl, sc);
        int[] pj = sc.pj, cs = sc.cs;
        double[] pdx = sc.pdx, pdy = sc.pdy, pdz = sc.pdz, pr = sc.pr;
        double[] pinv = sc.pinv, pq = sc.pq;
        int[] po = sc.po;
        boolean shared = ne == 1 && pair[0].sameGrid(density[0]);
        if (ne == 1) {
            Spline dens = density[0];
            for (int i = 0; i < n; i++) {
                double ri = 0;
                for (int p = cs[i], end = cs[i + 1]; p < end; p++) {
                    // interval and position kept for the force loop when the pair spline shares the grid
                    double rr = pr[p];
                    int o = dens.interval(rr);
                    double q = dens.fraction(rr, o);
                    po[p] = o;
                    pq[p] = q;
                    double v = dens.valueAt(o, q);
                    ri += v;
                    rho[pj[p]] += v;
                }
                rho[i] += ri;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int ti = types[i];
                for (int p = cs[i], end = cs[i + 1]; p < end; p++) {
                    int j = pj[p];
                    double rr = pr[p];
                    int tj = types[j];
                    double vi = density[tj * ne + ti].value(rr);
                    rho[i] += vi;
                    rho[j] += tj == ti ? vi : density[ti * ne + tj].value(rr);
                }
            }
        }
        double energy = 0;
        for (int i = 0; i < n; i++) {
            Spline f = embed[types[i]];
            fp[i] = f.derivative(rho[i]);
            double phi = f.value(rho[i]);
            if (rho[i] > rhoMax) {
                phi += fp[i] * (rho[i] - rhoMax);
            }
            energy += phi;
        }
        if (forces != null) {
            Arrays.fill(forces, 0, 3 * n, 0.0);
        }
        if (virial != null) {
            Arrays.fill(virial, 0, 6, 0.0);
        }
        double pairEnergy = 0;
        if (shared) {
            // one element: the pair and density splines share the grid, so one interval lookup serves the
            // three polynomials (as LAMMPS's eam styles do)
            // atom by atom, i's force and the virial summed in registers (a sum through memory would chain every
            // pair's store to the next pair's load); plain locals rather than core.Virial.Sum, which measured about
            // 2 % slower in this loop
            Spline zs = pair[0], dens = density[0];
            boolean any = forces != null || virial != null;
            double v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0;
            for (int i = 0; i < n; i++) {
                double fpi = fp[i];
                double fxi = 0, fyi = 0, fzi = 0;
                for (int p = cs[i], end = cs[i + 1]; p < end; p++) {
                    int j = pj[p];
                    int o = po[p];
                    double q = pq[p];
                    double recip = pinv[p];
                    double phi = zs.valueAt(o, q) * recip;
                    pairEnergy += phi;
                    if (!any) {
                        continue;
                    }
                    double phip = zs.derivativeAt(o, q) * recip - phi * recip;
                    double dEdr = (fpi + fp[j]) * dens.derivativeAt(o, q) + phip;
                    double c = dEdr * recip;
                    double ex = pdx[p], ey = pdy[p], ez = pdz[p];
                    double fx = c * ex, fy = c * ey, fz = c * ez;
                    fxi += fx;
                    fyi += fy;
                    fzi += fz;
                    if (forces != null) {
                        forces[3 * j] -= fx;
                        forces[3 * j + 1] -= fy;
                        forces[3 * j + 2] -= fz;
                    }
                    v0 -= ex * fx;
                    v1 -= ey * fy;
                    v2 -= ez * fz;
                    v3 -= ex * fy;
                    v4 -= ex * fz;
                    v5 -= ey * fz;
                }
                if (forces != null) {
                    forces[3 * i] += fxi;
                    forces[3 * i + 1] += fyi;
                    forces[3 * i + 2] += fzi;
                }
            }
            if (virial != null) {
                virial[0] += v0;
                virial[1] += v1;
                virial[2] += v2;
                virial[3] += v3;
                virial[4] += v4;
                virial[5] += v5;
            }
            return energy + pairEnergy;
        }
        for (int i = 0; i < n; i++) {
            for (int p = cs[i], end = cs[i + 1]; p < end; p++) {
                int j = pj[p];
                double rr = pr[p];
                int ti = types[i], tj = types[j];
                Spline zs = pair[ti * ne + tj];
                double recip = pinv[p];
                double z2 = zs.value(rr);
                double phi = z2 * recip;
                pairEnergy += phi;
                if (forces == null && virial == null) {
                    continue;
                }
                double z2p = zs.derivative(rr);
                double phip = z2p * recip - phi * recip;
                // dE/dr of the pair: the embedding of i through rho_{j->i}, of j through rho_{i->j}, the pair term
                double dToI = density[tj * ne + ti].derivative(rr);
                double dToJ = tj == ti ? dToI : density[ti * ne + tj].derivative(rr);
                double dEdr = fp[i] * dToI + fp[j] * dToJ + phip;
                double ux = pdx[p] * recip, uy = pdy[p] * recip, uz = pdz[p] * recip;
                double fx = dEdr * ux, fy = dEdr * uy, fz = dEdr * uz;
                PairTerms.add(forces, virial, i, j, pdx[p], pdy[p], pdz[p], fx, fy, fz);
            }
        }
        return energy + pairEnergy;
    }
}
