package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
/** Strict number parsing and exact formatting for structure files. */
final class Numbers {
    private Numbers() {}

    /**
     * Parses {@code s[start, end)} as a finite double. Rejects NaN, infinities and Java-only forms
     * such as {@code 1.0d}; the error names the field and the bad text.
     */
    static double parse(String s, int start, int end, String file, long line, String what) {
        if (start < end) {
            char last = s.charAt(end - 1);
            if ((last >= '0' && last <= '9') || last == '.') {
                char first = s.charAt(start);
                if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.') {
                    try {
                        double v = Double.parseDouble(s.substring(start, end));
                        if (Double.isFinite(v)) {
                            return v;
                        }
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
            }
        }
        throw new InputException(file, line, "expected a finite number for " + what + ", got "
                + Messages.quote(s.substring(start, end)));
    }

    static double parse(String s, String file, long line, String what) {
        String t = s.strip();
        return parse(t, 0, t.length(), file, line, what);
    }

    static int parseInt(String s, int start, int end, String file, long line, String what) {
        try {
            return Integer.parseInt(s, start, end, 10);
        } catch (NumberFormatException e) {
            throw new InputException(file, line, "expected an integer for " + what + ", got "
                + Messages.quote(s.substring(start, end)));
        }
    }

    /** Shortest text that parses back to exactly {@code v}. */
    static String format(double v) {
        return Double.toString(v);
    }
}
