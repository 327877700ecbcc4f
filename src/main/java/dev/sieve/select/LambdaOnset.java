package dev.sieve.select;

import dev.sieve.core.InputException;
import java.util.function.DoublePredicate;

/**
 * Finds where a regularization path starts to remove features: the smallest lambda at which a group-lasso fit from the
 * dense weights zeroes some group, by geometric bracketing (steps of 10 from a guess) and bisection to within a ratio.
 * Each probe is one fit (the caller's {@link DoublePredicate}, true when some group vanished); monotonicity in lambda is
 * assumed, as it holds for the proximal group lasso from one starting point up to the noise of the batch order.
 */
final class LambdaOnset {
    private LambdaOnset() {}

    /** Largest number of decades searched up or down from the guess. */
    static final int MAX_DECADES = 16;

    /**
     * @param vanishes true when a fit at lambda zeroes a group
     * @param guess    a first lambda to try (&gt; 0)
     * @param ratio    stop when the bracket [lo, hi] has hi / lo &le; ratio (&gt; 1)
     * @return the onset: the smallest probed lambda at which a group vanished (hi of the final bracket)
     */
    public static Result find(DoublePredicate vanishes, double guess, double ratio) {
        if (!(guess > 0) || !Double.isFinite(guess) || !(ratio > 1)) {
            throw new IllegalArgumentException("guess " + guess + " and ratio " + ratio + " must be positive, ratio > 1");
        }
        int probes = 1;
        double lo;
        double hi;
        if (vanishes.test(guess)) {
            hi = guess;
            lo = Double.NaN;
            for (int i = 0; i < MAX_DECADES && Double.isNaN(lo); i++, probes++) {
                double l = hi / 10;
                if (vanishes.test(l)) {
                    hi = l;
                } else {
                    lo = l;
                }
            }
            if (Double.isNaN(lo)) {
                return new Result(hi, probes); // groups go at any lambda: start as low as searched
            }
        } else {
            lo = guess;
            hi = Double.NaN;
            for (int i = 0; i < MAX_DECADES && Double.isNaN(hi); i++, probes++) {
                double l = lo * 10;
                if (vanishes.test(l)) {
                    hi = l;
                } else {
                    lo = l;
                }
            }
            if (Double.isNaN(hi)) {
                throw new InputException("no feature vanished in a group-lasso fit up to lambda " + lo + " ("
                    + MAX_DECADES + " decades above " + guess + "); give --lambdas or --lambda-start");
            }
        }
        while (hi / lo > ratio) {
            double m = Math.sqrt(lo * hi);
            probes++;
            if (vanishes.test(m)) {
                hi = m;
            } else {
                lo = m;
            }
        }
        return new Result(hi, probes);
    }

    /**
     * @param lambda the onset
     * @param probes fits made
     */
    public record Result(double lambda, int probes) {}
}
