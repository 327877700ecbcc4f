package dev.sieve.core;

/**
 * Physical constants and unit conversions, declared once. Sieve works in eV, Å, amu, fs and K.
 *
 * <p><b>Two Bohr/Hartree conversions, on purpose.</b> {@link #BOHR_PER_ANGSTROM} and {@link #HARTREE_PER_EV} are
 * derived from the CODATA 2018 Bohr radius and Hartree energy; Sieve's own physics (the Kalman filter's n2p2-style
 * error scaling) uses them. n2p2 itself does not fix a conversion: its users pass one to LAMMPS
 * ({@code pair_style nnp ... cflength 1.8897261328 cfenergy 0.0367493254}, the example in n2p2's and LAMMPS's
 * {@code pair_style nnp}/{@code hdnnp} documentation), and those ten-digit values (CODATA 2006: 1 / 0.52917720859
 * and 1 / 27.21138386, rounded) are also what n2p2 data sets in atomic units are commonly converted with. Sieve reads
 * and writes n2p2 model directories and {@code input.nn} files in Bohr/Hartree ({@code @bohr},
 * {@code --length-unit bohr}, {@code --energy-unit hartree}, exported {@code cflength}/{@code cfenergy}) with those
 * values, {@link #N2P2_BOHR_PER_ANGSTROM} and {@link #N2P2_HARTREE_PER_EV}, so that its numbers agree with n2p2 and
 * LAMMPS runs set up the documented way and stay bit-identical to earlier Sieve output. They differ from the CODATA
 * 2018 values by about 4e-9 (Bohr) and 9e-8 (Hartree) relative.
 */
public final class Units {
    private Units() {}

    // ------------------------------------------------------------ CODATA 2018

    /** Bohr radius a0 in Å (CODATA 2018). */
    public static final double BOHR_RADIUS_ANGSTROM = 0.529177210903;
    /** Hartree energy E_h in eV (CODATA 2018). */
    public static final double HARTREE_EV = 27.211386245988;
    /** Bohr per Å, 1 / a0 (CODATA 2018). */
    public static final double BOHR_PER_ANGSTROM = 1.0 / BOHR_RADIUS_ANGSTROM;
    /** Hartree per eV, 1 / E_h (CODATA 2018). */
    public static final double HARTREE_PER_EV = 1.0 / HARTREE_EV;

    /** Elementary charge in C (exact, SI 2019); one eV in J. */
    public static final double ELEMENTARY_CHARGE = 1.602176634e-19;
    /** Atomic mass constant in kg (CODATA 2018). */
    public static final double AMU_KG = 1.66053906660e-27;
    /** Boltzmann constant, eV/K (CODATA 2018). */
    public static final double KB = 8.617333262e-5;

    // ------------------------------------------------------------ n2p2 file conventions (see the class comment)

    /** Bohr per Å as used for n2p2 files in atomic units: 1.8897261328 (n2p2/LAMMPS {@code cflength} example). */
    public static final double N2P2_BOHR_PER_ANGSTROM = 1.8897261328;
    /** Hartree per eV as used for n2p2 files in atomic units: 0.0367493254 (n2p2/LAMMPS {@code cfenergy} example). */
    public static final double N2P2_HARTREE_PER_EV = 0.0367493254;

    // ------------------------------------------------------------ MD units (eV, Å, amu, fs, K)

    /** One amu·Å²/fs² in eV. */
    public static final double MVV_TO_EV = AMU_KG * 1e-20 / 1e-30 / ELEMENTARY_CHARGE;
    /** Acceleration in Å/fs² per (eV/Å)/amu. */
    public static final double FORCE_TO_ACC = 1.0 / MVV_TO_EV;
    /** One eV/Å³ in bar (e · 1e30 Pa / 1e5 Pa/bar, written out so the value is the exact decimal). */
    public static final double EV_PER_A3_TO_BAR = 1.602176634e6;
}
