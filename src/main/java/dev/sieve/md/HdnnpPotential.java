package dev.sieve.md;

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
