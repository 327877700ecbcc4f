/**
 * The trainer: energies and forces of Behler-Parrinello networks.
 *
 * <ul>
 *   <li>{@link dev.sieve.train.TrainingData}: SFs computed once per structure, rows grouped per element; for force
 *       training the sparse derivatives of the features with respect to a subset of "force atoms" per structure;
 *       scaling fitted on the training split; per-element reference energies by least squares.</li>
 *   <li>{@link dev.sieve.train.LossEngine}: loss and gradient through the networks' batched kernels, deterministic
 *       fixed chunks per thread.</li>
 *   <li>{@link dev.sieve.train.optim.Optimizer}, {@link dev.sieve.train.LrSchedule}: Adam / SGD with momentum; constant,
 *       step, exponential, cosine-with-restarts learning rates.</li>
 *   <li>{@link dev.sieve.train.Trainer}: the epoch loop, L2, early stopping with the best weights.</li>
 *   <li>{@link dev.sieve.train.Checkpoint}: exact save/restore of the training state.</li>
 *   <li>{@link dev.sieve.train.TrainJob}: a complete run with its outputs; {@link dev.sieve.train.LearningCurve}:
 *       CSV and plots.</li>
 * </ul>
 */
package dev.sieve.train;
