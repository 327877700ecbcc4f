package dev.sieve.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of one loop over neighbour pairs: the angular functions of an element with the same type, neighbour
 * elements and cutoff, in subgroups of the same (eta, rs) that share the exponential and cutoff products, and what
 * each function's angular factor 2^(1-zeta) (1 + lambda cos)^zeta needs (the set bits of an integer zeta for powers
 * by repeated squaring).
 */
final class AngularGroup {
    int type;
    int e1;
    int e2;
    int cutoff;
    double rc;
    CutoffFunction cutoffFunction;
    int subBase;          // index of the first (eta, rs) subgroup in the workspace
    double[] subEta;
    double[] subRs;
    int[] subStart;       // functions of subgroup sg: subStart[sg] .. subStart[sg+1]-1
    double[] zeta;
    int[] izeta;          // integer zeta, or -1 when zeta is not an integer (then Math.pow)
    double[] lambda;
    double[] pref;        // 2^(1 - zeta)
    double[] prefDeriv;   // 2^(1 - zeta) zeta lambda
    int[][] zetaBits;     // set bits of integer zeta, or null for non-integer zeta
    int index;            // position in the element's angular groups
    int maxBit = -1;      // highest bit of any integer zeta
    boolean allInteger;   // every zeta is an integer (table path only)
    boolean pairKernel;    // wide type, one neighbour element, integer zetas: flat pair kernels
    int maxBitPlus = -1;  // the same over the functions with lambda > 0 ...
    int maxBitMinus = -1; // ... and lambda < 0 (the pair kernel's power tables go no higher)
    boolean usesPlus;     // some function has lambda > 0
    boolean usesMinus;    // some function has lambda < 0
    int[] out;

    /**
     * The group of functions {@code ks} (indices into {@code sfs}, the element's functions in n2p2's order), which share
     * their type, neighbour elements and cutoff (number {@code cutoff} of the element plan, {@code cutoffFunction});
     * {@code index} is its position among the element's angular groups and {@code subBase} the number of (eta, rs)
     * subgroups of the groups before it.
     */
    static AngularGroup plan(List<SymmetryFunction> sfs, List<Integer> ks, List<String> elements, int cutoff,
                             CutoffFunction cutoffFunction, int index, int subBase) {
        SymmetryFunction f0 = sfs.get(ks.get(0));
        AngularGroup g = new AngularGroup();
        g.type = f0.type();
        g.index = index;
        g.e1 = elements.indexOf(f0.e1());
        g.e2 = elements.indexOf(f0.e2());
        g.cutoff = cutoff;
        g.rc = f0.rc();
        g.cutoffFunction = cutoffFunction;
        // subgroups by (eta, rs); functions keep their relative order within a subgroup
        Map<String, List<Integer>> subs = new LinkedHashMap<>();
        for (int k : ks) {
            SymmetryFunction f = sfs.get(k);
            subs.computeIfAbsent(f.eta() + "|" + f.rs(), key -> new ArrayList<>()).add(k);
        }
        int ns = subs.size();
        g.subBase = subBase;
        g.allocate(ns, ks.size());
        int q = 0;
        int sg = 0;
        for (List<Integer> members : subs.values()) {
            SymmetryFunction fs = sfs.get(members.get(0));
            g.subEta[sg] = fs.eta();
            g.subRs[sg] = fs.rs();
            g.subStart[sg] = q;
            for (int k : members) {
                g.addFunction(q, k, sfs.get(k));
                q++;
            }
            sg++;
        }
        g.subStart[ns] = q;
        g.summarise();
        return g;
    }

    /** The arrays for {@code ns} subgroups and {@code total} functions. */
    private void allocate(int ns, int total) {
        subEta = new double[ns];
        subRs = new double[ns];
        subStart = new int[ns + 1];
        zeta = new double[total];
        izeta = new int[total];
        lambda = new double[total];
        pref = new double[total];
        prefDeriv = new double[total];
        zetaBits = new int[total][];
        out = new int[total];
    }

    /** Makes function {@code k} of the element, {@code f}, the group's function {@code q}. */
    private void addFunction(int q, int k, SymmetryFunction f) {
        zeta[q] = f.zeta();
        izeta[q] = f.zeta() == Math.rint(f.zeta()) && f.zeta() <= 1 << 20 ? (int) f.zeta() : -1;
        lambda[q] = f.lambda();
        pref[q] = Math.pow(2.0, 1.0 - f.zeta());
        prefDeriv[q] = pref[q] * f.zeta() * f.lambda();
        if (izeta[q] >= 1) {
            zetaBits[q] = bits(izeta[q]);
            int hb = 31 - Integer.numberOfLeadingZeros(izeta[q]);
            maxBit = Math.max(maxBit, hb);
            if (f.lambda() > 0) {
                maxBitPlus = Math.max(maxBitPlus, hb);
            } else {
                maxBitMinus = Math.max(maxBitMinus, hb);
            }
        }
        out[q] = k;
    }

    /** The flags over all functions: integer zetas only, signs of lambda, and whether the pair kernel applies. */
    private void summarise() {
        allInteger = true;
        for (int[] zb : zetaBits) {
            allInteger &= zb != null;
        }
        for (double l : lambda) {
            usesPlus |= l > 0;
            usesMinus |= !(l > 0);
        }
        pairKernel = DescriptorCalculator.PAIR_KERNEL && allInteger && e1 == e2
            && type == SymmetryFunction.ANGULAR_WIDE;
    }

    /** Bit positions set in e (ascending). */
    static int[] bits(int e) {
        int[] b = new int[Integer.bitCount(e)];
        int k = 0;
        for (int i = 0; i < 31; i++) {
            if ((e & (1 << i)) != 0) {
                b[k++] = i;
            }
        }
        return b;
    }
}
