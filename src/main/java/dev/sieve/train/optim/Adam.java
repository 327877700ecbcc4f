package dev.sieve.train.optim;

import java.util.Map;

/**
 * Adam (Kingma and Ba 2015): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= lr mhat / (sqrt(vhat) + eps)} with bias-corrected mhat, vhat; b1 = 0.9, b2 = 0.999, eps = 1e-8.
 * Allocation-free; the same kernel serves training and {@code sieve bench train}.
 */
public final class Adam extends GradientOptimizer {
    public static final String NAME = "adam";
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final double[][] m;
    private final double[][] v;

    public Adam(OptimizerSettings settings, int[] sizes) {
        super(NAME, sizes);
        m = zeros(sizes);
        v = zeros(sizes);
    }

    @Override
    public void update(double[][] params, double[][] grad, double lr) {
        steps++;
        double c1 = 1.0 - Math.pow(BETA1, steps);
        double c2 = 1.0 - Math.pow(BETA2, steps);
        double a = lr / c1;
        double sc2 = 1.0 / c2;
        for (int e = 0; e < params.length; e++) {
            double[] p = params[e];
            double[] g = grad[e];
            double[] me = m[e];
            double[] ve = v[e];
            for (int k = 0; k < p.length; k++) {
                double gk = g[k];
                me[k] = BETA1 * me[k] + (1 - BETA1) * gk;
                ve[k] = BETA2 * ve[k] + (1 - BETA2) * gk * gk;
                p[k] -= a * me[k] / (Math.sqrt(ve[k] * sc2) + EPS);
            }
        }
    }

    @Override
    public double stepScale(int element, int k) {
        double c2 = 1.0 - Math.pow(BETA2, Math.max(1, steps));
        return 1.0 / (Math.sqrt(v[element][k] / c2) + EPS);
    }

    @Override
    public OptimizerState state() {
        Map<String, double[][]> arrays = new java.util.LinkedHashMap<>(); // Map.of's order changes between JVM runs
        arrays.put("m", m);
        arrays.put("v", v);
        return new OptimizerState(NAME, steps, arrays);
    }

    @Override
    public void restore(OptimizerState s) {
        s.copyInto("m", m);
        s.copyInto("v", v);
        steps = s.steps();
    }
}
