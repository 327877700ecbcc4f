package dev.sieve.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates prediction errors over structures: per-atom energy errors (meV/atom), the seeds'
 * total-energy MSE (eV², per structure) and its RMSE per atom, and force-component errors
 * (eV/Å), overall and per {@code config_type}. Not thread-safe; merge per-thread instances.
 */
public final class ErrorStats {

    /** Error summary of one group of structures. */
    public record Summary(long structures, long atoms, double energyMaeMevPerAtom, double energyRmseMevPerAtom,
                          double totalEnergyMseEv2, double seedsRmseMevPerAtom, long forceComponents,
                          double forceMaeEvPerA, double forceRmseEvPerA, double maxForceErrorEvPerA) {}

    private static final class Acc {
        long structures;
        long atoms;
        double sumAbsE;   // eV/atom
        double sumSqE;    // (eV/atom)^2
        double sumSqTot;  // eV^2
        double sumSeeds;  // sqrt(MSE_total)/N ... accumulate (E err)^2 / N^2 per structure
        long fc;
        double sumAbsF;
        double sumSqF;
        double maxF;

        void add(Acc o) {
            structures += o.structures;
            atoms += o.atoms;
            sumAbsE += o.sumAbsE;
            sumSqE += o.sumSqE;
            sumSqTot += o.sumSqTot;
            sumSeeds += o.sumSeeds;
            fc += o.fc;
            sumAbsF += o.sumAbsF;
            sumSqF += o.sumSqF;
            maxF = Math.max(maxF, o.maxF);
        }

        Summary summary() {
            double s = Math.max(1, structures);
            double f = Math.max(1, fc);
            return new Summary(structures, atoms, 1e3 * sumAbsE / s, 1e3 * Math.sqrt(sumSqE / s), sumSqTot / s,
                1e3 * Math.sqrt(sumSeeds / s), fc, sumAbsF / f, Math.sqrt(sumSqF / f), maxF);
        }
    }

    private final Acc all = new Acc();
    private final Map<String, Acc> byType = new TreeMap<>();

    /**
     * Adds one structure.
     *
     * @param configType group name (null for none)
     * @param atoms      atom count
     * @param eRef       reference total energy (eV), or NaN if none
     * @param ePred      predicted total energy (eV)
     * @param fRef       reference forces or null
     * @param fPred      predicted forces or null
     */
    public void add(String configType, int atoms, double eRef, double ePred, double[] fRef, double[] fPred) {
        Acc a = new Acc();
        if (!Double.isNaN(eRef)) {
            double d = ePred - eRef;
            a.structures = 1;
            a.atoms = atoms;
            a.sumAbsE = Math.abs(d) / atoms;
            a.sumSqE = (d / atoms) * (d / atoms);
            a.sumSqTot = d * d;
            a.sumSeeds = d * d / ((double) atoms * atoms);
        }
        if (fRef != null && fPred != null) {
            for (int q = 0; q < fRef.length; q++) {
                double d = fPred[q] - fRef[q];
                a.sumAbsF += Math.abs(d);
                a.sumSqF += d * d;
                a.maxF = Math.max(a.maxF, Math.abs(d));
            }
            a.fc = fRef.length;
        }
        all.add(a);
        if (configType != null) {
            byType.computeIfAbsent(configType, k -> new Acc()).add(a);
        }
    }

    public void merge(ErrorStats o) {
        all.add(o.all);
        o.byType.forEach((k, v) -> byType.computeIfAbsent(k, x -> new Acc()).add(v));
    }

    public Summary overall() {
        return all.summary();
    }

    public Map<String, Summary> perConfigType() {
        Map<String, Summary> m = new LinkedHashMap<>();
        byType.forEach((k, v) -> m.put(k, v.summary()));
        return m;
    }

    public boolean hasEnergies() {
        return all.structures > 0;
    }

    public boolean hasForces() {
        return all.fc > 0;
    }

    /** One or two human-readable lines. */
    public String text() {
        Summary s = overall();
        StringBuilder sb = new StringBuilder();
        if (hasEnergies()) {
            sb.append(String.format(java.util.Locale.ROOT,
                "energy: MAE %.3f meV/atom, RMSE %.3f meV/atom (%d structures); total-energy MSE %.4g eV², "
                    + "sqrt(MSE)/N %.3f meV/atom%n", s.energyMaeMevPerAtom(), s.energyRmseMevPerAtom(), s.structures(),
                s.totalEnergyMseEv2(), s.seedsRmseMevPerAtom()));
        }
        if (hasForces()) {
            sb.append(String.format(java.util.Locale.ROOT, "forces: MAE %.4f eV/Å, RMSE %.4f eV/Å, max %.4f eV/Å "
                + "(%d components)%n", s.forceMaeEvPerA(), s.forceRmseEvPerA(), s.maxForceErrorEvPerA(),
                s.forceComponents()));
        }
        return sb.toString();
    }
}
