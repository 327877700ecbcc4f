package dev.sieve.descriptor;

import java.math.BigDecimal;

/** Number formatting shared by the symmetry-function writers. */
final class SfNumbers {
    private SfNumbers() {}

    /**
     * The shortest decimal that parses back to exactly {@code v}: plain notation for
     * 1e-7 <= |v| < 1e16 (integers without a fraction, e.g. {@code 2}, {@code 0.0013}),
     * otherwise {@code 1.5e-08} / {@code 1.0e+20} style with a signed exponent (valid for C's atof, YAML and JSON).
     */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write non-finite number " + v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (a >= 1e-7 && a < 1e16) {
            return bd.toPlainString();
        }
        String mant = bd.unscaledValue().abs().toString();
        int exp = mant.length() - 1 - bd.scale();
        String m = mant.length() == 1 ? mant + ".0" : mant.charAt(0) + "." + mant.substring(1);
        return (v < 0 ? "-" : "") + m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
