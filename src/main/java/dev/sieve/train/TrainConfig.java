package dev.sieve.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a training run, by part. Build it from {@link #defaults()} with the withers; the CLI builds it in one
 * place for {@code train}, {@code select} and {@code refit}. {@link #settings()} lists every setting by its name
 * (the key of a config file; the CLI option is {@code --name}).
 *
 * @param network   architecture
 * @param data      data preparation (split, scaling, constant features, atom energies, force atoms)
 * @param loss      objective (force weight, L2)
 * @param optimizer update rule and batch size
 * @param schedule  learning rate per epoch
 * @param stopping  maximum epochs and early stopping
 * @param execution seed, threads, checkpoints
 */
public record TrainConfig(NetworkSettings network, DataSettings data, LossSettings loss, OptimizerSettings optimizer,
                          Schedule schedule, Stopping stopping, Execution execution) {

    /** 2x10 tanh, min-max [-1, 1], Adam batch 64, lr 0.01 halved every 100 epochs to 1e-4, L2 1e-5, ... */
    public static TrainConfig defaults() {
        return new TrainConfig(NetworkSettings.defaults(), DataSettings.defaults(), LossSettings.defaults(),
            OptimizerSettings.defaults(), Schedule.defaults(), Stopping.defaults(), Execution.defaults());
    }

    public TrainConfig withNetwork(NetworkSettings n) {
        return new TrainConfig(n, data, loss, optimizer, schedule, stopping, execution);
    }

    public TrainConfig withData(DataSettings d) {
        return new TrainConfig(network, d, loss, optimizer, schedule, stopping, execution);
    }

    public TrainConfig withLoss(LossSettings l) {
        return new TrainConfig(network, data, l, optimizer, schedule, stopping, execution);
    }

    public TrainConfig withOptimizer(OptimizerSettings o) {
        return new TrainConfig(network, data, loss, o, schedule, stopping, execution);
    }

    public TrainConfig withSchedule(Schedule s) {
        return new TrainConfig(network, data, loss, optimizer, s, stopping, execution);
    }

    public TrainConfig withStopping(Stopping s) {
        return new TrainConfig(network, data, loss, optimizer, schedule, s, execution);
    }

    public TrainConfig withExecution(Execution x) {
        return new TrainConfig(network, data, loss, optimizer, schedule, stopping, x);
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

    public TrainConfig withSeed(long s) {
        return withExecution(execution.withSeed(s));
    }

    public TrainConfig withThreads(int t) {
        return withExecution(execution.withThreads(t));
    }

    public TrainConfig withEpochs(int e) {
        return withStopping(stopping.withEpochs(e));
    }

    public TrainConfig withForces(double beta) {
        return withLoss(loss.withForceWeight(beta));
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
    public String toString() {
        return "TrainConfig" + settings();
    }
}
