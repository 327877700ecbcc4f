package dev.sieve.io;

import java.util.List;

/**
 * Options for reading structure files.
 *
 * @param format       format, or null to detect it from the file name
 * @param energyKey    extxyz header key holding the energy (default {@code energy})
 * @param vaspEnergy   which OUTCAR energy is the structure energy (default {@code energy(sigma->0)})
 * @param typeElements element of each LAMMPS atom type (type 1 first); empty = not given
 */
public record ReadOptions(Format format, String energyKey, VaspEnergy vaspEnergy, List<String> typeElements) {
    public static final ReadOptions DEFAULT = new ReadOptions(null, "energy", VaspEnergy.SIGMA0, List.of());

    public ReadOptions {
        energyKey = energyKey == null || energyKey.isBlank() ? "energy" : energyKey;
        vaspEnergy = vaspEnergy == null ? VaspEnergy.SIGMA0 : vaspEnergy;
        typeElements = typeElements == null ? List.of() : List.copyOf(typeElements);
    }

    public ReadOptions withFormat(Format f) {
        return new ReadOptions(f, energyKey, vaspEnergy, typeElements);
    }

    public ReadOptions withEnergyKey(String key) {
        return new ReadOptions(format, key, vaspEnergy, typeElements);
    }

    public ReadOptions withVaspEnergy(VaspEnergy v) {
        return new ReadOptions(format, energyKey, v, typeElements);
    }

    public ReadOptions withTypeElements(List<String> types) {
        return new ReadOptions(format, energyKey, vaspEnergy, types);
    }
}
