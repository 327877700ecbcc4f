/**
 * Embedded feature selection by the adaptive group lasso (AGL), DESIGN.md section 5.
 *
 * <ul>
 *   <li>{@link dev.sieve.select.GroupLasso}: penalty, group soft-threshold (prox), adaptive weights, lambda_zero,
 *       removal of inputs from a network.</li>
 *   <li>{@link dev.sieve.select.PenalizedFit}: one fit at fixed lambda (optimiser step, then prox), early stopping on
 *       the validation objective.</li>
 *   <li>{@link dev.sieve.select.SelectionPath}: the regularization path with warm starts, feature removal,
 *       checkpoints and outputs ({@code sieve select}); {@link dev.sieve.select.PathConfig},
 *       {@link dev.sieve.select.PathPoint}, {@link dev.sieve.select.PathPlot}.</li>
 *   <li>{@link dev.sieve.select.KneeRule}: model choice (knee, tolerance, count).</li>
 *   <li>{@link dev.sieve.select.Refit}: unpenalised refits on k splits and the seeds' table ({@code sieve refit}).</li>
 * </ul>
 */
package dev.sieve.select;
