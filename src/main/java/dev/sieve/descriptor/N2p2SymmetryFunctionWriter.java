package dev.sieve.descriptor;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes symmetry functions as n2p2 {@code input.nn} lines: {@code cutoff_type T alpha} and one
 * {@code symfunction_short} line per function, each element's functions in n2p2's sorted order
 * (the network input order). Numbers are the shortest decimals that read back to the same double,
 * so {@link N2p2SymmetryFunctionReader} reproduces the set exactly (length factor 1).
 */
public final class N2p2SymmetryFunctionWriter {
    private N2p2SymmetryFunctionWriter() {}

    /**
     * The single cutoff function of the set. n2p2 has one cutoff type per potential, so a set mixing
     * cutoff types or inner fractions cannot be exported: that is an {@link InputException}.
     */
    public static SymmetryFunction cutoffOf(SymmetryFunctionSet set) {
        SymmetryFunction first = null;
        for (List<SymmetryFunction> l : set.functions().values()) {
            for (SymmetryFunction f : l) {
                if (first == null) {
                    first = f;
                } else if (f.cutoff() != first.cutoff() || f.alpha() != first.alpha()) {
                    throw new InputException("symmetry function set " + set.name() + " mixes cutoff functions ("
                        + first.cutoff().label() + " alpha " + SfNumbers.format(first.alpha()) + " in " + first.name() + ", "
                        + f.cutoff().label() + " alpha " + SfNumbers.format(f.alpha()) + " in " + f.name()
                        + "); n2p2 allows one cutoff_type per potential");
                }
            }
        }
        return first;
    }

    /** {@code cutoff_type <code> <alpha>}; cos with alpha 0 for an empty set. */
    public static String cutoffLine(SymmetryFunctionSet set) {
        SymmetryFunction f = cutoffOf(set);
        CutoffType c = f == null ? CutoffType.COS : f.cutoff();
        double a = f == null ? 0 : f.alpha();
        return "cutoff_type " + c.code() + " " + SfNumbers.format(a);
    }

    /** One {@code symfunction_short} line (no newline), lengths in Å. */
    public static String line(SymmetryFunction f) {
        return line(f, 1.0);
    }

    /** One {@code symfunction_short} line with lengths converted to {@code lengthFactor} units per Å. */
    public static String line(SymmetryFunction f, double lengthFactor) {
        double lf = lengthFactor;
        String eta = SfNumbers.format(f.eta() / (lf * lf));
        String rs = SfNumbers.format(f.rs() * lf);
        String rc = SfNumbers.format(f.rc() * lf);
        if (f.isRadial()) {
            return "symfunction_short " + f.element() + " 2 " + f.e1() + " " + eta + " " + rs + " " + rc;
        }
        return "symfunction_short " + f.element() + " " + f.type() + " " + f.e1() + " " + f.e2() + " " + eta + " "
            + SfNumbers.format(f.lambda()) + " " + SfNumbers.format(f.zeta()) + " " + rc + " " + rs;
    }

    /** The {@code symfunction_short} lines of every element (atomic-number order), each ending in a newline. */
    public static void writeSymmetryFunctionLines(SymmetryFunctionSet set, Appendable out, double lengthFactor) {
        try {
            for (String el : set.elements()) {
                for (SymmetryFunction f : set.forElement(el)) {
                    out.append(line(f, lengthFactor)).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The symmetry-function part of an input.nn as text: a comment, {@code number_of_elements},
     * {@code elements}, {@code cutoff_type} and the {@code symfunction_short} lines (lengths in Å).
     */
    public static String toText(SymmetryFunctionSet set) {
        StringBuilder sb = new StringBuilder();
        sb.append("# symmetry functions of ").append(set.name().replace('\n', ' '))
            .append(" (n2p2 sorted order; eta in A^-2, rs and rc in A)\n");
        sb.append("number_of_elements ").append(set.elements().size()).append('\n');
        sb.append("elements ").append(String.join(" ", set.elements())).append('\n');
        sb.append(cutoffLine(set)).append('\n');
        writeSymmetryFunctionLines(set, sb, 1.0);
        return sb.toString();
    }

    /** Writes {@link #toText} to {@code file} atomically. */
    public static void write(Path file, SymmetryFunctionSet set) {
        String text = toText(set);
        AtomicFile.writeString(file, text);
    }
}
