package dev.sieve.descriptor;

import dev.sieve.structure.Elements;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The symmetry functions of every element, each element's list in n2p2's sorted order (the
 * network input order). Elements are ordered by atomic number, as n2p2 does.
 *
 * @param name      a label (e.g. {@code thesis22}) or the file it came from
 * @param elements  element symbols ordered by atomic number
 * @param functions per element, the sorted functions (unmodifiable)
 */
public record SymmetryFunctionSet(String name, List<String> elements, Map<String, List<SymmetryFunction>> functions) {

    public SymmetryFunctionSet {
        Map<String, List<SymmetryFunction>> m = new LinkedHashMap<>();
        List<String> els = new ArrayList<>(elements);
        els.sort(Comparator.comparingInt(Elements::atomicNumber));
        for (String el : els) {
            List<SymmetryFunction> l = new ArrayList<>(functions.getOrDefault(el, List.of()));
            for (SymmetryFunction f : l) {
                if (!f.element().equals(el)) {
                    throw new IllegalArgumentException("function " + f.name() + " listed under element " + el);
                }
                if (!els.contains(f.e1()) || (f.e2() != null && !els.contains(f.e2()))) {
                    throw new IllegalArgumentException("function " + f.name() + " uses an element not in " + els);
                }
            }
            l.sort(SymmetryFunction.N2P2_ORDER);
            for (int k = 1; k < l.size(); k++) {
                if (SymmetryFunction.N2P2_ORDER.compare(l.get(k - 1), l.get(k)) == 0) {
                    throw new IllegalArgumentException("duplicate symmetry function " + l.get(k).name());
                }
            }
            m.put(el, List.copyOf(l));
        }
        for (String el : functions.keySet()) {
            if (!m.containsKey(el)) {
                throw new IllegalArgumentException("functions given for element " + el + " which is not in " + els);
            }
        }
        elements = List.copyOf(els);
        functions = java.util.Collections.unmodifiableMap(m);
    }

    /** Builds a set from any collection of functions; elements are those of the functions' centres and neighbours. */
    public static SymmetryFunctionSet of(String name, Collection<SymmetryFunction> all) {
        LinkedHashSet<String> els = new LinkedHashSet<>();
        Map<String, List<SymmetryFunction>> m = new LinkedHashMap<>();
        for (SymmetryFunction f : all) {
            els.add(f.element());
            els.add(f.e1());
            if (f.e2() != null) {
                els.add(f.e2());
            }
            m.computeIfAbsent(f.element(), k -> new ArrayList<>()).add(f);
        }
        return new SymmetryFunctionSet(name, new ArrayList<>(els), m);
    }

    public List<SymmetryFunction> forElement(String element) {
        List<SymmetryFunction> l = functions.get(element);
        if (l == null) {
            throw new IllegalArgumentException("symmetry function set " + name + " has no element " + element
                + " (it has " + elements + ")");
        }
        return l;
    }

    public int size(String element) {
        return forElement(element).size();
    }

    public int totalSize() {
        return functions.values().stream().mapToInt(List::size).sum();
    }

    /** Largest cutoff radius of all functions (the neighbour-list cutoff). */
    public double maxCutoff() {
        double rc = 0;
        for (List<SymmetryFunction> l : functions.values()) {
            for (SymmetryFunction f : l) {
                rc = Math.max(rc, f.rc());
            }
        }
        return rc;
    }

    /** A subset: for each element, the functions at the given indices (of the sorted list). */
    public SymmetryFunctionSet select(String newName, Map<String, int[]> keep) {
        Map<String, List<SymmetryFunction>> m = new LinkedHashMap<>();
        for (String el : elements) {
            List<SymmetryFunction> src = functions.get(el);
            int[] idx = keep.get(el);
            List<SymmetryFunction> l = new ArrayList<>();
            if (idx != null) {
                for (int i : idx) {
                    l.add(src.get(i));
                }
            }
            m.put(el, l);
        }
        return new SymmetryFunctionSet(newName, elements, m);
    }
}
