package dev.sieve.md;

import dev.sieve.core.ChunkedExecutor;
import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.md.potential.Potential;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Makes training data like the seeds' aluminium set with a reference potential: fcc solids below
 * the melting point, liquids above it (melted first), optionally a compressed liquid and
 * undercooled liquids, each an NVT (Langevin) run with decorrelated frames carrying energies,
 * forces, {@code config_type} and {@code temperature}. Each set is an independent run seeded
 * from the seed and its index ({@link Seeds#dataSet}), so the result does not depend on the thread count.
 */
public final class DataGenerator {

    /**
     * Settings.
     *
     * @param temperatures     set temperatures (K)
     * @param meltingPoint     sets at or above it are liquid (K)
     * @param framesPerSet     frames kept per set
     * @param cells            fcc conventional cells per edge (atoms = 4 cells³)
     * @param latticeConstant  fcc lattice constant at 0 K (Å)
     * @param expansion        linear thermal expansion per K: a(T) = a0 (1 + expansion·T)
     * @param compressed       temperatures of compressed liquids (cell × 0.96)
     * @param undercooled      temperatures of undercooled liquids (cell × 1.02, quenched from the melt)
     * @param dt               time step (fs)
     * @param equilibrationFs  equilibration before the first frame (fs)
     * @param intervalFs       time between frames (fs)
     * @param meltTemperature  melting run temperature (K)
     * @param meltFs           melting run length (fs)
     * @param seed             random seed
     */
    public record Config(List<Double> temperatures, double meltingPoint, int framesPerSet, int cells,
                         double latticeConstant, double expansion, List<Double> compressed, List<Double> undercooled,
                         double dt, double equilibrationFs, double intervalFs, double meltTemperature, double meltFs,
                         long seed) {
        public Config {
            if (framesPerSet < 1 || cells < 1 || !(latticeConstant > 0) || !(dt > 0) || !(intervalFs >= dt)) {
                throw new InputException("generate needs frames >= 1, cells >= 1, a lattice constant > 0 and an "
                    + "interval >= the time step");
            }
        }
    }

    /** One MD set. */
    record SetSpec(String configType, double temperature, double cellScale, boolean melt) {}

    private DataGenerator() {}

    /** The sets in output order. */
    static List<SetSpec> sets(Config c) {
        List<SetSpec> l = new ArrayList<>();
        for (double t : c.temperatures()) {
            boolean liquid = t >= c.meltingPoint();
            l.add(new SetSpec(liquid ? "liquid" : "solid", t, 1.0, liquid));
        }
        for (double t : c.compressed()) {
            l.add(new SetSpec("liquid-compressed", t, 0.96, true));
        }
        for (double t : c.undercooled()) {
            l.add(new SetSpec("liquid-undercooled", t, 1.02, true));
        }
        return l;
    }

    public static int setCount(Config c) {
        return sets(c).size();
    }

    /** fcc crystal with {@code cells}³ conventional cells. */
    public static Structure fcc(double a, int cells, String element) {
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        int n = 4 * cells * cells * cells;
        double[] pos = new double[3 * n];
        String[] el = new String[n];
        int i = 0;
        for (int x = 0; x < cells; x++) {
            for (int y = 0; y < cells; y++) {
                for (int z = 0; z < cells; z++) {
                    for (double[] b : basis) {
                        pos[3 * i] = (x + b[0]) * a;
                        pos[3 * i + 1] = (y + b[1]) * a;
                        pos[3 * i + 2] = (z + b[2]) * a;
                        el[i++] = element;
                    }
                }
            }
        }
        return Structure.of(Cell.orthorhombic(a * cells, a * cells, a * cells), el, pos);
    }

    /**
     * Runs all sets on {@code threads} threads; {@code progress} is called with the set index
     * after each frame (from worker threads).
     */
    public static List<Structure> generate(Potential p, Config c, int threads, IntConsumer progress) {
        if (p.elements().size() != 1) {
            throw new InputException("generate makes one-element fcc data; the potential has " + p.elements());
        }
        String el = p.elements().get(0);
        List<SetSpec> sets = sets(c);
        List<List<Structure>> results = new ArrayList<>();
        for (int k = 0; k < sets.size(); k++) {
            results.add(null);
        }
        try (ChunkedExecutor executor = new ChunkedExecutor(Math.max(1, threads), "sieve-generate")) {
            executor.forEachTask(sets.size(), k -> results.set(k, runSet(p, c, sets.get(k), el,
                Seeds.dataSet(c.seed(), k), () -> progress.accept(k))));
        }
        List<Structure> all = new ArrayList<>();
        int index = 0;
        for (List<Structure> l : results) {
            for (Structure s : l) {
                all.add(s.withSource("generated", index++));
            }
        }
        return all;
    }

    private static List<Structure> runSet(Potential p, Config c, SetSpec set, String el, long seed, Runnable tick) {
        double a = c.latticeConstant() * (1 + c.expansion() * set.temperature()) * set.cellScale();
        Structure s = fcc(a, c.cells(), el);
        int nEq = (int) Math.round(c.equilibrationFs() / c.dt());
        int nInt = (int) Math.max(1, Math.round(c.intervalFs() / c.dt()));
        MdEngine md;
        if (set.melt()) {
            MdEngine melt = new MdEngine(p, s, new MdConfig(c.dt(), MdConfig.Ensemble.LANGEVIN, c.meltTemperature(),
                100, 3, Seeds.melt(seed), 1.0, 0.5));
            melt.initVelocities(c.meltTemperature());
            for (int k = 0, m = (int) Math.round(c.meltFs() / c.dt()); k < m; k++) {
                melt.step();
            }
            s = melt.snapshot().withEnergyAndForces(null, null);
        }
        md = new MdEngine(p, s, new MdConfig(c.dt(), MdConfig.Ensemble.LANGEVIN, set.temperature(), 100, 3, seed, 1.0,
            0.5));
        md.initVelocities(set.temperature());
        for (int k = 0; k < nEq; k++) {
            md.step();
        }
        List<Structure> frames = new ArrayList<>();
        for (int f = 0; f < c.framesPerSet(); f++) {
            for (int k = 0; k < nInt; k++) {
                md.step();
            }
            Structure snap = md.snapshot();
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("config_type", set.configType());
            tags.put("temperature", formatT(set.temperature()));
            tags.put("reference", p.describe());
            frames.add(snap.withTags(tags));
            tick.run();
        }
        return frames;
    }

    private static String formatT(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }

    /** Lattice constant minimising the fcc energy of the potential at 0 K (golden-section search). */
    public static double equilibriumLatticeConstant(Potential p, double lo, double hi) {
        String el = p.elements().get(0);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 60; it++) {
            double a1 = hi - g * (hi - lo), a2 = lo + g * (hi - lo);
            if (fccEnergy(p, a1, el) < fccEnergy(p, a2, el)) {
                hi = a2;
            } else {
                lo = a1;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Energy per atom of a perfect fcc crystal. */
    public static double fccEnergy(Potential p, double a, String el) {
        int cells = (int) Math.ceil(2 * p.cutoff() / a) + 1;
        Structure s = fcc(a, cells, el);
        return p.compute(p.types(s.elements()), new dev.sieve.neighbor.NeighborListBuilder().build(s, p.cutoff()), null,
            null) / s.size();
    }
}
