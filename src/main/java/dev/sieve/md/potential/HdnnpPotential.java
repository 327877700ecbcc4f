package dev.sieve.md.potential;

import dev.sieve.neighbor.NeighborList;
import dev.sieve.nn.HdnnpModel;
import java.util.List;

/** An {@link HdnnpModel} as an MD potential, with its own evaluator threads. Close it when done. */
public final class HdnnpPotential implements Potential, AutoCloseable {
    private final HdnnpModel model;
    private final HdnnpModel.Evaluator evaluator;
    private final String name;
    private long extrapolations;

    public HdnnpPotential(HdnnpModel model, int threads, String name) {
        this.model = model;
        this.evaluator = model.evaluator(threads);
        this.name = name;
    }

    public HdnnpModel model() {
        return model;
    }

    /** Extrapolation events per element and symmetry function over the run. */
    public long[][] extrapolationsPerFeature() {
        return evaluator.extrapolationsPerFeature();
    }

    /** A readable summary of the most frequent extrapolating functions, or "" when none. */
    public String extrapolationReport(int top) {
        long[][] c = extrapolationsPerFeature();
        java.util.List<long[]> rows = new java.util.ArrayList<>();
        for (int e = 0; e < c.length; e++) {
            for (int k = 0; k < c[e].length; k++) {
                if (c[e][k] > 0) {
                    rows.add(new long[] {c[e][k], e, k});
                }
            }
        }
        rows.sort((x, y) -> Long.compare(y[0], x[0]));
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < Math.min(top, rows.size()); r++) {
            long[] x = rows.get(r);
            String el = model.elements().get((int) x[1]);
            sb.append(String.format("  %8d x %s%n", x[0],
                model.symmetryFunctions().forElement(el).get((int) x[2]).name()));
        }
        return sb.toString();
    }

    @Override
    public dev.sieve.core.ChunkedExecutor executor() {
        return evaluator.executor();
    }

    @Override
    public double cutoff() {
        return model.cutoff();
    }

    @Override
    public List<String> elements() {
        return model.elements();
    }

    @Override
    public String describe() {
        return "HDNNP " + name + " " + model;
    }

    /** Extrapolation events (atom, SF) counted over all evaluations so far. */
    public long extrapolations() {
        return extrapolations;
    }

    /** Sets the extrapolation count (a resumed run continues the count of the run it resumes). */
    public void restoreExtrapolations(long count) {
        extrapolations = count;
    }

    /**
     * Notes the positions for the next {@link #compute} on this list: the descriptor kernels form the pair vectors
     * from them in the pass that gathers each atom's neighbours (the sums {@link NeighborList#refresh} forms, the
     * same bits), so the list is not refreshed.
     */
    @Override
    public void refresh(NeighborList nl, double[] positions, double[] h) {
        evaluator.notePositions(nl, positions, h);
    }

    @Override
    public double compute(int[] types, NeighborList nl, double[] forces, double[] virial) {
        HdnnpModel.Prediction p = evaluator.evaluate(types, nl, forces != null, virial, name);
        extrapolations += p.extrapolations();
        if (forces != null) {
            System.arraycopy(p.forces(), 0, forces, 0, forces.length);
        }
        return p.energy();
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
