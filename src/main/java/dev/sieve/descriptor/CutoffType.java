package dev.sieve.descriptor;

import java.util.Locale;

/**
 * n2p2 cutoff functions. With the inner cutoff fraction alpha, x = (r - alpha rc)/(rc - alpha rc);
 * f = 1 for r < alpha rc and f = 0 for r >= rc.
 */
public enum CutoffType {
    COS(1, "cos"),
    TANHU(2, "tanhu"),
    TANH(3, "tanh"),
    EXP(4, "exp"),
    POLY1(5, "poly1"),
    POLY2(6, "poly2"),
    POLY3(7, "poly3"),
    POLY4(8, "poly4");

    private final int code;
    private final String label;

    CutoffType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** n2p2's number for {@code cutoff_type}. */
    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static CutoffType ofCode(int code) {
        for (CutoffType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown cutoff type " + code + " (expected 1-8)");
    }

    /** By label ("cos", "poly2", ...) or n2p2 number ("1".."8"). */
    public static CutoffType parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (CutoffType c : values()) {
            if (c.label.equals(t) || String.valueOf(c.code).equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cutoff type '" + s + "' (expected cos, tanhu, tanh, exp, poly1-4 or 1-8)");
    }
}
