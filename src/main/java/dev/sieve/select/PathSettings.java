package dev.sieve.select;

import dev.sieve.config.Range;
import dev.sieve.config.Setting;
import dev.sieve.config.SettingValues;
import java.util.List;

/**
 * The catalogue of selection settings ({@code sieve select}): the regularization path's lambda sequence and
 * penalty, the penalised fits, the baselines' counts and the cost-aware weights, each declared once.
 * {@link PathConfig#of(dev.sieve.train.TrainConfig, SettingValues)} builds a path's settings from its values.
 */
public final class PathSettings {
    private PathSettings() {}

    public static final String PATH = "Selection path";
    public static final String FITS = "Penalised fits";
    public static final String COST = "Cost and correlation";
    public static final String SEARCH = "Set search";

    public static final Setting<String> METHOD = Setting.text("method", "agl").label("NAME").group(PATH)
        .doc("Selection method: agl (the adaptive-group-lasso path), gl (plain group lasso) or a baseline (every-k, "
            + "random, cur, fps, range, sensitivity, weights, drop-one). Methods: agl is the adaptive group lasso path; gl "
            + "the plain group lasso path (--gamma 0); every-k "
            + "(evenly spaced candidates in file order), random (seeded random subsets), cur (greedy CUR column "
            + "selection on the training feature matrix), fps (farthest point sampling of the standardised feature "
            + "columns), range (drop the smallest raw max-min ranges), sensitivity (keep the largest mean |dE/dG| of "
            + "the dense fit), weights (keep the largest first-layer weight columns of the dense fit), drop-one "
            + "(backward elimination on the dense fit: drop the candidate whose input held at its mean changes the "
            + "atomic energies least, one at a time).");
    public static final Setting<List<Integer>> COUNTS = Setting.integers("counts", null).range(Range.atLeast(1))
        .group(PATH).doc("Total feature counts: the baselines' sets, or counts the agl/gl path must pass through. "
            + "Baseline methods: total feature counts of the sets, e.g. 64,32,16,8 (none given: halving "
            + "from the candidate count down to 2). agl and gl: counts the automatic lambda sequence passes through (a "
            + "point that would remove features past one is remade at smaller lambdas, bisecting, up to 8 times), so "
            + "that refit's count:N finds exactly N.");
    public static final Setting<Integer> MIN_FEATURES = Setting.integer("min-features", "0").range(Range.atLeast(0))
        .group(PATH).doc("Stop once at most N features are left in total; 0 = until some element has none.");
    public static final Setting<List<Double>> LAMBDAS = Setting.reals("lambdas", null).label("L[,L...]").group(PATH)
        .doc("Explicit increasing lambda list; none given: automatic. A lambda means something only with its loss "
            + "scale and D convention (--loss-scale, --penalty-d): the paper's 0.005 does not carry over as is.");
    public static final Setting<Double> LAMBDA_FACTOR = Setting.real("lambda-factor", "1.05").range(Range.above(1))
        .label("F").group(PATH).doc("Geometric growth of the automatic lambda sequence.");
    public static final Setting<String> LAMBDA_START = Setting.text("lambda-start", "zero").label("zero|onset|L")
        .group(PATH).doc("How the automatic lambda sequence starts: zero at --start-factor x lambda_zero, far below "
            + "where features go, after which the sequence accelerates (factor^2, ^4, ... up to 2 after points that "
            + "removed nothing); onset probes point 1 (a group-lasso and an adaptive fit from the dense weights; steps "
            + "of 10 from --start-factor x lambda_zero, then bisection to within --lambda-factor) for the smallest "
            + "lambda that removes a feature, and starts --onset-point - 1 factors below it (fits that have not "
            + "converged in --fit-epochs can make the path fall steeply right after it); a number starts there.");
    public static final Setting<Double> START_FACTOR = Setting.real("start-factor", "1e-6").range(Range.above(0))
        .label("F").group(PATH).doc("lambda_zero is the smallest lambda at which one shrink step of the fits' initial "
            + "learning rate would zero a group of the dense weights; F x lambda_zero is where the onset search "
            + "begins, and lambda_start itself with --lambda-start zero (with Adam groups go far below lambda_zero).");
    public static final Setting<Integer> ONSET_POINT = Setting.integer("onset-point", "3").range(Range.atLeast(1))
        .label("K").group(PATH).doc("With --lambda-start onset: features start to vanish at about point K.");
    public static final Setting<Integer> MAX_POINTS = Setting.integer("max-points", "400").range(Range.atLeast(1))
        .group(PATH).doc("At most N lambda points.");
    public static final Setting<Integer> MAX_DROP = Setting.integer("max-drop", "0").group(PATH)
        .doc("The automatic sequence remakes a point at a smaller lambda (the geometric midpoint towards the previous "
            + "one) while it would remove more than N features, so a steep path still passes through the counts in "
            + "between; 0 = a tenth of the current count, at least 1; negative = no limit.");
    public static final Setting<String> PENALTY_D = Setting.text("penalty-d", "current")
        .label("current|candidates|none").group(PATH)
        .doc("D in the penalty's lambda/D: the element's current feature count (lambda means the same per feature "
            + "however many are left), its candidate count (fixed D, the paper's formula) or none (lambda alone, as "
            + "the seed authors' code). Their code also uses the per-atom energy MSE: --loss-scale 1.");
    public static final Setting<Double> GAMMA = Setting.real("gamma", "1").range(Range.atLeast(0)).label("G")
        .group(PATH).doc("Adaptive weights a_g = 1/||w_hat_g||^G (0: all 1, as --method gl).");
    public static final Setting<String> ADAPTIVE_FROM = Setting.text("adaptive-from", "gl").label("gl|dense")
        .group(PATH).doc("w_hat from the group-lasso fit at the same lambda (gl, the paper) or from the dense fit.");
    public static final Setting<String> GROUPS = Setting.choice("groups", "removed", "removed", "revivable")
        .group(PATH).doc("What happens to a feature whose weight column the penalty zeroes: removed for good (the "
            + "sets along the path are nested and later points get faster) or revivable (kept as a zero column that "
            + "the next point's group-lasso fit may bring back, as the seed authors' code does; sets need not be "
            + "nested, every fit runs on all candidates, and with --penalty-d current D is the candidate count).");
    public static final Setting<Boolean> NO_MODELS = Setting.flag("no-models").group(PATH)
        .doc("Do not write an n2p2 model directory per point.");

    public static final Setting<Integer> FIT_EPOCHS = Setting.integer("fit-epochs", "100").range(Range.closed(1, 1e6))
        .group(FITS).doc("Maximum epochs of each penalised fit (group lasso and adaptive, per lambda).");
    public static final Setting<Integer> FIT_PATIENCE = Setting.integer("fit-patience", "20").range(Range.atLeast(0))
        .group(FITS).doc("Early-stopping patience of each penalised fit, on the validation objective.");
    public static final Setting<Double> FIT_LR = Setting.real("fit-lr", "0.001").label("LR").group(FITS)
        .doc("Initial learning rate of every penalised fit (restarted per fit, on the dense fit's schedule). The "
            + "prox step uses the same rate.");
    public static final Setting<String> PROX = Setting.text("prox", "optimizer").label("optimizer|plain").group(FITS)
        .doc("The group soft-threshold's step: in the optimizer's metric (with Adam, threshold lr lambda a_g / (D "
            + "(sqrt(vhat) + eps)) averaged over the group, so a feature survives while its loss gradient outweighs "
            + "lambda a_g / D) or plain (lr lambda a_g / D, Sieve's earlier rule, under which Adam's unit-size steps "
            + "make features vanish all at once).");
    public static final Setting<Double> LOSS_SCALE = Setting.real("loss-scale", "0").range(Range.atLeast(0))
        .label("S").group(FITS).doc("Factor on the data loss in every fit of the path; 0 = the mean squared atom "
            + "count of the training structures, so that the energy term is the per-structure total-energy MSE in "
            + "eV^2 as in the paper's formula (exactly, for equal-size cells); 1 = the per-atom energy MSE, as the "
            + "seed authors' code. It sets the balance of loss and penalty in the validation objective.");

    public static final Setting<Double> TRIPLET_WEIGHT = Setting.real("triplet-weight", "0").range(Range.atLeast(0))
        .label("W").group(COST).doc("Cost-aware: besides its columns, the block of all angular functions of an "
            + "element that share one triplet loop (one cutoff) is penalised as a group (sparse group lasso; adaptive "
            + "like the columns), with weight W x (the loop's measured cost / the mean marginal cost of a function) "
            + "when --cost-structure is given, else W x sqrt(block size); it lets the path drop a whole loop, which "
            + "is what makes MD faster (the first angular function of a cutoff carries the loop). 0 = off.");
    public static final Setting<Double> CORRELATION_WEIGHT = Setting.real("correlation-weight", "0")
        .range(Range.atLeast(0)).label("K").group(COST).doc("Correlation-aware AGL: adaptive weights times (1 + K "
            + "m_g), m_g the largest |Pearson r| on the training atoms between function g and a current function whose "
            + "column is stronger, so that of two near-copies the weaker goes first instead of both surviving (the "
            + "paper's outlook; Chakraborty & Pal 2015). 0 = off.");
    public static final Setting<Double> COST_WEIGHT = Setting.real("cost-weight", "0").range(Range.atLeast(0))
        .label("BETA").group(COST).doc("Cost-aware AGL: adaptive weights times (c_g / mean c)^BETA, c_g the marginal "
            + "MD cost of function g in the current set, measured in the force kernel on --cost-structure (sieve bench "
            + "cost's model: the last angular function of a cutoff carries its whole triplet loop); 0 = plain AGL.");

    public static final Setting<Integer> SEARCH_REFITS = Setting.integer("search-refits", "40")
        .range(Range.atLeast(0)).group(SEARCH).doc("After the path, at every --counts value: a refit-validated search "
            + "from the path's set at that count, which swaps a member for one of its most correlated non-members or "
            + "one of the non-members that survived longest on the path, and keeps the first swap whose short "
            + "refits of the new set (--search-optimizer, --search-epochs, on --search-splits random splits of the path's structures, "
            + "min-max scaling as train) reach a lower mean validation loss; it stops when a pass over the members "
            + "finds no better swap or N sets (the start set included) have been refitted at that count. Counts are "
            + "searched largest first; below the first, the best subset of the set chosen at the next larger count "
            + "makes a second start (every subset with the count when there are no more of them than a greedy backward "
            + "elimination would refit, else that elimination; only when the elimination takes at most 3/4 of N), and "
            + "the swaps begin from the better start. The chosen "
            + "set becomes a point of the path directory (kind search in path.csv) that refit --choose count:N takes. "
            + "0 = no search. Without --counts there is no search.");
    public static final Setting<Integer> SEARCH_EPOCHS = Setting.integer("search-epochs", "20")
        .range(Range.closed(1, 1e6)).group(SEARCH).doc("Epochs of every refit of the set search (the best validation "
            + "state counts; with the Kalman filter a few tens of epochs rank sets as the full refit does).");
    public static final Setting<Integer> SEARCH_SPLITS = Setting.integer("search-splits", "2").range(Range.closed(1,
        100)).group(SEARCH).doc("Random training/validation splits every set of the search is refitted on (seeds of "
            + "their own, not the path's or refit's); the score is the mean of their best validation losses.");
    public static final Setting<Integer> SEARCH_ALTERNATIVES = Setting.integer("search-alternatives", "3")
        .range(Range.atLeast(1)).group(SEARCH).doc("Per member, the search tries this many of the non-members most "
            + "correlated with it (|Pearson r| on the training atoms) and this many of the non-members that survived "
            + "longest on the path.");
    public static final Setting<String> SEARCH_OPTIMIZER = Setting.text("search-optimizer", "kalman").label("NAME")
        .group(SEARCH).doc("Optimizer of the search's refits (as --optimizer of train: kalman, lm, adam, ...).");

    /** Every selection setting, in the order of {@code --help}. */
    public static final List<Setting<?>> ALL = List.of(METHOD, COUNTS, FIT_EPOCHS, FIT_PATIENCE, LAMBDAS,
        LAMBDA_FACTOR, LAMBDA_START, PENALTY_D, MAX_DROP, PROX, GROUPS, TRIPLET_WEIGHT, CORRELATION_WEIGHT,
        COST_WEIGHT, ONSET_POINT, START_FACTOR, MIN_FEATURES, MAX_POINTS, GAMMA, ADAPTIVE_FROM, LOSS_SCALE, NO_MODELS,
        FIT_LR, SEARCH_REFITS, SEARCH_EPOCHS, SEARCH_SPLITS, SEARCH_ALTERNATIVES, SEARCH_OPTIMIZER);

    /** Every selection setting at its default. */
    public static SettingValues defaults() {
        return SettingValues.defaults(ALL);
    }
}
