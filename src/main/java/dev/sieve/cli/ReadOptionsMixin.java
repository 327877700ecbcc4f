package dev.sieve.cli;

import dev.sieve.io.Format;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.VaspEnergy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Command-line options that control how structure files are read. */
final class ReadOptionsMixin {
    @Option(names = "--from", paramLabel = "FMT",
        description = "Input format: n2p2, extxyz, outcar, mlearn, lammps-dump, lammps-data "
            + "(default: from the file name; .gz is read transparently).")
    String from;

    @Option(names = "--types", paramLabel = "EL[,EL...]", split = ",",
        description = "Elements of the LAMMPS atom types 1, 2, ... in order, e.g. Al or Cu,S "
            + "(needed for LAMMPS dumps; data files fall back to their Masses section).")
    List<String> types = new ArrayList<>();

    @Option(names = "--energy-key", paramLabel = "KEY", defaultValue = "energy",
        description = "extxyz header key that holds the energy, e.g. free_energy (default: ${DEFAULT-VALUE}).")
    String energyKey;

    @Option(names = "--vasp-energy", paramLabel = "WHICH", defaultValue = "sigma0",
        description = "OUTCAR energy to use: sigma0 = energy(sigma->0) as ASE, toten = free energy TOTEN, "
            + "without-entropy (default: ${DEFAULT-VALUE}).")
    String vaspEnergy;

    public ReadOptions toReadOptions() {
        List<String> t = types.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        dev.sieve.io.StructureIO.validateTypes(t);
        return new ReadOptions(from == null ? null : Format.parse(from), energyKey, VaspEnergy.parse(vaspEnergy), t);
    }
}
