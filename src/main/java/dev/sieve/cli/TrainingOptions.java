package dev.sieve.cli;

import dev.sieve.core.SettingException;
import dev.sieve.nn.Activation;
import dev.sieve.nn.ScalingMode;
import dev.sieve.train.Adam;
import dev.sieve.train.KalmanFilter;
import dev.sieve.train.KalmanSettings;
import dev.sieve.train.LossSettings;
import dev.sieve.train.NetworkSettings;
import dev.sieve.train.OptimizerSettings;
import dev.sieve.train.Optimizers;
import dev.sieve.train.Schedule;
import dev.sieve.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The training options shared by {@code train}, {@code select} and {@code refit} (one declaration, one set of
 * defaults, the same as {@link TrainConfig#defaults()}, which a test checks), and the one place where they become a
 * {@link TrainConfig}.
 */
public final class TrainingOptions {
    @Option(names = "--hidden", defaultValue = "10,10", split = ",", paramLabel = "N[,N...]",
        description = "Hidden layer widths (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "tanh", split = ",", paramLabel = "A[,A...]",
        description = "Hidden activation(s): one for all layers or one per layer; names (tanh, logistic, softplus, "
            + "relu, gaussian, cos, exp, harmonic, identity, leaky_relu) or n2p2 letters (t s p r g c S e h l L). "
            + "The output layer is linear. Default ${DEFAULT-VALUE}.")
    List<String> activation;

    @Option(names = "--forces", defaultValue = "0", paramLabel = "BETA",
        description = "Weight of the force term (mean squared force-component error, (eV/Å)^2, against the per-atom "
            + "energy error in (eV/atom)^2); 0 = energies only (default ${DEFAULT-VALUE}).")
    double forces;

    @Option(names = "--derivatives", defaultValue = "auto", paramLabel = "MODE",
        description = "Force training keeps the SF derivatives of the force atoms in memory (stored, single precision, "
            + "about force-atoms x (neighbours+1) x SFs x 12 bytes per structure) or recomputes each structure's "
            + "blocks whenever a loss, gradient or Kalman/LM row needs them (on-the-fly: 12 bytes per atom pair, "
            + "slower, bit-identical results); auto = on-the-fly when the stored form would take more than 40 %% of "
            + "the heap (default auto).")
    String derivatives;

    @Option(names = "--force-atoms", defaultValue = "32", paramLabel = "N",
        description = "Force training uses the forces on N atoms per structure: all atoms of a structure with at most "
            + "N atoms, else N atoms drawn once with the seed. Only their SF derivatives are kept in memory "
            + "(single precision, about N x (neighbours+1) x SFs x 12 bytes per structure). Default ${DEFAULT-VALUE}.")
    int forceAtoms;

    @Option(names = "--epochs", defaultValue = "2000", paramLabel = "N",
        description = "Maximum epochs (default ${DEFAULT-VALUE}); early stopping usually ends a fit before.")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N",
        description = "Structures per mini-batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = AUTO, paramLabel = "NAME",
        description = "Optimizer: adam, sgd (with --momentum), rmsprop, kalman (n2p2's extended Kalman filter, "
            + "--kalman-* settings; one epoch = its energy and force updates), lm (Levenberg-Marquardt, --lm-* settings; "
            + "one epoch = one iteration); kalman and lm use no --batch, learning rate or L2. Default auto: kalman "
            + "when forces are trained (--forces > 0; it beat n2p2 and Adam on the mlearn sets), else adam; select's "
            + "penalised fits always use adam under auto.")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR",
        description = "Initial learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "MU",
        description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--kalman-epsilon", defaultValue = "0.01", paramLabel = "E",
        description = "Kalman filter: P(0) = I / E (n2p2's kalman_epsilon; default ${DEFAULT-VALUE}).")
    double kalmanEpsilon;

    @Option(names = "--kalman-q0", defaultValue = "0.01", paramLabel = "Q",
        description = "Kalman filter: initial process noise (default ${DEFAULT-VALUE}).")
    double kalmanQ0;

    @Option(names = "--kalman-qtau", defaultValue = "2.302", paramLabel = "T",
        description = "Kalman filter: process-noise decay per epoch, 2.302 = a factor 10 (default ${DEFAULT-VALUE}).")
    double kalmanQtau;

    @Option(names = "--kalman-qmin", defaultValue = "1e-6", paramLabel = "Q",
        description = "Kalman filter: smallest process noise (default ${DEFAULT-VALUE}).")
    double kalmanQmin;

    @Option(names = "--kalman-eta", defaultValue = "0.01", paramLabel = "ETA",
        description = "Kalman filter: initial eta, the inverse measurement noise (default ${DEFAULT-VALUE}).")
    double kalmanEta;

    @Option(names = "--kalman-etatau", defaultValue = "2.302", paramLabel = "T",
        description = "Kalman filter: growth of eta per epoch (default ${DEFAULT-VALUE}).")
    double kalmanEtatau;

    @Option(names = "--kalman-etamax", defaultValue = "1", paramLabel = "ETA",
        description = "Kalman filter: largest eta (default ${DEFAULT-VALUE}).")
    double kalmanEtamax;

    @Option(names = "--kalman-energy-fraction", defaultValue = "1", paramLabel = "F",
        description = "Kalman filter: energy updates per epoch, fraction of the training structures (default "
            + "${DEFAULT-VALUE}).")
    double kalmanEnergyFraction;

    @Option(names = "--kalman-force-fraction", defaultValue = "0.02315", paramLabel = "F",
        description = "Kalman filter: force updates per epoch, fraction of all force components of the training "
            + "structures (default ${DEFAULT-VALUE}, as the published mlearn n2p2 models); needs --forces > 0.")
    double kalmanForceFraction;

    @Option(names = "--kalman-force-weight", defaultValue = "5", paramLabel = "W",
        description = "Kalman filter: factor on force residuals in Hartree/Bohr against total energies in Hartree "
            + "(n2p2's force_weight; default ${DEFAULT-VALUE}; the published n2p2 models used 10).")
    double kalmanForceWeight;

    @Option(names = "--kalman-force-threshold", defaultValue = "1", paramLabel = "X",
        description = "Kalman filter: take a force candidate whose error exceeds X times the training force RMSE, "
            + "else the largest of --kalman-trials candidates (n2p2 selection mode 2; default ${DEFAULT-VALUE}).")
    double kalmanForceThreshold;

    @Option(names = "--kalman-force-cap", defaultValue = "0", paramLabel = "X",
        description = "Kalman filter: skip force candidates whose error exceeds X times the training force RMSE "
            + "(outliers in the data); 0 = off, as n2p2 (default ${DEFAULT-VALUE}).")
    double kalmanForceCap;

    @Option(names = "--kalman-force-scale", defaultValue = "rmse", paramLabel = "rmse|mae",
        description = "The training force error that --kalman-force-threshold and --kalman-force-cap are multiples "
            + "of: the RMSE (n2p2, default) or sqrt(pi/2) x the MAE, the same for Gaussian errors but not inflated by "
            + "a few structures the model cannot fit.")
    String kalmanForceScale;

    @Option(names = "--kalman-trials", defaultValue = "3", paramLabel = "N",
        description = "Kalman filter: force candidates tried per update; 1 = random (default ${DEFAULT-VALUE}).")
    int kalmanTrials;

    @Option(names = "--kalman-strategy", defaultValue = "combined", paramLabel = "S",
        description = "Kalman filter: combined (one filter for all weights, n2p2 update strategy 0) or element "
            + "(one per element, strategy 1); default ${DEFAULT-VALUE}.")
    String kalmanStrategy;

    @Option(names = "--lm-force-fraction", defaultValue = "0.05", paramLabel = "F",
        description = "Levenberg-Marquardt: force residuals per iteration, fraction of the force atoms' components, "
            + "drawn anew each iteration (default ${DEFAULT-VALUE}).")
    double lmForceFraction;

    @Option(names = "--lm-mu", defaultValue = "0.01", paramLabel = "MU",
        description = "Levenberg-Marquardt: initial damping, relative to diag(J^T J) (default ${DEFAULT-VALUE}).")
    double lmMu;

    @Option(names = "--lm-trials", defaultValue = "8", paramLabel = "N",
        description = "Levenberg-Marquardt: damping increases tried per iteration (default ${DEFAULT-VALUE}).")
    int lmTrials;

    @Option(names = "--schedule", defaultValue = "plateau", paramLabel = "KIND",
        description = "Learning-rate schedule: plateau (x --lr-factor whenever the validation loss has not improved "
            + "for --lr-patience epochs, not below --lr-min; at --lr-min a plateau ends the fit: it has converged); "
            + "constant; step (x --lr-factor every --lr-every epochs, not below "
            + "--lr-min); exp (x --lr-gamma per epoch, not below --lr-min); cosine (annealing to --lr-min with warm "
            + "restarts every --restart-period epochs, periods growing by --restart-mult). Default ${DEFAULT-VALUE}; "
            + "the thesis used step: 0.01 halved every 100 epochs down to 1e-4.")
    String schedule;

    @Option(names = "--lr-factor", defaultValue = "0.5", paramLabel = "F",
        description = "Plateau and step schedule factor (default ${DEFAULT-VALUE}).")
    double lrFactor;

    @Option(names = "--lr-every", defaultValue = "100", paramLabel = "K",
        description = "Step schedule interval in epochs (default ${DEFAULT-VALUE}).")
    int lrEvery;

    @Option(names = "--lr-patience", defaultValue = "20", paramLabel = "N",
        description = "Plateau schedule: epochs without improvement before the rate is reduced (default "
            + "${DEFAULT-VALUE}).")
    int lrPatience;

    @Option(names = "--lr-min", defaultValue = "1e-5", paramLabel = "LR",
        description = "Floor of the plateau/step/exp schedules, minimum of cosine (default ${DEFAULT-VALUE}).")
    double lrMin;

    @Option(names = "--lr-gamma", defaultValue = "0.99", paramLabel = "G",
        description = "Exp schedule factor per epoch (default ${DEFAULT-VALUE}).")
    double lrGamma;

    @Option(names = "--restart-period", defaultValue = "100", paramLabel = "T",
        description = "Cosine schedule: first period in epochs (default ${DEFAULT-VALUE}).")
    int restartPeriod;

    @Option(names = "--restart-mult", defaultValue = "1", paramLabel = "M",
        description = "Cosine schedule: period multiplier after each restart (default ${DEFAULT-VALUE}).")
    double restartMult;

    @Option(names = "--l2", defaultValue = "1e-5", paramLabel = "C",
        description = "L2 coefficient in the thesis' units: C x sum w^2 is added to the per-structure total-energy "
            + "loss (eV^2), i.e. C / mean(N^2) to the per-atom loss (default ${DEFAULT-VALUE}, the thesis).")
    double l2;

    @Option(names = "--l2-all", description = "Apply L2 to all parameters (default: not to first-layer weights and "
        + "biases).")
    boolean l2All;

    @Option(names = "--config-weights", defaultValue = "", paramLabel = "TYPE=W[,...]",
        description = "Loss weight per config_type, e.g. surface=2,bulk=1 (types not listed: 1); a structure's own "
            + "numeric 'weight' tag (extended-XYZ header key) multiplies it. Default: none.")
    String configWeights;

    @Option(names = "--energy-loss", defaultValue = "per-atom", paramLabel = "per-atom|total",
        description = "Energy term of the loss: squared per-atom energy error, or squared total-energy error (weighs "
            + "large cells more, as n2p2 does); default ${DEFAULT-VALUE}.")
    String energyLoss;

    @Option(names = "--min-delta", defaultValue = "0", paramLabel = "D",
        description = "Early stopping: the validation loss must improve by more than D (in loss units) to reset the "
            + "patience (default ${DEFAULT-VALUE}: any improvement).")
    double minDelta;

    @Option(names = "--patience", defaultValue = "100", paramLabel = "N",
        description = "Early stopping: epochs without improvement before a fit stops; 0 = never stop early "
            + "(default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--val-force-clip", defaultValue = "auto", paramLabel = "auto|off|F",
        description = "Early stopping and the best epoch with forces: a validation force-component error beyond F "
            + "eV/Å counts as F, so that a few validation structures unlike the training data cannot end the fit "
            + "while the rest still improves; auto = the largest reference force component of the training force "
            + "atoms (default ${DEFAULT-VALUE}). Reported errors are never clipped.")
    String valForceClip;

    @Option(names = "--val-extrapolating", defaultValue = "skip", paramLabel = "skip|keep",
        description = "Validation structures with symmetry-function values outside the training structures' range "
            + "(n2p2's extrapolation warnings): left out of the early-stopping objective (skip, unless that is half "
            + "of them or more) or kept; the final validation errors always include them (default ${DEFAULT-VALUE}).")
    String valExtrapolating;

    @Option(names = "--split", defaultValue = "0.8", paramLabel = "F",
        description = "Training fraction of the random split (default ${DEFAULT-VALUE}); 1 = no validation: every "
            + "structure trains for --epochs epochs and the last weights are kept (n2p2's test_fraction 0; choose the "
            + "epochs with a validated run first).")
    double split;

    @Option(names = "--scaling", defaultValue = "auto", paramLabel = "MODE",
        description = "Feature scaling fitted on the training split: minmax (n2p2 scale, to [--scale-min, "
            + "--scale-max]), standardize ((G-mean)/sigma), center, scalecenter, sigma (n2p2 modes), none; "
            + "default auto = minmax for train and refit, standardize for select's fits (every candidate then "
            + "enters the penalty on the same footing; on the seeds' Al set its 2-function set refits to 1.6 "
            + "instead of 6.8 meV/atom).")
    String scaling;

    @Option(names = "--scale-min", defaultValue = "-1", paramLabel = "S", description = "S_min (default ${DEFAULT-VALUE}).")
    double scaleMin;

    @Option(names = "--scale-max", defaultValue = "1", paramLabel = "S", description = "S_max (default ${DEFAULT-VALUE}).")
    double scaleMax;

    @Option(names = "--drop-constant", description = "Drop symmetry functions that are constant on the training split "
        + "(they are listed) instead of stopping with an error (select always drops constant candidates).")
    boolean dropConstant;

    @Option(names = "--no-energy-offset", description = "Do not subtract fitted per-element reference energies.")
    boolean noEnergyOffset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
        description = "Seed of the split, initial weights, force atoms and batch order (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
        description = "Threads (default ${DEFAULT-VALUE}); results depend on it only through the order of "
            + "floating-point sums.")
    int threads;

    @Option(names = "--checkpoint-every", defaultValue = "10", paramLabel = "K",
        description = "Write a checkpoint every K epochs, and at the end; 0 = only at the end (default "
            + "${DEFAULT-VALUE}).")
    int checkpointEvery;

    /** The default optimizer name: chosen from the task (see {@link #optimizerName(boolean)}). */
    static final String AUTO = "auto";

    /** The training configuration of these options (for train and refit). */
    public TrainConfig toConfig() {
        return toConfig(false);
    }

    /**
     * The optimizer these options name; {@code auto} is kalman when forces are trained, else adam, and always adam for
     * penalised (group-lasso) fits, whose proximal step follows gradient steps.
     */
    String optimizerName(boolean penalized) {
        if (!AUTO.equalsIgnoreCase(optimizer)) {
            return optimizer;
        }
        return !penalized && forces > 0 ? KalmanFilter.NAME : Adam.NAME;
    }

    /** The training configuration; {@code penalized} for select's group-lasso fits. */
    public TrainConfig toConfig(boolean penalized) {
        int[] h = hidden.stream().mapToInt(Integer::intValue).toArray();
        SettingException.require(h.length > 0, "hidden", "needs at least one layer width");
        TrainConfig d = TrainConfig.defaults();
        OptimizerSettings o = d.optimizer().withName(optimizerName(penalized)).withBatch(batch).withMomentum(momentum)
            .withKalman(kalman()).withLm(d.optimizer().lm().withForceFraction(lmForceFraction)
                .withDamping(lmMu, lmTrials));
        return d.withNetwork(new NetworkSettings(h, activations(h.length)))
            .withData(d.data().withScaling(parseScaling(AUTO.equalsIgnoreCase(scaling) ? penalized ? "standardize" : "minmax"
                : scaling), scaleMin, scaleMax).withDropConstant(dropConstant)
                .withEnergyOffset(!noEnergyOffset).withSplit(split).withForceAtoms(forceAtoms)
                .withDerivatives(dev.sieve.train.DerivativeStorage.parse(derivatives)))
            .withLoss(d.loss().withForceWeight(forces).withL2(l2, l2All)
                .withWeights(LossSettings.parseConfigWeights(configWeights), perAtom()))
            .withOptimizer(o)
            .withSchedule(Schedule.of(schedule, lr, lrMin, lrFactor, lrEvery, lrGamma, restartPeriod, restartMult,
                lrPatience))
            .withStopping(d.stopping().withEpochs(epochs).withMinDelta(minDelta).withPatience(patience)
                .withValForceClip(dev.sieve.train.Stopping.parseValForceClip(valForceClip))
                .withSkipExtrapolating(skipExtrapolating()))
            .withExecution(d.execution().withSeed(seed).withThreads(threads).withCheckpointEvery(checkpointEvery));
    }

    private static boolean parseForceScale(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "mae" -> true;
            case "rmse" -> false;
            default -> throw new SettingException("kalman-force-scale", "'" + s + "' is unknown; expected rmse or mae");
        };
    }

    private boolean skipExtrapolating() {
        return switch (valExtrapolating.toLowerCase(Locale.ROOT)) {
            case "skip" -> true;
            case "keep" -> false;
            default -> throw new SettingException("val-extrapolating", "'" + valExtrapolating + "' is unknown; "
                + "expected skip or keep");
        };
    }

    private boolean perAtom() {
        return switch (energyLoss.toLowerCase(Locale.ROOT)) {
            case "per-atom", "peratom", "atom" -> true;
            case "total" -> false;
            default -> throw new SettingException("energy-loss", "'" + energyLoss + "' is unknown; expected per-atom "
                + "or total");
        };
    }

    private KalmanSettings kalman() {
        return KalmanSettings.defaults().withNoise(kalmanEpsilon, kalmanQ0, kalmanQtau, kalmanQmin)
            .withEta(kalmanEta, kalmanEtatau, kalmanEtamax).withFractions(kalmanEnergyFraction, kalmanForceFraction)
            .withForceWeight(kalmanForceWeight).withSelection(kalmanForceThreshold, kalmanTrials)
            .withPerElement(KalmanSettings.parseStrategy(kalmanStrategy)).withForceCap(kalmanForceCap)
            .withMaeScale(parseForceScale(kalmanForceScale));
    }

    private List<Activation> activations(int layers) {
        List<Activation> acts = new ArrayList<>();
        if (activation.size() == 1) {
            Activation a = parseActivation(activation.get(0));
            for (int i = 0; i < layers; i++) {
                acts.add(a);
            }
        } else if (activation.size() == layers) {
            for (String s : activation) {
                acts.add(parseActivation(s));
            }
        } else {
            throw new SettingException("activation", "gives " + activation.size() + " activations " + activation
                + " for " + layers + " hidden layers; give one or one per layer");
        }
        return acts;
    }

    static Activation parseActivation(String s) {
        String t = s.strip();
        if (t.length() == 1) {
            try {
                return Activation.ofLetter(t.charAt(0));
            } catch (IllegalArgumentException e) {
                throw new SettingException("activation", e.getMessage());
            }
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "tanh" -> Activation.TANH;
            case "logistic", "sigmoid" -> Activation.LOGISTIC;
            case "softplus" -> Activation.SOFTPLUS;
            case "relu" -> Activation.RELU;
            case "gaussian" -> Activation.GAUSSIAN;
            case "cos" -> Activation.COS;
            case "exp" -> Activation.EXP;
            case "harmonic" -> Activation.HARMONIC;
            case "identity", "linear" -> Activation.IDENTITY;
            case "leaky_relu", "leakyrelu" -> Activation.LEAKY_RELU;
            case "revlogistic" -> Activation.REVLOGISTIC;
            default -> throw new SettingException("activation", "'" + s + "' is unknown; expected tanh, logistic, "
                + "softplus, relu, gaussian, cos, exp, harmonic, identity, leaky_relu or an n2p2 letter");
        };
    }

    static ScalingMode parseScaling(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "minmax", "scale" -> ScalingMode.MINMAX;
            case "standardize", "standardise" -> ScalingMode.STANDARDIZE;
            case "center" -> ScalingMode.CENTER;
            case "scalecenter" -> ScalingMode.SCALE_CENTER;
            case "sigma" -> ScalingMode.SIGMA;
            case "none" -> ScalingMode.NONE;
            default -> throw new SettingException("scaling", "'" + s + "' is unknown; expected minmax, standardize, "
                + "center, scalecenter, sigma or none");
        };
    }

    /** The optimizers the registry knows, for help texts. */
    static String optimizers() {
        return String.join(", ", Optimizers.names());
    }
}
