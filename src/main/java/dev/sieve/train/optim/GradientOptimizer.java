package dev.sieve.train.optim;

/** A first-order rule: one gradient evaluation per batch, then {@link #update}. */
public abstract class GradientOptimizer implements Optimizer {
    private final String name;
    private final double[][] grad;
    /** Updates taken so far. */
    protected long steps;

    /** @param name the name it is registered under */
    protected GradientOptimizer(String name, int[] sizes) {
        this.name = name;
        grad = new double[sizes.length][];
        for (int e = 0; e < sizes.length; e++) {
            grad[e] = new double[sizes[e]];
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double step(Batch batch) {
        double f = batch.objectiveAndGradient(grad);
        update(batch.params(), grad, batch.lr());
        return f;
    }

    /** One update of {@code params} (per element) from {@code grad} with step size {@code lr}. */
    public abstract void update(double[][] params, double[][] grad, double lr);

    /** Updates taken so far. */
    public long steps() {
        return steps;
    }

    /** Per-element arrays of the given sizes. */
    protected static double[][] zeros(int[] sizes) {
        double[][] a = new double[sizes.length][];
        for (int e = 0; e < sizes.length; e++) {
            a[e] = new double[sizes[e]];
        }
        return a;
    }
}
