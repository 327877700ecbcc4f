package dev.sieve.train.optim;

/**
 * An update rule for the parameters of every element's network. {@link dev.sieve.train.FitLoop} hands it one mini-batch at a time
 * through {@link Batch}; a first-order rule asks for the gradient ({@link GradientOptimizer}), a second-order rule
 * (a Kalman filter, Levenberg-Marquardt) may ask the batch for more. The rule's whole state is {@link #state()}, so a
 * checkpoint stores any optimizer the same way.
 *
 * <p>To add an optimizer: one class implementing this interface, with a constructor
 * {@code (OptimizerSettings, int[] sizes)}, and one line in {@link Optimizers}.
 */
public interface Optimizer {
    /** The name it is registered under ({@link Optimizers}). */
    String name();

    /** Updates {@link Batch#params()} from one mini-batch; returns the batch objective before the update. */
    double step(Batch batch);

    /** The state (step count and named arrays, live or copied) to checkpoint. */
    OptimizerState state();

    /** Restores a state taken by {@link #state()} of an optimizer of the same kind and shapes. */
    void restore(OptimizerState state);

    /**
     * The factor by which this optimizer scales the gradient of parameter k of element e in its last step, relative
     * to plain gradient descent with the same learning rate (Adam: 1 / (sqrt(vhat) + eps); SGD: 1). A proximal step
     * in the same metric uses it, so that a penalty competes with the loss gradient and not with Adam's unit steps.
     */
    default double stepScale(int element, int k) {
        return 1.0;
    }

    /** Whether one step takes a whole epoch (all training structures in one batch; the batch size is unused). */
    default boolean wholeEpoch() {
        return false;
    }

    /** One mini-batch as an optimizer sees it. */
    interface Batch {
        /** Per element, the parameters, updated in place. */
        double[][] params();

        /** The learning rate of this step. */
        double lr();

        /**
         * The objective of the batch (data loss x loss scale + L2) at the current parameters, with its gradient
         * written into {@code grad} (overwritten).
         */
        double objectiveAndGradient(double[][] grad);

        /** The training structures of this batch, in the epoch's shuffled order. */
        int[] structures();

        /** The 0-based epoch. */
        int epoch();

        /** The seed of the fit (random choices of an optimizer draw from their own streams of it). */
        long seed();

        /** Per-observation Jacobian rows of the current networks (for second-order optimizers). */
        JacobianRows jacobians();

        /** The weight of the force term of the loss (beta; 0: energies only). */
        double forceWeight();

        /** The fit's deterministic executor ({@code threads} workers) for an optimizer's own parallel work. */
        dev.sieve.core.ChunkedExecutor executor();

        /** The training force RMSE (eV/Å, over the force atoms) after the previous epoch, or before the first. */
        double trainForceRmse();

        /** The training force MAE (eV/Å, over the force atoms' components) at the same point as the RMSE. */
        default double trainForceMae() {
            return Double.NaN;
        }
    }
}
