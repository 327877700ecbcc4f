package dev.sieve.nn;

import dev.sieve.core.Messages;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.io.LineInput;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * n2p2's {@code weights.ZZZ.data}: {@code #} comment lines, then one parameter per line in the order of
 * {@link Network#params()} (for each layer: weights with the previous neuron as the outer loop, then the biases).
 * Only the first column is read; the writer adds n2p2's informational columns
 * ({@code a}/{@code b}, running index, from-layer/from-neuron, to-layer/to-neuron) exactly as n2p2 writes them.
 */
final class WeightsFile {
    private WeightsFile() {}

    /** {@code weights.ZZZ.data} for atomic number z (three digits). */
    public static String fileName(int atomicNumber) {
        if (atomicNumber < 1 || atomicNumber > 999) {
            throw new IllegalArgumentException("atomic number " + atomicNumber + " out of range");
        }
        return String.format(Locale.ROOT, "weights.%03d.data", atomicNumber);
    }

    /** Reads exactly {@code expectedCount} values; a different count is an {@link InputException}. */
    public static double[] read(Path file, int expectedCount) {
        String name = file.toString();
        double[] v = new double[expectedCount];
        int n = 0;
        long ln;
        try (LineInput in = LineInput.open(file)) {
            while (in.next()) {
                if (in.isBlank() || in.token(0).startsWith("#")) {
                    continue;
                }
                String first = in.token(0);
                if (n >= expectedCount) {
                    throw in.error("too many values: the network has " + expectedCount
                            + " weights and biases, found another one (" + Messages.quote(first) + ")");
                }
                v[n++] = ScalingFile.parseDouble(first, name, in.lineNo(), "weight value");
            }
            ln = in.lineNo();
        }
        if (n != expectedCount) {
            throw new InputException(name, ln, "too few values: expected " + expectedCount
                    + " weights and biases for the network, found " + n);
        }
        return v;
    }

    /** Reads the file into the parameters of {@code net}. */
    public static void readInto(Path file, Network net) {
        net.setParams(read(file, net.numParams()));
    }

    /** Writes the parameters of {@code net} atomically in n2p2's format. */
    public static void write(Path file, Network net) {
        int[] sizes = net.sizes();
        double[] p = net.params();
        AtomicFile.write(file, w -> {
            String hash80 = "#".repeat(80);
            w.write(hash80 + "\n# Neural network connection values (weights and biases).\n" + hash80 + "\n");
            w.write("# Col  Name       Description\n" + hash80 + "\n");
            w.write("# 1    connection Neural network connection value.\n");
            w.write("# 2    t          Connection type (a = weight, b = bias).\n");
            w.write("# 3    index      Index enumerating weights.\n");
            w.write("# 4    l_s        Starting point layer (end point layer for biases).\n");
            w.write("# 5    n_s        Starting point neuron in starting layer (end point neuron for biases).\n");
            w.write("# 6    l_e        End point layer.\n");
            w.write("# 7    n_e        End point neuron in end layer.\n");
            w.write(hash80 + "\n");
            w.write(String.format(Locale.ROOT, "#%23d %1d %9d %5d %5d %5d %5d\n", 1, 2, 3, 4, 5, 6, 7));
            w.write(String.format(Locale.ROOT, "#%23s %1s %9s %5s %5s %5s %5s\n", "connection", "t", "index", "l_s", "n_s",
                    "l_e", "n_e"));
            w.write("#".repeat(60) + "\n");
            int count = 0;
            StringBuilder sb = new StringBuilder(80);
            for (int l = 1; l < sizes.length; l++) {
                for (int i = 0; i < sizes[l - 1]; i++) {
                    for (int j = 0; j < sizes[l]; j++) {
                        sb.setLength(0);
                        sb.append(N2p2Format.e24(p[count])).append(" a ");
                        count++;
                        sb.append(String.format(Locale.ROOT, "%9d %5d %5d %5d %5d\n", count, l - 1, i + 1, l, j + 1));
                        w.write(sb.toString());
                    }
                }
                for (int j = 0; j < sizes[l]; j++) {
                    sb.setLength(0);
                    sb.append(N2p2Format.e24(p[count])).append(" b ");
                    count++;
                    sb.append(String.format(Locale.ROOT, "%9d %5d %5d\n", count, l, j + 1));
                    w.write(sb.toString());
                }
            }
            if (count != p.length) {
                throw new IllegalStateException("wrote " + count + " of " + p.length + " parameters " + Arrays.toString(sizes));
            }
        });
    }
}
