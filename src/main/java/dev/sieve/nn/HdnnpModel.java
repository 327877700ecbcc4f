package dev.sieve.nn;

import dev.sieve.descriptor.DescriptorCalculator;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.ChunkedExecutor;
import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Structure;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A high-dimensional neural network potential: symmetry functions (in Å), one feature scaling
 * and one network per element, and the energy conventions that map network outputs to eV.
 *
 * <p>E [eV] = ( Σ_i NN_e(i)(scaled G_i) / convEnergy + N·meanEnergy + Σ_i atomEnergy_e(i) ) / energyPerEv,
 * where meanEnergy and atomEnergy are in model energy units. Forces are −dE/dr by the chain rule
 * through the scaling and the SF derivatives; SFs are dimensionless, so they are evaluated in Å
 * whatever the model's length unit (the SF parameters are converted when read).
 *
 * <p>Instances are immutable and thread-safe; evaluation state lives in {@link Evaluator}.
 */
public final class HdnnpModel {

    /**
     * How network outputs map to eV.
     *
     * @param energyPerEv  model energy units per eV (1 for eV, 0.0367493254 for Hartree)
     * @param lengthPerAngstrom model length units per Å (1 for Å, 1.8897261328 for Bohr); informational here
     *                     (SF parameters are already in Å) but kept for export
     * @param meanEnergy   n2p2 {@code mean_energy}, model energy units per atom (0 if none)
     * @param convEnergy   n2p2 {@code conv_energy} (1 if none)
     * @param convLength   n2p2 {@code conv_length} (1 if none)
     * @param normalized   whether the n2p2 normalisation keywords are present
     */
    public record Units(double energyPerEv, double lengthPerAngstrom, double meanEnergy, double convEnergy,
                        double convLength, boolean normalized) {
        public static final Units EV_ANGSTROM = new Units(1, 1, 0, 1, 1, false);
    }

    /**
     * Prediction for one structure.
     *
     * @param energy          total energy, eV
     * @param forces          eV/Å (3N), or null when not asked
     * @param atomicEnergies  per-atom energies, eV, including the per-atom share of mean and atom energies
     * @param extrapolations  number of (atom, SF) values outside the scaling's training range
     */
    public record Prediction(double energy, double[] forces, double[] atomicEnergies, long extrapolations) {}

    private final SymmetryFunctionSet sf;
    private final List<String> elements;
    private final Scaling[] scalings;
    private final Network[] networks;
    private final double[] atomEnergies; // model units, per element index
    private final Units units;
    private final DescriptorCalculator calc;
    private final double[][] lo;   // per element: training minimum of each SF (null without statistics)
    private final double[][] hi;
    private final double[][] fac;  // per element: d(scaled)/d(raw) of each SF

    public HdnnpModel(SymmetryFunctionSet sf, List<Scaling> scalings, List<Network> networks, double[] atomEnergies,
                      Units units) {
        this.sf = Objects.requireNonNull(sf);
        this.elements = sf.elements();
        int ne = elements.size();
        if (scalings.size() != ne || networks.size() != ne || atomEnergies.length != ne) {
            throw new IllegalArgumentException(ne + " elements " + elements + " but " + scalings.size() + " scalings, "
                + networks.size() + " networks, " + atomEnergies.length + " atom energies");
        }
        this.scalings = scalings.toArray(new Scaling[0]);
        this.networks = networks.toArray(new Network[0]);
        for (int e = 0; e < ne; e++) {
            int n = sf.size(elements.get(e));
            if (this.scalings[e].numFeatures() != n || this.networks[e].numInputs() != n) {
                throw new IllegalArgumentException("element " + elements.get(e) + ": " + n + " symmetry functions, "
                    + this.scalings[e].numFeatures() + " scaled features, " + this.networks[e].numInputs()
                    + " network inputs");
            }
        }
        this.atomEnergies = atomEnergies.clone();
        this.units = units;
        this.calc = new DescriptorCalculator(sf);
        this.lo = new double[ne][];
        this.hi = new double[ne][];
        this.fac = new double[ne][];
        for (int e = 0; e < ne; e++) {
            FeatureStatistics st = this.scalings[e].statistics();
            if (st != null) {
                lo[e] = st.min();
                hi[e] = st.max();
            }
            fac[e] = this.scalings[e].factors();
        }
    }

    public SymmetryFunctionSet symmetryFunctions() {
        return sf;
    }

    public List<String> elements() {
        return elements;
    }

    public Scaling scaling(int e) {
        return scalings[e];
    }

    public Network network(int e) {
        return networks[e];
    }

    public double atomEnergy(int e) {
        return atomEnergies[e];
    }

    public Units units() {
        return units;
    }

    public double cutoff() {
        return calc.cutoff();
    }

    public DescriptorCalculator calculator() {
        return calc;
    }

    /** Element index per atom; an element the model lacks is a user error naming the structure. */
    public int[] elementIndices(Structure s) {
        int[] el = new int[s.size()];
        for (int i = 0; i < el.length; i++) {
            el[i] = calc.elementIndex(s.elements()[i]);
            if (el[i] < 0) {
                throw new InputException(s.origin() + ": atom " + i + " is " + s.elements()[i]
                    + ", but the model has only " + elements);
            }
        }
        return el;
    }

    /** An evaluator with {@code threads} worker threads (1 = the calling thread only). Close it. */
    public Evaluator evaluator(int threads) {
        return new Evaluator(threads, false);
    }

    /**
     * An evaluator that reproduces n2p2's {@code nnp-predict}/{@code nnp-dataset} forces: n2p2's
     * {@code Mode::calculateForces} skips the contributions of an atom's own periodic images to
     * its force, which matters only in cells where a lattice translation is shorter than a cutoff.
     * Use it to compare with n2p2 output; the default evaluator gives the exact −dE/dr (as LAMMPS).
     */
    public Evaluator n2p2CompatibleEvaluator(int threads) {
        return new Evaluator(threads, true);
    }

    /** Convenience: one structure on the calling thread. */
    public Prediction predict(Structure s, boolean forces) {
        try (Evaluator ev = evaluator(1)) {
            return ev.predict(s, forces);
        }
    }

    /**
     * Network energy of an atom of element e from raw G (counting values outside the training
     * range); with {@code dEdG != null} also dE/dG of the raw values.
     */
    private double atomEnergy(int e, double[] g, double[] dEdG, Scratch sc) {
        int nf = calc.numFeatures(e);
        double[] gmin = lo[e], gmax = hi[e];
        if (gmin != null) {
            for (int k = 0; k < nf; k++) {
                double v = g[k];
                if (v < gmin[k] || v > gmax[k]) {
                    sc.extrapolations++;
                    sc.perFeature[e][k]++;
                }
            }
        }
        scalings[e].scale(g, 0, sc.x, 0);
        Network net = networks[e];
        if (dEdG == null) {
            return net.energy(sc.x, 0, sc.nws[e]);
        }
        double en = net.energyAndInputGradient(sc.x, 0, sc.nws[e], sc.dEdx, 0);
        double[] fk = fac[e];
        for (int k = 0; k < nf; k++) {
            dEdG[k] = sc.dEdx[k] * fk[k];
        }
        return en;
    }

    /** Per-thread scratch for one chunk of atoms. */
    private final class Scratch {
        final DescriptorCalculator.Workspace dws = new DescriptorCalculator.Workspace();
        final Network.Workspace[] nws = new Network.Workspace[networks.length];
        final double[] g = new double[calc.maxFeatures()];
        final double[] x = new double[calc.maxFeatures()];
        final double[] dEdx = new double[calc.maxFeatures()];
        final double[] dEdG = new double[calc.maxFeatures()];
        final DescriptorCalculator.AtomicGradient[] energy = new DescriptorCalculator.AtomicGradient[networks.length];
        long extrapolations;
        final long[][] perFeature = new long[networks.length][];

        Scratch() {
            for (int e = 0; e < networks.length; e++) {
                nws[e] = networks[e].newWorkspace();
                perFeature[e] = new long[calc.numFeatures(e)];
                int el = e;
                energy[e] = (g, dEdG) -> atomEnergy(el, g, dEdG, this);
            }
        }
    }

    /**
     * Atoms of a structure are split into this many contiguous chunks (fewer for small structures:
     * one per 64 atoms), whatever the thread count; the threads share the chunks.
     */
    static final int FORCE_CHUNKS = 8;

    /**
     * Evaluates structures; atoms of a structure are split into contiguous chunks whose number
     * depends only on the atom count ({@link #FORCE_CHUNKS}), each summing forces into its own
     * array, and the arrays are added in chunk order, so results are bit-identical for every
     * thread count (at most {@link #FORCE_CHUNKS} threads work on one structure).
     */
    public final class Evaluator implements AutoCloseable {
        private final ChunkedExecutor executor;
        private final Scratch[] scratch;
        private final NeighborListBuilder builder = new NeighborListBuilder();
        private final boolean skipSelfImages;
        private double[][] forceBuffers = new double[0][];

        /** The evaluator's worker threads (e.g. for an MD engine's neighbour-list builds). */
        public ChunkedExecutor executor() {
            return executor;
        }

        Evaluator(int threads, boolean skipSelfImages) {
            this.skipSelfImages = skipSelfImages;
            this.executor = new ChunkedExecutor(threads, "sieve-predict");
            this.builder.withExecutor(executor);
            this.scratch = new Scratch[FORCE_CHUNKS];
            for (int t = 0; t < FORCE_CHUNKS; t++) {
                scratch[t] = new Scratch();
            }
        }

        /**
         * Extrapolation events per element and symmetry function (values outside the training
         * range), summed over everything this evaluator has computed.
         */
        public long[][] extrapolationsPerFeature() {
            long[][] t = new long[networks.length][];
            for (int e = 0; e < networks.length; e++) {
                t[e] = new long[calc.numFeatures(e)];
                for (Scratch sc : scratch) {
                    for (int k = 0; k < t[e].length; k++) {
                        t[e][k] += sc.perFeature[e][k];
                    }
                }
            }
            return t;
        }

        private NeighborList notedList;
        private double[] notedPositions;
        private double[] notedCell;
        private long notedBuilds = -1;

        /**
         * Notes the positions an MD engine would refresh {@code nl} to: the next {@link #evaluate} on this list (and
         * build) forms the pair vectors from them in the descriptor kernels, with the same operations as
         * {@link NeighborList#refresh} (so the same bits), instead of reading a refreshed list. The list itself is
         * not touched.
         */
        public void notePositions(NeighborList nl, double[] positions, double[] h) {
            notedList = nl;
            notedPositions = positions;
            notedCell = h;
            notedBuilds = nl.builds();
        }

        public Prediction predict(Structure s, boolean forces) {
            NeighborList nl;
            try {
                nl = builder.build(s.cell(), s.pbc(), s.positions(), s.size(), calc.cutoff(), new NeighborList());
            } catch (dev.sieve.core.InputException e) {
                throw new dev.sieve.core.InputException(null, -1, s.origin() + ": " + e.getMessage(), e);
            }
            nl.requireSeparated(s.origin());
            return predict(s, nl, forces);
        }

        /** With a neighbour list built by the caller (cutoff >= the model's). */
        public Prediction predict(Structure s, NeighborList nl, boolean forces) {
            return evaluate(elementIndices(s), nl, forces, null, s.origin());
        }

        /**
         * The core evaluation on element indices and a full neighbour list (entries beyond the
         * cutoff are harmless, so a Verlet list with a skin can be passed).
         *
         * @param el      element index per atom (see {@link HdnnpModel#elementIndices})
         * @param virial  if non-null (length 6: xx yy zz xy xz yz), receives Σ r_ij ⊗ f_ij in eV
         * @param origin  name of the configuration for error messages
         */
        public Prediction evaluate(int[] el, NeighborList nl, boolean forces, double[] virial, String origin) {
            int n = el.length;
            int chunks = Math.min(FORCE_CHUNKS, Math.max(1, n / 64));
            double[] atomic = new double[n];
            if (forces && (forceBuffers.length < chunks || forceBuffers[0].length < 3 * n)) {
                forceBuffers = new double[FORCE_CHUNKS][3 * n];
            }
            double[][] f = forces ? forceBuffers : null;
            double[][] vir = forces && virial != null ? new double[chunks][6] : null;
            long[] extrap = new long[chunks];
            boolean noted = notedList == nl && notedBuilds == nl.builds() && notedPositions != null;
            double[][] shifts = noted ? nl.latticeShifts(notedCell) : null;
            for (int c = 0; c < chunks; c++) {
                scratch[c].dws.usePositions(noted ? notedPositions : null, shifts);
            }
            executor.forEachChunk(n, chunks, (c, a, b) -> {
                if (f != null) {
                    java.util.Arrays.fill(f[c], 0, 3 * n, 0.0);
                }
                extrap[c] = run(nl, el, a, b, atomic, f == null ? null : f[c], vir == null ? null : vir[c], scratch[c]);
            });
            double sum = 0;
            for (double a : atomic) {
                sum += a;
            }
            double scale = 1.0 / (units.convEnergy() * units.energyPerEv());
            double[] total = null;
            if (forces) {
                double[] sum3 = new double[3 * n];
                int nc = chunks;
                // chunk arrays added in chunk order for every component (split over the threads by component)
                executor.forEachChunk(3 * n, Math.max(1, executor.chunkCount(3 * n, 4096)), (c, a, b) -> {
                    System.arraycopy(f[0], a, sum3, a, b - a);
                    for (int k = 1; k < nc; k++) {
                        double[] fk = f[k];
                        for (int q = a; q < b; q++) {
                            sum3[q] += fk[q];
                        }
                    }
                });
                total = sum3;
                for (int q = 0; q < total.length; q++) {
                    total[q] *= scale;
                    if (!Double.isFinite(total[q])) {
                        throw new InputException(origin + ": force on atom " + q / 3 + " is " + total[q]);
                    }
                }
                if (virial != null) {
                    java.util.Arrays.fill(virial, 0.0);
                    for (double[] v : vir) {
                        for (int q = 0; q < 6; q++) {
                            virial[q] += v[q] * scale;
                        }
                    }
                }
            }
            // physical per-atom energies
            double[] perAtom = new double[n];
            double ae = 0;
            for (int i = 0; i < n; i++) {
                perAtom[i] = (atomic[i] / units.convEnergy() + units.meanEnergy() + atomEnergies[el[i]])
                    / units.energyPerEv();
                ae += atomEnergies[el[i]];
            }
            double energy = (sum / units.convEnergy() + n * units.meanEnergy() + ae) / units.energyPerEv();
            if (!Double.isFinite(energy)) {
                throw new InputException(origin + ": predicted energy is " + energy);
            }
            long ex = 0;
            for (long v : extrap) {
                ex += v;
            }
            return new Prediction(energy, total, perAtom, ex);
        }

        /** Atoms [a, b): raw network outputs into atomic[], unscaled forces (−dNN/dr) into f. */
        private long run(NeighborList nl, int[] el, int a, int b, double[] atomic, double[] f, double[] vir,
                         Scratch sc) {
            sc.extrapolations = 0;
            for (int i = a; i < b; i++) {
                int e = el[i];
                if (f == null) {
                    calc.compute(i, e, el, nl, sc.g, null, sc.dws);
                    atomic[i] = sc.energy[e].apply(sc.g, null);
                } else {
                    // fused kernel: values, network, then forces contracted on the fly (no stored dG/dr)
                    atomic[i] = calc.computeForces(i, e, el, nl, sc.g, sc.dEdG, sc.energy[e], f, vir, skipSelfImages,
                        sc.dws);
                }
            }
            return sc.extrapolations;
        }

        @Override
        public void close() {
            executor.close();
        }
    }


    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HdnnpModel[");
        for (int e = 0; e < elements.size(); e++) {
            sb.append(e == 0 ? "" : ", ").append(elements.get(e)).append(": ").append(Arrays.toString(networks[e].sizes()));
        }
        return sb.append(", ").append(sf.totalSize()).append(" SFs]").toString();
    }
}
