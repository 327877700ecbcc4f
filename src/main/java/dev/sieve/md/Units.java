package dev.sieve.md;

/** MD units: eV, Å, amu, fs, K. */
final class Units {
    private Units() {}

    /** Boltzmann constant, eV/K. */
    public static final double KB = 8.617333262e-5;
    /** One amu·Å²/fs² in eV. */
    public static final double MVV_TO_EV = 1.66053906660e-27 * 1e-20 / 1e-30 / 1.602176634e-19;
    /** Acceleration in Å/fs² per (eV/Å)/amu. */
    public static final double FORCE_TO_ACC = 1.0 / MVV_TO_EV;
    /** One eV/Å³ in bar. */
    public static final double EV_PER_A3_TO_BAR = 1.602176634e6;
}
