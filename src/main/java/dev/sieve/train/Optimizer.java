package dev.sieve.train;

import dev.sieve.core.InputException;
import java.util.Locale;

/**
 * First-order optimiser on per-element parameter arrays. State (moments, step count) is exposed for checkpoints.
 *
 * <ul>
 *   <li>Adam (Kingma and Ba): m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, p -= lr mhat / (sqrt(vhat) + eps) with
 *       bias-corrected mhat, vhat; b1 = 0.9, b2 = 0.999, eps = 1e-8.</li>
 *   <li>SGD with momentum mu: u = mu u - lr g, p += u (mu = 0: plain SGD).</li>
 * </ul>
 */
public final class Optimizer {
    public enum Kind { ADAM, SGD }

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final Kind kind;
    private final double momentum;
    private final double[][] m;
    private final double[][] v;
    private long steps;

    public Optimizer(Kind kind, double momentum, int[] sizes) {
        this.kind = kind;
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InputException("--momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        m = new double[sizes.length][];
        v = new double[sizes.length][];
        for (int e = 0; e < sizes.length; e++) {
            m[e] = new double[sizes[e]];
            v[e] = kind == Kind.ADAM ? new double[sizes[e]] : new double[0];
        }
    }

    public static Kind parseKind(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "adam" -> Kind.ADAM;
            case "sgd" -> Kind.SGD;
            default -> throw new InputException("unknown --optimizer '" + s + "'; expected adam or sgd");
        };
    }

    public Kind kind() {
        return kind;
    }

    /** One step on every element's parameters with gradient {@code grad}. */
    public void step(double[][] params, double[][] grad, double lr) {
        steps++;
        if (kind == Kind.ADAM) {
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
        } else {
            for (int e = 0; e < params.length; e++) {
                double[] p = params[e];
                double[] g = grad[e];
                double[] u = m[e];
                for (int k = 0; k < p.length; k++) {
                    u[k] = momentum * u[k] - lr * g[k];
                    p[k] += u[k];
                }
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** First moments (Adam) or velocities (SGD), live. */
    public double[][] firstMoments() {
        return m;
    }

    /** Second moments (Adam; empty arrays for SGD), live. */
    public double[][] secondMoments() {
        return v;
    }

    /** Restores a checkpointed state. */
    public void restore(long steps, double[][] first, double[][] second) {
        this.steps = steps;
        for (int e = 0; e < m.length; e++) {
            if (first[e].length != m[e].length || second[e].length != v[e].length) {
                throw new InputException("checkpoint optimiser state does not match the networks (element " + e + ")");
            }
            System.arraycopy(first[e], 0, m[e], 0, m[e].length);
            System.arraycopy(second[e], 0, v[e], 0, v[e].length);
        }
    }
}
