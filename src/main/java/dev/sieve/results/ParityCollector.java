package dev.sieve.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Keeps (reference, predicted) pairs for parity plots: every structure's energy per atom, and
 * force components up to a cap. Beyond the cap the force components are a uniform random
 * subsample (reservoir sampling with a fixed seed), so the kept points depend only on the
 * order in which structures are added. Groups are {@code config_type} names; {@code null} means
 * untagged. Not thread-safe.
 */
public final class ParityCollector {

    /** Default cap on kept force components. */
    public static final int DEFAULT_MAX_FORCE_POINTS = 50_000;

    private static final long SEED = 0x5EEDF0CE5L;

    /** The points of one group. {@code group} is null for untagged structures. */
    public record Points(String group, double[] ref, double[] pred) {
        public int size() {
            return ref.length;
        }
    }

    private final int maxForcePoints;
    private final SplittableRandom rng = new SplittableRandom(SEED);
    private final List<String> groups = new ArrayList<>();
    private final Map<String, Integer> groupIndex = new LinkedHashMap<>();

    private double[] eRef = new double[64];
    private double[] ePred = new double[64];
    private int[] eGroup = new int[64];
    private int nE;

    private double[] fRef = new double[0];
    private double[] fPred = new double[0];
    private int[] fGroup = new int[0];
    private int nF;
    private long seenF;

    public ParityCollector() {
        this(DEFAULT_MAX_FORCE_POINTS);
    }

    public ParityCollector(int maxForcePoints) {
        if (maxForcePoints < 1) {
            throw new IllegalArgumentException("maxForcePoints must be >= 1, got " + maxForcePoints);
        }
        this.maxForcePoints = maxForcePoints;
    }

    private int group(String name) {
        return groupIndex.computeIfAbsent(name == null ? "\0" : name, k -> {
            groups.add(name);
            return groups.size() - 1;
        });
    }

    /** Adds one structure's total energies (eV); stored per atom. */
    public void addEnergy(String group, int atoms, double ref, double pred) {
        if (atoms < 1) {
            throw new IllegalArgumentException("atoms must be >= 1, got " + atoms);
        }
        if (nE == eRef.length) {
            eRef = Arrays.copyOf(eRef, 2 * nE);
            ePred = Arrays.copyOf(ePred, 2 * nE);
            eGroup = Arrays.copyOf(eGroup, 2 * nE);
        }
        eRef[nE] = ref / atoms;
        ePred[nE] = pred / atoms;
        eGroup[nE] = group(group);
        nE++;
    }

    /** Adds one structure's force components (eV/Å, same length). */
    public void addForces(String group, double[] ref, double[] pred) {
        if (ref.length != pred.length) {
            throw new IllegalArgumentException(ref.length + " reference but " + pred.length + " predicted components");
        }
        int g = group(group);
        for (int q = 0; q < ref.length; q++) {
            int slot;
            if (seenF < maxForcePoints) {
                slot = (int) seenF;
                if (slot == fRef.length) {
                    int cap = Math.min(maxForcePoints, Math.max(1024, 2 * fRef.length));
                    fRef = Arrays.copyOf(fRef, cap);
                    fPred = Arrays.copyOf(fPred, cap);
                    fGroup = Arrays.copyOf(fGroup, cap);
                }
                nF++;
            } else {
                long j = rng.nextLong(seenF + 1);
                slot = j < maxForcePoints ? (int) j : -1;
            }
            seenF++;
            if (slot >= 0) {
                fRef[slot] = ref[q];
                fPred[slot] = pred[q];
                fGroup[slot] = g;
            }
        }
    }

    public int energyPoints() {
        return nE;
    }

    /** Force components offered so far. */
    public long forceComponentsSeen() {
        return seenF;
    }

    /** Force components kept (at most the cap). */
    public int forceComponentsKept() {
        return nF;
    }

    public boolean forcesSubsampled() {
        return seenF > nF;
    }

    public int maxForcePoints() {
        return maxForcePoints;
    }

    /** Energies per atom (eV/atom) by group, groups sorted by name (untagged first). */
    public List<Points> energiesPerAtom() {
        return split(eRef, ePred, eGroup, nE);
    }

    /** Kept force components (eV/Å) by group, groups sorted by name (untagged first). */
    public List<Points> forces() {
        return split(fRef, fPred, fGroup, nF);
    }

    private List<Points> split(double[] ref, double[] pred, int[] grp, int n) {
        int[] counts = new int[groups.size()];
        for (int i = 0; i < n; i++) {
            counts[grp[i]]++;
        }
        double[][] r = new double[groups.size()][];
        double[][] p = new double[groups.size()][];
        for (int g = 0; g < r.length; g++) {
            r[g] = new double[counts[g]];
            p[g] = new double[counts[g]];
        }
        int[] fill = new int[groups.size()];
        for (int i = 0; i < n; i++) {
            int g = grp[i];
            r[g][fill[g]] = ref[i];
            p[g][fill[g]] = pred[i];
            fill[g]++;
        }
        Map<String, Points> sorted = new TreeMap<>();
        for (int g = 0; g < r.length; g++) {
            if (counts[g] > 0) {
                String name = groups.get(g);
                sorted.put(name == null ? "" : name, new Points(name, r[g], p[g]));
            }
        }
        return List.copyOf(sorted.values());
    }
}
