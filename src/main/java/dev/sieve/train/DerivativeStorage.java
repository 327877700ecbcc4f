package dev.sieve.train;

import dev.sieve.core.SettingException;

/**
 * Where force training keeps the symmetry-function derivatives of the force atoms.
 *
 * <ul>
 *   <li>{@code STORED}: computed once and kept (single precision, about force atoms x (neighbours + 1) x SFs x 12
 *       bytes per structure): fastest, but 1 M force atoms with thesis22 need about 20 GB.</li>
 *   <li>{@code ON_THE_FLY}: only the pair structure is kept (which atom's features depend on which force atom,
 *       12 bytes per pair); the derivative blocks of a structure are recomputed each time a loss, gradient or
 *       Kalman/LM row needs them, bit-identical to the stored ones.</li>
 *   <li>{@code AUTO}: on the fly when the stored blocks, estimated from a sample of the structures, would take
 *       more than 40 % of the maximum heap.</li>
 * </ul>
 */
enum DerivativeStorage {
    AUTO, STORED, ON_THE_FLY;

    /** Parses auto, stored or on-the-fly (case-insensitive), naming the option on a bad value. */
    public static DerivativeStorage parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "stored":
                return STORED;
            case "on-the-fly":
                return ON_THE_FLY;
            default:
                throw new SettingException("derivatives", "must be auto, stored or on-the-fly, got '" + s + "'");
        }
    }

    /** Share of the maximum heap the stored blocks may take under AUTO. */
    static final double AUTO_HEAP_SHARE = 0.4;
}
