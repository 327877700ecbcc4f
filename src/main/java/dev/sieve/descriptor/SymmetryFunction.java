package dev.sieve.descriptor;

import dev.sieve.structure.Elements;
import java.util.Comparator;
import java.util.Locale;

/**
 * One symmetry function of a central element, with n2p2's definitions and parameter meaning.
 * Units: eta in Å^-2, rs and rc in Å.
 *
 * <ul>
 *   <li>type 2 (radial): G = sum_j exp(-eta (r_ij - rs)^2) fc(r_ij), neighbours of element e1.</li>
 *   <li>type 3 (narrow angular, Behler G4) and 9 (wide angular, G5): sum over unordered neighbour
 *       pairs of elements {e1, e2}; see DESIGN.md §3.</li>
 * </ul>
 *
 * @param element central atom element
 * @param type    n2p2 type: 2, 3 or 9
 * @param e1      neighbour element (radial) or first neighbour element (angular)
 * @param e2      second neighbour element (angular), null for radial
 * @param eta     width (Å^-2)
 * @param rs      shift (Å)
 * @param zeta    angular exponent (ignored for radial, stored as 0)
 * @param lambda  +1 or -1 (ignored for radial, stored as 0)
 * @param rc      cutoff radius (Å)
 * @param cutoff  cutoff function
 * @param alpha   inner cutoff fraction, 0 <= alpha < 1
 */
public record SymmetryFunction(
        String element, int type, String e1, String e2, double eta, double rs, double zeta, double lambda,
        double rc, CutoffType cutoff, double alpha) {

    public static final int RADIAL = 2;
    public static final int ANGULAR_NARROW = 3;
    public static final int ANGULAR_WIDE = 9;

    public SymmetryFunction {
        if (!Elements.isSymbol(element)) {
            throw new IllegalArgumentException("unknown central element '" + element + "'");
        }
        if (!Elements.isSymbol(e1)) {
            throw new IllegalArgumentException("unknown neighbour element '" + e1 + "'");
        }
        if (type != RADIAL && type != ANGULAR_NARROW && type != ANGULAR_WIDE) {
            throw new IllegalArgumentException("unsupported symmetry function type " + type + " (expected 2, 3 or 9)");
        }
        if (!(rc > 0) || !Double.isFinite(rc)) {
            throw new IllegalArgumentException("cutoff radius must be positive, got " + rc);
        }
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be >= 0, got " + eta);
        }
        if (!Double.isFinite(rs)) {
            throw new IllegalArgumentException("rs must be finite, got " + rs);
        }
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("inner cutoff fraction alpha must be in [0, 1), got " + alpha);
        }
        if (cutoff == null) {
            throw new IllegalArgumentException("cutoff type missing");
        }
        // -0.0 would sort and compare as a different function from 0.0
        eta += 0.0;
        rs += 0.0;
        rc += 0.0;
        alpha += 0.0;
        if (type == RADIAL) {
            e2 = null;
            zeta = 0;
            lambda = 0;
        } else {
            if (!Elements.isSymbol(e2)) {
                throw new IllegalArgumentException("unknown second neighbour element '" + e2 + "'");
            }
            if (lambda != 1 && lambda != -1) {
                throw new IllegalArgumentException("lambda must be +1 or -1, got " + lambda);
            }
            if (!(zeta >= 1) || !Double.isFinite(zeta)) {
                throw new IllegalArgumentException("zeta must be >= 1, got " + zeta);
            }
            // n2p2 keeps the neighbour pair ordered by atomic number
            if (Elements.atomicNumber(e1) > Elements.atomicNumber(e2)) {
                String t = e1;
                e1 = e2;
                e2 = t;
            }
        }
    }

    public static SymmetryFunction radial(String element, String e1, double eta, double rs, double rc,
                                          CutoffType cutoff, double alpha) {
        return new SymmetryFunction(element, RADIAL, e1, null, eta, rs, 0, 0, rc, cutoff, alpha);
    }

    public static SymmetryFunction angular(String element, int type, String e1, String e2, double eta, double rs,
                                           double zeta, double lambda, double rc, CutoffType cutoff, double alpha) {
        return new SymmetryFunction(element, type, e1, e2, eta, rs, zeta, lambda, rc, cutoff, alpha);
    }

    public boolean isRadial() {
        return type == RADIAL;
    }

    public boolean isAngular() {
        return type != RADIAL;
    }

    /** Same function with another cutoff function / inner fraction. */
    public SymmetryFunction withCutoff(CutoffType c, double a) {
        return new SymmetryFunction(element, type, e1, e2, eta, rs, zeta, lambda, rc, c, a);
    }

    /**
     * Column name as in the test vectors, e.g. {@code G2:Al:Al:eta=1.85:rs=1.017:rc=6.8} or
     * {@code G9:Al:Al-Al:eta=0.0013:lambda=-1:zeta=1:rc=4.4:rs=0} (numbers in C's %.10g).
     */
    public String name() {
        if (isRadial()) {
            return "G2:" + element + ":" + e1 + ":eta=" + g10(eta) + ":rs=" + g10(rs) + ":rc=" + g10(rc);
        }
        return "G" + type + ":" + element + ":" + e1 + "-" + e2 + ":eta=" + g10(eta) + ":lambda=" + g10(lambda)
            + ":zeta=" + g10(zeta) + ":rc=" + g10(rc) + ":rs=" + g10(rs);
    }

    /** C's {@code %.10g}: 10 significant digits, trailing zeros removed. */
    public static String g10(double v) {
        if (v == 0) {
            return "0";
        }
        String s;
        double av = Math.abs(v);
        int exp = (int) Math.floor(Math.log10(av));
        String m;
        if (exp < -4 || exp >= 10) {
            s = String.format(Locale.ROOT, "%.9e", v);
            int e = s.indexOf('e');
            m = stripZeros(s.substring(0, e));
            int ex = Integer.parseInt(s.substring(e + 1));
            return m + "e" + (ex < 0 ? "-" : "+") + (Math.abs(ex) < 10 ? "0" : "") + Math.abs(ex);
        }
        s = String.format(Locale.ROOT, "%." + Math.max(0, 9 - exp) + "f", v);
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * n2p2's order within one central element (Element::sortSymmetryFunctions): radial key
     * (type, cutoff type, alpha, rc, eta, rs, e1), angular key (type, cutoff type, alpha, rc, eta, rs,
     * zeta, lambda, e1, e2); neighbour elements compare by atomic number.
     */
    public static final Comparator<SymmetryFunction> N2P2_ORDER = Comparator
        .comparingInt(SymmetryFunction::type)
        .thenComparingInt(s -> s.cutoff().code())
        .thenComparingDouble(SymmetryFunction::alpha)
        .thenComparingDouble(SymmetryFunction::rc)
        .thenComparingDouble(SymmetryFunction::eta)
        .thenComparingDouble(SymmetryFunction::rs)
        .thenComparingDouble(SymmetryFunction::zeta)
        .thenComparingDouble(SymmetryFunction::lambda)
        .thenComparingInt(s -> Elements.atomicNumber(s.e1()))
        .thenComparingInt(s -> s.e2() == null ? 0 : Elements.atomicNumber(s.e2()));
}
