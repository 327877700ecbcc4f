package dev.sieve.nn;

import dev.sieve.core.Messages;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.io.LineInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * n2p2's {@code scaling.data}: {@code #} comment lines, then one line per feature
 * {@code e_index sf_index min max mean sigma}, elements 1-based in atomic-number order, features 1-based in network
 * input order. Written as {@code %10d %10d %24.16E %24.16E %24.16E %24.16E} like n2p2; 17 significant digits make
 * the write/read round trip exact.
 */
final class ScalingFile {
    private ScalingFile() {}

    /** Statistics per element, index 0 = e_index 1. */
    public static List<FeatureStatistics> read(Path file) {
        String name = file.toString();
        List<List<double[]>> elements = new ArrayList<>();
        try (LineInput in = LineInput.open(file)) {
            while (in.next()) {
                if (in.isBlank() || in.token(0).startsWith("#")) {
                    continue;
                }
                if (in.count() < 6) {
                    throw in.error("expected 6 columns 'e_index sf_index min max mean sigma', got "
                            + in.count() + ": " + Messages.quote(in.rest(0)));
                }
                long ln = in.lineNo();
                int e = parseInt(in.token(0), name, ln, "element index");
                int k = parseInt(in.token(1), name, ln, "feature index");
                if (e == elements.size() + 1) {
                    elements.add(new ArrayList<>());
                } else if (e != elements.size() || e < 1) {
                    throw in.error("element index " + e + " out of order (expected "
                            + Math.max(1, elements.size()) + " or " + (elements.size() + 1) + ")");
                }
                List<double[]> rows = elements.get(e - 1);
                if (k != rows.size() + 1) {
                    throw in.error("feature index " + k + " of element " + e + " out of order (expected "
                            + (rows.size() + 1) + ")");
                }
                double[] v = new double[4];
                String[] what = {"minimum", "maximum", "mean", "sigma"};
                for (int c = 0; c < 4; c++) {
                    v[c] = parseDouble(in.token(2 + c), name, ln, what[c]);
                }
                if (v[0] > v[1]) {
                    throw in.error("minimum " + in.token(2) + " is larger than maximum " + in.token(3));
                }
                if (v[3] < 0) {
                    throw in.error("negative sigma " + in.token(5));
                }
                rows.add(v);
            }
        }
        if (elements.isEmpty()) {
            throw new InputException(name, -1, "no scaling data lines found");
        }
        List<FeatureStatistics> out = new ArrayList<>();
        for (List<double[]> rows : elements) {
            int n = rows.size();
            double[] mn = new double[n];
            double[] mx = new double[n];
            double[] me = new double[n];
            double[] sg = new double[n];
            for (int k = 0; k < n; k++) {
                double[] v = rows.get(k);
                mn[k] = v[0];
                mx[k] = v[1];
                me[k] = v[2];
                sg[k] = v[3];
            }
            out.add(new FeatureStatistics(0, mn, mx, me, sg));
        }
        return out;
    }

    /** Writes statistics per element (index 0 = e_index 1) atomically. */
    public static void write(Path file, List<FeatureStatistics> perElement) {
        AtomicFile.write(file, w -> {
            String hash80 = "#".repeat(80);
            String hash121 = "#".repeat(121);
            w.write(hash80 + "\n# Symmetry function scaling data.\n" + hash80 + "\n");
            w.write("# Col  Name     Description\n" + hash80 + "\n");
            w.write("# 1    e_index  Element index.\n");
            w.write("# 2    sf_index Symmetry function index.\n");
            w.write("# 3    sf_min   Symmetry function minimum.\n");
            w.write("# 4    sf_max   Symmetry function maximum.\n");
            w.write("# 5    sf_mean  Symmetry function mean.\n");
            w.write("# 6    sf_sigma Symmetry function sigma.\n");
            w.write(hash121 + "\n");
            w.write(String.format(Locale.ROOT, "#%9d %10d %24d %24d %24d %24d\n", 1, 2, 3, 4, 5, 6));
            w.write(String.format(Locale.ROOT, "#%9s %10s %24s %24s %24s %24s\n", "e_index", "sf_index", "sf_min", "sf_max",
                    "sf_mean", "sf_sigma"));
            w.write(hash121 + "\n");
            StringBuilder sb = new StringBuilder(128);
            for (int e = 0; e < perElement.size(); e++) {
                FeatureStatistics s = perElement.get(e);
                for (int k = 0; k < s.numFeatures(); k++) {
                    sb.setLength(0);
                    sb.append(String.format(Locale.ROOT, "%10d %10d ", e + 1, k + 1));
                    sb.append(N2p2Format.e24(s.min(k))).append(' ');
                    sb.append(N2p2Format.e24(s.max(k))).append(' ');
                    sb.append(N2p2Format.e24(s.mean(k))).append(' ');
                    sb.append(N2p2Format.e24(s.sigma(k))).append('\n');
                    w.write(sb.toString());
                }
            }
        });
    }

    static int parseInt(String s, String file, long line, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InputException(file, line, what + " " + Messages.quote(s) + " is not an integer");
        }
    }

    static double parseDouble(String s, String file, long line, String what) {
        double v;
        try {
            v = Double.parseDouble(N2p2Format.fortranExponent(s));
        } catch (NumberFormatException e) {
            throw new InputException(file, line, what + " " + Messages.quote(s) + " is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new InputException(file, line, what + " " + Messages.quote(s) + " is not finite");
        }
        return v;
    }
}
