package dev.sieve.train;

import dev.sieve.core.SettingException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Learning rate as a function of the 0-based epoch of a fit; depends on nothing else, so a resumed run follows the
 * same rates. One record per kind; {@link #settings()} gives the named settings that rebuild it ({@link #of}).
 */
public sealed interface Schedule {
    /** The learning rate of (0-based) epoch t (for {@link Plateau}: its initial rate). */
    double lr(int epoch);

    /** The learning rate of epoch t after {@code reductions} plateau reductions (only {@link Plateau} uses them). */
    default double lr(int epoch, int reductions) {
        return lr(epoch);
    }

    /** The initial learning rate. */
    double lr0();

    /** The same schedule starting at {@code lr0} (the floor is kept, or lowered to lr0). */
    Schedule withLr0(double lr0);

    /** The named settings of this schedule ({@code schedule}, {@code lr}, ...), as {@link #of} reads them. */
    Map<String, Object> settings();


    /**
     * A schedule by kind name (constant, step, exp, cosine, plateau) from the settings of every kind.
     *
     * @param floor    minimum of step/exp/cosine/plateau
     * @param patience plateau: epochs without improvement before the rate is reduced
     */
    static Schedule of(String kind, double lr, double floor, double factor, int every, double gamma, int period,
                       double mult, int patience) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "plateau" -> new Plateau(lr, factor, patience, floor);
            case "constant", "const" -> new Constant(lr);
            case "step" -> new Step(lr, factor, every, floor);
            case "exp", "exponential" -> new Exponential(lr, gamma, floor);
            case "cosine", "cos", "sgdr" -> new Cosine(lr, floor, period, mult);
            default -> throw new SettingException("schedule", "'" + kind + "' is unknown; expected plateau, constant, "
                + "step, exp or cosine");
        };
    }

    private static void checkLr(double lr0, double floor) {
        SettingException.require(lr0 > 0 && Double.isFinite(lr0), "lr", "must be a positive number, got " + lr0);
        SettingException.require(floor >= 0 && floor <= lr0, "lr-min", "must be between 0 and lr (" + lr0 + "), got "
            + floor);
    }

    private static Map<String, Object> map(String kind, double lr) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedule", kind);
        m.put("lr", lr);
        return m;
    }

    /** lr0 for every epoch. */
    record Constant(double lr0) implements Schedule {
        public Constant {
            checkLr(lr0, 0);
        }

        @Override
        public double lr(int epoch) {
            return lr0;
        }

        @Override
        public Schedule withLr0(double lr) {
            return new Constant(lr);
        }

        @Override
        public Map<String, Object> settings() {
            return map("constant", lr0);
        }
    }

    /** max(floor, lr0 * factor^floor(epoch / every)). */
    record Step(double lr0, double factor, int every, double floor) implements Schedule {
        public Step {
            checkLr(lr0, floor);
            SettingException.require(factor > 0 && factor <= 1, "lr-factor", "must be in (0, 1], got " + factor);
            SettingException.require(every >= 1, "lr-every", "must be >= 1, got " + every);
        }

        @Override
        public double lr(int epoch) {
            return Math.max(floor, lr0 * Math.pow(factor, epoch / every));
        }

        @Override
        public Schedule withLr0(double lr) {
            return new Step(lr, factor, every, Math.min(floor, lr));
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = map("step", lr0);
            m.put("lr-factor", factor);
            m.put("lr-every", every);
            m.put("lr-min", floor);
            return m;
        }
    }

    /** max(floor, lr0 * gamma^epoch). */
    record Exponential(double lr0, double gamma, double floor) implements Schedule {
        public Exponential {
            checkLr(lr0, floor);
            SettingException.require(gamma > 0 && gamma <= 1, "lr-gamma", "must be in (0, 1], got " + gamma);
        }

        @Override
        public double lr(int epoch) {
            return Math.max(floor, lr0 * Math.pow(gamma, epoch));
        }

        @Override
        public Schedule withLr0(double lr) {
            return new Exponential(lr, gamma, Math.min(floor, lr));
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = map("exp", lr0);
            m.put("lr-gamma", gamma);
            m.put("lr-min", floor);
            return m;
        }
    }

    /**
     * Cosine annealing with warm restarts (SGDR): within a cycle of length T (the first {@code period} epochs, each
     * next cycle {@code mult} times longer), lr = floor + (lr0 - floor)(1 + cos(pi t/T))/2.
     */
    record Cosine(double lr0, double floor, int period, double mult) implements Schedule {
        public Cosine {
            checkLr(lr0, floor);
            SettingException.require(period >= 1, "restart-period", "must be >= 1, got " + period);
            SettingException.require(mult >= 1, "restart-mult", "must be >= 1, got " + mult);
        }

        @Override
        public double lr(int epoch) {
            double t = epoch;
            double len = period;
            while (t >= len) {
                t -= len;
                len *= mult;
            }
            return floor + (lr0 - floor) * 0.5 * (1 + Math.cos(Math.PI * t / len));
        }

        @Override
        public Schedule withLr0(double lr) {
            return new Cosine(lr, Math.min(floor, lr), period, mult);
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = map("cosine", lr0);
            m.put("lr-min", floor);
            m.put("restart-period", period);
            m.put("restart-mult", mult);
            return m;
        }
    }

    /**
     * Reduce on plateau: lr0 x factor^r, not below floor, where r grows by one whenever the validation objective has
     * not improved by a relative {@value #THRESHOLD} for {@code patience} epochs; when that happens at the floor the
     * fit has converged and stops ({@link FitLoop}). The state (r, the counter) is part of a fit's checkpoint.
     */
    record Plateau(double lr0, double factor, int patience, double floor) implements Schedule {
        /** Relative improvement that counts (PyTorch's ReduceLROnPlateau default). */
        public static final double THRESHOLD = 1e-4;

        public Plateau {
            checkLr(lr0, floor);
            SettingException.require(factor > 0 && factor < 1, "lr-factor", "must be in (0, 1) for the plateau "
                + "schedule, got " + factor);
            SettingException.require(patience >= 1, "lr-patience", "must be >= 1, got " + patience);
        }

        @Override
        public double lr(int epoch) {
            return lr0;
        }

        @Override
        public double lr(int epoch, int reductions) {
            double lr = lr0;
            for (int i = 0; i < reductions && lr > floor; i++) {
                lr *= factor; // repeated products, not pow: the same bits on every JVM and JIT state
            }
            return Math.max(floor, lr);
        }

        /** Whether {@code reductions} reductions reach the floor. */
        public boolean atFloor(int reductions) {
            return lr(0, reductions) <= floor;
        }

        @Override
        public Schedule withLr0(double lr) {
            return new Plateau(lr, factor, patience, Math.min(floor, lr));
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = map("plateau", lr0);
            m.put("lr-factor", factor);
            m.put("lr-patience", patience);
            m.put("lr-min", floor);
            return m;
        }
    }
}
