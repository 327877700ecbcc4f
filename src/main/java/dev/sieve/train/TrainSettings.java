package dev.sieve.train;

import dev.sieve.config.Range;
import dev.sieve.config.Setting;
import dev.sieve.config.SettingValues;
import java.util.List;

/**
 * The catalogue of training settings, shared by {@code train}, {@code select} and {@code refit}: each setting is
 * declared here once with its default, unit, range, group and documentation. {@link TrainConfig#of(SettingValues)}
 * builds the typed settings from values of this catalogue; the command line, the config-file keys, the keys of
 * {@code run.json} and the documentation tables are made from it.
 */
public final class TrainSettings {
    private TrainSettings() {}

    public static final String NETWORK = "Network";
    public static final String DATA = "Data preparation";
    public static final String LOSS = "Loss";
    public static final String OPTIMIZER = "Optimizer";
    public static final String KALMAN = "Kalman filter";
    public static final String LM = "Levenberg-Marquardt";
    public static final String SCHEDULE = "Learning rate";
    public static final String STOPPING = "Early stopping";
    public static final String EXECUTION = "Execution";

    /** The optimizer and scaling value that lets the task decide. */
    public static final String AUTO = "auto";

    public static final Setting<List<Integer>> HIDDEN = Setting.integers("hidden", "10,10").range(Range.atLeast(1))
        .group(NETWORK).doc("Hidden layer widths.");
    public static final Setting<List<String>> ACTIVATION = Setting.texts("activation", "tanh").group(NETWORK)
        .doc("Hidden activation(s): one for all layers or one per layer; names (tanh, logistic, softplus, relu, "
            + "gaussian, cos, exp, harmonic, identity, leaky_relu) or n2p2 letters (t s p r g c S e h l L). The output "
            + "layer is linear.");

    public static final Setting<Double> FORCES = Setting.real("forces", "0").range(Range.atLeast(0)).unit("-")
        .label("BETA").group(LOSS)
        .doc("Weight of the force term against the energy term; 0 = energies only. The force term is the mean squared "
            + "force-component error in (eV/Å)^2, the energy term the squared per-atom energy error in (eV/atom)^2.");
    public static final Setting<Double> L2 = Setting.real("l2", "1e-5").range(Range.atLeast(0)).label("C").group(LOSS)
        .doc("L2 coefficient in the thesis' units: C x sum w^2 is added to the per-structure total-energy loss (eV^2), "
            + "i.e. C / mean(N^2) to the per-atom loss (the default is the thesis').");
    public static final Setting<Boolean> L2_ALL = Setting.flag("l2-all").group(LOSS)
        .doc("Apply L2 to all parameters (default: not to first-layer weights and biases).");
    public static final Setting<String> CONFIG_WEIGHTS = Setting.text("config-weights", "").label("TYPE=W[,...]")
        .group(LOSS).doc("Loss weight per config_type, e.g. surface=2,bulk=1 (types not listed: 1); a structure's own "
            + "numeric 'weight' tag (extended-XYZ header key) multiplies it. Empty: none.");
    public static final Setting<String> ENERGY_LOSS = Setting.choice("energy-loss", "per-atom", "per-atom", "total")
        .group(LOSS).doc("Energy term of the loss: squared per-atom energy error, or squared total-energy error "
            + "(weighs large cells more, as n2p2 does).");

    public static final Setting<String> DERIVATIVES = Setting.choice("derivatives", "auto", "auto", "stored",
            "on-the-fly").label("MODE").group(DATA)
        .doc("Force training keeps the SF derivatives of the force atoms in memory (stored, single precision, about "
            + "force-atoms x (neighbours+1) x SFs x 12 bytes per structure) or recomputes each structure's blocks "
            + "whenever a loss, gradient or Kalman/LM row needs them (on-the-fly: 12 bytes per atom pair, slower, "
            + "bit-identical results); auto = on-the-fly when the stored form would take more than 40 % of the heap.");
    public static final Setting<Integer> FORCE_ATOMS = Setting.integer("force-atoms", "32").range(Range.atLeast(1))
        .group(DATA).doc("Force training uses the forces on N atoms per structure: all atoms of a structure with at "
            + "most N atoms, else N atoms drawn once with the seed. Only their SF derivatives are kept in memory "
            + "(single precision, about N x (neighbours+1) x SFs x 12 bytes per structure).");
    public static final Setting<Double> SPLIT = Setting.real("split", "0.8").range(Range.openClosed(0, 1)).label("F")
        .group(DATA).doc("Training fraction of the random split; 1 = no validation: every structure trains for "
            + "--epochs epochs and the last weights are kept (n2p2's test_fraction 0; choose the epochs with a "
            + "validated run first).");
    public static final Setting<String> SCALING = Setting.text("scaling", AUTO).label("MODE").group(DATA)
        .doc("Feature scaling fitted on the training split: minmax (n2p2 scale, to [--scale-min, --scale-max]), "
            + "standardize ((G-mean)/sigma), center, scalecenter, sigma (n2p2 modes), none; auto = minmax for train "
            + "and refit, standardize for select's fits (every candidate then enters the penalty on the same "
            + "footing; on the seeds' Al set its 2-function set refits to 1.6 instead of 6.8 meV/atom).");
    public static final Setting<Double> SCALE_MIN = Setting.real("scale-min", "-1").label("S").group(DATA)
        .doc("S_min of min-max scaling.");
    public static final Setting<Double> SCALE_MAX = Setting.real("scale-max", "1").label("S").group(DATA)
        .doc("S_max of min-max scaling.");
    public static final Setting<Boolean> DROP_CONSTANT = Setting.flag("drop-constant").group(DATA)
        .doc("Drop symmetry functions that are constant on the training split (they are listed) instead of stopping "
            + "with an error (select always drops constant candidates).");
    public static final Setting<Boolean> NO_ENERGY_OFFSET = Setting.flag("no-energy-offset").group(DATA)
        .doc("Do not subtract fitted per-element reference energies.");

    public static final Setting<String> OPTIMIZER_NAME = Setting.text("optimizer", AUTO).label("NAME").group(OPTIMIZER)
        .doc("Optimizer: adam, sgd (with --momentum), rmsprop, kalman (n2p2's extended Kalman filter, --kalman-* "
            + "settings; one epoch = its energy and force updates), lm (Levenberg-Marquardt, --lm-* settings; one "
            + "epoch = one iteration); kalman and lm use no --batch, learning rate or L2. auto: kalman when forces "
            + "are trained (--forces > 0; it beat n2p2 and Adam on the mlearn sets), else adam; select's penalised "
            + "fits always use adam under auto.");
    public static final Setting<Integer> BATCH = Setting.integer("batch", "64").range(Range.atLeast(1))
        .group(OPTIMIZER).doc("Structures per mini-batch.");
    public static final Setting<Double> MOMENTUM = Setting.real("momentum", "0.9").range(Range.closedOpen(0, 1))
        .label("MU").group(OPTIMIZER).doc("SGD momentum.");

    public static final Setting<Double> KALMAN_EPSILON = Setting.real("kalman-epsilon", "0.01").range(Range.above(0))
        .label("E").group(KALMAN).doc("P(0) = I / E (n2p2's kalman_epsilon).");
    public static final Setting<Double> KALMAN_Q0 = Setting.real("kalman-q0", "0.01").range(Range.atLeast(0))
        .label("Q").group(KALMAN).doc("Initial process noise.");
    public static final Setting<Double> KALMAN_QTAU = Setting.real("kalman-qtau", "2.302").range(Range.atLeast(0))
        .label("T").group(KALMAN).doc("Process-noise decay per epoch, 2.302 = a factor 10.");
    public static final Setting<Double> KALMAN_QMIN = Setting.real("kalman-qmin", "1e-6").range(Range.atLeast(0))
        .label("Q").group(KALMAN).doc("Smallest process noise (at most --kalman-q0).");
    public static final Setting<Double> KALMAN_ETA = Setting.real("kalman-eta", "0.01").range(Range.above(0))
        .label("ETA").group(KALMAN).doc("Initial eta, the inverse measurement noise.");
    public static final Setting<Double> KALMAN_ETATAU = Setting.real("kalman-etatau", "2.302")
        .range(Range.atLeast(0)).label("T").group(KALMAN).doc("Growth of eta per epoch.");
    public static final Setting<Double> KALMAN_ETAMAX = Setting.real("kalman-etamax", "1").range(Range.above(0))
        .label("ETA").group(KALMAN).doc("Largest eta (at least --kalman-eta).");
    public static final Setting<Double> KALMAN_ENERGY_FRACTION = Setting.real("kalman-energy-fraction", "1")
        .range(Range.closed(0, 1)).label("F").group(KALMAN)
        .doc("Energy updates per epoch, fraction of the training structures.");
    public static final Setting<Double> KALMAN_FORCE_FRACTION = Setting.real("kalman-force-fraction", "0.02315")
        .range(Range.closed(0, 1)).label("F").group(KALMAN)
        .doc("Force updates per epoch, fraction of all force components of the training structures (the default is "
            + "the published mlearn n2p2 models'); needs --forces > 0.");
    public static final Setting<Double> KALMAN_FORCE_WEIGHT = Setting.real("kalman-force-weight", "5")
        .range(Range.above(0)).label("W").group(KALMAN)
        .doc("Factor on force residuals in Hartree/Bohr against total energies in Hartree (n2p2's force_weight; the "
            + "published n2p2 models used 10; 5 gave lower energy and force test errors on the mlearn Cu, Ni, Si and "
            + "Li sets).");
    public static final Setting<Double> KALMAN_FORCE_THRESHOLD = Setting.real("kalman-force-threshold", "1")
        .range(Range.atLeast(0)).label("X").group(KALMAN)
        .doc("Take a force candidate whose error exceeds X times the training force RMSE, else the largest of "
            + "--kalman-trials candidates (n2p2 selection mode 2).");
    public static final Setting<Double> KALMAN_FORCE_CAP = Setting.real("kalman-force-cap", "0")
        .range(Range.atLeast(0)).label("X").group(KALMAN)
        .doc("Skip force candidates whose error exceeds X times the training force RMSE (outliers in the data); "
            + "0 = off, as n2p2.");
    public static final Setting<String> KALMAN_FORCE_SCALE = Setting.choice("kalman-force-scale", "rmse", "rmse",
            "mae").group(KALMAN)
        .doc("The training force error that --kalman-force-threshold and --kalman-force-cap are multiples of: the "
            + "RMSE (n2p2) or sqrt(pi/2) x the MAE, the same for Gaussian errors but not inflated by a few structures "
            + "the model cannot fit.");
    public static final Setting<Integer> KALMAN_TRIALS = Setting.integer("kalman-trials", "3")
        .range(Range.closed(1, 1000)).group(KALMAN).doc("Force candidates tried per update; 1 = random. Each trial "
            + "evaluates one force component's error, so the bound keeps an epoch's cost within a small multiple of "
            + "its updates'.");
    public static final Setting<String> KALMAN_STRATEGY = Setting.text("kalman-strategy", "combined").label("S")
        .group(KALMAN).doc("combined (one filter for all weights, n2p2 update strategy 0) or element (one per element, "
            + "strategy 1).");

    public static final Setting<Double> LM_FORCE_FRACTION = Setting.real("lm-force-fraction", "0.05")
        .range(Range.closed(0, 1)).label("F").group(LM)
        .doc("Force residuals per iteration, fraction of the force atoms' components, drawn anew each iteration.");
    public static final Setting<Double> LM_MU = Setting.real("lm-mu", "0.01").range(Range.above(0)).label("MU")
        .group(LM).doc("Initial damping, relative to diag(J^T J).");
    public static final Setting<Integer> LM_TRIALS = Setting.integer("lm-trials", "8").range(Range.atLeast(1))
        .group(LM).doc("Damping increases tried per iteration.");

    public static final Setting<String> SCHEDULE_KIND = Setting.text("schedule", "plateau").label("KIND")
        .group(SCHEDULE).doc("Learning-rate schedule: plateau (x --lr-factor whenever the validation loss has not "
            + "improved for --lr-patience epochs, not below --lr-min; at --lr-min a plateau ends the fit: it has "
            + "converged); constant; step (x --lr-factor every --lr-every epochs, not below --lr-min); exp "
            + "(x --lr-gamma per epoch, not below --lr-min); cosine (annealing to --lr-min with warm restarts every "
            + "--restart-period epochs, periods growing by --restart-mult). The thesis used step: 0.01 halved every "
            + "100 epochs down to 1e-4.");
    public static final Setting<Double> LR = Setting.real("lr", "0.01").label("LR").group(SCHEDULE)
        .doc("Initial learning rate.");
    public static final Setting<Double> LR_FACTOR = Setting.real("lr-factor", "0.5").label("F").group(SCHEDULE)
        .doc("Plateau and step schedule factor.");
    public static final Setting<Integer> LR_EVERY = Setting.integer("lr-every", "100").label("K").group(SCHEDULE)
        .doc("Step schedule interval in epochs.");
    public static final Setting<Integer> LR_PATIENCE = Setting.integer("lr-patience", "20").group(SCHEDULE)
        .doc("Plateau schedule: epochs without improvement before the rate is reduced.");
    public static final Setting<Double> LR_MIN = Setting.real("lr-min", "1e-5").label("LR").group(SCHEDULE)
        .doc("Floor of the plateau/step/exp schedules, minimum of cosine.");
    public static final Setting<Double> LR_GAMMA = Setting.real("lr-gamma", "0.99").label("G").group(SCHEDULE)
        .doc("Exp schedule factor per epoch.");
    public static final Setting<Integer> RESTART_PERIOD = Setting.integer("restart-period", "100").label("T")
        .group(SCHEDULE).doc("Cosine schedule: first period in epochs.");
    public static final Setting<Double> RESTART_MULT = Setting.real("restart-mult", "1").label("M").group(SCHEDULE)
        .doc("Cosine schedule: period multiplier after each restart.");

    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", "2000").range(Range.closed(1, 1e6))
        .group(STOPPING).doc("Maximum epochs; early stopping usually ends a fit before. More than a million passes "
            + "over the data is taken for a typo.");
    public static final Setting<Double> MIN_DELTA = Setting.real("min-delta", "0").range(Range.atLeast(0)).label("D")
        .group(STOPPING).doc("The validation loss must improve by more than D (in loss units) to reset the patience "
            + "(0: any improvement).");
    public static final Setting<Integer> PATIENCE = Setting.integer("patience", "100").range(Range.atLeast(0))
        .group(STOPPING).doc("Epochs without improvement before a fit stops; 0 = never stop early.");
    public static final Setting<String> VAL_FORCE_CLIP = Setting.text("val-force-clip", "auto").unit("eV/Å")
        .label("auto|off|F").group(STOPPING)
        .doc("Early stopping and the best epoch with forces: a validation force-component error beyond F eV/Å "
            + "counts as F, so that a few validation structures unlike the training data cannot end the fit while the "
            + "rest still improves; auto = the largest reference force component of the training force atoms. "
            + "Reported errors are never clipped.");
    public static final Setting<String> VAL_EXTRAPOLATING = Setting.choice("val-extrapolating", "skip", "skip", "keep")
        .group(STOPPING).doc("Validation structures with symmetry-function values outside the training structures' "
            + "range (n2p2's extrapolation warnings): left out of the early-stopping objective (skip, unless that is "
            + "half of them or more) or kept; the final validation errors always include them.");

    public static final Setting<Long> SEED = Setting.longValue("seed", "1").label("S").group(EXECUTION)
        .doc("Seed of the split, initial weights, force atoms and batch order.");
    public static final Setting<Integer> THREADS = Setting.integer("threads", "1").range(Range.atLeast(1))
        .group(EXECUTION).doc("Threads; results depend on it only through the order of floating-point sums.");
    public static final Setting<Integer> CHECKPOINT_EVERY = Setting.integer("checkpoint-every", "10")
        .range(Range.atLeast(0)).label("K").group(EXECUTION)
        .doc("Write a checkpoint every K epochs, and at the end; 0 = only at the end.");

    /** Every training setting, in the order of {@code --help} and {@code run.json}. */
    public static final List<Setting<?>> ALL = List.of(HIDDEN, ACTIVATION, FORCES, DERIVATIVES, FORCE_ATOMS, EPOCHS,
        BATCH, OPTIMIZER_NAME, LR, MOMENTUM, KALMAN_EPSILON, KALMAN_Q0, KALMAN_QTAU, KALMAN_QMIN, KALMAN_ETA,
        KALMAN_ETATAU, KALMAN_ETAMAX, KALMAN_ENERGY_FRACTION, KALMAN_FORCE_FRACTION, KALMAN_FORCE_WEIGHT,
        KALMAN_FORCE_THRESHOLD, KALMAN_FORCE_CAP, KALMAN_FORCE_SCALE, KALMAN_TRIALS, KALMAN_STRATEGY,
        LM_FORCE_FRACTION, LM_MU, LM_TRIALS, SCHEDULE_KIND, LR_FACTOR, LR_EVERY, LR_PATIENCE, LR_MIN, LR_GAMMA,
        RESTART_PERIOD, RESTART_MULT, L2, L2_ALL, CONFIG_WEIGHTS, ENERGY_LOSS, MIN_DELTA, PATIENCE, VAL_FORCE_CLIP,
        VAL_EXTRAPOLATING, SPLIT, SCALING, SCALE_MIN, SCALE_MAX, DROP_CONSTANT, NO_ENERGY_OFFSET, SEED, THREADS,
        CHECKPOINT_EVERY);

    /** Every training setting at its default. */
    public static SettingValues defaults() {
        return SettingValues.defaults(ALL);
    }
}
