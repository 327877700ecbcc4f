package dev.sieve.bench;

import dev.sieve.descriptor.CutoffType;
import dev.sieve.descriptor.DescriptorCalculator;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Developer timing harness (not a test): java -cp ... dev.sieve.bench.QuickDescriptorTiming */
public final class QuickDescriptorTiming {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../shared/data/al-mendelev/liquid_10976.xyz"));
        int n = Integer.parseInt(lines.get(0).trim());
        double L = 58.7191461360896;
        double[] pos = new double[3 * n];
        String[] el = new String[n];
        for (int i = 0; i < n; i++) {
            String[] t = lines.get(2 + i).trim().split("\\s+");
            el[i] = t[0];
            for (int k = 0; k < 3; k++) {
                pos[3 * i + k] = Double.parseDouble(t[1 + k]);
            }
        }
        Structure s = Structure.of(Cell.orthorhombic(L, L, L), el, pos);
        List<SymmetryFunction> l = new ArrayList<>();
        double[][] rad = {{0.0013, 0}, {0.04, 0}, {0.1, 0}, {0.26, 0}, {0.66, 0}, {1.85, 0}, {1.85, 1.017}, {1.85, 2.035},
            {1.85, 3.052}, {1.85, 4.070}, {1.85, 5.087}, {1.85, 6.105}};
        for (double[] p : rad) {
            l.add(SymmetryFunction.radial("Al", "Al", p[0], p[1], 6.8, CutoffType.COS, 0));
        }
        for (int z : new int[] {1, 2, 4, 16, 64}) {
            for (int lam : new int[] {1, -1}) {
                l.add(SymmetryFunction.angular("Al", 9, "Al", "Al", 0.0013, 0, z, lam, 4.4, CutoffType.COS, 0));
            }
        }
        String which = args.length > 0 ? args[0] : "all";
        if (which.equals("radial")) {
            l = l.subList(0, 12);
        } else if (which.equals("angular")) {
            l = l.subList(12, 22);
        }
        DescriptorCalculator calc = new DescriptorCalculator(SymmetryFunctionSet.of("thesis22", l));
        int[] e = new int[n];
        NeighborListBuilder b = new NeighborListBuilder();
        NeighborList nl = new NeighborList();
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        double[] g = new double[22];
        double[] dG = new double[calc.derivativeSize(0, 200)];
        for (int rep = 0; rep < 8; rep++) {
            long t0 = System.nanoTime();
            b.build(s.cell(), s.pbc(), s.positions(), n, 6.8, nl);
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                calc.compute(i, 0, e, nl, g, null, ws);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                calc.compute(i, 0, e, nl, g, dG, ws);
            }
            long t3 = System.nanoTime();
            System.out.printf("nl %.2f us/atom  values %.2f us/atom  values+deriv %.2f us/atom  (avg neighbours %.1f)%n",
                (t1 - t0) * 1e-3 / n, (t2 - t1) * 1e-3 / n, (t3 - t2) * 1e-3 / n, nl.size() / (double) n);
        }
    }
}
