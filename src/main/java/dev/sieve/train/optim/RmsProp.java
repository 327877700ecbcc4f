package dev.sieve.train.optim;

import java.util.Map;

/**
 * RMSprop (Tieleman and Hinton 2012): {@code s = rho s + (1 - rho) g^2}, {@code p -= lr g / (sqrt(s) + eps)} with
 * rho = 0.9 and eps = 1e-8; allocation-free.
 */
final class RmsProp extends GradientOptimizer {
    public static final String NAME = "rmsprop";
    public static final double RHO = 0.9;
    public static final double EPS = 1e-8;

    private final double[][] s;

    public RmsProp(OptimizerSettings settings, int[] sizes) {
        super(NAME, sizes);
        s = zeros(sizes);
    }

    @Override
    public void update(double[][] params, double[][] grad, double lr) {
        steps++;
        for (int e = 0; e < params.length; e++) {
            double[] p = params[e];
            double[] g = grad[e];
            double[] se = s[e];
            for (int k = 0; k < p.length; k++) {
                double gk = g[k];
                se[k] = RHO * se[k] + (1 - RHO) * gk * gk;
                p[k] -= lr * gk / (Math.sqrt(se[k]) + EPS);
            }
        }
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(NAME, steps, Map.of("mean_square", s));
    }

    @Override
    public void restore(OptimizerState st) {
        st.copyInto("mean_square", s);
        steps = st.steps();
    }
}
