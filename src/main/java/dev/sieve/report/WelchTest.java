package dev.sieve.report;

/**
 * Welch's unequal-variances t-test between two samples (as the thesis, section 4.5, compares test errors over splits):
 * {@code t = (m1 - m2) / sqrt(s1^2/n1 + s2^2/n2)}, Welch–Satterthwaite degrees of freedom, two-sided p-value from
 * Student's t distribution (through the regularized incomplete beta function, evaluated by its continued fraction).
 *
 * @param t  the statistic (NaN when both samples have zero variance and equal means, or a sample has fewer than 2)
 * @param df degrees of freedom
 * @param p  two-sided p-value (1 for t = 0; 0 for infinite t)
 */
public record WelchTest(double t, double df, double p) {

    public static WelchTest of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return new WelchTest(Double.NaN, Double.NaN, Double.NaN);
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se2 = va + vb;
        if (se2 == 0) {
            return ma == mb ? new WelchTest(Double.NaN, Double.NaN, Double.NaN)
                : new WelchTest(Math.copySign(Double.POSITIVE_INFINITY, ma - mb), a.length + b.length - 2, 0.0);
        }
        double t = (ma - mb) / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new WelchTest(t, df, twoSidedP(t, df));
    }

    /** P(|T| &ge; |t|) for Student's t with {@code df} degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2). */
    public static double twoSidedP(double t, double df) {
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double variance(double[] a, double m) {
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / (a.length - 1);
    }

    /** The regularized incomplete beta function I_x(a, b), 0 &le; x &le; 1, a, b &gt; 0. */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0.0;
        }
        if (x >= 1) {
            return 1.0;
        }
        double lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lnFront) * betaFraction(x, a, b) / a;
        }
        return 1.0 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
    }

    /** Continued fraction of the incomplete beta function (modified Lentz). */
    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1.0;
        double d = 1.0 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1.0 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1.0 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1.0 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1.0 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1.0) < 1e-15) {
                return h;
            }
        }
        return h;
    }

    /** ln Gamma(x) for x &gt; 0 (Lanczos, g = 7, n = 9; relative error below 1e-15). */
    static double lnGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        final double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double xx = x - 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) {
            s += g[i] / (xx + i);
        }
        double t = xx + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
