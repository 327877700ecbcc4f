package dev.sieve.train;

import dev.sieve.config.Setting;
import dev.sieve.config.SettingValues;
import dev.sieve.core.SettingException;
import dev.sieve.train.optim.Adam;
import dev.sieve.train.optim.GradientOptimizer;
import dev.sieve.train.optim.KalmanFilter;
import dev.sieve.train.optim.KalmanSettings;
import dev.sieve.train.optim.LevenbergMarquardt;
import dev.sieve.train.optim.LmSettings;
import dev.sieve.train.optim.OptimizerSettings;
import dev.sieve.train.optim.Optimizers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a training run, by part, built by name from values of the {@link TrainSettings} catalogue
 * ({@link #of(SettingValues, boolean)}; change one with {@link #with(Setting, Object)}). {@link #settings()} lists
 * every setting by its name (the key of a config file and of {@code run.json}; the CLI option is {@code --name}).
 * The parts are typed views of the values:
 * network (architecture), data (split, scaling, constant features, atom energies, force atoms), loss (force weight,
 * L2, config weights), optimizer (update rule, batch, Kalman and LM settings), schedule (learning rate per epoch),
 * stopping (maximum epochs and early stopping), execution (seed, threads, checkpoints).
 */
public final class TrainConfig {
    private final SettingValues values;
    private final NetworkSettings network;
    private final DataSettings data;
    private final LossSettings loss;
    private final OptimizerSettings optimizer;
    private final Schedule schedule;
    private final Stopping stopping;
    private final Execution execution;

    private TrainConfig(SettingValues v) {
        values = v;
        int[] h = v.get(TrainSettings.HIDDEN).stream().mapToInt(Integer::intValue).toArray();
        SettingException.require(h.length > 0, "hidden", "needs at least one layer width");
        network = new NetworkSettings(h, NetworkSettings.activations(v.get(TrainSettings.ACTIVATION), h.length));
        data = new DataSettings(DataSettings.parseScaling(v.get(TrainSettings.SCALING)), v.get(TrainSettings.SCALE_MIN),
            v.get(TrainSettings.SCALE_MAX), v.get(TrainSettings.DROP_CONSTANT), !v.get(TrainSettings.NO_ENERGY_OFFSET),
            v.get(TrainSettings.SPLIT), v.get(TrainSettings.FORCE_ATOMS),
            DerivativeStorage.parse(v.get(TrainSettings.DERIVATIVES)));
        loss = new LossSettings(v.get(TrainSettings.FORCES), v.get(TrainSettings.L2), v.get(TrainSettings.L2_ALL),
            LossSettings.parseConfigWeights(v.get(TrainSettings.CONFIG_WEIGHTS)),
            v.get(TrainSettings.ENERGY_LOSS).equals("per-atom"));
        optimizer = new OptimizerSettings(v.get(TrainSettings.OPTIMIZER_NAME), v.get(TrainSettings.BATCH),
            v.get(TrainSettings.MOMENTUM), kalman(v), new LmSettings(v.get(TrainSettings.LM_FORCE_FRACTION),
            v.get(TrainSettings.LM_MU), v.get(TrainSettings.LM_TRIALS)));
        schedule = Schedule.of(v.get(TrainSettings.SCHEDULE_KIND), v.get(TrainSettings.LR), v.get(TrainSettings.LR_MIN),
            v.get(TrainSettings.LR_FACTOR), v.get(TrainSettings.LR_EVERY), v.get(TrainSettings.LR_GAMMA),
            v.get(TrainSettings.RESTART_PERIOD), v.get(TrainSettings.RESTART_MULT), v.get(TrainSettings.LR_PATIENCE));
        stopping = new Stopping(v.get(TrainSettings.EPOCHS), v.get(TrainSettings.MIN_DELTA),
            v.get(TrainSettings.PATIENCE), Stopping.parseValForceClip(v.get(TrainSettings.VAL_FORCE_CLIP)),
            v.get(TrainSettings.VAL_EXTRAPOLATING).equals("skip"));
        execution = new Execution(v.get(TrainSettings.SEED), v.get(TrainSettings.THREADS),
            v.get(TrainSettings.CHECKPOINT_EVERY));
        SettingException.require(!optimizer.name().equals(KalmanFilter.NAME) || optimizer.kalman().energyFraction() > 0
            || loss.forceWeight() > 0, "kalman-energy-fraction", "is 0 and --forces is 0: the Kalman filter would "
            + "make no update (give energy updates, or train forces)");
    }

    /** The Kalman-filter settings of training settings {@code v} ({@link TrainSettings}). */
    private static KalmanSettings kalman(SettingValues v) {
        return new KalmanSettings(v.get(TrainSettings.KALMAN_EPSILON), v.get(TrainSettings.KALMAN_Q0),
            v.get(TrainSettings.KALMAN_QTAU), v.get(TrainSettings.KALMAN_QMIN), v.get(TrainSettings.KALMAN_ETA),
            v.get(TrainSettings.KALMAN_ETATAU), v.get(TrainSettings.KALMAN_ETAMAX),
            v.get(TrainSettings.KALMAN_ENERGY_FRACTION), v.get(TrainSettings.KALMAN_FORCE_FRACTION),
            v.get(TrainSettings.KALMAN_FORCE_WEIGHT), v.get(TrainSettings.KALMAN_FORCE_THRESHOLD),
            v.get(TrainSettings.KALMAN_TRIALS), KalmanSettings.parseStrategy(v.get(TrainSettings.KALMAN_STRATEGY)),
            v.get(TrainSettings.KALMAN_FORCE_CAP), v.get(TrainSettings.KALMAN_FORCE_SCALE).equals("mae"));
    }

    /** Whether the named optimizer takes mini-batch gradient steps (after which a proximal step can follow). */
    public static boolean isFirstOrderOptimizer(String name) {
        return Optimizers.create(defaults().with(TrainSettings.OPTIMIZER_NAME, name).optimizer(), new int[] {1}) instanceof GradientOptimizer;
    }

    /** Every setting at its catalogue default (adam, as without forces). */
    public static TrainConfig defaults() {
        return of(TrainSettings.defaults(), false);
    }

    /** The configuration of training settings {@code v} for train and refit. */
    public static TrainConfig of(SettingValues v) {
        return of(v, false);
    }

    /**
     * The configuration of training settings {@code v}; {@code auto} values are decided here: the optimizer is
     * kalman when forces are trained, else adam, and always adam for penalised (group-lasso, {@code penalized})
     * fits, whose proximal step follows gradient steps; the scaling is minmax, or standardize for penalised fits.
     */
    public static TrainConfig of(SettingValues v, boolean penalized) {
        if (TrainSettings.AUTO.equalsIgnoreCase(v.get(TrainSettings.OPTIMIZER_NAME))) {
            v = v.with(TrainSettings.OPTIMIZER_NAME, !penalized && v.get(TrainSettings.FORCES) > 0 ? KalmanFilter.NAME
                : Adam.NAME);
        }
        if (TrainSettings.AUTO.equalsIgnoreCase(v.get(TrainSettings.SCALING))) {
            v = v.with(TrainSettings.SCALING, penalized ? "standardize" : "minmax");
        }
        return new TrainConfig(v);
    }

    /** This configuration with one setting changed (checked as on the command line). */
    public <T> TrainConfig with(Setting<T> s, T value) {
        return of(values.with(s, value), false);
    }

    /** The values this configuration was built from (autos decided). */
    public SettingValues values() {
        return values;
    }

    public NetworkSettings network() {
        return network;
    }

    public DataSettings data() {
        return data;
    }

    public LossSettings loss() {
        return loss;
    }

    public OptimizerSettings optimizer() {
        return optimizer;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Stopping stopping() {
        return stopping;
    }

    public Execution execution() {
        return execution;
    }

    // shorthands for the settings read most often

    public long seed() {
        return execution.seed();
    }

    public int threads() {
        return execution.threads();
    }

    public double forceWeight() {
        return loss.forceWeight();
    }

    /** Every setting by name, in the CLI's spelling of values (lists comma-separated, enums lower case). */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", join(network.hidden()));
        m.put("activation", String.join(",", network.activations().stream().map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).toList()));
        m.put("scaling", data.scaling().name().toLowerCase(java.util.Locale.ROOT).replace("_", ""));
        m.put("scale-min", data.scaleMin());
        m.put("scale-max", data.scaleMax());
        m.put("drop-constant", data.dropConstant());
        m.put("no-energy-offset", !data.energyOffset());
        m.put("split", data.split());
        m.put("force-atoms", data.forceAtoms());
        m.put("forces", loss.forceWeight());
        m.put("l2", loss.l2());
        m.put("l2-all", loss.l2All());
        m.put("config-weights", loss.configWeightsText());
        m.put("energy-loss", loss.perAtomEnergy() ? "per-atom" : "total");
        m.put("optimizer", optimizer.name());
        m.put("batch", optimizer.batch());
        m.put("momentum", optimizer.momentum());
        m.putAll(optimizer.kalman().settings());
        m.putAll(optimizer.lm().settings());
        m.putAll(schedule.settings());
        m.put("epochs", stopping.epochs());
        m.put("min-delta", stopping.minDelta());
        m.put("patience", stopping.patience());
        m.put("val-force-clip", stopping.valForceClipText());
        m.put("val-extrapolating", stopping.skipExtrapolating() ? "skip" : "keep");
        m.put("seed", execution.seed());
        m.put("threads", execution.threads());
        m.put("checkpoint-every", execution.checkpointEvery());
        return m;
    }

    /**
     * The settings that determine the trajectory of the weights (a resumed run must match them): all but the
     * maximum epoch count, the early-stopping rule and the checkpoint interval. The thread count is part of it:
     * the weights depend on it (the order of the gradient sums), so a run resumed with other threads would match
     * neither run.
     */
    public Map<String, Object> fingerprint() {
        Map<String, Object> m = settings();
        for (String k : new String[] {"epochs", "min-delta", "patience", "val-force-clip", "val-extrapolating",
            "checkpoint-every"}) {
            m.remove(k);
        }
        if (!optimizer.name().equals(KalmanFilter.NAME)) {
            m.keySet().removeIf(k -> k.startsWith("kalman-"));
        }
        if (!optimizer.name().equals(LevenbergMarquardt.NAME)) {
            m.keySet().removeIf(k -> k.startsWith("lm-"));
        }
        return m;
    }

    private static String join(int[] a) {
        return String.join(",", Arrays.stream(a).mapToObj(String::valueOf).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "TrainConfig" + settings();
    }
}
