package dev.sieve.descriptor;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import dev.sieve.io.LineInput;
import dev.sieve.io.N2p2InputNn;
import dev.sieve.structure.Elements;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the symmetry functions of an n2p2 {@code input.nn}: the keywords {@code elements},
 * {@code number_of_elements}, {@code cutoff_type T [alpha]} and every {@code symfunction_short} line
 * of type 2 ({@code symfunction_short <el> 2 <e1> eta rs rc}) or 3/9
 * ({@code symfunction_short <el> 3|9 <e1> <e2> eta lambda zeta rc [rs]}, rs default 0).
 * Text after {@code #} is a comment; other keywords are ignored. Any malformed line is an
 * {@link InputException} naming the file, the line and the expected form.
 *
 * <p>Length units: with {@code lengthFactor} = file length units per Å ({@link dev.sieve.core.Units#N2P2_BOHR_PER_ANGSTROM} for Bohr,
 * default 1) the parameters are converted to Å: rc = rc_file / f, rs = rs_file / f, eta = eta_file f².
 */
public final class N2p2SymmetryFunctionReader {
    private N2p2SymmetryFunctionReader() {}

    private static final String RADIAL_FORM = "symfunction_short <el> 2 <e1> <eta> <rs> <rc>";
    private static final String ANGULAR_FORM = "symfunction_short <el> 3|9 <e1> <e2> <eta> <lambda> <zeta> <rc> [<rs>]";

    /**
     * The functions read and the 1-based input.nn line of each.
     *
     * @param set    the symmetry functions (each element's list in n2p2 order), named by the file
     * @param lineOf line of the {@code symfunction_short} line that defined each function
     */
    public record Parsed(SymmetryFunctionSet set, Map<SymmetryFunction, Integer> lineOf) {}

    /** Reads a file in Å (length factor 1). */
    public static SymmetryFunctionSet read(Path file) {
        return read(file, 1.0);
    }

    /** Reads a file whose lengths are in units with {@code lengthFactor} units per Å. */
    public static SymmetryFunctionSet read(Path file, double lengthFactor) {
        return readWithLines(file, lengthFactor).set();
    }

    public static Parsed readWithLines(Path file, double lengthFactor) {
        String fname = file.toString();
        if (!(lengthFactor > 0) || !Double.isFinite(lengthFactor)) {
            throw new InputException(fname, -1, "length factor must be positive, got " + lengthFactor);
        }
        Keywords k = new Keywords();
        N2p2InputNn.read(file, k::keyword);
        k.check(fname);
        Map<SymmetryFunction, Integer> lineOf = functions(fname, k, lengthFactor);
        SymmetryFunctionSet set;
        try {
            if (k.elements == null) {
                set = SymmetryFunctionSet.of(fname, lineOf.keySet());
            } else {
                Map<String, List<SymmetryFunction>> byEl = new LinkedHashMap<>();
                for (SymmetryFunction sf : lineOf.keySet()) {
                    byEl.computeIfAbsent(sf.element(), e -> new ArrayList<>()).add(sf);
                }
                set = new SymmetryFunctionSet(fname, k.elements, byEl);
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(fname, -1, e.getMessage(), e);
        }
        return new Parsed(set, java.util.Collections.unmodifiableMap(lineOf));
    }

    /** The keywords of this reader, with their lines; {@code symfunction_short} lines are kept for later. */
    private static final class Keywords {
        List<String> elements;
        int elementsLine = -1;
        int numberOfElements = -1;
        int numberLine = -1;
        CutoffType cutoff;
        double alpha;
        int cutoffLine = -1;
        final List<String[]> sfTokens = new ArrayList<>();
        final List<Integer> sfLines = new ArrayList<>();

        void keyword(String key, LineInput in) {
            int ln = (int) in.lineNo();
            switch (key) {
                case "elements" -> elements(in, ln);
                case "number_of_elements" -> {
                    if (in.count() != 2) {
                        throw in.error("expected 'number_of_elements <n>'");
                    }
                    try {
                        numberOfElements = Integer.parseInt(in.token(1));
                    } catch (NumberFormatException e) {
                        throw in.error("number_of_elements: expected an integer, got " + Messages.quote(in.token(1)));
                    }
                    numberLine = ln;
                }
                case "cutoff_type" -> cutoffType(in, ln);
                case "symfunction_short" -> {
                    sfTokens.add(in.tokens());
                    sfLines.add(ln);
                }
                default -> {
                    // other keywords (network, training, scaling settings) are not ours
                }
            }
        }

        private void elements(LineInput in, int ln) {
            if (elements != null) {
                throw in.error("second 'elements' line (first at line " + elementsLine + ")");
            }
            if (in.count() < 2) {
                throw in.error("expected 'elements <El> [<El> ...]'");
            }
            elements = new ArrayList<>();
            for (int i = 1; i < in.count(); i++) {
                String el = in.token(i);
                if (!Elements.isSymbol(el)) {
                    throw in.error("unknown element symbol " + Messages.quote(el) + " in 'elements'");
                }
                if (elements.contains(el)) {
                    throw in.error("element " + el + " listed twice in 'elements'");
                }
                elements.add(el);
            }
            elementsLine = ln;
        }

        private void cutoffType(LineInput in, int ln) {
            if (cutoff != null) {
                throw in.error("second 'cutoff_type' line (first at line " + cutoffLine + ")");
            }
            if (in.count() < 2 || in.count() > 3) {
                throw in.error("expected 'cutoff_type <1-8> [<alpha>]'");
            }
            try {
                cutoff = CutoffType.ofCode(Integer.parseInt(in.token(1)));
            } catch (IllegalArgumentException e) {
                throw in.error("cutoff_type: expected 1-8, got " + Messages.quote(in.token(1)));
            }
            alpha = in.count() == 3 ? number(in.file(), ln, in.token(2), "alpha") : 0.0;
            if (!(alpha >= 0 && alpha < 1)) {
                throw in.error("cutoff_type: inner cutoff fraction alpha must be in [0, 1), got " + in.token(2));
            }
            cutoffLine = ln;
        }

        /** The file-level checks once every line is read. */
        void check(String fname) {
            if (elements != null && numberOfElements >= 0 && numberOfElements != elements.size()) {
                throw new InputException(fname, numberLine, "number_of_elements is " + numberOfElements
                    + " but 'elements' (line " + elementsLine + ") lists " + elements.size() + ": "
                    + String.join(" ", elements));
            }
            if (sfTokens.isEmpty()) {
                throw new InputException(fname, -1, "no symfunction_short lines; expected at least one '" + RADIAL_FORM
                    + "' line");
            }
            if (sfTokens.size() > SfGrid.MAX_FUNCTIONS) {
                throw new InputException(fname, -1, sfTokens.size() + " symfunction_short lines; at most "
                    + SfGrid.MAX_FUNCTIONS + " are supported");
            }
            if (cutoff == null) {
                throw new InputException(fname, -1, "no 'cutoff_type <1-8> [<alpha>]' line (n2p2 requires one)");
            }
        }
    }

    /** The functions of the {@code symfunction_short} lines in file order, each with its line; no duplicates. */
    private static Map<SymmetryFunction, Integer> functions(String fname, Keywords k, double f) {
        Map<SymmetryFunction, Integer> lineOf = new LinkedHashMap<>();
        Map<String, TreeMap<SymmetryFunction, Integer>> seen = new HashMap<>();
        for (int i = 0; i < k.sfTokens.size(); i++) {
            String[] t = k.sfTokens.get(i);
            int ln = k.sfLines.get(i);
            SymmetryFunction sf = parseSf(fname, ln, t, k.cutoff, k.alpha, f, k.elements);
            TreeMap<SymmetryFunction, Integer> m = seen.computeIfAbsent(sf.element(),
                e -> new TreeMap<>(SymmetryFunction.N2P2_ORDER));
            Integer prev = m.putIfAbsent(sf, ln);
            if (prev != null) {
                throw new InputException(fname, ln, "duplicate symmetry function " + sf.name() + " (same as line " + prev + ")");
            }
            lineOf.put(sf, ln);
        }
        return lineOf;
    }

    private static SymmetryFunction parseSf(String fname, int ln, String[] t, CutoffType cutoff, double alpha, double f,
                                            List<String> elements) {
        if (t.length < 3) {
            throw new InputException(fname, ln, "expected '" + RADIAL_FORM + "' or '" + ANGULAR_FORM + "'");
        }
        int type;
        try {
            type = Integer.parseInt(t[2]);
        } catch (NumberFormatException e) {
            throw new InputException(fname, ln, "symmetry function type: expected 2, 3 or 9, got " + Messages.quote(t[2]));
        }
        String el = t[1];
        checkElement(fname, ln, el, "central element", elements);
        try {
            if (type == SymmetryFunction.RADIAL) {
                if (t.length != 7) {
                    throw new InputException(fname, ln, "expected '" + RADIAL_FORM + "' (6 fields after the keyword), got "
                        + (t.length - 1));
                }
                checkElement(fname, ln, t[3], "neighbour element", elements);
                double eta = number(fname, ln, t[4], "eta");
                double rs = number(fname, ln, t[5], "rs");
                double rc = number(fname, ln, t[6], "rc");
                return SymmetryFunction.radial(el, t[3], eta * f * f, rs / f, rc / f, cutoff, alpha);
            }
            if (type == SymmetryFunction.ANGULAR_NARROW || type == SymmetryFunction.ANGULAR_WIDE) {
                if (t.length != 9 && t.length != 10) {
                    throw new InputException(fname, ln, "expected '" + ANGULAR_FORM + "' (8 or 9 fields after the keyword), got "
                        + (t.length - 1));
                }
                checkElement(fname, ln, t[3], "first neighbour element", elements);
                checkElement(fname, ln, t[4], "second neighbour element", elements);
                double eta = number(fname, ln, t[5], "eta");
                double lambda = number(fname, ln, t[6], "lambda");
                double zeta = number(fname, ln, t[7], "zeta");
                double rc = number(fname, ln, t[8], "rc");
                double rs = t.length == 10 ? number(fname, ln, t[9], "rs") : 0.0;
                return SymmetryFunction.angular(el, type, t[3], t[4], eta * f * f, rs / f, zeta, lambda, rc / f, cutoff,
                    alpha);
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(fname, ln, e.getMessage(), e);
        }
        throw new InputException(fname, ln, "unsupported symmetry function type " + type
            + " (Sieve supports 2 radial, 3 narrow angular, 9 wide angular)");
    }

    private static void checkElement(String fname, int ln, String s, String what, List<String> elements) {
        if (!Elements.isSymbol(s)) {
            throw new InputException(fname, ln, what + ": unknown element symbol " + Messages.quote(s));
        }
        if (elements != null && !elements.contains(s)) {
            throw new InputException(fname, ln, what + " " + s + " is not in 'elements' (" + String.join(" ", elements) + ")");
        }
    }

    private static double number(String fname, int ln, String s, String what) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException(fname, ln, what + ": expected a number, got " + Messages.quote(s));
        }
        if (!Double.isFinite(v) || s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
            throw new InputException(fname, ln, what + ": expected a finite number, got " + Messages.quote(s));
        }
        return v;
    }
}
