/**
 * Embedded feature selection by the adaptive group lasso (AGL), DESIGN.md section 5, and the baselines it is compared
 * with.
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
 *   <li>Baselines ({@code sieve select --method}): {@link dev.sieve.select.baseline.SelectionMethod} (one class per method:
 *       {@link dev.sieve.select.baseline.EveryK}, {@link dev.sieve.select.baseline.RandomSubsets}, {@link dev.sieve.select.baseline.CurSelection},
 *       {@link dev.sieve.select.baseline.FarthestPointSampling}, {@link dev.sieve.select.baseline.RangePruning},
 *       {@link dev.sieve.select.baseline.Sensitivity}, {@link dev.sieve.select.baseline.WeightNorms}), registered in
 *       {@link dev.sieve.select.baseline.SelectionMethods}; {@link dev.sieve.select.BaselinePath} runs one and writes the path
 *       directory; {@link dev.sieve.select.FeatureCounts}, {@link dev.sieve.select.baseline.FeatureRows}.</li>
 * </ul>
 */
package dev.sieve.select;
