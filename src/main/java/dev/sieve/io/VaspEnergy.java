package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import java.util.Locale;

/**
 * Which OUTCAR energy becomes {@link dev.sieve.structure.Structure#energy()}. The default is
 * {@link #SIGMA0}, VASP's {@code energy(sigma->0)}, which is what ASE returns as the potential energy;
 * the other two are kept as tags {@code free_energy} (TOTEN), {@code energy_sigma0} and
 * {@code energy_without_entropy}.
 */
public enum VaspEnergy {
    /** {@code energy(sigma->0)}: the zero-smearing extrapolation (ASE's {@code energy}). */
    SIGMA0("sigma0"),
    /** {@code free  energy   TOTEN}: the Mermin free energy (ASE's {@code free_energy}). */
    TOTEN("toten"),
    /** {@code energy  without entropy}. */
    WITHOUT_ENTROPY("without-entropy");

    private final String id;

    VaspEnergy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static VaspEnergy parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        for (VaspEnergy v : values()) {
            if (v.id.equals(n)) {
                return v;
            }
        }
        if (n.equals("free") || n.equals("free_energy")) {
            return TOTEN;
        }
        throw new InputException("unknown VASP energy "
                + Messages.quote(s) + "; expected sigma0, toten or without-entropy");
    }
}
