package dev.sieve.io;

import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Summary statistics over a stream of structures (for {@code sieve info}); add structures one by one. */
public final class StructureStats {
    private long structures;
    private long atoms;
    private int minAtoms = Integer.MAX_VALUE;
    private int maxAtoms;
    private final Map<String, Long> elements = new LinkedHashMap<>();
    private long periodic;
    private final double[] minLen = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    private final double[] maxLen = new double[3];
    private double minVpa = Double.MAX_VALUE;
    private double maxVpa;
    private long withEnergy;
    private double minE = Double.MAX_VALUE;
    private double maxE = -Double.MAX_VALUE;
    private double minEpa = Double.MAX_VALUE;
    private double maxEpa = -Double.MAX_VALUE;
    private long withForces;
    private double maxForce;
    private final Map<String, Long> configTypes = new LinkedHashMap<>();
    private final Map<Double, Long> temperatures = new TreeMap<>();
    private final Map<String, Long> otherTemperatures = new LinkedHashMap<>();

    public void add(Structure s) {
        structures++;
        int n = s.size();
        atoms += n;
        minAtoms = Math.min(minAtoms, n);
        maxAtoms = Math.max(maxAtoms, n);
        for (String e : s.elements()) {
            elements.merge(e, 1L, Long::sum);
        }
        Cell c = s.cell();
        if (c != null && s.isPeriodic()) {
            periodic++;
            for (int v = 0; v < 3; v++) {
                minLen[v] = Math.min(minLen[v], c.length(v));
                maxLen[v] = Math.max(maxLen[v], c.length(v));
            }
            if (n > 0) {
                double vpa = Math.abs(c.volume()) / n;
                minVpa = Math.min(minVpa, vpa);
                maxVpa = Math.max(maxVpa, vpa);
            }
        }
        if (s.energy() != null) {
            withEnergy++;
            double e = s.energy();
            minE = Math.min(minE, e);
            maxE = Math.max(maxE, e);
            if (n > 0) {
                minEpa = Math.min(minEpa, e / n);
                maxEpa = Math.max(maxEpa, e / n);
            }
        }
        if (s.forces() != null) {
            withForces++;
            double[] f = s.forces();
            for (int i = 0; i < f.length; i += 3) {
                maxForce = Math.max(maxForce, Math.sqrt(f[i] * f[i] + f[i + 1] * f[i + 1] + f[i + 2] * f[i + 2]));
            }
        }
        String ct = s.tags().get("config_type");
        if (ct != null) {
            configTypes.merge(ct, 1L, Long::sum);
        }
        String t = s.tags().get("temperature");
        if (t != null) {
            try {
                temperatures.merge(Double.parseDouble(t), 1L, Long::sum);
            } catch (NumberFormatException e) {
                otherTemperatures.merge(t, 1L, Long::sum);
            }
        }
    }

    public long structures() {
        return structures;
    }

    public long atoms() {
        return atoms;
    }

    public int minAtoms() {
        return structures == 0 ? 0 : minAtoms;
    }

    public int maxAtoms() {
        return maxAtoms;
    }

    public Map<String, Long> elements() {
        return elements;
    }

    public Map<String, Long> configTypes() {
        return configTypes;
    }

    public long withEnergy() {
        return withEnergy;
    }

    public long withForces() {
        return withForces;
    }

    /** Everything as an ordered map of plain values (for JSON). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("structures", structures);
        m.put("atoms", atoms);
        m.put("atoms_min", minAtoms());
        m.put("atoms_max", maxAtoms);
        m.put("elements", elements);
        m.put("periodic", periodic);
        if (periodic > 0) {
            m.put("cell_length_min", minLen.clone());
            m.put("cell_length_max", maxLen.clone());
            m.put("volume_per_atom_min", minVpa);
            m.put("volume_per_atom_max", maxVpa);
        }
        m.put("with_energy", withEnergy);
        if (withEnergy > 0) {
            m.put("energy_min", minE);
            m.put("energy_max", maxE);
            m.put("energy_per_atom_min", minEpa);
            m.put("energy_per_atom_max", maxEpa);
        }
        m.put("with_forces", withForces);
        if (withForces > 0) {
            m.put("force_max", maxForce);
        }
        m.put("config_types", configTypes);
        Map<String, Long> temps = new LinkedHashMap<>();
        temperatures.forEach((k, v) -> temps.put(formatTemp(k), v));
        temps.putAll(otherTemperatures);
        m.put("temperatures", temps);
        return m;
    }

    private static String formatTemp(double t) {
        return t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t);
    }

    /** Human-readable multi-line summary. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("structures        %d%n", structures));
        b.append(String.format("atoms             %d total, %d to %d per structure%n", atoms, minAtoms(), maxAtoms));
        b.append("elements         ");
        elements.forEach((e, c) -> b.append(' ').append(e).append(' ').append(c));
        b.append('\n');
        if (periodic > 0) {
            b.append(String.format("periodic          %d of %d%n", periodic, structures));
            b.append(String.format("cell a, b, c      %.4f-%.4f, %.4f-%.4f, %.4f-%.4f Å%n", minLen[0], maxLen[0],
                minLen[1], maxLen[1], minLen[2], maxLen[2]));
            b.append(String.format("volume per atom   %.4f to %.4f Å³%n", minVpa, maxVpa));
        } else {
            b.append("periodic          none\n");
        }
        if (withEnergy > 0) {
            b.append(String.format("energy            %d of %d; %.6f to %.6f eV; %.6f to %.6f eV/atom%n", withEnergy,
                structures, minE, maxE, minEpa, maxEpa));
        } else {
            b.append("energy            none\n");
        }
        if (withForces > 0) {
            b.append(String.format("forces            %d of %d; largest |F| %.6f eV/Å%n", withForces, structures, maxForce));
        } else {
            b.append("forces            none\n");
        }
        if (!configTypes.isEmpty()) {
            b.append("config types     ");
            configTypes.forEach((k, v) -> b.append(' ').append(k).append(' ').append(v));
            b.append('\n');
        }
        if (!temperatures.isEmpty() || !otherTemperatures.isEmpty()) {
            b.append("temperatures (K) ");
            temperatures.forEach((k, v) -> b.append(' ').append(formatTemp(k)).append(':').append(v));
            otherTemperatures.forEach((k, v) -> b.append(' ').append(k).append(':').append(v));
            b.append('\n');
        }
        return b.toString();
    }
}
