package dev.sieve.descriptor;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import dev.sieve.core.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a symmetry-function set specification (the {@code SPEC} of the CLI) to a set.
 *
 * <pre>
 * SPEC     := BUILTIN | GRID | FILE
 * BUILTIN  := ("thesis22" | "thesis329") (":" MOD)*
 * MOD      := "wide" | "narrow"                        angular type 9 (default) or 3
 *           | "cos" | "tanhu" | "tanh" | "exp" | "poly1" | "poly2" | "poly3" | "poly4"   cutoff (default cos)
 * GRID     := "grid" [":" KEY "=" VALUE ("," KEY "=" VALUE)*]     lists separated by ';'
 *   rule=gastegger|imbalzano  mode=shifted|centered  rc=6  n=8  r_inner=1  r_upper=rc
 *   ang=wide|narrow|none  ang_rc=rc  ang_n=3  ang_etas=0.01;0.1  zetas=1;2;4;16  cutoff=cos  alpha=0
 * FILE     := PATH ["@bohr" | "@" FACTOR]   n2p2 input.nn: a file named input.nn or ending in .nn;
 *                                           FACTOR = file length units per Å (default 1)
 *           | PATH                          Sieve set file ending in .yaml, .yml or .json
 * </pre>
 *
 * <p>Examples: {@code thesis22}, {@code thesis22:narrow}, {@code thesis22:poly2},
 * {@code thesis329:narrow:poly2}, {@code grid:rc=6,n=8,mode=shifted,ang_rc=4.4,zetas=1;2;4},
 * {@code potentials/Cu/input.nn@bohr}, {@code sets/mine.yaml}.
 *
 * <p>Builtin sets and grids are built for the elements of {@code elementsHint} (Al when it is
 * empty or null), every element combination (see {@link BuiltinSets}, {@link SfGrid}). A file
 * defines its own elements; a non-empty hint must then name the same elements.
 */
public final class SfSpec {
    private SfSpec() {}

    /** The accepted forms, for messages and {@code --help}. */
    public static final String FORMS = "thesis22[:wide|:narrow][:<cutoff>], thesis329[...], "
        + "grid:key=value,... (keys rule, mode, rc, n, r_inner, r_upper, ang, ang_rc, ang_n, ang_etas, zetas, cutoff, alpha), "
        + "an n2p2 input.nn or *.nn file [@bohr|@<length factor>], or a Sieve set file *.yaml|*.yml|*.json";

    /** Resolves {@code spec}; n2p2 files without an {@code @} suffix are read in Å. */
    public static SymmetryFunctionSet resolve(String spec, List<String> elementsHint) {
        return resolve(spec, elementsHint, 1.0);
    }

    /**
     * Resolves {@code spec}; n2p2 files without an {@code @} suffix are read with
     * {@code defaultLengthFactor} (file length units per Å).
     */
    public static SymmetryFunctionSet resolve(String spec, List<String> elementsHint, double defaultLengthFactor) {
        if (spec == null || spec.isBlank()) {
            throw new InputException("empty symmetry function set spec; expected one of: " + FORMS);
        }
        String s = spec.trim();
        List<String> els = elementsHint == null || elementsHint.isEmpty() ? List.of("Al") : elementsHint;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("thesis22") || lower.startsWith("thesis22:") || lower.equals("thesis329")
            || lower.startsWith("thesis329:")) {
            return builtin(s, els);
        }
        if (lower.equals("grid") || lower.startsWith("grid:")) {
            return grid(s, els);
        }
        String pathPart = s;
        double factor = defaultLengthFactor;
        int at = s.lastIndexOf('@');
        if (at > 0 && isN2p2Name(s.substring(0, at))) {
            pathPart = s.substring(0, at);
            String f = s.substring(at + 1).trim();
            if (f.equalsIgnoreCase("bohr")) {
                factor = Units.N2P2_BOHR_PER_ANGSTROM;
            } else {
                try {
                    factor = Double.parseDouble(f);
                } catch (NumberFormatException e) {
                    throw new InputException("symmetry function set spec " + Messages.quote(spec) + ": length factor after '@' must be "
                        + "'bohr' or a positive number, got " + Messages.quote(f));
                }
            }
        }
        if (isN2p2Name(pathPart)) {
            return checkElements(N2p2SymmetryFunctionReader.read(Path.of(pathPart), factor), elementsHint, spec);
        }
        if (SfSetFile.isSetFile(Path.of(s))) {
            return checkElements(SfSetFile.read(Path.of(s)), elementsHint, spec);
        }
        throw new InputException("unknown symmetry function set spec " + Messages.quote(spec) + "; expected one of: " + FORMS);
    }

    private static boolean isN2p2Name(String p) {
        String name;
        try {
            Path fn = Path.of(p).getFileName();
            name = fn == null ? "" : fn.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
        return name.equals("input.nn") || name.endsWith(".nn");
    }

    private static SymmetryFunctionSet checkElements(SymmetryFunctionSet set, List<String> hint, String spec) {
        if (hint != null && !hint.isEmpty() && !new HashSet<>(hint).equals(new HashSet<>(set.elements()))) {
            throw new InputException("symmetry function set " + spec + " is for elements " + set.elements()
                + " but elements " + hint + " were requested");
        }
        return set;
    }

    private static SymmetryFunctionSet builtin(String spec, List<String> els) {
        String[] parts = spec.split(":", -1);
        String base = parts[0].toLowerCase(Locale.ROOT);
        int angType = SymmetryFunction.ANGULAR_WIDE;
        CutoffType cutoff = CutoffType.COS;
        boolean angSet = false;
        boolean cutSet = false;
        for (int i = 1; i < parts.length; i++) {
            String m = parts[i].trim().toLowerCase(Locale.ROOT);
            if (m.equals("wide") || m.equals("narrow")) {
                if (angSet) {
                    throw new InputException("symmetry function set spec " + Messages.quote(spec) + ": angular convention given twice");
                }
                angSet = true;
                angType = m.equals("wide") ? SymmetryFunction.ANGULAR_WIDE : SymmetryFunction.ANGULAR_NARROW;
                continue;
            }
            CutoffType c = cutoffLabel(m);
            if (c == null) {
                throw new InputException("symmetry function set spec " + Messages.quote(spec) + ": unknown modifier " + Messages.quote(parts[i]) + " (expected wide, narrow, cos, tanhu, tanh, exp, poly1, poly2, poly3 or poly4)");
            }
            if (cutSet) {
                throw new InputException("symmetry function set spec " + Messages.quote(spec) + ": cutoff function given twice");
            }
            cutSet = true;
            cutoff = c;
        }
        String name = base + (angType == SymmetryFunction.ANGULAR_NARROW ? ":narrow" : "")
            + (cutoff != CutoffType.COS ? ":" + cutoff.label() : "");
        SymmetryFunctionSet set;
        try {
            set = base.equals("thesis22") ? BuiltinSets.thesis22(els, cutoff, angType)
                : BuiltinSets.thesis329(els, cutoff, angType);
        } catch (IllegalArgumentException e) {
            throw new InputException("symmetry function set " + spec + ": " + e.getMessage());
        }
        return new SymmetryFunctionSet(name, set.elements(), set.functions());
    }

    private static CutoffType cutoffLabel(String m) {
        for (CutoffType c : CutoffType.values()) {
            if (c.label().equals(m)) {
                return c;
            }
        }
        return null;
    }

    private static SymmetryFunctionSet grid(String spec, List<String> els) {
        SfGrid d = SfGrid.defaults();
        SfGrid.Rule rule = d.rule();
        SfGrid.Mode mode = d.mode();
        double rc = d.rc();
        int n = d.n();
        double rInner = d.rInner();
        double rUpper = d.rUpper();
        int ang = d.angularType();
        double angRc = d.angRc();
        int angN = d.angN();
        List<Double> angEtas = d.angEtas();
        List<Double> zetas = d.zetas();
        CutoffType cutoff = d.cutoff();
        double alpha = d.alpha();
        String body = spec.length() > 4 ? spec.substring(5) : "";
        HashSet<String> given = new HashSet<>();
        if (!body.isBlank()) {
            for (String kv : body.split(",", -1)) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new InputException("grid spec " + Messages.quote(spec) + ": expected key=value, got " + Messages.quote(kv));
                }
                String k = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String v = kv.substring(eq + 1).trim();
                if (!given.add(k)) {
                    throw new InputException("grid spec " + Messages.quote(spec) + ": key " + Messages.quote(k) + " given twice");
                }
                String lv = v.toLowerCase(Locale.ROOT);
                switch (k) {
                    case "rule" -> rule = switch (lv) {
                        case "gastegger", "gastegger2018" -> SfGrid.Rule.GASTEGGER;
                        case "imbalzano", "imbalzano2018" -> SfGrid.Rule.IMBALZANO;
                        default -> throw bad(spec, k, v, "gastegger or imbalzano");
                    };
                    case "mode" -> mode = switch (lv) {
                        case "shifted", "shift" -> SfGrid.Mode.SHIFTED;
                        case "centered", "center", "centred" -> SfGrid.Mode.CENTERED;
                        default -> throw bad(spec, k, v, "shifted or centered");
                    };
                    case "rc" -> rc = num(spec, k, v);
                    case "n" -> n = integer(spec, k, v);
                    case "r_inner" -> rInner = num(spec, k, v);
                    case "r_upper" -> rUpper = num(spec, k, v);
                    case "ang" -> ang = switch (lv) {
                        case "wide", "9" -> SymmetryFunction.ANGULAR_WIDE;
                        case "narrow", "3" -> SymmetryFunction.ANGULAR_NARROW;
                        case "none", "0" -> 0;
                        default -> throw bad(spec, k, v, "wide, narrow or none");
                    };
                    case "ang_rc" -> angRc = num(spec, k, v);
                    case "ang_n" -> angN = integer(spec, k, v);
                    case "ang_etas" -> angEtas = list(spec, k, v);
                    case "zetas" -> zetas = list(spec, k, v);
                    case "cutoff" -> {
                        CutoffType c = cutoffLabel(lv);
                        if (c == null) {
                            throw bad(spec, k, v, "cos, tanhu, tanh, exp, poly1, poly2, poly3 or poly4");
                        }
                        cutoff = c;
                    }
                    case "alpha" -> alpha = num(spec, k, v);
                    default -> throw new InputException("grid spec " + Messages.quote(spec) + ": unknown key " + Messages.quote(k) + " (expected rule, "
                        + "mode, rc, n, r_inner, r_upper, ang, ang_rc, ang_n, ang_etas, zetas, cutoff, alpha)");
                }
            }
        }
        try {
            SfGrid g = new SfGrid(rule, mode, rc, n, rInner, rUpper, ang, angRc, angN, angEtas, zetas, cutoff, alpha);
            return g.generate(spec, els);
        } catch (IllegalArgumentException e) {
            throw new InputException("grid spec " + Messages.quote(spec) + ": " + e.getMessage());
        }
    }

    private static InputException bad(String spec, String k, String v, String expected) {
        return new InputException("grid spec " + Messages.quote(spec) + ": " + k + ": expected " + expected + ", got " + Messages.quote(v));
    }

    private static double num(String spec, String k, String v) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, k, v, "a number");
    }

    private static int integer(String spec, String k, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(spec, k, v, "an integer");
        }
    }

    private static List<Double> list(String spec, String k, String v) {
        List<Double> l = new ArrayList<>();
        for (String p : v.split(";", -1)) {
            l.add(num(spec, k, p.trim()));
        }
        return l;
    }
}
