package dev.sieve.descriptor;

import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Minimal readers of the n2p2 test-vector files, independent of the production readers. */
final class TestVectorFiles {
    private TestVectorFiles() {}

    /** symfunction_short lines + cutoff_type of an input.nn (physical units). */
    static SymmetryFunctionSet readSf(Path inputNn) {
        try {
            List<String> lines = Files.readAllLines(inputNn);
            CutoffType ct = CutoffType.COS;
            double alpha = 0;
            List<SymmetryFunction> sfs = new ArrayList<>();
            for (String line : lines) {
                String l = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
                String[] t = l.trim().split("\\s+");
                if (t[0].equals("cutoff_type")) {
                    ct = CutoffType.ofCode(Integer.parseInt(t[1]));
                    alpha = t.length > 2 ? Double.parseDouble(t[2]) : 0;
                }
            }
            for (String line : lines) {
                String l = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
                String[] t = l.trim().split("\\s+");
                if (!t[0].equals("symfunction_short")) {
                    continue;
                }
                int type = Integer.parseInt(t[2]);
                if (type == 2) {
                    sfs.add(SymmetryFunction.radial(t[1], t[3], d(t[4]), d(t[5]), d(t[6]), ct, alpha));
                } else {
                    double rs = t.length > 9 ? d(t[9]) : 0;
                    sfs.add(SymmetryFunction.angular(t[1], type, t[3], t[4], d(t[5]), rs, d(t[7]), d(t[6]), d(t[8]), ct,
                        alpha));
                }
            }
            return SymmetryFunctionSet.of(inputNn.toString(), sfs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    /** Structures of an n2p2 input.data (lattice, atoms, energy, forces). */
    static List<Structure> readInputData(Path file) {
        try {
            List<Structure> out = new ArrayList<>();
            List<double[]> lat = new ArrayList<>();
            List<String> el = new ArrayList<>();
            List<double[]> pos = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] t = line.trim().split("\\s+");
                switch (t[0].toLowerCase(Locale.ROOT)) {
                    case "begin" -> {
                        lat.clear();
                        el.clear();
                        pos.clear();
                    }
                    case "lattice" -> lat.add(new double[] {d(t[1]), d(t[2]), d(t[3])});
                    case "atom" -> {
                        pos.add(new double[] {d(t[1]), d(t[2]), d(t[3])});
                        el.add(t[4]);
                    }
                    case "end" -> {
                        Cell cell = lat.isEmpty() ? null : Cell.of(lat.get(0)[0], lat.get(0)[1], lat.get(0)[2],
                            lat.get(1)[0], lat.get(1)[1], lat.get(1)[2], lat.get(2)[0], lat.get(2)[1], lat.get(2)[2]);
                        double[] p = new double[3 * el.size()];
                        for (int i = 0; i < el.size(); i++) {
                            System.arraycopy(pos.get(i), 0, p, 3 * i, 3);
                        }
                        out.add(Structure.of(cell, el.toArray(new String[0]), p));
                    }
                    default -> { }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV file: header and rows of strings. */
    record Csv(String[] header, List<String[]> rows) {
        static Csv read(Path p) {
            try {
                List<String> lines = Files.readAllLines(p);
                List<String[]> rows = new ArrayList<>();
                for (int i = 1; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        rows.add(lines.get(i).split(","));
                    }
                }
                return new Csv(lines.get(0).split(","), rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
