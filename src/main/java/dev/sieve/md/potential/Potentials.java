package dev.sieve.md.potential;

import dev.sieve.core.InputException;
import dev.sieve.nn.N2p2Potential;
import java.nio.file.Path;
import java.util.Locale;

/** Parses potential specifications of the command line. */
public final class Potentials {
    private Potentials() {}

    public static final String HELP = "eam:FILE (style from the name: .eam, .eam.alloy/.setfl, .eam.fs), "
        + "eam/fs:FILE, eam/alloy:FILE, sutton-chen-al, lj:EPS,SIGMA,RC[,ELEMENT] (eV, Å; element default Ar), "
        + "hdnnp:DIR (a Sieve model or n2p2 directory in Å/eV), zbl:INNER,OUTER,ELEMENT[,ELEMENT...] (LAMMPS zbl, Å); "
        + "SPEC+zbl:INNER,OUTER overlays a ZBL core repulsion on SPEC";

    /** Whether {@code spec} has a ZBL repulsion already: a {@code +zbl:} part or the {@code zbl:} potential itself. */
    public static boolean hasZbl(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        return s.contains("+zbl:") || s.startsWith("zbl:");
    }

    /**
     * Refuses a spec that adds the ZBL repulsion twice (two {@code +zbl:} parts, or {@code zbl:...+zbl:}), before
     * anything is read.
     */
    public static void requireOneZbl(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        int plus = s.lastIndexOf("+zbl:");
        if (plus > 0 && hasZbl(s.substring(0, plus))) {
            throw new InputException("potential '" + spec + "' adds the ZBL repulsion twice ("
                + (s.startsWith("zbl:") ? "a zbl: potential and a +zbl: part" : "two +zbl: parts") + "); give it once");
        }
    }

    /** A potential from its spec; HDNNPs get {@code threads} evaluation threads. */
    public static Potential parse(String spec, int threads) {
        requireOneZbl(spec);
        int plus = spec.lastIndexOf("+zbl:");
        if (plus > 0) {
            double[] c = ZblPotential.parseCutoffs(spec.substring(plus + 5), "potential '" + spec + "'");
            Potential base = parse(spec.substring(0, plus), threads);
            try {
                return OverlayPotential.withZbl(base, c[0], c[1]);
            } catch (RuntimeException e) {
                closeQuietly(base);
                throw e;
            }
        }
        String s = spec.trim();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        switch (kind) {
            case "eam":
                return EamPotential.read(Path.of(need(arg, spec)));
            case "eam/fs":
                return EamPotential.read(Path.of(need(arg, spec)), EamPotential.Style.FS);
            case "eam/alloy":
                return EamPotential.read(Path.of(need(arg, spec)), EamPotential.Style.SETFL);
            case "eam/funcfl":
                return EamPotential.read(Path.of(need(arg, spec)), EamPotential.Style.FUNCFL);
            case "sutton-chen-al":
                return SuttonChen.aluminium();
            case "lj": {
                String[] p = need(arg, spec).split(",");
                if (p.length < 3 || p.length > 4) {
                    throw new InputException("potential '" + spec + "': lj needs EPS,SIGMA,RC[,ELEMENT]");
                }
                try {
                    return new PairPotential(p.length == 4 ? p[3].trim() : "Ar", Double.parseDouble(p[0]),
                        Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                } catch (NumberFormatException e) {
                    throw new InputException("potential '" + spec + "': lj parameters must be numbers");
                }
            }
            case "zbl": {
                String[] p = need(arg, spec).split(",", 3);
                if (p.length < 3 || p[2].isBlank()) {
                    throw new InputException("potential '" + spec + "': zbl needs INNER,OUTER,ELEMENT[,ELEMENT...]");
                }
                double[] c = ZblPotential.parseCutoffs(p[0] + "," + p[1], "potential '" + spec + "'");
                return new ZblPotential(java.util.Arrays.stream(p[2].split(",")).map(String::trim).toList(), c[0], c[1]);
            }
            case "hdnnp":
                return new HdnnpPotential(N2p2Potential.read(Path.of(need(arg, spec))), threads, arg);
            default:
                throw new InputException("unknown potential '" + spec + "'; expected " + HELP);
        }
    }

    private static String need(String arg, String spec) {
        if (arg.isBlank()) {
            throw new InputException("potential '" + spec + "' needs an argument after ':'; expected " + HELP);
        }
        return arg;
    }

    private static void closeQuietly(Potential p) {
        if (p instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing to do
            }
        }
    }

    /** Atomic mass (amu) for an element: the EAM file's if the potential has one, else the standard mass. */
    public static double mass(Potential p, String element) {
        Potential q = p;
        while (q instanceof OverlayPotential o) {
            q = o.base();
        }
        if (q instanceof EamPotential e) {
            int t = e.elements().indexOf(element);
            if (t >= 0) {
                return e.mass(t);
            }
        }
        return dev.sieve.structure.Elements.mass(element);
    }
}
