package dev.sieve.bench.jmh;

import dev.sieve.descriptor.BuiltinSets;
import dev.sieve.descriptor.DescriptorCalculator;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.math.BulkDot;
import dev.sieve.math.BulkExp;
import dev.sieve.md.DataGenerator;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import dev.sieve.structure.Structure;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmarks of the hot kernels, one thread each, on a 500-atom fcc Al cell with random displacements of up to
 * 0.25 Å (liquid-like neighbour counts at the symmetry functions' cutoffs): the neighbour list, the symmetry-function
 * values, values + derivatives, the fused MD force kernel, the array exp and dot, and a network's energy and input
 * gradient per atom. Scores are µs per call (per cell for the structure kernels: divide by {@link #ATOMS} for µs per
 * atom). Run with {@code sieve bench jmh [REGEX]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmarks {
    /** Atoms of the benchmark cell. */
    public static final int ATOMS = 500;

    /** "thesis22" or "thesis329" (the angular type 3 = n2p2 wide angular). */
    @Param({"thesis22"})
    public String set;

    private DescriptorCalculator calc;
    private DescriptorCalculator.Workspace ws;
    private Structure cell;
    private int[] el;
    private NeighborList nl;
    private NeighborListBuilder builder;
    private double[] g;
    private double[] dg;
    private double[] dEdG;
    private double[] forces;
    private double[] virial;
    private double[] expIn;
    private double[] expOut;
    private Network net;
    private double[] gradIn;
    private Network.Workspace netWs;

    @Setup(Level.Trial)
    public void setUp() {
        SymmetryFunctionSet sfs = "thesis329".equals(set)
            ? BuiltinSets.thesis329("Al", dev.sieve.descriptor.CutoffType.COS, 3)
            : BuiltinSets.thesis22("Al");
        calc = new DescriptorCalculator(sfs);
        ws = new DescriptorCalculator.Workspace();
        Structure fcc = DataGenerator.fcc(4.05, 5, "Al");
        SplittableRandom r = new SplittableRandom(7);
        double[] x = fcc.positions().clone();
        for (int k = 0; k < x.length; k++) {
            x[k] += r.nextDouble(-0.25, 0.25);
        }
        cell = fcc.withPositions(x);
        el = new int[cell.size()];
        builder = new NeighborListBuilder();
        nl = new NeighborList();
        builder.build(cell.cell(), cell.pbc(), cell.positions(), cell.size(), calc.cutoff(), nl);
        int n = calc.maxFeatures();
        g = new double[n];
        dg = new double[calc.derivativeSize(0, nl.maxCount())];
        dEdG = new double[n];
        for (int q = 0; q < n; q++) {
            dEdG[q] = r.nextDouble(-1, 1);
        }
        forces = new double[3 * cell.size()];
        virial = new double[6];
        expIn = new double[1024];
        expOut = new double[1024 + 8];
        for (int k = 0; k < expIn.length; k++) {
            expIn[k] = -20.0 * r.nextDouble();
        }
        net = new Network(new int[] {n, 10, 10, 1},
            new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY}, false);
        net.initialize(new SplittableRandom(3));
        gradIn = new double[n];
        netWs = net.newWorkspace();
    }

    @Benchmark
    public void neighbourList(Blackhole bh) {
        builder.build(cell.cell(), cell.pbc(), cell.positions(), cell.size(), calc.cutoff(), nl);
        bh.consume(nl.size());
    }

    @Benchmark
    public double descriptorValues() {
        return allAtoms(null);
    }

    @Benchmark
    public double descriptorDerivatives() {
        return allAtoms(dg);
    }

    /** Every atom's functions (and derivatives into {@code d} unless null); returns a checksum. */
    private double allAtoms(double[] d) {
        double s = 0;
        for (int i = 0; i < ATOMS; i++) {
            calc.compute(i, 0, el, nl, g, d, ws);
            s += d == null ? g[0] : d[0];
        }
        return s;
    }

    /** The MD force kernel with fixed dE/dG (no network). */
    @Benchmark
    public double fusedForces() {
        double e = 0;
        for (int i = 0; i < ATOMS; i++) {
            e += calc.computeForces(i, 0, el, nl, g, gradIn, (gi, de) -> {
                System.arraycopy(dEdG, 0, de, 0, dEdG.length);
                return gi[0];
            }, forces, virial, false, ws);
        }
        return e + forces[0];
    }

    /**
     * exp of 1024 doubles ({@link BulkExp}, SIMD when enabled). Not inlined into JMH's measuring loop: that made one
     * compile unit so large that C2 stopped inlining the vector helpers (NodeCountInliningCutoff), boxed the vectors
     * and measured 7-700 µs instead of 1 µs; the kernels' own callers are small enough.
     */
    @Benchmark
    @org.openjdk.jmh.annotations.CompilerControl(org.openjdk.jmh.annotations.CompilerControl.Mode.DONT_INLINE)
    public void exp1024(Blackhole bh) {
        BulkExp.get().exp(expIn, expOut, 1024);
        bh.consume(expOut);
    }

    /** A dot product of 71 elements (a radial function's neighbours in liquid Al). */
    @Benchmark
    public double dot71() {
        return BulkDot.get().dot(expIn, expOut, 71);
    }

    /** Energy and input gradient of one atom's 2x10 tanh network. */
    @Benchmark
    public double networkEnergyAndGradient() {
        return net.energyAndInputGradient(dEdG, netWs, gradIn);
    }
}
