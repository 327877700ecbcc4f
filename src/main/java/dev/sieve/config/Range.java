package dev.sieve.config;

/**
 * The allowed values of a numeric setting: an interval with open or closed ends (infinite ends allowed), finite
 * values only unless {@link #ANY}. Its {@link #toString()} is the phrase of the one-line message, e.g. "{@code >= 1}"
 * or "{@code in [0, 1]}".
 */
public record Range(double min, boolean minOpen, double max, boolean maxOpen) {
    /** Every value, also infinite ones. */
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    public static Range atLeast(double min) {
        return new Range(min, false, Double.POSITIVE_INFINITY, true);
    }

    public static Range above(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, true);
    }

    /** [min, max]. */
    public static Range closed(double min, double max) {
        return new Range(min, false, max, false);
    }

    /** [min, max). */
    public static Range closedOpen(double min, double max) {
        return new Range(min, false, max, true);
    }

    /** (min, max]. */
    public static Range openClosed(double min, double max) {
        return new Range(min, true, max, false);
    }

    public boolean contains(double x) {
        if (this.equals(ANY)) {
            return !Double.isNaN(x);
        }
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return false;
        }
        return (minOpen ? x > min : x >= min) && (maxOpen ? x < max : x <= max);
    }

    @Override
    public String toString() {
        if (this.equals(ANY)) {
            return "a number";
        }
        if (Double.isInfinite(max)) {
            return (minOpen ? "> " : ">= ") + num(min);
        }
        return "in " + (minOpen ? "(" : "[") + num(min) + ", " + num(max) + (maxOpen ? ")" : "]");
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
