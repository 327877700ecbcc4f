package dev.sieve.descriptor;

import dev.sieve.core.ChunkedExecutor;
import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Structure;
import java.util.function.IntConsumer;

/**
 * Computes the symmetry functions of whole structures with a fixed number of threads. Atoms
 * of a structure are split into contiguous chunks, one per thread, each with its own
 * workspace, so results do not depend on the thread count. Close it to stop the threads.
 */
public final class DescriptorEngine implements AutoCloseable {
    private final DescriptorCalculator calc;
    private final ChunkedExecutor executor;

    public DescriptorEngine(SymmetryFunctionSet set, int threads) {
        this.executor = new ChunkedExecutor(threads, "sieve-descriptors");
        this.calc = new DescriptorCalculator(set);
    }

    public DescriptorCalculator calculator() {
        return calc;
    }

    public int threads() {
        return executor.threads();
    }

    /** Element index of each atom; unknown elements are a user error naming the structure. */
    public int[] elementIndices(Structure s) {
        int[] el = new int[s.size()];
        for (int i = 0; i < el.length; i++) {
            el[i] = calc.elementIndex(s.elements()[i]);
            if (el[i] < 0) {
                throw new InputException(s.origin() + ": atom " + i + " is " + s.elements()[i]
                    + ", but the symmetry-function set has only " + calc.elements());
            }
        }
        return el;
    }

    /** The neighbour list of {@code s}; atoms closer than {@link NeighborList#MIN_DISTANCE} are a user error. */
    public NeighborList neighbors(Structure s) {
        NeighborList nl = new NeighborListBuilder().build(s, calc.cutoff());
        nl.requireSeparated(s.origin());
        return nl;
    }

    /** Values (and derivatives when asked) of every atom of {@code s}. */
    public AtomDescriptors compute(Structure s, boolean derivatives) {
        return compute(s, neighbors(s), derivatives);
    }

    /** Like {@link #compute(Structure, boolean)} but on the calling thread only (for callers that parallelise over structures). */
    public AtomDescriptors computeSerial(Structure s, boolean derivatives) {
        return compute(s, neighbors(s), derivatives, false);
    }

    public AtomDescriptors compute(Structure s, NeighborList nl, boolean derivatives) {
        return compute(s, nl, derivatives, true);
    }

    private AtomDescriptors compute(Structure s, NeighborList nl, boolean derivatives, boolean useThreads) {
        int n = s.size();
        int[] el = elementIndices(s);
        int[] off = new int[n + 1];
        long[] doff = derivatives ? new long[n + 1] : null;
        for (int i = 0; i < n; i++) {
            off[i + 1] = off[i] + calc.numFeatures(el[i]);
            if (derivatives) {
                doff[i + 1] = doff[i] + calc.derivativeSize(el[i], nl.count(i));
            }
        }
        double[] values = new double[off[n]];
        double[] dvals = null;
        if (derivatives) {
            if (doff[n] > Integer.MAX_VALUE - 16) {
                throw new InputException(s.origin() + ": derivatives of " + n + " atoms need " + doff[n]
                    + " numbers, more than one array holds; compute them per atom instead");
            }
            dvals = new double[(int) doff[n]];
        }
        final double[] dv = dvals;
        int chunks = useThreads ? executor.chunkCount(n, 64) : 1;
        executor.forEachChunk(n, chunks, (c, a, b) -> run(s, nl, el, off, doff, values, dv, a, b));
        return new AtomDescriptors(el, off, values, doff, dvals);
    }

    private void run(Structure s, NeighborList nl, int[] el, int[] off, long[] doff, double[] values, double[] dv,
                     int from, int to) {
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        double[] g = new double[calc.maxFeatures()];
        double[] d = dv == null ? null : new double[calc.derivativeSize(0, 0)];
        for (int i = from; i < to; i++) {
            int e = el[i];
            int nf = calc.numFeatures(e);
            if (dv == null) {
                calc.compute(i, e, el, nl, g, null, ws);
            } else {
                int need = calc.derivativeSize(e, nl.count(i));
                if (d.length < need) {
                    d = new double[need * 2];
                }
                calc.compute(i, e, el, nl, g, d, ws);
                System.arraycopy(d, 0, dv, (int) doff[i], need);
            }
            for (int k = 0; k < nf; k++) {
                if (!Double.isFinite(g[k])) {
                    throw new InputException(s.origin() + ": symmetry function " + k + " of atom " + i + " is " + g[k]
                        + " (overlapping atoms?)");
                }
            }
            System.arraycopy(g, 0, values, off[i], nf);
        }
    }

    /** Runs tasks on the engine's threads (or inline with one thread), rethrowing the first failure. */
    public void parallel(int tasks, IntConsumer body) {
        executor.forEachTask(tasks, body);
    }

    @Override
    public void close() {
        executor.close();
    }
}
