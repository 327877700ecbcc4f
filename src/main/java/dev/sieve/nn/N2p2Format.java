package dev.sieve.nn;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting shared by the n2p2 writers. */
final class N2p2Format {
    private N2p2Format() {}

    private static final MathContext MC17 = new MathContext(17, RoundingMode.HALF_EVEN);

    /**
     * C's {@code %24.16E}: 17 significant digits, exponent with sign and at least two digits, right-aligned in 24
     * characters. Uses the exact binary value rounded half-even (as glibc does), so the text reads back to the same
     * double.
     */
    static String e24(double v) {
        String s = e16(v);
        return s.length() >= 24 ? s : " ".repeat(24 - s.length()) + s;
    }

    /** {@code %.16E} without padding. */
    static String e16(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write non-finite value " + v);
        }
        if (v == 0.0) {
            return (1.0 / v < 0 ? "-" : "") + "0.0000000000000000E+00";
        }
        BigDecimal b = new BigDecimal(v).round(MC17);
        String digits = b.unscaledValue().abs().toString();
        // normalise to exactly 17 digits
        int exp = digits.length() - 1 - b.scale();
        if (digits.length() < 17) {
            digits = digits + "0".repeat(17 - digits.length());
        } else if (digits.length() > 17) {
            digits = digits.substring(0, 17);
        }
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0)).append('.').append(digits, 1, 17).append('E');
        sb.append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) {
            sb.append('0');
        }
        sb.append(ae);
        return sb.toString();
    }

    /** Accepts Fortran-style exponents ({@code 1.0D+00}) as written by some tools. */
    static String fortranExponent(String s) {
        return s.indexOf('D') >= 0 || s.indexOf('d') >= 0 ? s.replace('D', 'E').replace('d', 'e') : s;
    }
}
