package dev.sieve.train;

import java.util.Arrays;

/**
 * The Adam optimiser (Kingma &amp; Ba 2015) as an allocation-free kernel over a flat parameter array:
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)} with t the step count (starting at 1).
 * Deterministic: only IEEE operations (the bias corrections are running products, not {@code pow}).
 * One instance per parameter vector; not thread-safe.
 */
public final class Adam {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private double beta1t = 1.0;
    private double beta2t = 1.0;
    private long steps;

    /** Adam with the usual defaults beta1 = 0.9, beta2 = 0.999, eps = 1e-8 for {@code n} parameters. */
    public Adam(int n) {
        this(n, 0.9, 0.999, 1e-8);
    }

    public Adam(int n, double beta1, double beta2, double eps) {
        if (n < 0 || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam needs n >= 0, 0 <= beta1, beta2 < 1 and eps > 0, got n " + n
                    + ", beta1 " + beta1 + ", beta2 " + beta2 + ", eps " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        m = new double[n];
        v = new double[n];
    }

    /** One update of {@code params} (length {@link #size()}) from the gradient {@code grad} with step size lr. */
    public void step(double[] params, double[] grad, double lr) {
        final int n = m.length;
        if (params.length != n || grad.length != n) {
            throw new IllegalArgumentException("Adam over " + n + " parameters got arrays of length " + params.length
                    + " and " + grad.length);
        }
        steps++;
        beta1t *= beta1;
        beta2t *= beta2;
        final double a = lr / (1.0 - beta1t);
        final double ic2 = 1.0 / (1.0 - beta2t);
        final double b1 = beta1;
        final double b2 = beta2;
        final double c1 = 1.0 - beta1;
        final double c2 = 1.0 - beta2;
        final double e = eps;
        final double[] m = this.m;
        final double[] v = this.v;
        for (int k = 0; k < n; k++) {
            final double g = grad[k];
            final double mk = b1 * m[k] + c1 * g;
            final double vk = b2 * v[k] + c2 * (g * g);
            m[k] = mk;
            v[k] = vk;
            params[k] -= a * mk / (Math.sqrt(vk * ic2) + e);
        }
    }

    /** Number of parameters. */
    public int size() {
        return m.length;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** Forgets the moments and the step count. */
    public void reset() {
        Arrays.fill(m, 0.0);
        Arrays.fill(v, 0.0);
        beta1t = 1.0;
        beta2t = 1.0;
        steps = 0;
    }
}
