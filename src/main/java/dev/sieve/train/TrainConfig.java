package dev.sieve.train;

import dev.sieve.core.InputException;
import dev.sieve.nn.Activation;
import dev.sieve.nn.ScalingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a training run (defaults: {@link #defaults()}, the thesis settings).
 *
 * @param hidden            hidden layer widths
 * @param activations       activation of each hidden layer (the output layer is linear)
 * @param scaling           feature scaling mode, fitted on the training split ({@code STANDARDIZE} is stored as
 *                          the equivalent {@code SIGMA} with S_min 0, S_max 1, which n2p2 can read)
 * @param scaleMin          S_min of the range modes
 * @param scaleMax          S_max of the range modes
 * @param dropConstant      drop features that are constant on the training split instead of refusing them
 * @param energyOffset      subtract least-squares per-element atom energies before training (stored in the model)
 * @param forceWeight       beta, weight of the mean squared force-component error (0: energies only)
 * @param forceAtoms        force atoms per structure (all atoms when the structure has at most this many)
 * @param split             training fraction of a random split (when no validation file is given)
 * @param epochs            maximum number of epochs
 * @param batch             structures per mini-batch
 * @param optimizer         Adam or SGD
 * @param momentum          SGD momentum
 * @param schedule          learning rate schedule
 * @param l2                L2 coefficient: loss += l2 * sum w^2 over the penalised weights
 * @param l2All             penalise all parameters (default: not the first layer's weights, not biases)
 * @param minDelta          early stopping: an improvement of the validation loss must exceed this
 * @param patience          early stopping: epochs without improvement before stopping (0: never stop early)
 * @param seed              seed of the split, initial weights, force-atom choice and batch shuffling
 * @param threads           worker threads
 * @param checkpointEvery   epochs between checkpoints (0: only at the end)
 */
public record TrainConfig(int[] hidden, List<Activation> activations, ScalingMode scaling, double scaleMin,
                          double scaleMax, boolean dropConstant, boolean energyOffset, double forceWeight,
                          int forceAtoms, double split, int epochs, int batch, Optimizer.Kind optimizer,
                          double momentum, LrSchedule schedule, double l2, boolean l2All, double minDelta,
                          int patience, long seed, int threads, int checkpointEvery) {

    public TrainConfig {
        if (scaling == ScalingMode.STANDARDIZE) {
            // (G - mean)/sigma is n2p2's sigma mode with S_min = 0, S_max = 1: same numbers, and exportable
            scaling = ScalingMode.SIGMA;
            scaleMin = 0;
            scaleMax = 1;
        }
        hidden = hidden.clone();
        activations = List.copyOf(activations);
        if (hidden.length == 0) {
            throw new InputException("--hidden needs at least one layer, e.g. 10,10");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new InputException("--hidden layer widths must be positive, got " + Arrays.toString(hidden));
            }
        }
        if (activations.size() != hidden.length) {
            throw new InputException(activations.size() + " activations for " + hidden.length + " hidden layers");
        }
        if (!(forceWeight >= 0) || !Double.isFinite(forceWeight)) {
            throw new InputException("--forces (beta) must be >= 0, got " + forceWeight);
        }
        if (forceAtoms < 1) {
            throw new InputException("--force-atoms must be >= 1, got " + forceAtoms);
        }
        if (!(split > 0 && split < 1)) {
            throw new InputException("--split must be a training fraction between 0 and 1 (exclusive), got " + split);
        }
        if (epochs < 1) {
            throw new InputException("--epochs must be >= 1, got " + epochs);
        }
        if (batch < 1) {
            throw new InputException("--batch must be >= 1, got " + batch);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new InputException("--l2 must be >= 0, got " + l2);
        }
        if (!(minDelta >= 0)) {
            throw new InputException("--min-delta must be >= 0, got " + minDelta);
        }
        if (patience < 0) {
            throw new InputException("--patience must be >= 0, got " + patience);
        }
        if (threads < 1) {
            throw new InputException("--threads must be >= 1, got " + threads);
        }
        if (checkpointEvery < 0) {
            throw new InputException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        }
        if (!(scaleMax > scaleMin)) {
            throw new InputException("--scale-max must exceed --scale-min, got " + scaleMin + " and " + scaleMax);
        }
    }

    /** The thesis settings: 2x10 tanh, minmax [-1, 1], Adam lr 0.01 halved every 100 epochs to 1e-4, batch 64, ... */
    public static TrainConfig defaults() {
        return new TrainConfig(new int[] {10, 10}, List.of(Activation.TANH, Activation.TANH), ScalingMode.MINMAX, -1, 1,
            false, true, 0.0, TrainingData.DEFAULT_FORCE_ATOMS, 0.8, 1000, 64, Optimizer.Kind.ADAM, 0.9,
            new LrSchedule(LrSchedule.Kind.STEP, 0.01, 1e-4, 0.5, 100, 0.99, 100, 1.0), 1e-5, false, 1e-5, 50, 1, 1,
            10);
    }

    /** The settings that determine the trajectory of the weights (a resumed run must match them). */
    public Map<String, Object> fingerprint() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.toString(hidden));
        m.put("activations", activations.toString());
        m.put("scaling", scaling + " " + scaleMin + " " + scaleMax);
        m.put("drop_constant", dropConstant);
        m.put("energy_offset", energyOffset);
        m.put("forces", forceWeight);
        m.put("force_atoms", forceAtoms);
        m.put("split", split);
        m.put("batch", batch);
        m.put("optimizer", optimizer + " " + momentum);
        m.put("schedule", schedule.toString());
        m.put("l2", l2 + (l2All ? " all" : ""));
        m.put("seed", seed);
        return m;
    }

    @Override
    public String toString() {
        return "TrainConfig" + fingerprint() + "[epochs=" + epochs + ", minDelta=" + minDelta + ", patience=" + patience
            + ", checkpointEvery=" + checkpointEvery + "]";
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(hidden, activations, scaling, scaleMin, scaleMax, dropConstant, energyOffset, forceWeight,
            forceAtoms, split, e, batch, optimizer, momentum, schedule, l2, l2All, minDelta, patience, seed, threads,
            checkpointEvery);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(hidden, activations, scaling, scaleMin, scaleMax, dropConstant, energyOffset, forceWeight,
            forceAtoms, split, epochs, batch, optimizer, momentum, schedule, l2, l2All, minDelta, patience, seed, t,
            checkpointEvery);
    }

    public TrainConfig withForces(double beta) {
        return new TrainConfig(hidden, activations, scaling, scaleMin, scaleMax, dropConstant, energyOffset, beta,
            forceAtoms, split, epochs, batch, optimizer, momentum, schedule, l2, l2All, minDelta, patience, seed, threads,
            checkpointEvery);
    }
}
