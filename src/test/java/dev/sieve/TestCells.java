package dev.sieve;

import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;

/** Small crystals for tests. */
public final class TestCells {
    private TestCells() {}

    /** fcc Al with lattice constant {@code a}, {@code reps}^3 conventional cells, atoms in x, y, z, basis order. */
    public static Structure fcc(double a, int reps) {
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        int n = 4 * reps * reps * reps;
        double[] pos = new double[3 * n];
        String[] el = new String[n];
        int i = 0;
        for (int x = 0; x < reps; x++) {
            for (int y = 0; y < reps; y++) {
                for (int z = 0; z < reps; z++) {
                    for (double[] b : basis) {
                        pos[3 * i] = (x + b[0]) * a;
                        pos[3 * i + 1] = (y + b[1]) * a;
                        pos[3 * i + 2] = (z + b[2]) * a;
                        el[i++] = "Al";
                    }
                }
            }
        }
        return Structure.of(Cell.orthorhombic(a * reps, a * reps, a * reps), el, pos);
    }
}
