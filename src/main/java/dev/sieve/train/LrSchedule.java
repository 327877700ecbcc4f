package dev.sieve.train;

import dev.sieve.core.InputException;
import java.util.Locale;

/**
 * Learning rate as a function of the 0-based epoch; depends on nothing else, so a resumed run follows the same rates.
 *
 * <ul>
 *   <li>{@code CONSTANT}: lr0</li>
 *   <li>{@code STEP}: max(floor, lr0 * factor^floor(epoch / every)) (the thesis: factor 0.5, every 100, floor 1e-4)</li>
 *   <li>{@code EXP}: max(floor, lr0 * gamma^epoch)</li>
 *   <li>{@code COSINE}: cosine annealing with warm restarts (SGDR): within a cycle of length T (the first
 *       {@code period} epochs, each next cycle {@code mult} times longer), lr = floor + (lr0 - floor)(1 + cos(pi t/T))/2</li>
 * </ul>
 *
 * @param kind   schedule kind
 * @param lr0    initial learning rate
 * @param floor  lower bound (STEP, EXP) or the minimum of the cosine
 * @param factor STEP factor
 * @param every  STEP interval (epochs)
 * @param gamma  EXP factor per epoch
 * @param period COSINE first cycle length (epochs)
 * @param mult   COSINE cycle length multiplier (&gt;= 1)
 */
public record LrSchedule(Kind kind, double lr0, double floor, double factor, int every, double gamma, int period,
                         double mult) {
    public enum Kind { CONSTANT, STEP, EXP, COSINE }

    public LrSchedule {
        if (!(lr0 > 0) || !Double.isFinite(lr0)) {
            throw new InputException("--lr must be a positive number, got " + lr0);
        }
        if (!(floor >= 0) || floor > lr0 && kind != Kind.CONSTANT) {
            throw new InputException("--lr-min must be between 0 and --lr (" + lr0 + "), got " + floor);
        }
        if (kind == Kind.STEP && (!(factor > 0 && factor <= 1) || every < 1)) {
            throw new InputException("step schedule needs 0 < --lr-factor <= 1 and --lr-every >= 1, got " + factor
                + " and " + every);
        }
        if (kind == Kind.EXP && !(gamma > 0 && gamma <= 1)) {
            throw new InputException("exp schedule needs 0 < --lr-gamma <= 1, got " + gamma);
        }
        if (kind == Kind.COSINE && (period < 1 || !(mult >= 1))) {
            throw new InputException("cosine schedule needs --restart-period >= 1 and --restart-mult >= 1, got "
                + period + " and " + mult);
        }
    }

    public static Kind parseKind(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "constant", "const" -> Kind.CONSTANT;
            case "step" -> Kind.STEP;
            case "exp", "exponential" -> Kind.EXP;
            case "cosine", "cos", "sgdr" -> Kind.COSINE;
            default -> throw new InputException("unknown --schedule '" + s + "'; expected constant, step, exp or cosine");
        };
    }

    public double lr(int epoch) {
        return switch (kind) {
            case CONSTANT -> lr0;
            case STEP -> Math.max(floor, lr0 * Math.pow(factor, epoch / every));
            case EXP -> Math.max(floor, lr0 * Math.pow(gamma, epoch));
            case COSINE -> {
                double t = epoch;
                double len = period;
                while (t >= len) {
                    t -= len;
                    len *= mult;
                }
                yield floor + (lr0 - floor) * 0.5 * (1 + Math.cos(Math.PI * t / len));
            }
        };
    }
}
