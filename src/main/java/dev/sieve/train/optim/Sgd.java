package dev.sieve.train.optim;

import java.util.Map;

/** Stochastic gradient descent with momentum mu: {@code u = mu u - lr g}, {@code p += u} (mu = 0: plain SGD). */
final class Sgd extends GradientOptimizer {
    public static final String NAME = "sgd";

    private final double momentum;
    private final double[][] u;

    public Sgd(OptimizerSettings settings, int[] sizes) {
        super(NAME, sizes);
        momentum = settings.momentum();
        u = zeros(sizes);
    }

    @Override
    public void update(double[][] params, double[][] grad, double lr) {
        steps++;
        for (int e = 0; e < params.length; e++) {
            double[] p = params[e];
            double[] g = grad[e];
            double[] ue = u[e];
            for (int k = 0; k < p.length; k++) {
                ue[k] = momentum * ue[k] - lr * g[k];
                p[k] += ue[k];
            }
        }
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(NAME, steps, Map.of("velocity", u));
    }

    @Override
    public void restore(OptimizerState s) {
        s.copyInto("velocity", u);
        steps = s.steps();
    }
}
