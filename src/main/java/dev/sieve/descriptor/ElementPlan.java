package dev.sieve.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DescriptorCalculator} computes for one element: its distinct cutoff functions (each evaluated once per
 * neighbour), its radial functions in loops over neighbours per neighbour element and cutoff ({@link RadialGroup}),
 * and its angular functions in loops over neighbour pairs per type, neighbour elements and cutoff
 * ({@link AngularGroup}), with the sizes the workspace needs.
 */
final class ElementPlan {
    final int n;
    final CutoffFunction[] cutoffs;
    final RadialGroup[] radial;
    final AngularGroup[] angular;
    final int subgroupCount;
    final int maxAngularGroup;
    final int powerLevels;
    final int radialCount;

    ElementPlan(List<SymmetryFunction> sfs, List<String> elements) {
        n = sfs.size();
        Map<String, Integer> cutIdx = new LinkedHashMap<>();
        List<CutoffFunction> cuts = new ArrayList<>();
        Map<String, List<Integer>> radialKeys = new LinkedHashMap<>();
        Map<String, List<Integer>> angularKeys = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            SymmetryFunction f = sfs.get(k);
            int ci = cutIdx.computeIfAbsent(cutoffKey(f), key -> {
                cuts.add(new CutoffFunction(f.cutoff(), f.rc(), f.alpha()));
                return cuts.size() - 1;
            });
            if (f.isRadial()) {
                radialKeys.computeIfAbsent(f.e1() + "|" + ci, key -> new ArrayList<>()).add(k);
            } else {
                angularKeys.computeIfAbsent(f.type() + "|" + f.e1() + "|" + f.e2() + "|" + ci,
                    key -> new ArrayList<>()).add(k);
            }
        }
        cutoffs = cuts.toArray(new CutoffFunction[0]);
        radial = radialGroups(sfs, elements, radialKeys.values(), cutIdx);
        angular = angularGroups(sfs, elements, angularKeys.values(), cutIdx, cutoffs);
        int sub = 0;
        int mg = 0;
        int levels = 0;
        for (AngularGroup g : angular) {
            sub += g.subEta.length;
            mg = Math.max(mg, g.out.length);
            levels = Math.max(levels, g.maxBit + 1);
        }
        subgroupCount = sub;
        maxAngularGroup = mg;
        powerLevels = levels;
        int rc = 0;
        for (RadialGroup g : radial) {
            rc += g.eta.length;
        }
        radialCount = rc;
    }

    /** The key of a function's cutoff function (type, radius, alpha). */
    private static String cutoffKey(SymmetryFunction f) {
        return f.cutoff() + "|" + f.rc() + "|" + f.alpha();
    }

    private static RadialGroup[] radialGroups(List<SymmetryFunction> sfs, List<String> elements,
                                              Iterable<List<Integer>> groups, Map<String, Integer> cutIdx) {
        List<RadialGroup> radial = new ArrayList<>();
        for (List<Integer> ks : groups) {
            int cutoff = cutIdx.get(cutoffKey(sfs.get(ks.get(0))));
            radial.add(RadialGroup.plan(sfs, ks, elements, cutoff));
        }
        return radial.toArray(new RadialGroup[0]);
    }

    private static AngularGroup[] angularGroups(List<SymmetryFunction> sfs, List<String> elements,
                                                Iterable<List<Integer>> groups, Map<String, Integer> cutIdx,
                                                CutoffFunction[] cutoffs) {
        List<AngularGroup> angular = new ArrayList<>();
        int sub = 0;
        for (List<Integer> ks : groups) {
            int cutoff = cutIdx.get(cutoffKey(sfs.get(ks.get(0))));
            AngularGroup g = AngularGroup.plan(sfs, ks, elements, cutoff, cutoffs[cutoff], angular.size(), sub);
            sub += g.subEta.length;
            angular.add(g);
        }
        return angular.toArray(new AngularGroup[0]);
    }
}
