package dev.sieve.descriptor;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import dev.sieve.structure.Elements;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        if (!Files.isRegularFile(file)) {
            throw new InputException(fname, -1, "no such file");
        }
        List<String> elements = null;
        int elementsLine = -1;
        int numberOfElements = -1;
        int numberLine = -1;
        CutoffType cutoff = null;
        double alpha = 0;
        int cutoffLine = -1;
        List<String[]> sfTokens = new ArrayList<>();
        List<Integer> sfLines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int ln = 0;
            while ((line = r.readLine()) != null) {
                ln++;
                int hash = line.indexOf('#');
                String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (body.isEmpty()) {
                    continue;
                }
                String[] t = body.split("\\s+");
                switch (t[0]) {
                    case "elements" -> {
                        if (elements != null) {
                            throw new InputException(fname, ln, "second 'elements' line (first at line " + elementsLine + ")");
                        }
                        if (t.length < 2) {
                            throw new InputException(fname, ln, "expected 'elements <El> [<El> ...]'");
                        }
                        elements = new ArrayList<>();
                        for (int i = 1; i < t.length; i++) {
                            if (!Elements.isSymbol(t[i])) {
                                throw new InputException(fname, ln, "unknown element symbol " + Messages.quote(t[i]) + " in 'elements'");
                            }
                            if (elements.contains(t[i])) {
                                throw new InputException(fname, ln, "element " + t[i] + " listed twice in 'elements'");
                            }
                            elements.add(t[i]);
                        }
                        elementsLine = ln;
                    }
                    case "number_of_elements" -> {
                        if (t.length != 2) {
                            throw new InputException(fname, ln, "expected 'number_of_elements <n>'");
                        }
                        try {
                            numberOfElements = Integer.parseInt(t[1]);
                        } catch (NumberFormatException e) {
                            throw new InputException(fname, ln, "number_of_elements: expected an integer, got " + Messages.quote(t[1]));
                        }
                        numberLine = ln;
                    }
                    case "cutoff_type" -> {
                        if (cutoff != null) {
                            throw new InputException(fname, ln, "second 'cutoff_type' line (first at line " + cutoffLine + ")");
                        }
                        if (t.length < 2 || t.length > 3) {
                            throw new InputException(fname, ln, "expected 'cutoff_type <1-8> [<alpha>]'");
                        }
                        try {
                            cutoff = CutoffType.ofCode(Integer.parseInt(t[1]));
                        } catch (IllegalArgumentException e) {
                            throw new InputException(fname, ln, "cutoff_type: expected 1-8, got " + Messages.quote(t[1]));
                        }
                        alpha = t.length == 3 ? number(fname, ln, t[2], "alpha") : 0.0;
                        if (!(alpha >= 0 && alpha < 1)) {
                            throw new InputException(fname, ln, "cutoff_type: inner cutoff fraction alpha must be in [0, 1), got "
                                + t[2]);
                        }
                        cutoffLine = ln;
                    }
                    case "symfunction_short" -> {
                        sfTokens.add(t);
                        sfLines.add(ln);
                    }
                    default -> {
                        // other keywords (network, training, scaling settings) are not ours
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException(fname, -1, "cannot read: " + Messages.reason(e), e);
        }
        if (elements != null && numberOfElements >= 0 && numberOfElements != elements.size()) {
            throw new InputException(fname, numberLine, "number_of_elements is " + numberOfElements + " but 'elements' (line "
                + elementsLine + ") lists " + elements.size() + ": " + String.join(" ", elements));
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
        double f = lengthFactor;
        Map<SymmetryFunction, Integer> lineOf = new LinkedHashMap<>();
        Map<String, TreeMap<SymmetryFunction, Integer>> seen = new HashMap<>();
        for (int k = 0; k < sfTokens.size(); k++) {
            String[] t = sfTokens.get(k);
            int ln = sfLines.get(k);
            SymmetryFunction sf = parseSf(fname, ln, t, cutoff, alpha, f, elements);
            TreeMap<SymmetryFunction, Integer> m = seen.computeIfAbsent(sf.element(),
                e -> new TreeMap<>(SymmetryFunction.N2P2_ORDER));
            Integer prev = m.putIfAbsent(sf, ln);
            if (prev != null) {
                throw new InputException(fname, ln, "duplicate symmetry function " + sf.name() + " (same as line " + prev + ")");
            }
            lineOf.put(sf, ln);
        }
        SymmetryFunctionSet set;
        try {
            if (elements == null) {
                set = SymmetryFunctionSet.of(fname, lineOf.keySet());
            } else {
                Map<String, List<SymmetryFunction>> byEl = new LinkedHashMap<>();
                for (SymmetryFunction sf : lineOf.keySet()) {
                    byEl.computeIfAbsent(sf.element(), e -> new ArrayList<>()).add(sf);
                }
                set = new SymmetryFunctionSet(fname, elements, byEl);
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(fname, -1, e.getMessage(), e);
        }
        return new Parsed(set, java.util.Collections.unmodifiableMap(lineOf));
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
