package dev.sieve.select;

import dev.sieve.config.Setting;
import dev.sieve.config.SettingValues;
import dev.sieve.core.SettingException;
import dev.sieve.select.baseline.SelectionMethods;
import dev.sieve.train.Schedule;
import dev.sieve.train.Stopping;
import dev.sieve.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a regularization path ({@code sieve select}), built by name from values of the {@link PathSettings}
 * catalogue ({@link #of(TrainConfig, SettingValues)}); the parts:
 *
 * <p>{@code train}: network, data, loss and optimizer settings; its schedule and stopping are the dense fit's
 * <p>{@code fitSchedule}: learning-rate schedule of every penalised fit (restarted at each fit)
 * <p>{@code fitStopping}: epochs and early stopping (on the validation objective) of each penalised fit
 * <p>{@code lambdas}: the lambda sequence
 * <p>{@code gamma}: adaptive weights exponent (0: all weights 1, the plain group-lasso path, {@code --method gl})
 * <p>{@code adaptiveFromDense}: adaptive weights from the dense fit instead of the group-lasso fit at the same lambda
 * <p>{@code writeModels}: write an n2p2 model directory per point
 * <p>{@code lossScale}: factor on the data loss in every fit of the path (0: automatic, the mean squared atom count of
 *                     the training structures, which makes the energy term the seeds' per-structure total-energy MSE
 *                     in eV^2 for equal-size cells - the scale the penalty is balanced against in the paper; Adam's
 *                     steps do not depend on it, the validation objective does)
 * <p>{@code penaltyD}: the D of the penalty's lambda / D ({@link PenaltyD})
 * <p>{@code costWeight}: beta of the cost-aware penalty: adaptive weights times (c_g / mean c)^beta with c_g the
 *                     measured marginal MD cost of function g ({@link CostModel}); 0 = plain AGL
 * <p>{@code plainProx}: the group soft-threshold with the plain step lr (Sieve before 2026-11-30) instead of the
 *                     optimizer's metric ({@link GroupLasso#prox(dev.sieve.nn.Network, double, double, double[],
 *                     dev.sieve.train.optim.Optimizer, int)}); with Adam the plain step lets the penalty compete with Adam's
 *                     unit-size steps instead of the loss gradient, and features then vanish all at once
 * <p>{@code revivable}: keep zeroed groups in the networks so that a later group-lasso fit can revive them (the seed
 *                     authors' code; the sets along the path need not be nested) instead of removing them for good
 *                     (Sieve's default: nested sets, later points faster)
 * <p>{@code tripletWeight}: weight of the triplet-loop penalty: besides its columns, the block of all angular functions of
 *                     an element that share one triplet loop (one cutoff) is penalised as a group, with weight
 *                     tripletWeight x (the loop's measured cost / the mean marginal cost of a function) when a cost
 *                     model is given, else tripletWeight x sqrt(block size); adaptive like the columns. 0 = none
 * <p>{@code correlationWeight}: kappa of the correlation-aware adaptive weights: a_g x (1 + kappa m_g) with m_g the largest
 *                     |Pearson r| (training feature matrix) between g and a current function whose adaptive-fit column
 *                     is stronger, so that of two near-copies the weaker goes first; 0 = none
 */
public final class PathConfig {
    private final TrainConfig train;
    private final SettingValues values;
    private final Schedule fitSchedule;
    private final Stopping fitStopping;
    private final Lambdas lambdas;
    private final double gamma;
    private final boolean adaptiveFromDense;
    private final boolean writeModels;
    private final double lossScale;
    private final PenaltyD penaltyD;
    private final double costWeight;
    private final boolean plainProx;
    private final boolean revivable;
    private final double tripletWeight;
    private final double correlationWeight;
    private final SetSearch.Settings search;


    /**
     * The D of the penalty (lambda / D) sum_g a_g ||w_g||: the element's current input count (Sieve's default; lambda
     * then means the same per feature however many are left), its candidate count (fixed, as the paper's formula
     * reads), or none (lambda alone, as the seed authors' code).
     */
    public enum PenaltyD {
        CURRENT, CANDIDATES, NONE;

        /**
         * The factor on the group weights a_g that turns the penalty (lambda / D) sum a_g ||w_g|| with D = {@code current}
         * inputs into this convention's (lambda / D0) sum a_g ||w_g||: current / D0.
         */
        public double weightFactor(int current, int candidates) {
            return switch (this) {
                case CURRENT -> 1.0;
                case CANDIDATES -> (double) current / candidates;
                case NONE -> current;
            };
        }

        public static PenaltyD parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "current" -> CURRENT;
                case "candidates", "fixed" -> CANDIDATES;
                case "none", "1" -> NONE;
                default -> throw new SettingException("penalty-d", "must be current, candidates or none, got '" + s
                    + "'");
            };
        }
    }

    /** How the automatic sequence finds lambda_start. */
    public enum StartRule {
        /** Probe fits find the onset (the smallest lambda at which a group-lasso fit zeroes a group). */
        ONSET,
        /** {@code startFactor * lambda_zero}. */
        ZERO,
        /** {@code startLambda} as given. */
        VALUE
    }

    /**
     * The lambda sequence: {@code explicit} as given, or {@code lambda_k = lambda_start * factor^(k-1)} where
     * lambda_start is found by {@code start}: the onset divided by {@code factor^(onsetPoint-1)} (so that groups start
     * to vanish at about point {@code onsetPoint}), {@code startFactor * lambda_zero}, or {@code startLambda}; the path
     * ends at {@code minFeatures} features or after {@code maxPoints} points.
     *
     * @param explicit    explicit increasing lambdas, or null for the automatic sequence
     * @param factor      growth factor of the automatic sequence (&gt; 1)
     * @param startFactor lambda_start = startFactor * lambda_zero under {@link StartRule#ZERO} (see
     *                    {@link SelectionPath})
     * @param minFeatures stop once the total feature count is at most this (0: until no feature is left)
     * @param maxPoints   at most this many lambda points (a safety net)
     * @param start       how lambda_start is found
     * @param startLambda lambda_start under {@link StartRule#VALUE}
     * @param onsetPoint  under {@link StartRule#ONSET}, the point at which groups should start to vanish (&ge; 1)
     * @param maxDrop     the automatic sequence remakes a point at a smaller lambda (geometric midpoint towards the
     *                    previous one) while it would remove more than this many features; 0 = automatic (a tenth
     *                    of the current count, at least 1), negative = no limit
     * @param targets     total feature counts the automatic sequence should pass through: a point that would skip one
     *                    (remove features past it) is remade at the geometric midpoint towards the previous lambda, up
     *                    to {@link #TARGET_TRIES} times (empty: none)
     */
    public record Lambdas(List<Double> explicit, double factor, double startFactor, int minFeatures, int maxPoints,
                          StartRule start, double startLambda, int onsetPoint, int maxDrop, List<Integer> targets) {
        /** Most remakes of one point that skipped a target count. */
        public static final int TARGET_TRIES = 8;

        public Lambdas(List<Double> explicit, double factor, double startFactor, int minFeatures, int maxPoints,
                       StartRule start, double startLambda, int onsetPoint, int maxDrop) {
            this(explicit, factor, startFactor, minFeatures, maxPoints, start, startLambda, onsetPoint, maxDrop,
                List.of());
        }

        public Lambdas {
            targets = targets == null ? List.of() : List.copyOf(targets);
            for (int t : targets) {
                SettingException.require(t >= 1, "counts", "must be >= 1, got " + t);
            }
            explicit = explicit == null ? null : List.copyOf(explicit);
            SettingException.require(factor > 1 && Double.isFinite(factor), "lambda-factor", "must be > 1, got " + factor);
            SettingException.require(startFactor > 0 && Double.isFinite(startFactor), "start-factor",
                "must be > 0, got " + startFactor);
            SettingException.require(minFeatures >= 0, "min-features", "must be >= 0, got " + minFeatures);
            SettingException.require(maxPoints >= 1, "max-points", "must be >= 1, got " + maxPoints);
            SettingException.require(start != null, "lambda-start", "must be onset, zero or a positive number");
            SettingException.require(start != StartRule.VALUE || startLambda > 0 && Double.isFinite(startLambda),
                "lambda-start", "must be onset, zero or a positive number, got " + startLambda);
            SettingException.require(onsetPoint >= 1, "onset-point", "must be >= 1, got " + onsetPoint);
            SettingException.require(start != StartRule.ONSET || onsetPoint <= maxPoints, "onset-point",
                "must be at most max-points (" + maxPoints + ") with --lambda-start onset, got " + onsetPoint);
            if (explicit != null) {
                SettingException.require(!explicit.isEmpty(), "lambdas", "needs at least one value");
                for (int i = 0; i < explicit.size(); i++) {
                    double l = explicit.get(i);
                    SettingException.require(l > 0 && Double.isFinite(l), "lambdas", "values must be positive, got " + l);
                    SettingException.require(i == 0 || l > explicit.get(i - 1), "lambdas",
                        "must be increasing, got " + (i == 0 ? "" : explicit.get(i - 1)) + " then " + l);
                }
            }
        }

        /**
         * Automatic: lambda_start = 1e-6 lambda_zero (far below where features go), factor 1.05, accelerated while
         * points remove nothing, at most a tenth of the features removed per point, until no feature is left, at most
         * 400 points.
         */




        /** lambda_start by rule; {@code value} is used under {@link StartRule#VALUE}. */



        /** The largest target count strictly between {@code after} and {@code before}, or -1. */
        public int skippedTarget(int before, int after) {
            int best = -1;
            for (int t : targets) {
                if (t > after && t < before) {
                    best = Math.max(best, t);
                }
            }
            return best;
        }

        /** The most features a point may remove from {@code current} (0: no limit). */
        public int allowedDrop(int current) {
            if (maxDrop < 0) {
                return 0;
            }
            return maxDrop > 0 ? maxDrop : Math.max(1, (int) Math.round(0.1 * current));
        }

        /** Parses {@code --lambda-start}: onset, zero or a positive number. */
        /** The start rule of {@code --lambda-start}: onset, zero or a value (with the value, else NaN). */
        static Object[] parseStart(String spec) {
            String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("onset") || s.equals("auto")) {
                return new Object[] {StartRule.ONSET, Double.NaN};
            }
            if (s.equals("zero")) {
                return new Object[] {StartRule.ZERO, Double.NaN};
            }
            try {
                return new Object[] {StartRule.VALUE, Double.parseDouble(s)};
            } catch (NumberFormatException e) {
                throw new SettingException("lambda-start", "must be onset, zero or a positive number, got '" + spec
                    + "'");
            }
        }
    }

    private PathConfig(TrainConfig train, SettingValues v) {
        this.train = train;
        this.values = v;
        SettingException.require(TrainConfig.isFirstOrderOptimizer(train.optimizer().name()), "optimizer",
            "'" + train.optimizer().name() + "' cannot make the penalised fits of a selection path (the group-lasso "
            + "step follows mini-batch gradient steps); use adam or sgd here, and kalman or lm to refit");
        Stopping st = train.stopping();
        fitSchedule = train.schedule().withLr0(v.get(PathSettings.FIT_LR));
        fitStopping = new Stopping(v.get(PathSettings.FIT_EPOCHS), st.minDelta(), v.get(PathSettings.FIT_PATIENCE),
            st.valForceClip(), st.skipExtrapolating());
        Object[] start = Lambdas.parseStart(v.get(PathSettings.LAMBDA_START));
        List<Integer> counts = v.get(PathSettings.COUNTS);
        lambdas = new Lambdas(v.get(PathSettings.LAMBDAS), v.get(PathSettings.LAMBDA_FACTOR),
            v.get(PathSettings.START_FACTOR), v.get(PathSettings.MIN_FEATURES), v.get(PathSettings.MAX_POINTS),
            (StartRule) start[0], (Double) start[1], v.get(PathSettings.ONSET_POINT), v.get(PathSettings.MAX_DROP),
            counts == null ? List.of() : counts);
        gamma = SelectionMethods.GL.equals(SelectionMethods.require(v.get(PathSettings.METHOD))) ? 0.0
            : v.get(PathSettings.GAMMA);
        adaptiveFromDense = switch (v.get(PathSettings.ADAPTIVE_FROM).toLowerCase(java.util.Locale.ROOT)) {
            case "gl", "group-lasso" -> false;
            case "dense" -> true;
            default -> throw new SettingException("adaptive-from", "must be gl or dense, got '"
                + v.get(PathSettings.ADAPTIVE_FROM) + "'");
        };
        writeModels = !v.get(PathSettings.NO_MODELS);
        lossScale = v.get(PathSettings.LOSS_SCALE);
        penaltyD = PenaltyD.parse(v.get(PathSettings.PENALTY_D));
        costWeight = v.get(PathSettings.COST_WEIGHT);
        plainProx = switch (v.get(PathSettings.PROX).toLowerCase(java.util.Locale.ROOT)) {
            case "plain" -> true;
            case "optimizer", "preconditioned" -> false;
            default -> throw new SettingException("prox", "must be optimizer or plain, got '" + v.get(PathSettings.PROX)
                + "'");
        };
        revivable = v.get(PathSettings.GROUPS).equals("revivable");
        tripletWeight = v.get(PathSettings.TRIPLET_WEIGHT);
        correlationWeight = v.get(PathSettings.CORRELATION_WEIGHT);
        search = SetSearch.Settings.of(v);
    }

    /** The settings of a path with training settings {@code train} (its penalised-fit form) and path values. */
    public static PathConfig of(TrainConfig train, SettingValues v) {
        return new PathConfig(train, v);
    }

    /** Every path setting at its default. */
    public static PathConfig defaults(TrainConfig train) {
        return of(train, PathSettings.defaults());
    }

    /** These settings with one path setting changed (checked as on the command line). */
    public <T> PathConfig with(Setting<T> s, T value) {
        return of(train, values.with(s, value));
    }

    /** These settings with other training settings. */
    public PathConfig withTrain(TrainConfig t) {
        return of(t, values);
    }

    public TrainConfig train() {
        return train;
    }

    /** The path settings' values. */
    public SettingValues values() {
        return values;
    }

    public Schedule fitSchedule() {
        return fitSchedule;
    }

    public Stopping fitStopping() {
        return fitStopping;
    }

    public Lambdas lambdas() {
        return lambdas;
    }

    public double gamma() {
        return gamma;
    }

    public boolean adaptiveFromDense() {
        return adaptiveFromDense;
    }

    public boolean writeModels() {
        return writeModels;
    }

    public double lossScale() {
        return lossScale;
    }

    public PenaltyD penaltyD() {
        return penaltyD;
    }

    public double costWeight() {
        return costWeight;
    }

    public boolean plainProx() {
        return plainProx;
    }

    public boolean revivable() {
        return revivable;
    }

    public double tripletWeight() {
        return tripletWeight;
    }

    public double correlationWeight() {
        return correlationWeight;
    }

    /** The refit-validated search after the path (at the --counts values). */
    public SetSearch.Settings search() {
        return search;
    }

    /** Whether the path ends with the set search: it is enabled and counts are given. */
    public boolean searches() {
        return search.enabled() && !lambdas.targets().isEmpty();
    }

    public Map<String, Object> fingerprint() {
        Map<String, Object> m = new LinkedHashMap<>(train.fingerprint());
        m.put("dense_epochs", train.stopping().epochs());
        m.put("dense_patience", train.stopping().patience());
        m.put("min_delta", train.stopping().minDelta());
        m.put("threads", train.threads());
        m.put("fit_schedule", fitSchedule.settings().toString());
        m.put("fit_epochs", fitStopping.epochs());
        m.put("fit_patience", fitStopping.patience());
        m.put("fit_min_delta", fitStopping.minDelta());
        m.put("lambdas", lambdas.explicit() == null ? "auto" : lambdas.explicit().toString());
        m.put("lambda_factor", lambdas.factor());
        m.put("start_factor", lambdas.startFactor());
        m.put("lambda_start", lambdas.start() == StartRule.VALUE ? String.valueOf(lambdas.startLambda())
            : lambdas.start().name().toLowerCase(java.util.Locale.ROOT));
        m.put("onset_point", lambdas.onsetPoint());
        m.put("max_drop", lambdas.maxDrop());
        if (!lambdas.targets().isEmpty()) {
            m.put("counts", lambdas.targets().toString());
        }
        if (searches()) {
            m.put("search", search.toString());
        }
        m.put("gamma", gamma);
        m.put("loss_scale", lossScale == 0 ? "auto" : String.valueOf(lossScale));
        m.put("adaptive_from", adaptiveFromDense ? "dense" : "group-lasso");
        if (plainProx) {
            m.put("prox", "plain");
        }
        if (revivable) {
            m.put("groups", "revivable");
        }
        if (tripletWeight != 0) {
            m.put("triplet_weight", tripletWeight);
        }
        if (correlationWeight != 0) {
            m.put("correlation_weight", correlationWeight);
        }
        if (costWeight != 0) {
            m.put("cost_weight", costWeight);
        }
        if (penaltyD != PenaltyD.CURRENT) {
            m.put("penalty_d", penaltyD.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (gamma == 0) {
            m.put("method", SelectionMethods.GL); // only then: an AGL path's fingerprint (and resume) is unchanged
        }
        return m;
    }
}
