package dev.sieve.select;

import dev.sieve.core.InputException;
import dev.sieve.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a regularization path ({@code sieve select}).
 *
 * @param train        network, data and optimiser settings; {@code epochs}/{@code patience}/{@code schedule} are
 *                     those of the dense fit
 * @param fitSchedule  learning-rate schedule of every penalised fit (restarted at each fit)
 * @param fitEpochs    maximum epochs of each penalised fit (group lasso and adaptive, per lambda)
 * @param fitPatience  early-stopping patience of each penalised fit (on the validation objective)
 * @param lambdas      explicit lambda list (ascending), or null for the automatic geometric sequence
 * @param lambdaFactor growth factor of the automatic sequence (&gt; 1)
 * @param startFactor  automatic start: {@code lambda_start = startFactor * lambda_zero} (see {@link SelectionPath})
 * @param minFeatures  stop once the total feature count is at most this (0: until no feature is left)
 * @param maxPoints    at most this many lambda points (a safety net)
 * @param gamma        adaptive weights exponent
 * @param adaptiveFromDense adaptive weights from the dense fit instead of the group-lasso fit at the same lambda
 * @param writeModels  write an n2p2 model directory per point
 * @param lossScale    factor on the data loss in every fit of the path (0: automatic, the mean squared atom count of
 *                     the training structures, which makes the energy term the seeds' per-structure total-energy MSE
 *                     in eV^2 for equal-size cells - the scale the penalty is balanced against in the paper; Adam's
 *                     steps do not depend on it, the validation objective and the relative weight of L2 do)
 */
public record PathConfig(TrainConfig train, dev.sieve.train.LrSchedule fitSchedule, int fitEpochs, int fitPatience, List<Double> lambdas, double lambdaFactor,
                         double startFactor, int minFeatures, int maxPoints, double gamma, boolean adaptiveFromDense,
                         boolean writeModels, double lossScale) {

    public PathConfig {
        lambdas = lambdas == null ? null : List.copyOf(lambdas);
        if (fitEpochs < 1) {
            throw new InputException("--fit-epochs must be >= 1, got " + fitEpochs);
        }
        if (fitPatience < 0) {
            throw new InputException("--fit-patience must be >= 0, got " + fitPatience);
        }
        if (!(lambdaFactor > 1) || !Double.isFinite(lambdaFactor)) {
            throw new InputException("--lambda-factor must be > 1, got " + lambdaFactor);
        }
        if (!(startFactor > 0) || !Double.isFinite(startFactor)) {
            throw new InputException("--start-factor must be > 0, got " + startFactor);
        }
        if (minFeatures < 0) {
            throw new InputException("--min-features must be >= 0, got " + minFeatures);
        }
        if (maxPoints < 1) {
            throw new InputException("--max-points must be >= 1, got " + maxPoints);
        }
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new InputException("--gamma must be > 0, got " + gamma);
        }
        if (!(lossScale >= 0) || !Double.isFinite(lossScale)) {
            throw new InputException("--loss-scale must be >= 0 (0: automatic), got " + lossScale);
        }
        if (lambdas != null) {
            if (lambdas.isEmpty()) {
                throw new InputException("--lambdas needs at least one value");
            }
            for (int i = 0; i < lambdas.size(); i++) {
                double l = lambdas.get(i);
                if (!(l > 0) || !Double.isFinite(l)) {
                    throw new InputException("--lambdas values must be positive, got " + l);
                }
                if (i > 0 && !(l > lambdas.get(i - 1))) {
                    throw new InputException("--lambdas must be increasing, got " + lambdas.get(i - 1) + " then " + l);
                }
            }
        }
    }

    /** Everything that determines the path (a resumed run must match it). */
    public Map<String, Object> fingerprint() {
        Map<String, Object> m = new LinkedHashMap<>(train.fingerprint());
        m.put("dense_epochs", train.epochs());
        m.put("dense_patience", train.patience());
        m.put("min_delta", train.minDelta());
        m.put("threads", train.threads());
        m.put("fit_schedule", fitSchedule.toString());
        m.put("fit_epochs", fitEpochs);
        m.put("fit_patience", fitPatience);
        m.put("lambdas", lambdas == null ? "auto" : lambdas.toString());
        m.put("lambda_factor", lambdaFactor);
        m.put("start_factor", startFactor);
        m.put("gamma", gamma);
        m.put("loss_scale", lossScale == 0 ? "auto" : String.valueOf(lossScale));
        m.put("adaptive_from", adaptiveFromDense ? "dense" : "group-lasso");
        return m;
    }
}
